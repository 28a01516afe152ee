"""The large and small groups' sheets."""

from django.utils.translation import gettext as _
from import_export import fields, widgets

from congress.models import Township
from deputies.models import GroupBasis, LargeGroup, SmallGroup
from deputies.resources.cells import ChoiceWidget, NameWidget, TownshipForeignKeyWidget
from deputies.resources.township import TownshipInstanceLoader, TownshipResource


class LargeGroupResource(TownshipResource):
    name = fields.Field(attribute="name", column_name="大组名称", widget=NameWidget())
    order = fields.Field(attribute="order", column_name="排序", widget=widgets.IntegerWidget())

    class Meta:
        model = LargeGroup
        import_id_fields = ("name",)
        fields = ("name", "order")
        skip_unchanged = True
        skip_html_diff = True  # the preview shows its own cells (resources/preview.py), not the admin's diff
        report_skipped = True
        clean_model_instances = True
        instance_loader_class = TownshipInstanceLoader


class SmallGroupResource(TownshipResource):
    trusted_relations = ("township", "large_group")

    name = fields.Field(attribute="name", column_name="小组名称", widget=NameWidget())
    large_group = fields.Field(attribute="large_group", column_name="所属大组")
    basis = fields.Field(
        attribute="basis",
        column_name="划分方式",
        widget=ChoiceWidget(
            {
                "按村": GroupBasis.VILLAGE,
                "按村别": GroupBasis.VILLAGE,
                "按界别": GroupBasis.SECTOR,
                "界别": GroupBasis.SECTOR,
            },
            default=GroupBasis.VILLAGE,
        ),
    )
    order = fields.Field(attribute="order", column_name="排序", widget=widgets.IntegerWidget())

    class Meta:
        model = SmallGroup
        import_id_fields = ("name",)
        fields = ("name", "large_group", "basis", "order")
        skip_unchanged = True
        skip_html_diff = True  # the preview shows its own cells (resources/preview.py), not the admin's diff
        report_skipped = True
        clean_model_instances = True
        instance_loader_class = TownshipInstanceLoader

    def __init__(self, *, township: Township, mask_phones: bool = False) -> None:
        super().__init__(township=township, mask_phones=mask_phones)
        self.fields["large_group"].widget = TownshipForeignKeyWidget(
            LargeGroup.objects.for_township(township), label=_("Large group")
        )
