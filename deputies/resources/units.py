"""The sheet of handling units (承办单位): the town's departments and village committees."""

from import_export import fields

from congress.models import Department, DepartmentKind
from deputies.resources.cells import ChoiceWidget, NameWidget, PhoneWidget
from deputies.resources.township import TownshipInstanceLoader, TownshipResource


class DepartmentResource(TownshipResource):
    name = fields.Field(attribute="name", column_name="单位名称", widget=NameWidget())
    kind = fields.Field(
        attribute="kind",
        column_name="类别",
        widget=ChoiceWidget(
            {
                "镇属部门": DepartmentKind.TOWN_DEPARTMENT,
                "部门": DepartmentKind.TOWN_DEPARTMENT,
                "村（社区）委员会": DepartmentKind.VILLAGE_COMMITTEE,
                "村委会": DepartmentKind.VILLAGE_COMMITTEE,
                "社区": DepartmentKind.VILLAGE_COMMITTEE,
            },
            default=DepartmentKind.TOWN_DEPARTMENT,
        ),
    )
    head = fields.Field(attribute="head", column_name="负责人", widget=NameWidget())
    contact_person = fields.Field(attribute="contact_person", column_name="联系人", widget=NameWidget())
    phone = fields.Field(attribute="phone", column_name="联系电话", widget=PhoneWidget())

    class Meta:
        model = Department
        import_id_fields = ("name",)
        fields = ("name", "kind", "head", "contact_person", "phone")
        skip_unchanged = True
        skip_html_diff = True  # the preview shows its own cells (resources/preview.py), not the admin's diff
        report_skipped = True
        clean_model_instances = True
        instance_loader_class = TownshipInstanceLoader
