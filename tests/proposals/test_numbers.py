"""Numbers as the session writes them (issue #21, item 5): an accepted item is 第N号 within its session's series of
议案 or of 建议, and reads so in the list, on its page, on the home and record pages, and in the list's export."""

from io import BytesIO

import pytest
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from congress.models import Notification
from proposals.models import Kind

pytestmark = pytest.mark.django_db


def test_the_label_names_the_series_and_the_number(flow):
    first, second = flow.accepted(), flow.accepted()
    proposal = flow.accepted(kind=Kind.PROPOSAL)
    assert second.number_label == _("Suggestion No. %(number)s") % {"number": 2}
    assert proposal.number_label == _("Proposal No. %(number)s") % {"number": 1}
    assert first.number_label != proposal.number_label  # both are number 1, of two series
    assert flow.submitted().number_label == ""


def test_the_number_reads_the_same_on_the_list_the_page_and_the_export(flow, login, alice):
    flow.accepted()
    item = flow.assigned()
    label = item.number_label
    client = login(alice)
    listing = client.get("/proposals/").content.decode()
    assert label in listing
    page = client.get(f"/proposals/{item.pk}/").content.decode()
    assert page.count(label) >= 2  # the breadcrumb and the heading
    export = client.get("/proposals/export/")
    assert export.status_code == 200
    sheet = load_workbook(BytesIO(export.content)).active
    cells = [cell.value for row in sheet.iter_rows() for cell in row]
    assert label in cells


def test_an_item_not_yet_numbered_shows_no_number(flow, login, alice):
    item = flow.submitted()
    page = login(alice).get(f"/proposals/{item.pk}/").content.decode()
    assert "data-number" not in page


def test_the_messages_about_a_numbered_item_name_its_number(flow):
    item = flow.assigned()
    subjects = list(Notification.objects.filter(key__contains=str(item.pk)).values_list("subject", flat=True))
    numbered = [s for s in subjects if item.number_label in s]
    assert numbered, subjects  # the assignment's message to the unit, and the lead's on its acceptance
    assert all(item.title in s for s in numbered)
