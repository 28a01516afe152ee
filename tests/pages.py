"""What a response shows a person: the text of a page, the cells of a workbook, the text of a document, the
options of a select."""

import io
from html.parser import HTMLParser

from django.http import HttpResponse
from docx import Document
from openpyxl import load_workbook

from congress.responses import DOCX, XLSX


def page_text(response: HttpResponse) -> str | None:
    """The text of a page (HTML, a calendar, JSON), every cell of a workbook, every paragraph and cell of a
    Word document; None for any other file (an attachment, sent back as it was uploaded)."""
    kind = response.get("Content-Type", "")
    if kind.startswith(DOCX):
        document = Document(io.BytesIO(response.content))
        cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
        return "\n".join([p.text for p in document.paragraphs] + cells)
    if kind.startswith(XLSX):
        book = load_workbook(io.BytesIO(response.content), read_only=True)
        return "\n".join(str(c) for sheet in book for r in sheet.iter_rows(values_only=True) for c in r if c)
    if kind.startswith(("text/", "application/json")):
        return b"".join(response).decode() if response.streaming else response.content.decode()
    return None


def table_rows(sheet) -> list[tuple]:
    """The rows of a worksheet from its header on: the title row above the header (one filled cell across the
    table) is left out."""
    rows = list(sheet.iter_rows(values_only=True))
    for index, row in enumerate(rows):
        if sum(cell is not None for cell in row) > 1:
            return rows[index:]
    return []


class Options(HTMLParser):
    """The options of a rendered select, each with the label of the optgroup it is in (None outside one)."""

    def __init__(self) -> None:
        super().__init__()
        self.group = None
        self.rows: list[tuple[str | None, str, dict]] = []
        self._attrs: dict | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "optgroup":
            self.group = dict(attrs)["label"]
        elif tag == "option":
            self._attrs = dict(attrs)

    def handle_endtag(self, tag):
        if tag == "optgroup":
            self.group = None

    def handle_data(self, data):
        if self._attrs is not None and self._attrs.get("value"):
            self.rows.append((self.group, data, self._attrs))
        self._attrs = None


def select_options(html) -> list[tuple[str | None, str, dict]]:
    """The options of a rendered select (a bound field or its HTML): (optgroup label or None, text, attributes),
    leaving out the empty choice."""
    parser = Options()
    parser.feed(str(html))
    return parser.rows
