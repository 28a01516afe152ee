"""Every download the site makes (workbooks, Word documents, calendar feeds), its address from town A's rows, and
the check that what people typed leaves in it as text: no formula cell, no control character, the file opens.

EXPORTS is kept by hand; test_hostile_text.py fails when a view that sends a download is missing from it."""

import inspect
from io import BytesIO

from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from docx import Document
from openpyxl import load_workbook

from congress.responses import DOCX, ICS, XLSX
from congress.text import CONTROL_CHARACTERS
from tests.access.matrix import URL_KWARGS
from tests.access.samples import TownASamples, duty_rows
from tests.documents import texts

# The query each download needs: a page that answers a workbook when asked for one, a month that has rows.
EXPORTS = {
    "deputy_export": "",
    "register_import_template": "",
    "activity_export": "",
    "subsidy_sheet": "format=xlsx&year={year}&month={month}",
    "visit_export": "",
    "referral_export": "",
    "referral_notice": "",
    "panel_meeting_report": "",
    "public_roster_feed": "",
    "deputy_feed": "",
    "proposal_export": "",
    "proposal_rates": "format=xlsx",
    "proposal_collection": "",
    "proposal_assignment_notice": "",
    "proposal_reply_letter": "",
    "record_overview": "format=xlsx&year={this_year}",
    "deputy_record_export": "",
    "commendation_decision": "year={this_year}",
    "bulletin_export": "",
    "bulletin_document": "",
}
DOWNLOAD_HELPERS = ("xlsx_response(", "docx_response(", "calendar_response(")


def download_views() -> set[str]:
    """The names of the site's URLs whose view sends a download through one of congress.responses' helpers."""

    def walk(patterns):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if not pattern.namespace:  # the admin and the other namespaces send no download
                    yield from walk(pattern.url_patterns)
            elif isinstance(pattern, URLPattern) and pattern.name:
                yield pattern

    found = set()
    for pattern in walk(get_resolver().url_patterns):
        try:
            source = inspect.getsource(inspect.unwrap(pattern.callback))
        except (OSError, TypeError):
            continue
        if any(helper in source for helper in DOWNLOAD_HELPERS):
            found.add(pattern.name)
    return found


def export_addresses(samples: TownASamples) -> dict[str, str]:
    """Each download's address, with its arguments from town A's rows."""
    day = duty_rows(samples)["day"].date
    values = {"year": day.year, "month": day.month, "this_year": timezone.localdate().year}
    addresses = {}
    for label, query in EXPORTS.items():
        kwargs = URL_KWARGS[label](samples) if label in URL_KWARGS else {}
        path = reverse(label, kwargs=kwargs or None)
        addresses[label] = f"{path}?{query.format(**values)}" if query else path
    return addresses


def download_texts(response) -> list[str]:
    """Every text in the download, after checking it holds no formula and opens; a page (an export refused, with a
    message) gives none."""
    content_type = response["Content-Type"]
    if content_type == XLSX:
        book = load_workbook(BytesIO(response.content))
        cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]
        formulas = [(cell.coordinate, cell.value) for cell in cells if cell.data_type == "f"]
        assert not formulas, formulas
        return [cell.value for cell in cells if isinstance(cell.value, str)]
    if content_type == DOCX:
        return texts(Document(BytesIO(response.content)))
    if content_type == ICS:
        return [response.content.decode()]
    return []


def control_characters_in(found: list[str]) -> list[str]:
    return [text for text in found if CONTROL_CHARACTERS.search(text)]
