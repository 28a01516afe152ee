"""Reading the sheets offices really keep: a title row above the header, full-width characters and spaces,
phones stored as numbers, Excel dates, 汉 for 汉族, empty trailing rows; .xlsx, or .csv in UTF-8 or GBK."""

import csv
import io
import json
import re
import unicodedata
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import openpyxl
import openpyxl.reader.excel
import tablib
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse as defused_iterparse
from django.conf import settings
from django.utils.translation import gettext as _
from openpyxl.utils.cell import range_boundaries
from openpyxl.worksheet._read_only import ReadOnlyWorksheet
from openpyxl.worksheet._reader import DIMENSION_TAG, SHEET_MAIN_NS

from congress.text import strip_control

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
# Columns an office sheet often carries that mean nothing to the register.
IGNORED_HEADERS = {"序号", "编号", "备注", "No", "No.", "#"}
HEADER_SCAN_ROWS = 10
# Formatted but empty rows below the data can run to the sheet's last row: this many in a row end the data.
EMPTY_ROWS_END = 1000


class SheetError(ValueError):
    """The file cannot be read as a register sheet; the message says why, for the person who uploaded it."""


@dataclass
class Sheet:
    dataset: tablib.Dataset
    header_row: int  # the 1-based row number of the header in the file, to name rows as the user sees them

    def file_row(self, number: int) -> int:
        """The row number in the file of the dataset's 1-based row `number`."""
        return self.header_row + number


def clean_text(value) -> str:
    """Full-width to half-width, control characters dropped, spaces (including full-width ones) trimmed and
    folded; numbers without '.0'."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    # Word's line break (U+000B) and the other spacing controls become a space; the remaining controls go.
    text = strip_control(re.sub(r"\s+", " ", unicodedata.normalize("NFKC", str(value)))).strip()
    # Our own exports write '=… for a cell that would run as a formula: read it back as it was.
    if text[:1] == "'" and text[1:2] in ("=", "+", "-", "@"):
        text = text[1:]
    return text


def clean_name(value) -> str:
    """A Chinese name with every space removed (李 文华 → 李文华)."""
    return re.sub(r"\s+", "", clean_text(value))


def clean_phone(value) -> str:
    """A phone as typed or as Excel stored it (13912345678.0), without spaces; the dash of a landline kept."""
    text = clean_name(value)
    return text.replace("—", "-").replace("－", "-")


_DIGITS = {c: n for n, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}


def chinese_number(text: str) -> int | None:
    """一 … 九十九 written in Chinese numerals (十八, 二十, 廿 not included), or None."""
    if not text or any(c not in _DIGITS and c != "十" for c in text):
        return None
    if "十" not in text:
        return _DIGITS[text] if len(text) == 1 else None
    tens, _sep, ones = text.partition("十")
    if len(tens) > 1 or len(ones) > 1 or "十" in ones:
        return None
    return (_DIGITS[tens] if tens else 1) * 10 + (_DIGITS[ones] if ones else 0)


_DATE_PATTERNS = [
    re.compile(r"^(?P<y>\d{4})[-/.年](?P<m>\d{1,2})(?:[-/.月](?P<d>\d{1,2})日?)?月?$"),
    re.compile(r"^(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})?$"),
]
_EXCEL_EPOCH = date(1899, 12, 30)


def clean_date(value) -> date | None:
    """A date from an Excel date cell, an Excel serial number, or 1980-05-01 / 1980.05 / 1980年5月 / 198005."""
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and 1 < value < 80000 and not (1800 <= value <= 2200):
        return _EXCEL_EPOCH + timedelta(days=int(value))
    text = clean_name(value)
    if re.fullmatch(r"\d{5}(\.0)?", text):
        return _EXCEL_EPOCH + timedelta(days=int(float(text)))
    for pattern in _DATE_PATTERNS:
        match = pattern.match(text)
        if match:
            try:
                return date(int(match["y"]), int(match["m"]), int(match["d"] or 1))
            except ValueError:
                break
    raise ValueError(_("“%(value)s” is not a date; write it like 1980-05-01 or 1980.05.") % {"value": text})


_TRUE = {"是", "y", "yes", "true", "1", "√", "✓", "有"}
_FALSE = {"否", "n", "no", "false", "0", "×", "无", ""}


def clean_bool(value) -> bool:
    text = clean_name(value).lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ValueError(_("“%(value)s” is neither 是 nor 否.") % {"value": text})


def read_sheet(upload, *, required: set[str], aliases: dict[str, str], known: set[str]) -> Sheet:
    """Read an uploaded .xlsx or .csv into a dataset with the canonical headers, or raise SheetError.

    The file is read row by row and given up as soon as it passes the row limit (IMPORT_MAX_ROWS); a workbook's
    zip is checked before parsing: declared uncompressed size (IMPORT_MAX_UNCOMPRESSED_MB), no DTD or entity."""
    rows = _xlsx_rows(upload) if upload_check(upload) == "xlsx" else _csv_rows(upload)
    return _to_dataset(rows, required=required, aliases=aliases, known=known)


def upload_check(upload) -> str:
    """What can be known of an upload without parsing it, cheap enough for the request: its size, its type
    ("xlsx" or "csv", returned), and for a workbook its unpacked size and the absence of a DTD; or SheetError."""
    if upload.size > MAX_UPLOAD_BYTES:
        raise SheetError(_("The file is larger than 5 MB. Split it, or remove pictures and other sheets."))
    if upload.size == 0:
        raise SheetError(_("The file is empty."))
    name = (upload.name or "").lower()
    head = upload.read(4)
    upload.seek(0)
    if name.endswith(".xlsx") or head == b"PK\x03\x04":
        workbook_check(upload)
        return "xlsx"
    if name.endswith(".csv"):
        return "csv"
    raise SheetError(_("Upload an Excel workbook (.xlsx) or a CSV file (.csv). Old .xls files: save as .xlsx."))


class _PrologueSizedSheet(ReadOnlyWorksheet):
    """openpyxl's read-only sheet, but looking for the sheet's <dimension> only where it stands, before the
    rows: openpyxl parses the whole sheet for it when it is missing, a million rows read just to size them."""

    def _get_size(self) -> None:
        with self._get_source() as source:
            for _event, element in defused_iterparse(source, events=("start",), forbid_dtd=True):
                if element.tag == DIMENSION_TAG and ":" in element.get("ref", ""):
                    self._min_column, self._min_row, self._max_column, self._max_row = range_boundaries(
                        element.get("ref")
                    )
                if element.tag in (DIMENSION_TAG, _SHEET_DATA_TAG):
                    return


_SHEET_DATA_TAG = f"{{{SHEET_MAIN_NS}}}sheetData"
# openpyxl's reader makes its read-only sheets from this name; the rest of openpyxl is used as it is.
openpyxl.reader.excel.ReadOnlyWorksheet = _PrologueSizedSheet


def workbook_check(upload) -> None:
    """Refuse, before openpyxl parses anything, a workbook whose parts would expand beyond the limit or whose
    XML declares a DTD (the way to an entity-expansion bomb; a real workbook never has one)."""
    limit = settings.IMPORT_MAX_UNCOMPRESSED_MB * 1024 * 1024
    try:
        with zipfile.ZipFile(upload) as archive:
            members = archive.infolist()
            # The declared sizes bound what is read: zipfile stops a part at its declared size.
            if sum(member.file_size for member in members) > limit:
                raise SheetError(
                    _("The workbook expands to more than %(size)d MB once unpacked; it cannot be read safely.")
                    % {"size": settings.IMPORT_MAX_UNCOMPRESSED_MB}
                )
            for member in members:
                if member.filename.endswith((".xml", ".rels")):
                    with archive.open(member) as part:
                        _xml_prologue_check(part)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, OSError, EOFError):
        raise SheetError(_("This file is not a readable Excel workbook (.xlsx).")) from None
    finally:
        upload.seek(0)


def _xml_prologue_check(part) -> None:
    """Parse a part only up to its first element: a DTD, which comes before it, is refused by defusedxml."""
    try:
        next(iter(defused_iterparse(part, events=("start",), forbid_dtd=True)), None)
    except DefusedXmlException:
        raise SheetError(
            _("This workbook contains XML declarations (DTD or entities) that Excel never writes; it was refused.")
        ) from None
    except Exception:  # an XML syntax error: openpyxl would not read the part either
        raise SheetError(_("This file is not a readable Excel workbook (.xlsx).")) from None


def _limited(rows: Iterable[Iterable], *, count_rest: bool) -> list[list]:
    """The rows up to the last one with data, read one at a time and given up past the row limit: a sheet of a
    million rows costs no more than one of the limit. `count_rest` counts the rows beyond it, for the message."""
    limit = settings.IMPORT_MAX_ROWS
    kept: list[list] = []
    filled = empty_run = 0
    iterator: Iterator = iter(rows)
    for row in iterator:
        row = list(row)
        if all(clean_text(c) == "" for c in row):
            empty_run += 1
            if empty_run >= EMPTY_ROWS_END:
                break
        else:
            empty_run = 0
            filled += 1
            # The header and a title above it may take up to HEADER_SCAN_ROWS rows besides the data.
            if filled > limit + HEADER_SCAN_ROWS:
                _too_many(limit, filled + sum(1 for _row in iterator) if count_rest else None)
        kept.append(row)
    return kept


def _too_many(limit: int, count: int | None) -> None:
    if count is None:
        raise SheetError(
            _("The sheet has more than %(limit)d rows; at most %(limit)d rows are imported at once. Split it.")
            % {"limit": limit}
        )
    raise SheetError(
        _("The sheet has %(count)d rows; at most %(limit)d rows are imported at once. Split it.")
        % {"count": count, "limit": limit}
    )


def _xlsx_rows(upload) -> list[list]:
    try:
        workbook = openpyxl.load_workbook(upload, read_only=True, data_only=True)
    except Exception:  # openpyxl raises many types for a file that is not a workbook
        raise SheetError(_("This file is not a readable Excel workbook (.xlsx).")) from None
    try:
        # Counting a refused workbook's rows to the end would cost what the limit saves: say "more than".
        return _limited(workbook.worksheets[0].iter_rows(values_only=True), count_rest=False)
    except SheetError:
        raise
    except Exception:  # a part that breaks off or does not parse, found only while reading the rows
        raise SheetError(_("This file is not a readable Excel workbook (.xlsx).")) from None
    finally:
        workbook.close()


def _csv_rows(upload) -> list[list]:
    raw = upload.read()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise SheetError(_("This CSV file is in an encoding we cannot read; save it as UTF-8 or from Excel."))
    if "\x00" in text:
        raise SheetError(_("This file is not a CSV text file."))
    # At most 5 MB of text: counting every row of a refused file is cheap, and the message can say how many.
    return _limited(csv.reader(io.StringIO(text)), count_rest=True)


def _to_dataset(rows: list[list], *, required: set[str], aliases: dict[str, str], known: set[str]) -> Sheet:
    header_index = None
    for index, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        cells = {aliases.get(clean_name(c), clean_name(c)) for c in row}
        if required <= cells:
            header_index = index
            break
    if header_index is None:
        raise SheetError(
            _("No header row with the columns %(columns)s was found in the first %(n)d rows.")
            % {"columns": "、".join(sorted(required)), "n": HEADER_SCAN_ROWS}
        )
    headers = [aliases.get(clean_name(c), clean_name(c)) for c in rows[header_index]]
    unknown = [h for h in headers if h and h not in known and h not in IGNORED_HEADERS]
    if unknown:
        raise SheetError(
            _("Unknown columns: %(unknown)s. The columns this sheet may have: %(known)s.")
            % {"unknown": "、".join(unknown), "known": "、".join(sorted(known))}
        )
    duplicated = sorted({h for h in headers if h and headers.count(h) > 1})
    if duplicated:
        raise SheetError(_("These columns appear twice: %(columns)s.") % {"columns": "、".join(duplicated)})
    keep = [i for i, h in enumerate(headers) if h in known]
    body = rows[header_index + 1 :]
    # Sheets carry formatted but empty rows below the data: drop the trailing ones, keep inner blanks as errors.
    while body and all(clean_text(c) == "" for c in body[-1]):
        body.pop()
    if not body:
        raise SheetError(_("The sheet has a header but no rows of data."))
    if len(body) > settings.IMPORT_MAX_ROWS:
        _too_many(settings.IMPORT_MAX_ROWS, len(body))
    dataset = tablib.Dataset(headers=[headers[i] for i in keep])
    for row in body:
        padded = list(row) + [None] * (len(headers) - len(row))
        dataset.append([padded[i] for i in keep])
    return Sheet(dataset=dataset, header_row=header_index + 1)


# A sheet once read is kept as JSON between the preview and the import (never pickled: the import reads it back
# in a worker). The cell values openpyxl gives that JSON lacks carry their type.
_TEMPORAL = {"datetime": datetime, "date": date, "time": time}


def _cell_dump(value):
    for tag, kind in _TEMPORAL.items():  # datetime before date: a datetime is also a date
        if isinstance(value, kind):
            return {tag: value.isoformat()}
    return value


def _cell_load(value):
    if isinstance(value, dict):
        (tag, text), *_rest = value.items()
        return _TEMPORAL[tag].fromisoformat(text)
    return value


def sheet_dump(sheet: Sheet) -> bytes:
    """A sheet read and checked, as bytes to keep until its import (sheet_load reads it back)."""
    rows = [[_cell_dump(value) for value in row] for row in sheet.dataset]
    data = {"header_row": sheet.header_row, "headers": list(sheet.dataset.headers or []), "rows": rows}
    return json.dumps(data, ensure_ascii=False, default=str).encode()  # a rare duration: as its text


def sheet_load(data: bytes) -> Sheet:
    """The sheet kept by sheet_dump, as it was read."""
    loaded = json.loads(data)
    rows = [tuple(_cell_load(value) for value in row) for row in loaded["rows"]]
    return Sheet(dataset=tablib.Dataset(*rows, headers=loaded["headers"]), header_row=loaded["header_row"])
