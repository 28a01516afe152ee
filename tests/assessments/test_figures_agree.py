"""One set of figures (issue #19): on the demo town, every page and export that shows a proposal rate shows
it with the same numerator and denominator; in every demo town, every page that shows a visit, problem or
suggestion figure of a month shows it with the same value — read from what each renders, not from the
selector."""

import re
from datetime import timedelta
from io import BytesIO

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client, override_settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from docx import Document
from openpyxl import load_workbook

from assessments.models import Bulletin, BulletinStatus
from assessments.selectors.dashboard import OVERVIEW_COUNTS
from assessments.services.assessment import assessment_compute
from assessments.services.bulletin import bulletin_draft
from congress.dates import first_of, last_month, last_of
from congress.models import Township
from congress.services import password_state_record
from petitions.figures import COUNT_KEYS, implementation_rate, labels
from petitions.models import Visit
from petitions.services.panel import panel_meeting_plan
from proposals.figures import KEYS

pytestmark = [pytest.mark.django_db, pytest.mark.slow]  # loads the whole demo (about a minute)

TOWN_FIGURE = re.compile(r'data-figure="(\w+)" data-scope="town" data-numerator="(\d+)" data-denominator="(\d+)"')


def shown(page: str, pattern: re.Pattern = TOWN_FIGURE) -> dict[str, tuple[int, int]]:
    found: dict[str, tuple[int, int]] = {}
    for key, numerator, denominator in pattern.findall(page):
        assert found.setdefault(key, (int(numerator), int(denominator))) == (int(numerator), int(denominator))
    return found


def client_of(username: str) -> Client:
    user = get_user_model().objects.get(username=username)
    password_state_record(user=user)
    client = Client()
    client.force_login(user)
    return client


def exported(response) -> dict[str, tuple[int, int]]:
    """The town's row of the per-unit export: each rate's percent, numerator and denominator after the counts."""
    *_rows, total = list(load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True))
    assert total[0] == _("All units")
    return {key: (total[9 + 3 * i], total[10 + 3 * i]) for i, key in enumerate(KEYS)}


@override_settings(DEBUG=True)
def test_every_page_shows_the_demo_towns_rates_with_the_same_numbers(demo_rows):
    town = Township.objects.get(name="大莫古镇")
    # Redrafted now, so the bulletin's figures are of the same day as the pages.
    bulletin = bulletin_draft(township=town, month=last_month()) or Bulletin.objects.get(
        township=town, month=last_month()
    )
    office, county = client_of("office"), client_of("county")
    pages = {
        "dashboard": shown(office.get("/dashboard/").content.decode()),
        "rates page": shown(office.get("/proposals/rates/").content.decode()),
        "bulletin": shown(office.get(f"/bulletins/{bulletin.pk}/").content.decode()),
        "bulletin print": shown(office.get(f"/bulletins/{bulletin.pk}/print/").content.decode()),
        "unit export": exported(office.get("/proposals/rates/?format=xlsx")),
    }
    overview = county.get("/county/").content.decode()
    by_town = re.compile(
        rf'data-figure="(\w+)" data-scope="{town.code}" data-numerator="(\d+)" data-denominator="(\d+)"'
    )
    pages["county overview"] = shown(overview, by_town)

    reference = pages["rates page"]
    assert set(reference) == set(KEYS)
    assert reference["reply"][1] > 0  # the demo has items whose reply has fallen due
    for name, figures in pages.items():
        expected = {"reply": reference["reply"]} if name == "county overview" else reference
        assert figures == expected, name


# --- The visit, problem and suggestion figures (petitions.figures) ------------------------------------------

RATE = "suggestions_implemented"


def counts_of(page: str, scope: str) -> dict[str, tuple[int, ...]]:
    """The counts (value,) and the 落实 rate (numerator, denominator) a page shows for a scope."""
    found: dict[str, tuple[int, ...]] = {}
    counts = re.compile(rf'data-figure="(\w+)" data-scope="{re.escape(scope)}" data-value="(\d+)"')
    rates = re.compile(
        rf'data-figure="({RATE})" data-scope="{re.escape(scope)}" data-numerator="(\d+)" data-denominator="(\d+)"'
    )
    for key, *numbers in [*counts.findall(page), *rates.findall(page)]:
        value = tuple(int(n) for n in numbers)
        assert found.setdefault(key, value) == value, f"{key} shown twice with two values"
    return found


def workbook_counts(response) -> dict[str, tuple[int, ...]]:
    """The bulletin workbook's second sheet: each visit figure's label and value, the rate as "p% (n/d)"."""
    with translation.override(settings.LANGUAGE_CODE):
        keys = {label: key for key, (label, _definition) in labels().items()}
        rate_label = implementation_rate(0, 0).label
    found: dict[str, tuple[int, ...]] = {}
    for label, value in load_workbook(BytesIO(response.content)).worksheets[1].iter_rows(values_only=True):
        if label in keys:
            found[keys[label]] = (int(value),)
        elif label == rate_label:
            found[RATE] = tuple(int(n) for n in re.search(r"\((\d+)/(\d+)\)", value).groups())
    return found


def document_counts(response) -> dict[str, tuple[int, ...]]:
    """The bulletin's Word document: its figures table, read as label and value pairs of cells."""
    with translation.override(settings.LANGUAGE_CODE):
        keys = {str(label): key for key, (label, _definition) in labels().items()}
        rate_label = str(implementation_rate(0, 0).label)
    found: dict[str, tuple[int, ...]] = {}
    for table in Document(BytesIO(response.content)).tables:
        for row in table.rows:
            cells = [cell.text.strip() for cell in row.cells]
            for label, value in zip(cells[::2], cells[1::2], strict=False):
                if label in keys:
                    found[keys[label]] = (int(value),)
                elif label == rate_label:
                    found[RATE] = tuple(int(n) for n in re.search(r"[(（](\d+)/(\d+)[)）]", value).groups())
    return found


def bulletin_of(town: Township, month) -> Bulletin:
    """The month's bulletin, drafted now (the month assessed first when it was not), and published: the county
    reads a bulletin only once it is (a draft is the office's alone)."""
    drafted = bulletin_draft(township=town, month=month)
    if drafted is None and not Bulletin.objects.filter(township=town, month=month).exists():
        assessment_compute(township_ids=[town.pk], month=month)
        drafted = bulletin_draft(township=town, month=month)
    bulletin = drafted or Bulletin.objects.get(township=town, month=month)
    Bulletin.objects.filter(pk=bulletin.pk).update(status=BulletinStatus.PUBLISHED)
    return bulletin


def demo_months() -> list:
    """Every month of the demo, from its first visit to this month."""
    first = first_of(timezone.localtime(Visit.objects.order_by("received_at").first().received_at).date())
    months, month = [], first
    while month <= first_of(timezone.localdate()):
        months.append(month)
        month = first_of(last_of(month) + timedelta(days=1))
    return months


@override_settings(DEBUG=True)
def test_every_page_shows_each_towns_visit_figures_of_every_month_with_the_same_values(demo_rows):
    """For every town and every month of the demo: the counts page (the period and its month row), the county
    overview and the panel's compilation; the bulletin (page, print, xlsx) for the months that have one and for
    this month and last, drafted then; the dashboard for this month and last."""
    county = client_of("county")
    today = timezone.localdate()
    towns = list(Township.objects.order_by("code"))
    recent = [first_of(today), last_month()]
    months = demo_months()
    overviews = {m: county.get(f"/county/?month={m:%Y-%m}").content.decode() for m in months}
    checked, totals = 0, dict.fromkeys(COUNT_KEYS, 0)
    for town in towns:
        county.post("/switch/", {"township": town.pk})
        dashboard = county.get("/dashboard/").content.decode()
        for month in months:
            scope, last = f"{month:%Y-%m}", last_of(month)
            meeting = panel_meeting_plan(township=town, month=month)
            counts_page = county.get("/visits/counts/", {"period": "dates", "start": month, "end": last})
            pages = {
                "visit counts": counts_of(counts_page.content.decode(), "period"),
                "visit counts, by month": counts_of(counts_page.content.decode(), scope),
                "panel": counts_of(county.get(f"/visits/panel/{meeting.pk}/").content.decode(), scope),
                "county overview": counts_of(overviews[month], town.code),
            }
            whole = ["panel"]
            if month in recent:
                pages["dashboard"] = counts_of(dashboard, scope)
                whole.append("dashboard")
            if month in recent or Bulletin.objects.filter(township=town, month=month).exists():
                bulletin = bulletin_of(town, month)
                pages["bulletin"] = counts_of(county.get(f"/bulletins/{bulletin.pk}/").content.decode(), scope)
                pages["bulletin print"] = counts_of(
                    county.get(f"/bulletins/{bulletin.pk}/print/").content.decode(), scope
                )
                pages["bulletin xlsx"] = workbook_counts(county.get(f"/bulletins/{bulletin.pk}/export/"))
                pages["bulletin docx"] = document_counts(county.get(f"/bulletins/{bulletin.pk}/document/"))
                whole += ["bulletin", "bulletin print", "bulletin xlsx", "bulletin docx"]
            reference = pages["visit counts"]
            assert set(reference) == {*COUNT_KEYS, RATE}, town.code
            for name, figures in pages.items():
                assert figures, f"{town.code} {scope}: {name} shows no visit figure"
                expected = {key: reference[key] for key in figures}
                assert figures == expected, f"{town.code} {scope}: {name}"
            for name in whole:
                assert set(pages[name]) == set(reference), f"{town.code} {scope}: {name} leaves a figure out"
            assert set(pages["county overview"]) == set(OVERVIEW_COUNTS)
            checked += 1
            totals = {key: totals[key] + reference[key][0] for key in COUNT_KEYS}
    assert checked == len(months) * len(towns) >= 2 * 12
    assert totals["visits"] > 0 and totals["resolved"] > 0 and totals["solved"] > 0  # the demo is not empty
