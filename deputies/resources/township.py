"""The register resource scoped to one township, and its loader that finds a sheet's existing rows at once."""

from collections.abc import Callable
from dataclasses import dataclass

import tablib
from django.core.exceptions import ValidationError
from import_export import resources
from import_export.instance_loaders import ModelInstanceLoader

from congress.models import Township


class TownshipInstanceLoader(ModelInstanceLoader):
    """Finds each row's existing record in one query for the whole sheet, not one query per row."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        id_fields = [self.resource.fields[name] for name in self.resource.get_import_id_fields()]
        self.id_fields = id_fields
        self.by_key = {tuple(getattr(obj, field.attribute) for field in id_fields): obj for obj in self.get_queryset()}

    def get_instance(self, row):
        try:
            key = tuple(field.clean(row) for field in self.id_fields)
        except ValueError:
            return None  # a new row, then: the cell's own check names its column
        return self.by_key.get(key)


@dataclass(frozen=True)
class ImportChoices:
    """What the office chose on the preview: the large group new small groups join (one of the town's, or the
    name of a new one), and whether sectors new to the town are added. A preview has not chosen yet."""

    large_group_id: int | None = None
    new_large_group: str = ""
    confirm_new_sectors: bool = False
    preview: bool = False


class TownshipResource(resources.ModelResource):
    """A register resource scoped to one township: reads and writes only that township's rows."""

    # Told the number of rows read so far after each row, valid or not: a background import's progress.
    on_row: Callable[[int], None] | None = None
    choices = ImportChoices()
    header_row = 1  # the file's row of the header: a dataset row n is the file's row header_row + n
    # A preview runs the sheet in parts (imports._dry_run): the whole sheet, and where the part being run starts.
    whole_dataset: tablib.Dataset | None = None
    row_offset = 0

    def __init__(self, *, township: Township, mask_phones: bool = False) -> None:
        self.township = township
        self.mask_phones = mask_phones
        super().__init__()

    def import_row(self, row, instance_loader, **kwargs):
        row_result = super().import_row(row, instance_loader, **kwargs)
        if self.on_row is not None:
            self.on_row(kwargs["row_number"] + self.row_offset)
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
            instance.validate_constraints(exclude=set(self.loader_checked_fields))
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    # Foreign keys set from rows this township owns (by the widgets or init_instance): nothing to re-check.
    trusted_relations = ("township",)
    # Fields of a uniqueness the loader already answers for the whole sheet (it holds every existing key, and the
    # resource refuses a key repeated in the sheet): not asked again of the database row by row.
    loader_checked_fields: tuple[str, ...] = ()

    def init_instance(self, row=None):
        return self._meta.model(township=self.township)

    def cell_note(self, column: str, value) -> str:
        """What the import adds to the town for a cell's value, shown beside it in the preview."""
        return ""

    def whole(self, dataset: tablib.Dataset) -> tablib.Dataset:
        """The whole sheet of which `dataset` is the part being run."""
        return dataset if self.whole_dataset is None else self.whole_dataset

    def new_sectors(self, dataset: tablib.Dataset) -> dict[str, list[int]]:
        """The sectors new to the town a sheet names, each with its dataset rows (1-based)."""
        return {}

    def column_for(self, attribute: str) -> str:
        field = self.fields.get(attribute)
        return field.column_name if field else attribute

    def headers(self) -> list[str]:
        return [field.column_name for field in self.get_export_fields()]
