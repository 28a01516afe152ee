"""Spreadsheet import and export of the register (django-import-export), with the headers offices write."""

from collections.abc import Callable

import tablib
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets
from import_export.instance_loaders import ModelInstanceLoader

from congress.models import Department, DepartmentKind, Township
from deputies.models import (
    Deputy,
    DeputyLevel,
    DeputyStatus,
    Gender,
    GroupBasis,
    LargeGroup,
    SmallGroup,
    Station,
    StationLevel,
)
from deputies.services.register import group_membership_sync
from deputies.spreadsheets import clean_bool, clean_date, clean_name, clean_phone, clean_text

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def escape_formula(value):
    """Keep a cell such as =HYPERLINK(…) from running when the sheet is opened (CSV/formula injection)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def mask_phone(phone: str) -> str:
    """139****5678: enough to recognise a number, not enough to call it."""
    if len(phone) >= 7:
        return f"{phone[:3]}****{phone[-4:]}"
    return "****" if phone else ""


class TextWidget(widgets.CharWidget):
    def clean(self, value, row=None, **kwargs):
        return clean_text(value)


class NameWidget(widgets.CharWidget):
    def clean(self, value, row=None, **kwargs):
        return clean_name(value)


class PhoneWidget(widgets.CharWidget):
    def clean(self, value, row=None, **kwargs):
        return clean_phone(value)


class DateWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        return clean_date(value)

    def render(self, value, obj=None, **kwargs):
        return value.strftime("%Y-%m-%d") if value else ""


class YesNoWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        return clean_bool(value)

    def render(self, value, obj=None, **kwargs):
        return "是" if value else "否"


class ChoiceWidget(widgets.Widget):
    """A choice written in words: each accepted spelling maps to a stored value; rendered as the first spelling."""

    def __init__(self, spellings: dict[str, str], *, default: str | None = None, label: str = "") -> None:
        self.spellings = spellings
        self.default = default
        self.label = label

    def clean(self, value, row=None, **kwargs):
        text = clean_name(value)
        if not text and self.default is not None:
            return self.default
        if text in self.spellings:
            return self.spellings[text]
        accepted = "、".join(dict.fromkeys(k for k in self.spellings if k))
        raise ValueError(_("“%(value)s” is not one of: %(accepted)s.") % {"value": text, "accepted": accepted})

    def render(self, value, obj=None, **kwargs):
        return next((k for k, v in self.spellings.items() if v == value), value or "")


class EthnicityWidget(widgets.CharWidget):
    def clean(self, value, row=None, **kwargs):
        text = clean_name(value)
        if text and not text.endswith("族"):
            text += "族"
        return text or "汉族"


class TownshipForeignKeyWidget(widgets.Widget):
    """A row of this township named in a cell; the names are read once per import, not once per row."""

    def __init__(self, queryset, *, label: str) -> None:
        self.queryset = queryset
        self.label = label
        self._by_name: dict[str, object] | None = None

    def clean(self, value, row=None, **kwargs):
        name = clean_name(value)
        if not name:
            return None
        if self._by_name is None:
            self._by_name = {clean_name(obj.name): obj for obj in self.queryset}
        if name not in self._by_name:
            raise ValueError(
                _("%(what)s “%(name)s” does not exist in this township.") % {"what": self.label, "name": name}
            )
        return self._by_name[name]

    def render(self, value, obj=None, **kwargs):
        return value.name if value else ""


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


class TownshipInstanceLoader(ModelInstanceLoader):
    """Finds each row's existing record in one query for the whole sheet, not one query per row."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        id_fields = [self.resource.fields[name] for name in self.resource.get_import_id_fields()]
        self.id_fields = id_fields
        self.by_key = {tuple(getattr(obj, field.attribute) for field in id_fields): obj for obj in self.get_queryset()}

    def get_instance(self, row):
        return self.by_key.get(tuple(field.clean(row) for field in self.id_fields))


class TownshipResource(resources.ModelResource):
    """A register resource scoped to one township: reads and writes only that township's rows."""

    # Told the number of rows read so far after each row, valid or not: a background import's progress.
    on_row: Callable[[int], None] | None = None

    def __init__(self, *, township: Township, mask_phones: bool = False) -> None:
        self.township = township
        self.mask_phones = mask_phones
        super().__init__()

    def import_row(self, row, instance_loader, **kwargs):
        row_result = super().import_row(row, instance_loader, **kwargs)
        if self.on_row is not None:
            self.on_row(kwargs["row_number"])
        return row_result

    def get_queryset(self):
        return self._meta.model.objects.for_township(self.township)

    def get_instance(self, instance_loader, row):
        return instance_loader.get_instance(row)

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        """full_clean without re-reading the township and the related rows the widgets already found."""
        errors = dict(import_validation_errors or {})
        try:
            instance.clean_fields(exclude=[*errors, *self.trusted_relations])
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        try:
            instance.clean()
            instance.validate_constraints()
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    # Foreign keys set from rows this township owns (by the widgets or init_instance): nothing to re-check.
    trusted_relations = ("township",)

    def init_instance(self, row=None):
        return self._meta.model(township=self.township)

    def column_for(self, attribute: str) -> str:
        field = self.fields.get(attribute)
        return field.column_name if field else attribute

    def headers(self) -> list[str]:
        return [field.column_name for field in self.get_export_fields()]

    def export(self, queryset=None, **kwargs):
        """Export with every text cell that a spreadsheet would run as a formula made plain text."""
        dataset = super().export(queryset=queryset, **kwargs)
        escaped = tablib.Dataset(headers=dataset.headers)
        for row in dataset:
            escaped.append([escape_formula(cell) for cell in row])
        return escaped


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


class LargeGroupResource(TownshipResource):
    name = fields.Field(attribute="name", column_name="大组名称", widget=NameWidget())
    order = fields.Field(attribute="order", column_name="排序", widget=widgets.IntegerWidget())

    class Meta:
        model = LargeGroup
        import_id_fields = ("name",)
        fields = ("name", "order")
        skip_unchanged = True
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
        report_skipped = True
        clean_model_instances = True
        instance_loader_class = TownshipInstanceLoader

    def __init__(self, *, township: Township, mask_phones: bool = False) -> None:
        super().__init__(township=township, mask_phones=mask_phones)
        self.fields["large_group"].widget = TownshipForeignKeyWidget(
            LargeGroup.objects.for_township(township), label=_("Large group")
        )


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
        report_skipped = True
        clean_model_instances = True
        instance_loader_class = TownshipInstanceLoader


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
        report_skipped = True
        clean_model_instances = True
        instance_loader_class = TownshipInstanceLoader
