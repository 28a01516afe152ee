"""The one builder every exported workbook goes through, so that each opens and prints as an office files it.

Each sheet has a title row naming the town, what the sheet is, the period and the date it was made; a frozen
header below it that is repeated on every printed page; columns as wide as their text is displayed (a Chinese
character is two units wide), long text wrapped; A4, landscape when the sheet is wide, fitted to the page
width, page numbers in the footer. Text a person typed is always stored as text: a name such as "=1+1" is never
a formula, and control characters that a workbook cannot hold are dropped rather than failing the download."""

import io
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.worksheet import Worksheet

from congress.dates import format_day
from congress.text import strip_control

A4 = 9  # openpyxl's paperSize for A4
MAX_WIDTH = 50  # units: wider text wraps inside the column
MIN_WIDTH = 6
HEADER_MAX_WIDTH = 14  # a long header wraps over two or three lines rather than widening a column
NUMBER_HEADER_WIDTH = 8  # over a column of numbers, four Chinese characters a line
LINE_HEIGHT = 15  # points a line of text takes
SIGNING_HEIGHT = 26  # points: about 9 mm, room to sign a name
POINTS_PER_UNIT = 5.6  # points a column-width unit takes when printed
PAGE_SAFETY = 0.9  # of a page's height counted on when laying out the pages, for what a printer adds
PORTRAIT_WIDTH = 95  # about what an A4 portrait page holds at 100%, in column units
WIDE_COLUMNS = 8
FORMULA_STARTS = ("=", "+", "-", "@")
SHEET_NAME_FORBIDDEN = str.maketrans({c: " " for c in "[]:*?/\\"})
THIN = Side(style="thin", color="999999")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


@dataclass
class Sheet:
    """One sheet: its tab name, what it is (for the title row), a header and rows; `closing` rows (totals, an
    amount in words, a signature block) come once, after every row, each a list of cells or a line of text
    across the table; `tall` columns are made wide and high
    enough to sign in (their width, in units)."""

    name: str
    headers: list[str]
    rows: list[list]
    subject: str = ""
    closing: list[list | str] = field(default_factory=list)
    tall: dict[int, int] = field(default_factory=dict)
    landscape: bool | None = None
    # Pages the sheet is fitted to in height: 0 for as many as it takes; 1 for a table posted as one page.
    fit_height: int = 0


def display_width(value) -> int:
    """How many columns the longest line of `value` takes on screen: East Asian wide and full-width characters
    count two, combining marks none."""
    text = _text(value)
    widest = 0
    for line in text.splitlines() or [""]:
        width = 0
        for char in line:
            if unicodedata.combining(char):
                continue
            width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
        widest = max(widest, width)
    return widest


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def clean_cell(value):
    """A value a workbook can hold: numbers and dates as they are, anything else as text without control
    characters (a tab or a line break is kept)."""
    if value is None or isinstance(value, bool | int | float | Decimal | date):
        return float(value) if isinstance(value, Decimal) else value
    return strip_control(value)


def _put(sheet: Worksheet, row: int, column: int, value):
    cell = sheet.cell(row=row, column=column)
    value = clean_cell(value)
    cell.value = value
    if isinstance(value, str):
        # openpyxl makes "=…" a formula: store every string as a string, and mark the ones a spreadsheet would
        # read as a formula when edited, so Excel and LibreOffice keep them text.
        cell.data_type = "s"
        if value.startswith(FORMULA_STARTS):
            cell.quotePrefix = True
    return cell


def title_line(*, township, subject: str, period: str = "") -> str:
    """The title row: the town, what the sheet is, the period and the date it was made."""
    made = _("Made on %(date)s") % {"date": format_day(timezone.localdate())}
    parts = [township.name if township else "", subject, period, made]
    return "  ".join(p for p in parts if p)


def sheet_name(name: str, taken: set[str]) -> str:
    """A tab name Excel accepts (31 characters, none of []:*?/\\), unique in the workbook, never empty."""
    base = (str(name).translate(SHEET_NAME_FORBIDDEN).strip(" '") or _("Sheet"))[:31]
    candidate, n = base, 2
    while candidate.lower() in taken:
        suffix = f" ({n})"
        candidate, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(candidate.lower())
    return candidate


def _widths(sheet: Sheet) -> list[int]:
    columns = max([len(sheet.headers), *(len(r) for r in sheet.rows)])
    widths = []
    for index in range(columns):
        header = sheet.headers[index] if index < len(sheet.headers) else ""
        # A header's longest word still fits once wrapped; the data decides the rest.
        cells = [r[index] for r in sheet.rows if index < len(r) and r[index] not in (None, "")]
        data = max([display_width(c) for c in cells] or [0])
        numbers = bool(cells) and all(isinstance(c, int | float | Decimal) for c in cells)
        head = min(display_width(header), max(NUMBER_HEADER_WIDTH if numbers else HEADER_MAX_WIDTH, data))
        width = min(max(data, head, MIN_WIDTH - 2) + 2, MAX_WIDTH)
        widths.append(max(width, sheet.tall.get(index, 0)))
    return widths


def _write(ws: Worksheet, sheet: Sheet, heading: str) -> None:
    widths = _widths(sheet)
    columns = len(widths)
    wrap = Alignment(wrap_text=True, vertical="center")
    middle = Alignment(vertical="center")
    # The title row, across the table.
    title = _put(ws, 1, 1, heading)
    title.font = Font(bold=True, size=13)
    title.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    if columns > 1:
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=columns)
    lines = -(-display_width(heading) // max(sum(widths), 1))
    ws.row_dimensions[1].height = 22 * max(lines, 1)
    # The header, then the rows, boxed so a printed sheet reads as a table.
    for column, header in enumerate(sheet.headers, start=1):
        cell = _put(ws, 2, column, header)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = BOX
    ws.row_dimensions[2].height = LINE_HEIGHT * _lines(sheet.headers, widths)
    for row_number, row in enumerate(sheet.rows, start=3):
        for column, value in enumerate(row, start=1):
            cell = _put(ws, row_number, column, value)
            cell.border = BOX
            cell.alignment = wrap if isinstance(cell.value, str) else middle
        # Neither Excel nor LibreOffice sizes a row to its wrapped text on opening: give it its lines.
        height = LINE_HEIGHT * _lines(row, widths)
        if sheet.tall:
            height = max(height, SIGNING_HEIGHT)
        if height > LINE_HEIGHT:
            ws.row_dimensions[row_number].height = height
    after = 3 + len(sheet.rows)
    for offset, row in enumerate(sheet.closing):
        if isinstance(row, str):  # a line across the table: an amount in words, a signature block
            cell = _put(ws, after + offset, 1, row)
            cell.alignment = Alignment(vertical="center", wrap_text=True)
            if columns > 1:
                ws.merge_cells(start_row=after + offset, start_column=1, end_row=after + offset, end_column=columns)
            ws.row_dimensions[after + offset].height = 24 * len(row.splitlines() or [""])
            continue
        for column, value in enumerate(row, start=1):
            cell = _put(ws, after + offset, column, value)
            cell.alignment = Alignment(vertical="center")
            cell.border = BOX
            cell.font = Font(bold=True)
    for index, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    _print_setup(ws, sheet, widths)
    _keep_closing_together(ws, sheet, widths, after)


def _height(ws: Worksheet, row: int) -> float:
    return ws.row_dimensions[row].height or LINE_HEIGHT


def _keep_closing_together(ws: Worksheet, sheet: Sheet, widths: list[int], after: int) -> None:
    """Start the closing rows (total, amount in words, signatures) on a new page when they would otherwise be
    split from each other across two: the rows' heights are known, so the pages are laid out here as a printer
    lays them out, with some room to spare."""
    if not sheet.closing or sheet.fit_height:
        return
    landscape = ws.page_setup.orientation == "landscape"
    page_width, page_height = (842, 595) if landscape else (595, 842)
    margins = 72 * (ws.page_margins.left + ws.page_margins.right), 72 * (ws.page_margins.top + ws.page_margins.bottom)
    # Fitted to the page's width: a wider table is printed smaller, so more of its rows fit a page.
    scale = min(1.0, (page_width - margins[0]) / max(sum(widths) * POINTS_PER_UNIT, 1))
    room = PAGE_SAFETY * (page_height - margins[1]) / scale - _height(ws, 1) - _height(ws, 2)
    used = 0.0
    for row in range(3, after):
        height = _height(ws, row)
        used = height if used + height > room else used + height
    closing = sum(_height(ws, row) for row in range(after, after + len(sheet.closing)))
    if used + closing > room and closing <= room:
        ws.row_breaks.append(Break(id=after - 1))


def _lines(row: list, widths: list[int]) -> int:
    """How many lines the tallest cell of `row` takes once wrapped in its column."""
    most = 1
    for value, width in zip(row, widths, strict=False):
        if isinstance(value, str) and value:
            room = max(width - 1, 1)
            lines = sum(max(1, -(-display_width(line) // room)) for line in value.splitlines() or [""])
            most = max(most, lines)
    return most


def _print_setup(ws: Worksheet, sheet: Sheet, widths: list[int]) -> None:
    ws.freeze_panes = "A3"
    ws.print_title_rows = "1:2"
    ws.page_setup.paperSize = A4
    wide = len(widths) > WIDE_COLUMNS or sum(widths) > PORTRAIT_WIDTH
    landscape = sheet.landscape if sheet.landscape is not None else wide
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = sheet.fit_height
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.oddFooter.center.text = _("Page &P of &N")
    ws.evenFooter.center.text = ws.oddFooter.center.text


def workbook(sheets: list[Sheet], *, township, period: str = "") -> bytes:
    """The sheets as an .xlsx workbook, in their order."""
    book = Workbook()
    book.remove(book.active)
    taken: set[str] = set()
    for sheet in sheets:
        ws = book.create_sheet(sheet_name(sheet.name, taken))
        _write(ws, sheet, title_line(township=township, subject=sheet.subject or sheet.name, period=period))
    if not sheets:
        book.create_sheet(_("Sheet"))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def from_dataset(dataset, *, name: str, subject: str = "") -> Sheet:
    """A sheet from a tablib dataset (what django-import-export makes)."""
    return Sheet(name=name, subject=subject, headers=list(dataset.headers or []), rows=[list(r) for r in dataset])


_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_UNITS = ["", "拾", "佰", "仟"]
_SECTIONS = ["", "万", "亿", "兆"]


def _four(n: int) -> str:
    """0 < n < 10000 in capitals, with 零 for gaps inside."""
    out, zero = "", False
    for position in range(3, -1, -1):
        digit = n // 10**position % 10
        if digit:
            if zero and out:
                out += "零"
            out += _DIGITS[digit] + _UNITS[position]
            zero = False
        else:
            zero = True
    return out


def rmb_capitals(amount) -> str:
    """An amount in yuan in the capitals finance offices write (大写): 1250 → 人民币壹仟贰佰伍拾元整,
    1250.5 → 人民币壹仟贰佰伍拾元伍角."""
    amount = Decimal(str(amount)).quantize(Decimal("0.01"))
    sign = "负" if amount < 0 else ""
    cents = int(abs(amount) * 100)
    yuan, jiao, fen = cents // 100, cents // 10 % 10, cents % 10
    words, section, need_zero = "", 0, False
    while yuan:
        part = yuan % 10000
        if part:
            text = _four(part) + _SECTIONS[section]
            if need_zero and words:
                text += "零"
            words = text + words
            need_zero = part < 1000
        else:
            need_zero = bool(words)
        yuan //= 10000
        section += 1
    if words.endswith("零"):
        words = words[:-1]
    if not words:
        words = "零" if not (jiao or fen) else ""
    text = f"{words}元" if words else ""
    if not jiao and not fen:
        return f"人民币{sign}{text}整"
    if jiao:
        text += _DIGITS[jiao] + "角"
    elif words:
        text += "零"
    if fen:
        text += _DIGITS[fen] + "分"
    return f"人民币{sign}{text}"
