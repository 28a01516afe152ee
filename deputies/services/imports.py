"""Bringing an office's sheets into the register: the kinds of sheet, a preview of every row's outcome, then
the import itself (run by a background job, import_jobs.py), and the export and the empty template.

Nothing is written unless every row is valid, or the user chose to import only the valid rows. The uploaded
file waits between the two steps under a random name that only the uploading session knows; once confirmed,
it moves into the job."""

import secrets
import time
from dataclasses import dataclass, field

import tablib
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connections, router, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export.results import RowResult

from congress import spreadsheets as workbooks
from congress.models import Job, JobKind, Township
from deputies.resources.deputies import DeputyResource
from deputies.resources.groups import LargeGroupResource, SmallGroupResource
from deputies.resources.preview import Preview, preview_rows
from deputies.resources.stations import StationResource
from deputies.resources.township import ImportChoices, TownshipResource
from deputies.resources.units import DepartmentResource
from deputies.selectors.register import large_group_choices
from deputies.spreadsheets import Sheet, SheetError, read_sheet, sheet_dump, sheet_load

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
    "是否公职人员": "公职人员",
    "届次": "届别",
    "大组": "代表大组",
    "所属大组": "代表大组",
    "所属代表大组": "代表大组",
    "所属代表小组": "所属小组",
    "代表小组名称": "所属小组",
    "代表类别": "代表层级",
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
            ("姓名", "性别", "代表层级", "村/社区", "界别", "代表大组", "所属小组", "联系电话"),
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


def _read(
    kind: ImportKind, township: Township, upload, choices: ImportChoices, sheet: Sheet | None = None
) -> tuple[TownshipResource, Sheet]:
    """The resource for the town and the sheet: `sheet` if the preview already read it, else read from `upload`."""
    resource = kind.resource(township=township)
    known = set(resource.headers())
    if sheet is None:
        sheet = read_sheet(upload, required=set(kind.required), aliases=kind.aliases, known=known)
    # A column that finds a row again but that a sheet may leave out (a deputy's date of birth): read as empty.
    for name in resource.get_import_id_fields():
        column = resource.fields[name].column_name
        if column not in sheet.dataset.headers:
            sheet.dataset.append_col([None] * len(sheet.dataset), header=column)
    resource.header_row, resource.choices = sheet.header_row, choices
    return resource, sheet


def _failed_rows(result) -> set[int]:
    """The 1-based numbers of the rows that did not pass (invalid values or an error while saving)."""
    failed = {row.number for row in result.invalid_rows}
    failed |= {n for n, row in enumerate(result.rows, start=1) if row.import_type == RowResult.IMPORT_TYPE_ERROR}
    return failed


def _run(resource: TownshipResource, dataset: tablib.Dataset, *, dry_run: bool):
    """Import (or dry-run) a dataset, all of it rolled back on any error; a refusal of the whole sheet (the large
    group for its new groups not chosen) raises SheetError."""
    result = resource.import_data(
        dataset, dry_run=dry_run, raise_errors=False, use_transactions=True, rollback_on_validation_errors=True
    )
    for error in result.base_errors:
        raise error.error
    return result


# A dry run writes every row and rolls them back: on SQLite it holds the database's one write lock from its first row
# to its rollback, and every login waits behind a sheet of thousands of rows ("database is locked"). The preview
# runs the sheet in parts of this many rows, each rolled back on its own, so no transaction lasts over a moment.
PREVIEW_PART_ROWS = 100
# Between parts on SQLite: time for the writers waiting on the lock (a login) to take it before the next part.
SQLITE_PAUSE_SECONDS = 0.05


def _dry_run(resource: TownshipResource, dataset: tablib.Dataset):
    """Dry-run a dataset in parts, each in a transaction rolled back; the parts' results as one."""
    merged = None
    resource.whole_dataset = dataset
    try:
        for start in range(0, len(dataset), PREVIEW_PART_ROWS):
            if start and connections[router.db_for_write(resource._meta.model)].vendor == "sqlite":
                time.sleep(SQLITE_PAUSE_SECONDS)
            resource.row_offset = start
            part = tablib.Dataset(*dataset[start : start + PREVIEW_PART_ROWS], headers=dataset.headers)
            result = _run(resource, part, dry_run=True)
            for row in result.invalid_rows:
                row.number += start
            if merged is None:
                merged = result
                continue
            merged.rows.extend(result.rows)
            merged.invalid_rows.extend(result.invalid_rows)
            for key, count in result.totals.items():
                merged.totals[key] += count
    finally:
        resource.whole_dataset, resource.row_offset = None, 0
    return merged


def _additions(resource: TownshipResource, sheet: Sheet, result, township: Township) -> dict:
    """What the import adds to the town with the rows (groups, sectors) and what it assumes (the term)."""
    plan = getattr(resource, "plan", None)
    # A group named only on refused rows is not created when the valid rows are imported: not announced either.
    failed = _failed_rows(result)
    groups = [group for group in plan.small_groups if set(group.rows) - failed] if plan else []
    needs_large_group = any(not group.large_group for group in groups)
    large = [group.large_group for group in groups if plan and group.large_group in plan.large_groups]
    sectors = resource.new_sectors(sheet.dataset)
    return {
        "new_small_groups": groups,
        "new_large_groups": list(dict.fromkeys(large)),
        "needs_large_group": needs_large_group,
        "large_groups": large_group_choices(township=township) if needs_large_group else [],
        "new_sectors": {name: [sheet.file_row(n) for n in rows] for name, rows in sectors.items()},
        "term_note": not getattr(resource, "has_term_column", True),
        "current_term": getattr(resource, "current_term", None),
    }


def preview_file_keep(*, upload) -> str:
    """Keep an uploaded sheet for its confirmation under a new random token, which is returned."""
    token = secrets.token_hex(16)
    upload.seek(0)
    default_storage.save(f"{UPLOAD_FOLDER}/{token}", ContentFile(upload.read()))
    upload.seek(0)
    return token


def register_import_preview(
    *, kind: ImportKind, township: Township, upload, token: str | None = None, progress=None
) -> Preview:
    """Dry-run an uploaded sheet and keep the file for the confirmation (already kept under `token` if given);
    raises SheetError for a bad file. `progress`, if given, is told the row count and every row."""
    resource, sheet = _read(kind, township, upload, ImportChoices(preview=True))
    if progress is not None:
        progress.start(len(sheet.dataset))
        resource.on_row = progress
    result = _dry_run(resource, sheet.dataset)
    token = token or preview_file_keep(upload=upload)
    # The import reads the sheet from here rather than parsing the file a second time.
    default_storage.save(_sheet_path(token), ContentFile(sheet_dump(sheet)))
    columns = [c for c in kind.summary_columns if c in sheet.dataset.headers] or list(sheet.dataset.headers)
    return Preview(
        kind=kind,
        token=token,
        filename=upload.name,
        columns=columns,
        rows=preview_rows(columns, resource, sheet, result),
        **_additions(resource, sheet, result, township),
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


def _sheet_path(token: str) -> str:
    return f"{UPLOAD_FOLDER}/{token}.sheet.json"


def preview_sheet(*, token: str) -> Sheet | None:
    """The sheet the preview behind `token` read, if it is kept (None: read the file again)."""
    path = _sheet_path(preview_file_path(token)[len(UPLOAD_FOLDER) + 1 :])
    if not default_storage.exists(path):
        return None
    with default_storage.open(path, "rb") as kept:
        return sheet_load(kept.read())


def register_import_write(
    *,
    kind: ImportKind,
    township: Township,
    upload,
    only_valid: bool,
    choices: ImportChoices | None = None,
    progress=None,
    sheet: Sheet | None = None,
) -> ImportOutcome:
    """Write a sheet: all of it if every row is valid, else only its valid rows if asked, else nothing
    (SheetRowsError); the groups it names that the town lacks are created with its rows, under the large group
    in `choices` where the sheet names none. `progress`, if given, is told each pass's row count and every row;
    `sheet`, if given, is the sheet the preview read (`upload` is then not parsed again)."""
    choices = choices or ImportChoices()
    resource, sheet = _read(kind, township, upload, choices, sheet)
    if progress is not None:
        progress.start(len(sheet.dataset))
        resource.on_row = progress
    # The common case, a clean sheet, is one pass: import-export rolls the whole sheet back on any error.
    result = _run(resource, sheet.dataset, dry_run=False)
    failed = _failed_rows(result)
    errors: list[str] = []
    if failed:
        errors = [message for row in preview_rows([], resource, sheet, result) for message in row.messages]
        if not only_valid:
            raise SheetRowsError(
                _("Some rows have errors; nothing was imported. Correct the file or import the valid rows."), errors
            )
        dataset = tablib.Dataset(headers=sheet.dataset.headers)
        for number, row in enumerate(sheet.dataset, start=1):
            if number not in failed:
                dataset.append(row)
        resource = kind.resource(township=township)
        resource.header_row, resource.choices = sheet.header_row, choices
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
    *,
    kind: ImportKind,
    township: Township,
    token: str,
    filename: str,
    only_valid: bool,
    choices: ImportChoices | None = None,
) -> dict[str, int]:
    """Import the previewed file at once: all of it if every row is valid, else only the valid rows if asked."""
    path, sheet = preview_file_path(token), preview_sheet(token=token)
    with default_storage.open(path, "rb") as stored:
        upload = SimpleUploadedFile(filename, stored.read())
    outcome = register_import_write(
        kind=kind, township=township, upload=upload, only_valid=only_valid, choices=choices, sheet=sheet
    )
    preview_discard(township=township, token=token)
    return outcome.totals


def preview_discard(*, township: Township, token: str) -> None:
    """The preview behind `token` is over (confirmed or cancelled): its file and its job are removed."""
    preview_file_delete(token=token)
    with transaction.atomic():
        Job.objects.for_township(township).filter(kind=JobKind.REGISTER_PREVIEW, params__token=token).delete()


def preview_file_delete(*, token: str) -> None:
    """Remove the previewed upload behind `token` and the sheet read from it, if still there (confirmed, cancelled
    or expired)."""
    try:
        path = preview_file_path(token)
    except SheetError:
        return
    default_storage.delete(path)
    default_storage.delete(_sheet_path(token))


def register_export(*, kind: ImportKind, township: Township, queryset, mask_phones: bool) -> bytes:
    """The rows of `queryset` as an .xlsx workbook with the import headers (cells starting with = + - @ escaped)."""
    resource = kind.resource(township=township, mask_phones=mask_phones)
    sheet = workbooks.from_dataset(resource.export(queryset=queryset), name=str(kind.label))
    return workbooks.workbook([sheet], township=township)


def register_template(*, kind: ImportKind, township: Township) -> bytes:
    """An empty workbook with the headers of `kind`, to fill in and upload."""
    resource = kind.resource(township=township)
    sheet = workbooks.Sheet(name=str(kind.label), headers=resource.headers(), rows=[])
    return workbooks.workbook([sheet], township=township)
