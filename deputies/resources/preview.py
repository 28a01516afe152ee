"""The preview of a sheet: each row's outcome and messages, each cell as it will be stored beside what was written
when the two differ, and what the import will add to the town first (groups, sectors) or assume (the term)."""

from dataclasses import dataclass, field, replace

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export.results import RowResult

from deputies.resources.plan import NewGroup
from deputies.resources.township import TownshipResource
from deputies.spreadsheets import Sheet

OUTCOME_LABELS = {
    RowResult.IMPORT_TYPE_NEW: gettext_lazy("new"),
    RowResult.IMPORT_TYPE_UPDATE: gettext_lazy("update"),
    RowResult.IMPORT_TYPE_SKIP: gettext_lazy("unchanged"),
    RowResult.IMPORT_TYPE_INVALID: gettext_lazy("error"),
    RowResult.IMPORT_TYPE_ERROR: gettext_lazy("error"),
}


@dataclass
class Cell:
    value: str  # as it will be stored (as written when it cannot be read)
    raw: str  # as written in the sheet
    note: str = ""  # what the import adds for it (a new sector)
    column: str = ""  # its column's header, which names it on a phone, where the header row is not shown

    @property
    def changed(self) -> bool:
        return self.value != self.raw


@dataclass
class PreviewRow:
    file_row: int
    outcome: str
    cells: list[Cell]
    messages: list[str]

    @property
    def is_error(self) -> bool:
        return self.outcome in (RowResult.IMPORT_TYPE_INVALID, RowResult.IMPORT_TYPE_ERROR)

    @property
    def outcome_label(self) -> str:
        return str(OUTCOME_LABELS[self.outcome])


@dataclass
class Preview:
    kind: object  # the ImportKind
    token: str
    filename: str
    columns: list[str]
    rows: list[PreviewRow]
    new_small_groups: list[NewGroup] = field(default_factory=list)
    new_large_groups: list[str] = field(default_factory=list)
    needs_large_group: bool = False
    large_groups: list[tuple[int, str]] = field(default_factory=list)  # the town's, to choose from
    new_sectors: dict[str, list[int]] = field(default_factory=dict)  # each with the file rows naming it
    term_note: bool = False  # a deputies' sheet without a term column: new deputies join the current term
    current_term: int | None = None

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


def preview_rows(columns: list[str], resource: TownshipResource, sheet: Sheet, result) -> list[PreviewRow]:
    """Each row of the sheet with its outcome, its cells in `columns` and what is wrong with it."""
    invalid = {row.number: row for row in result.invalid_rows}
    by_column = {f.column_name: f for f in resource.fields.values()}
    rows = []
    for index, (data, row_result) in enumerate(zip(sheet.dataset.dict, result.rows, strict=False), start=1):
        file_row = sheet.file_row(index)
        messages = []
        if index in invalid:
            for attribute, errors in invalid[index].error_dict.items():
                column = resource.column_for(attribute) if attribute != "__all__" else ""
                for error in errors:
                    text = " ".join(error.messages) if hasattr(error, "messages") else str(error)
                    messages.append(row_message(file_row, column, text))
        for error in row_result.errors:
            messages.append(row_message(file_row, "", str(error.error)))
        cells = [replace(_cell(resource, by_column.get(column), column, data), column=column) for column in columns]
        rows.append(PreviewRow(file_row=file_row, outcome=row_result.import_type, cells=cells, messages=messages))
    return rows


def _cell(resource: TownshipResource, column_field, column: str, data: dict) -> Cell:
    raw = display(data.get(column))
    if column_field is None or column not in data or not column_field.attribute:
        return Cell(raw, raw)
    try:
        value = column_field.clean(data)
    except (ValueError, KeyError, TypeError, ArithmeticError, ValidationError):
        # e.g. 是 in a number column: a widget's Decimal() raises InvalidOperation, an ArithmeticError
        return Cell(raw, raw)  # the row's message says what is wrong
    return Cell(_stored(resource, column_field, value), raw, resource.cell_note(column, value))


def _stored(resource: TownshipResource, column_field, value) -> str:
    """A cleaned value as the register shows it: a choice by its label, a related row by its name."""
    if value is None or value == "":
        return ""
    if isinstance(value, models.Model):
        return str(value)
    try:
        model_field = resource._meta.model._meta.get_field(column_field.attribute)
    except Exception:  # a column with no model field of its own
        model_field = None
    if model_field is not None and model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    return str(column_field.widget.render(value))


def row_message(file_row: int, column: str, text: str) -> str:
    if column:
        return _("Row %(row)d, column “%(column)s”: %(text)s") % {"row": file_row, "column": column, "text": text}
    return _("Row %(row)d: %(text)s") % {"row": file_row, "text": text}


def display(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
