"""The deputies' sheet: one row per deputy, found again by name and date of birth."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from import_export import fields

from congress.models import Township
from congress.validators import BIRTH
from deputies.models import Deputy, DeputyStatus, Gender, LargeGroup, SmallGroup
from deputies.resources.cells import (
    ChoiceWidget,
    DateWidget,
    EthnicityWidget,
    NameWidget,
    PhoneWidget,
    SectorWidget,
    TermWidget,
    TextWidget,
    TownshipForeignKeyWidget,
    YesNoWidget,
    mask_address,
    mask_phone,
)
from deputies.resources.levels import LevelWidget
from deputies.resources.plan import PHONE_COLUMN, GroupPlan, group_plan, phone_key, rows_by_phone
from deputies.resources.township import TownshipInstanceLoader, TownshipResource
from deputies.sectors import SectorMatcher
from deputies.selectors.register import deputy_phones, sectors_in_use
from deputies.selectors.terms import current_term_number
from deputies.services.register import deputies_bulk_write, small_groups_create
from deputies.spreadsheets import SheetError, clean_name

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
    birth_date = fields.Field(attribute="birth_date", column_name="出生年月", widget=DateWidget(BIRTH))
    level = fields.Field(attribute="level", column_name="代表层级", widget=LevelWidget())
    party = fields.Field(attribute="party", column_name="政治面貌", widget=TextWidget())
    constituency = fields.Field(attribute="constituency", column_name="选区", widget=TextWidget())
    village = fields.Field(attribute="village", column_name="村/社区", widget=TextWidget())
    sector = fields.Field(attribute="sector", column_name="界别", widget=SectorWidget())
    occupation = fields.Field(attribute="occupation", column_name="职业", widget=TextWidget())
    work_unit = fields.Field(attribute="work_unit", column_name="工作单位及职务", widget=TextWidget())
    is_village_cadre = fields.Field(attribute="is_village_cadre", column_name="是否村干部", widget=YesNoWidget())
    public_employee = fields.Field(attribute="public_employee", column_name="公职人员", widget=YesNoWidget())
    phone = fields.Field(attribute="phone", column_name="联系电话", widget=PhoneWidget())
    address = fields.Field(attribute="address", column_name="家庭住址", widget=TextWidget())
    lives_far = fields.Field(attribute="lives_far", column_name="离家较远", widget=YesNoWidget())
    # An empty cell leaves the term as it is: the town's current term for a new deputy.
    term = fields.Field(attribute="term", column_name="届别", widget=TermWidget(), saves_null_values=False)
    status = fields.Field(
        attribute="status", column_name="状态", widget=ChoiceWidget(STATUSES, default=DeputyStatus.SERVING)
    )
    small_group = fields.Field(attribute="small_group", column_name="所属小组")
    # Read only to place the small groups the town lacks; a deputy belongs to a large group through their small one.
    large_group = fields.Field(column_name="代表大组")

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
            "public_employee",
            "phone",
            "address",
            "lives_far",
            "term",
            "status",
            "small_group",
            "large_group",
        )
        skip_unchanged = True
        skip_html_diff = True  # the preview shows its own cells (resources/preview.py), not the admin's diff
        report_skipped = True
        clean_model_instances = True
        instance_loader_class = TownshipInstanceLoader
        # Rows are written in a few queries at the end of the sheet (or of a preview's part), not one by one.
        use_bulk = True
        batch_size = None

    def __init__(self, *, township: Township, mask_phones: bool = False) -> None:
        super().__init__(township=township, mask_phones=mask_phones)
        self.fields["small_group"].widget = TownshipForeignKeyWidget(
            SmallGroup.objects.for_township(township), label=_("Small group")
        )
        self.fields["sector"].widget = SectorWidget()
        self.current_term = current_term_number(township=township)
        self.plan = GroupPlan([], [])
        self.has_term_column = False
        self._seen: dict[tuple, int] = {}
        self._phone_rows: dict[str, list[int]] = {}
        self._phone_owners: dict[str, list[tuple[int, str]]] = {}

    def before_import(self, dataset, **kwargs):
        # A preview in parts: the rows seen, the phones and the new groups are the whole sheet's.
        whole = self.whole(dataset)
        self.fields["small_group"].widget.reset()
        self.has_term_column = "届别" in (dataset.headers or [])
        if self.row_offset == 0:  # read once for the whole sheet, not again for each part of a preview
            self._seen = {}
            self._phone_rows = rows_by_phone(whole)
            self._phone_owners = {}
            for pk, name, phone in deputy_phones(township=self.township):
                self._phone_owners.setdefault(phone_key(phone), []).append((pk, name))
            sectors = self.fields["sector"].widget
            sectors.matcher = SectorMatcher(sectors_in_use(township=self.township))
            sectors.allow_new = self.choices.confirm_new_sectors or self.choices.preview
        self._groups_create(whole)

    def _groups_create(self, dataset) -> None:
        """Create the groups the sheet names and the town lacks, in the import's transaction (a preview's is
        rolled back): the rows naming them then find them like any other of the town's groups."""
        widget = self.fields["small_group"].widget
        if self.row_offset == 0:  # each part of a preview starts from the same town: the plan stays the whole sheet's
            large_names = set(LargeGroup.objects.for_township(self.township).values_list("name", flat=True))
            self.plan = group_plan(dataset, small_groups=set(widget._names()), large_groups=large_names)
        if not self.plan.small_groups:
            return
        chosen = self._chosen_large_group() if self.plan.needs_large_group else ""
        groups = {group.name: group.large_group or chosen for group in self.plan.small_groups}
        for group in small_groups_create(township=self.township, groups=groups):
            widget.add(group)

    def _chosen_large_group(self) -> str:
        """The name of the large group the office chose for new small groups the sheet places in none."""
        if clean_name(self.choices.new_large_group):
            return clean_name(self.choices.new_large_group)
        if self.choices.large_group_id is not None:
            chosen = LargeGroup.objects.for_township(self.township).filter(pk=self.choices.large_group_id).first()
            if chosen is None:
                raise SheetError(_("The large group chosen for the new small groups no longer exists."))
            return chosen.name
        if self.choices.preview:  # a stand-in until the office chooses; the preview's transaction is rolled back
            first = LargeGroup.objects.for_township(self.township).first()
            return first.name if first else str(_("New large group"))
        raise SheetError(_("Choose the large group the new small groups join, or type the name of a new one."))

    def after_init_instance(self, instance, new, row, **kwargs):
        if new and self.current_term is not None:
            instance.term = self.current_term

    def import_instance(self, instance, row, **kwargs):
        number = (kwargs.get("row_number") or 0) + self.row_offset
        errors: dict[str, list[str]] = {}
        key = (clean_name(row.get("姓名")), str(row.get("出生年月") or ""))
        if key in self._seen and key[0]:
            errors["name"] = [_("This person appears twice in the file.")]
        self._seen[key] = number
        phone_problem = self._phone_problem(instance, row, number)
        if phone_problem:
            errors["phone"] = [phone_problem]
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    def _phone_problem(self, instance, row, number) -> str | None:
        """A phone also written on other rows of the sheet, or the phone of another deputy of the town."""
        phone = phone_key(row.get(PHONE_COLUMN))
        if not phone:
            return None
        others = [str(self.header_row + n) for n in self._phone_rows.get(phone, []) if n != number]
        if others:
            return _("The same phone is also written on row %(rows)s of the file; each deputy needs their own.") % {
                "rows": "、".join(others)
            }
        owners = [name for pk, name in self._phone_owners.get(phone, []) if pk != instance.pk]
        if owners:
            return _("This phone is already the phone of %(name)s, another deputy of this township.") % {
                "name": "、".join(owners)
            }
        return None

    trusted_relations = ("township", "small_group")
    loader_checked_fields = ("name", "birth_date")  # deputy_unique_person: the loader and _seen check it

    def bulk_create(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        self._bulk_write(created=self.create_instances, updated=[], raise_errors=raise_errors, result=result)

    def bulk_update(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        self._bulk_write(created=[], updated=self.update_instances, raise_errors=raise_errors, result=result)

    def _bulk_write(self, *, created: list, updated: list, raise_errors: bool, result) -> None:
        """The sheet's rows in bulk, with their history and group memberships (save() and its signals skipped)."""
        if not created and not updated:
            return
        ids = set(self.get_import_id_fields())
        fields = [f.attribute for name, f in self.fields.items() if f.attribute and name not in ids]
        try:
            deputies_bulk_write(created=list(created), updated=list(updated), fields=fields)
        except Exception as error:
            self.handle_import_error(result, error, raise_errors)
        finally:
            created.clear()
            updated.clear()

    def dehydrate_phone(self, deputy: Deputy) -> str:
        return mask_phone(deputy.phone) if self.mask_phones else deputy.phone

    def dehydrate_address(self, deputy: Deputy) -> str:
        # The home address goes with the phone: in full for the office, the house hidden for everyone else.
        return mask_address(deputy.address) if self.mask_phones else deputy.address

    def cell_note(self, column: str, value) -> str:
        matcher = self.fields["sector"].widget.matcher
        if column == "界别" and value and matcher is not None and matcher.match(value)[1]:
            return _("new sector")
        if column == "所属小组" and value and value.name in {group.name for group in self.plan.small_groups}:
            return _("new group")
        return ""

    def new_sectors(self, dataset) -> dict[str, list[int]]:
        matcher = self.fields["sector"].widget.matcher
        if matcher is None or "界别" not in (dataset.headers or []):
            return {}
        found: dict[str, list[int]] = {}
        for number, row in enumerate(dataset.dict, start=1):
            name, new = matcher.match(clean_name(row.get("界别")))
            if new:
                found.setdefault(name, []).append(number)
        return found

    def dehydrate_large_group(self, deputy: Deputy) -> str:
        return deputy.small_group.large_group.name if deputy.small_group else ""
