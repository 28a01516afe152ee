"""The sheet of stations (接待站) and contact points (联络点)."""

from import_export import fields

from deputies.models import Station, StationLevel
from deputies.resources.cells import ChoiceWidget, NameWidget, TextWidget
from deputies.resources.township import TownshipInstanceLoader, TownshipResource


class StationResource(TownshipResource):
    name = fields.Field(attribute="name", column_name="名称", widget=NameWidget())
    level = fields.Field(
        attribute="level",
        column_name="级别",
        widget=ChoiceWidget(
            {
                "镇级接待站": StationLevel.TOWN,
                "接待站": StationLevel.TOWN,
                "镇级": StationLevel.TOWN,
                "村级联络点": StationLevel.VILLAGE,
                "联络点": StationLevel.VILLAGE,
                "村级": StationLevel.VILLAGE,
            }
        ),
    )
    address = fields.Field(attribute="address", column_name="地址", widget=TextWidget())
    opening_rules = fields.Field(attribute="opening_rules", column_name="开放时间", widget=TextWidget())

    class Meta:
        model = Station
        import_id_fields = ("name",)
        fields = ("name", "level", "address", "opening_rules")
        skip_unchanged = True
        skip_html_diff = True  # the preview shows its own cells (resources/preview.py), not the admin's diff
        report_skipped = True
        clean_model_instances = True
        instance_loader_class = TownshipInstanceLoader
