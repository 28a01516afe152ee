"""The deputies' sheet: one row per deputy, found again by name and date of birth."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from import_export import fields, widgets

from congress.models import Township
from deputies.models import Deputy, DeputyLevel, DeputyStatus, Gender, SmallGroup
from deputies.resources.cells import (
    ChoiceWidget,
    DateWidget,
    EthnicityWidget,
    NameWidget,
    PhoneWidget,
    TextWidget,
    TownshipForeignKeyWidget,
    YesNoWidget,
    mask_phone,
)
from deputies.resources.township import TownshipInstanceLoader, TownshipResource
from deputies.services.register import group_membership_sync
from deputies.spreadsheets import clean_name

LEVELS = {
    "镇级": DeputyLevel.TOWN,
    "镇": DeputyLevel.TOWN,
    "镇人大代表": DeputyLevel.TOWN,
    "乡级": DeputyLevel.TOWN,
    "乡人大代表": DeputyLevel.TOWN,
    "县级": DeputyLevel.COUNTY,
    "县": DeputyLevel.COUNTY,
    "县人大代表": DeputyLevel.COUNTY,
    "县镇两级": DeputyLevel.BOTH,
    "县、镇两级": DeputyLevel.BOTH,
    "两级": DeputyLevel.BOTH,
    "县级、镇级": DeputyLevel.BOTH,
    "县镇": DeputyLevel.BOTH,
}
GENDERS = {"男": Gender.MALE, "女": Gender.FEMALE, "M": Gender.MALE, "F": Gender.FEMALE}
STATUSES = {
    "在任": DeputyStatus.SERVING,
    "履职中": DeputyStatus.SERVING,
    "届满": DeputyStatus.ENDED,
    "离任": DeputyStatus.ENDED,
}


class DeputyResource(TownshipResource):
    name = fields.Field(attribute="name", column_name="姓名", widget=NameWidget())
    gender = fields.Field(attribute="gender", column_name="性别", widget=ChoiceWidget(GENDERS))
    ethnicity = fields.Field(attribute="ethnicity", column_name="民族", widget=EthnicityWidget())
    birth_date = fields.Field(attribute="birth_date", column_name="出生年月", widget=DateWidget())
    level = fields.Field(
        attribute="level", column_name="代表层级", widget=ChoiceWidget(LEVELS, default=DeputyLevel.TOWN)
    )
    party = fields.Field(attribute="party", column_name="政治面貌", widget=TextWidget())
    constituency = fields.Field(attribute="constituency", column_name="选区", widget=TextWidget())
    village = fields.Field(attribute="village", column_name="村/社区", widget=TextWidget())
    sector = fields.Field(attribute="sector", column_name="界别", widget=TextWidget())
    occupation = fields.Field(attribute="occupation", column_name="职业", widget=TextWidget())
    work_unit = fields.Field(attribute="work_unit", column_name="工作单位及职务", widget=TextWidget())
    is_village_cadre = fields.Field(attribute="is_village_cadre", column_name="是否村干部", widget=YesNoWidget())
    phone = fields.Field(attribute="phone", column_name="联系电话", widget=PhoneWidget())
    address = fields.Field(attribute="address", column_name="家庭住址", widget=TextWidget())
    lives_far = fields.Field(attribute="lives_far", column_name="离家较远", widget=YesNoWidget())
    term = fields.Field(attribute="term", column_name="届别", widget=widgets.IntegerWidget())
    status = fields.Field(
        attribute="status", column_name="状态", widget=ChoiceWidget(STATUSES, default=DeputyStatus.SERVING)
    )
    small_group = fields.Field(attribute="small_group", column_name="所属小组")

    class Meta:
        model = Deputy
        import_id_fields = ("name", "birth_date")
        fields = (
            "name",
            "gender",
            "ethnicity",
            "birth_date",
            "level",
            "party",
            "constituency",
            "village",
            "sector",
            "occupation",
            "work_unit",
            "is_village_cadre",
            "phone",
            "address",
            "lives_far",
            "term",
            "status",
            "small_group",
        )
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True
        instance_loader_class = TownshipInstanceLoader
        use_bulk = False

    def __init__(self, *, township: Township, mask_phones: bool = False) -> None:
        super().__init__(township=township, mask_phones=mask_phones)
        self.fields["small_group"].widget = TownshipForeignKeyWidget(
            SmallGroup.objects.for_township(township), label=_("Small group")
        )
        self._seen: dict[tuple, int] = {}

    def before_import(self, dataset, **kwargs):
        self._seen = {}

    def import_instance(self, instance, row, **kwargs):
        key = (clean_name(row.get("姓名")), str(row.get("出生年月") or ""))
        number = kwargs.get("row_number")
        if key in self._seen and key[0]:
            raise ValidationError({"name": _("This person appears twice in the file.")})
        self._seen[key] = number
        super().import_instance(instance, row, **kwargs)

    trusted_relations = ("township", "small_group")

    def before_save_instance(self, instance, row, **kwargs):
        instance._imported_as_new = instance.pk is None

    def after_save_instance(self, instance, row, **kwargs):
        group_membership_sync(deputy=instance, created=instance._imported_as_new)

    def dehydrate_phone(self, deputy: Deputy) -> str:
        return mask_phone(deputy.phone) if self.mask_phones else deputy.phone
