"""What a response shows a person: the text of a page, or the cells of a workbook."""

import io

from django.http import HttpResponse
from openpyxl import load_workbook

from congress.responses import XLSX


def page_text(response: HttpResponse) -> str | None:
    """The text of a page (HTML, a calendar, JSON) or every cell of a workbook; None for any other file
    (an attachment, sent back as it was uploaded)."""
    kind = response.get("Content-Type", "")
    if kind.startswith(XLSX):
        book = load_workbook(io.BytesIO(response.content), read_only=True)
        return "\n".join(str(c) for sheet in book for r in sheet.iter_rows(values_only=True) for c in r if c)
    if kind.startswith(("text/", "application/json")):
        return b"".join(response).decode() if response.streaming else response.content.decode()
    return None
