"""Bringing an office's sheets into the register: the kinds of sheet, a preview of every row's outcome, then
the import itself (run by a background job, import_jobs.py), and the export and the empty template.

Nothing is written unless every row is valid, or the user chose to import only the valid rows. The uploaded
file waits between the two steps under a random name that only the uploading session knows; once confirmed,
it moves into the job."""

import secrets
from dataclasses import dataclass, field

import tablib
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export.results import RowResult

from congress.models import Township
from deputies.resources.deputies import DeputyResource
from deputies.resources.groups import LargeGroupResource, SmallGroupResource
from deputies.resources.stations import StationResource
from deputies.resources.township import TownshipResource
from deputies.resources.units import DepartmentResource
from deputies.spreadsheets import Sheet, SheetError, read_sheet

UPLOAD_FOLDER = "register-imports"


@dataclass(frozen=True)
class ImportKind:
    slug: str
    label: str
    resource: type[TownshipResource]
    required: frozenset[str]
    aliases: dict[str, str] = field(default_factory=dict)
    summary_columns: tuple[str, ...] = ()


DEPUTY_ALIASES = {
    "村(社区)": "村/社区",
    "村社区": "村/社区",
    "所在村": "村/社区",
    "村": "村/社区",
    "村/居": "村/社区",
    "电话": "联系电话",
    "手机": "联系电话",
    "手机号码": "联系电话",
    "联系方式": "联系电话",
    "出生日期": "出生年月",
    "层级": "代表层级",
    "代表级别": "代表层级",
    "级别": "代表层级",
    "代表小组": "所属小组",
    "小组": "所属小组",
    "工作单位": "工作单位及职务",
    "单位及职务": "工作单位及职务",
    "住址": "家庭住址",
    "党派": "政治面貌",
    "是否离家较远": "离家较远",
    "届次": "届别",
}

KINDS = {
    kind.slug: kind
    for kind in [
        ImportKind(
            "deputies",
            gettext_lazy("deputies"),
            DeputyResource,
            frozenset({"姓名", "性别"}),
            DEPUTY_ALIASES,
            ("姓名", "性别", "代表层级", "村/社区", "所属小组", "联系电话"),
        ),
        ImportKind("large-groups", gettext_lazy("large groups"), LargeGroupResource, frozenset({"大组名称"})),
        ImportKind(
            "small-groups",
            gettext_lazy("small groups"),
            SmallGroupResource,
            frozenset({"小组名称", "所属大组"}),
            summary_columns=("小组名称", "所属大组", "划分方式"),
        ),
        ImportKind(
            "stations",
            gettext_lazy("stations and contact points"),
            StationResource,
            frozenset({"名称", "级别", "地址"}),
            summary_columns=("名称", "级别", "地址"),
        ),
        ImportKind(
            "units",
            gettext_lazy("handling units"),
            DepartmentResource,
            frozenset({"单位名称"}),
            summary_columns=("单位名称", "类别", "联系人"),
        ),
    ]
}

OUTCOME_LABELS = {
    RowResult.IMPORT_TYPE_NEW: gettext_lazy("new"),
    RowResult.IMPORT_TYPE_UPDATE: gettext_lazy("update"),
    RowResult.IMPORT_TYPE_SKIP: gettext_lazy("unchanged"),
    RowResult.IMPORT_TYPE_INVALID: gettext_lazy("error"),
    RowResult.IMPORT_TYPE_ERROR: gettext_lazy("error"),
}


@dataclass
class PreviewRow:
    file_row: int
    outcome: str
    values: list[str]
    messages: list[str]

    @property
    def is_error(self) -> bool:
        return self.outcome in (RowResult.IMPORT_TYPE_INVALID, RowResult.IMPORT_TYPE_ERROR)

    @property
    def outcome_label(self) -> str:
        return str(OUTCOME_LABELS[self.outcome])


@dataclass
class Preview:
    kind: ImportKind
    token: str
    filename: str
    columns: list[str]
    rows: list[PreviewRow]

    def count(self, outcome: str) -> int:
        return sum(1 for row in self.rows if row.outcome == outcome)

    @property
    def errors(self) -> int:
        return sum(1 for row in self.rows if row.is_error)

    @property
    def valid(self) -> int:
        return len(self.rows) - self.errors

    @property
    def totals(self) -> dict[str, int]:
        return {
            "new": self.count(RowResult.IMPORT_TYPE_NEW),
            "update": self.count(RowResult.IMPORT_TYPE_UPDATE),
            "unchanged": self.count(RowResult.IMPORT_TYPE_SKIP),
            "error": self.errors,
        }


def _read(kind: ImportKind, township: Township, upload) -> tuple[TownshipResource, Sheet]:
    resource = kind.resource(township=township)
    known = set(resource.headers())
    sheet = read_sheet(upload, required=set(kind.required), aliases=kind.aliases, known=known)
    return resource, sheet


def _failed_rows(result) -> set[int]:
    """The 1-based numbers of the rows that did not pass (invalid values or an error while saving)."""
    failed = {row.number for row in result.invalid_rows}
    failed |= {n for n, row in enumerate(result.rows, start=1) if row.import_type == RowResult.IMPORT_TYPE_ERROR}
    return failed


def _run(resource: TownshipResource, dataset: tablib.Dataset, *, dry_run: bool):
    return resource.import_data(
        dataset, dry_run=dry_run, raise_errors=False, use_transactions=True, rollback_on_validation_errors=True
    )


def _preview_rows(kind: ImportKind, resource: TownshipResource, sheet: Sheet, result) -> list[PreviewRow]:
    columns = list(kind.summary_columns or sheet.dataset.headers)
    invalid = {row.number: row for row in result.invalid_rows}
    rows = []
    for index, (data, row_result) in enumerate(zip(sheet.dataset.dict, result.rows, strict=False), start=1):
        file_row = sheet.file_row(index)
        messages = []
        if index in invalid:
            for attribute, errors in invalid[index].error_dict.items():
                column = resource.column_for(attribute) if attribute != "__all__" else ""
                for error in errors:
                    text = " ".join(error.messages) if hasattr(error, "messages") else str(error)
                    messages.append(_row_message(file_row, column, text))
        for error in row_result.errors:
            messages.append(_row_message(file_row, "", str(error.error)))
        rows.append(
            PreviewRow(
                file_row=file_row,
                outcome=row_result.import_type,
                values=[_display(data.get(c)) for c in columns],
                messages=messages,
            )
        )
    return rows


def _row_message(file_row: int, column: str, text: str) -> str:
    if column:
        return _("Row %(row)d, column “%(column)s”: %(text)s") % {"row": file_row, "column": column, "text": text}
    return _("Row %(row)d: %(text)s") % {"row": file_row, "text": text}


def _display(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def register_import_preview(*, kind: ImportKind, township: Township, upload) -> Preview:
    """Dry-run an uploaded sheet and keep the file for the confirmation; raises SheetError for a bad file."""
    resource, sheet = _read(kind, township, upload)
    result = _run(resource, sheet.dataset, dry_run=True)
    token = secrets.token_hex(16)
    upload.seek(0)
    default_storage.save(f"{UPLOAD_FOLDER}/{token}", ContentFile(upload.read()))
    columns = list(kind.summary_columns or sheet.dataset.headers)
    return Preview(
        kind=kind,
        token=token,
        filename=upload.name,
        columns=columns,
        rows=_preview_rows(kind, resource, sheet, result),
    )


class SheetRowsError(SheetError):
    """Rows of the sheet did not pass; `errors` names each of them with its row number."""

    def __init__(self, message: str, errors: list[str]) -> None:
        super().__init__(message)
        self.errors = errors


@dataclass
class ImportOutcome:
    new: int
    update: int
    unchanged: int
    skipped: int  # rows with errors, left out
    errors: list[str]  # what was wrong with them, each message naming its row

    @property
    def totals(self) -> dict[str, int]:
        return {"new": self.new, "update": self.update, "unchanged": self.unchanged, "skipped_errors": self.skipped}

    @property
    def summary(self) -> str:
        return _(
            "Imported: %(new)d new, %(update)d updated, %(unchanged)d unchanged, %(skipped)d rows with errors left out."
        ) % {"new": self.new, "update": self.update, "unchanged": self.unchanged, "skipped": self.skipped}


def preview_file_path(token: str) -> str:
    """Where the previewed upload behind `token` waits; SheetError once it is gone or for a forged token."""
    path = f"{UPLOAD_FOLDER}/{token}"
    if not (len(token) == 32 and all(c in "0123456789abcdef" for c in token)) or not default_storage.exists(path):
        raise SheetError(_("The uploaded file has expired. Upload it again."))
    return path


def register_import_write(
    *, kind: ImportKind, township: Township, upload, only_valid: bool, progress=None
) -> ImportOutcome:
    """Write a sheet: all of it if every row is valid, else only its valid rows if asked, else nothing
    (SheetRowsError). `progress`, if given, is told each pass's row count and then every row done."""
    resource, sheet = _read(kind, township, upload)
    if progress is not None:
        progress.start(len(sheet.dataset))
        resource.on_row = progress
    # The common case, a clean sheet, is one pass: import-export rolls the whole sheet back on any error.
    result = _run(resource, sheet.dataset, dry_run=False)
    failed = _failed_rows(result)
    errors: list[str] = []
    if failed:
        errors = [message for row in _preview_rows(kind, resource, sheet, result) for message in row.messages]
        if not only_valid:
            raise SheetRowsError(
                _("Some rows have errors; nothing was imported. Correct the file or import the valid rows."), errors
            )
        dataset = tablib.Dataset(headers=sheet.dataset.headers)
        for number, row in enumerate(sheet.dataset, start=1):
            if number not in failed:
                dataset.append(row)
        resource = kind.resource(township=township)
        if progress is not None:
            progress.start(len(dataset))
            resource.on_row = progress
        result = _run(resource, dataset, dry_run=False)
        if _failed_rows(result):
            raise SheetError(_("The sheet changed its outcome while importing; nothing was imported. Try again."))
    totals = result.totals
    return ImportOutcome(
        new=totals[RowResult.IMPORT_TYPE_NEW],
        update=totals[RowResult.IMPORT_TYPE_UPDATE],
        unchanged=totals[RowResult.IMPORT_TYPE_SKIP],
        skipped=len(failed),
        errors=errors,
    )


def register_import_confirm(
    *, kind: ImportKind, township: Township, token: str, filename: str, only_valid: bool
) -> dict[str, int]:
    """Import the previewed file at once: all of it if every row is valid, else only the valid rows if asked."""
    path = preview_file_path(token)
    with default_storage.open(path, "rb") as stored:
        upload = SimpleUploadedFile(filename, stored.read())
    outcome = register_import_write(kind=kind, township=township, upload=upload, only_valid=only_valid)
    default_storage.delete(path)
    return outcome.totals


def register_export(*, kind: ImportKind, township: Township, queryset, mask_phones: bool) -> bytes:
    """The rows of `queryset` as an .xlsx workbook with the import headers (cells starting with = + - @ escaped)."""
    resource = kind.resource(township=township, mask_phones=mask_phones)
    return resource.export(queryset=queryset).export("xlsx")


def register_template(*, kind: ImportKind, township: Township) -> bytes:
    """An empty workbook with the headers of `kind`, to fill in and upload."""
    resource = kind.resource(township=township)
    return tablib.Dataset(headers=resource.headers()).export("xlsx")
