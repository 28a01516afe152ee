"""The rates page over a period: each rate counts the items whose own event fell in it (due, assigned, replied,
rated), as of its last day; the per-unit table and its export follow the period; a period that cannot be
gives a message and every item to date; a rate with nothing to count in the period shows "—"."""

from datetime import date
from io import BytesIO

import pytest
from django.contrib.messages import get_messages
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from congress.periods import Period, named_period
from proposals.figures import proposal_figures
from proposals.models import Proposal, Rating, Stage
from tests.pages import table_rows

pytestmark = pytest.mark.django_db

TODAY = date(2026, 6, 10)


@pytest.fixture
def items(flow):
    """A: assigned 03-02, due 04-15, met, replied 04-10 (class A), rated satisfied 04-12.
    B: assigned 03-02, due 05-20, met, replied 05-25 (late, class A), rated basically satisfied 05-28.
    C: assigned 05-05, due 08-01, consulted 05-05."""
    a = flow.assigned(due=date(2026, 4, 15))
    b = flow.assigned(due=date(2026, 5, 20))
    flow.meetings(a)
    flow.meetings(b)
    flow.go(date(2026, 4, 10))
    flow.reply(a)
    flow.go(date(2026, 4, 12))
    flow.feedback(a, Rating.SATISFIED)
    flow.go(date(2026, 5, 5))
    c = flow.assigned(due=date(2026, 8, 1))
    flow.meeting(c, Stage.AFTER_ASSIGNMENT)
    flow.go(date(2026, 5, 25))
    flow.reply(b)
    flow.go(date(2026, 5, 28))
    flow.feedback(b, Rating.BASIC)
    flow.go(TODAY)
    return {"A": a, "B": b, "C": c}


def counted(town, first: date, last: date) -> dict[str, tuple[int, int]]:
    figures = proposal_figures(items=Proposal.objects.for_township(town), period=(first, last))
    return {f.key: (f.numerator, f.denominator) for f in figures}


def test_each_rate_counts_the_items_whose_event_fell_in_the_period(items, town_a):
    assert counted(town_a, date(2026, 4, 1), date(2026, 4, 30)) == {
        "reply": (1, 1),  # A was due in April and replied
        "meeting": (0, 0),  # nothing assigned in April
        "implementation": (1, 1),  # A replied in April
        "satisfaction": (1, 1),  # A rated in April
    }
    assert counted(town_a, date(2026, 5, 1), date(2026, 5, 31)) == {
        "reply": (1, 1),  # B due 05-20, replied 05-25 (late: not on time)
        "meeting": (1, 1),  # C assigned in May and consulted
        "implementation": (1, 1),  # B replied in May
        "satisfaction": (0, 1),  # B basically satisfied
    }


def test_a_period_is_counted_as_of_its_last_day(items, town_a):
    # In March nothing was due; A and B were assigned and, not replied by 03-31, needed only the consultation.
    assert counted(town_a, date(2026, 3, 1), date(2026, 3, 31)) == {
        "reply": (0, 0),
        "meeting": (2, 2),
        "implementation": (0, 0),
        "satisfaction": (0, 0),
    }
    # Due 05-20, replied 05-25: as of 05-22 it was due and not replied.
    assert counted(town_a, date(2026, 5, 1), date(2026, 5, 22))["reply"] == (0, 1)


def test_an_item_due_on_the_last_day_of_a_past_period_is_due_in_it(items, town_a):
    assert counted(town_a, date(2026, 5, 1), date(2026, 5, 20))["reply"] == (0, 1)
    assert counted(town_a, date(2026, 5, 21), date(2026, 5, 31))["reply"] == (0, 0)


def test_a_period_not_over_counts_to_today_and_a_deadline_of_today_is_not_passed(flow, items, town_a):
    flow.assigned(due=TODAY)
    year = counted(town_a, date(2026, 1, 1), date(2026, 12, 31))
    assert year["reply"] == (2, 2)  # A and B; the item due today is not yet late
    assert year["meeting"] == (3, 4)  # the new item has had no consultation yet


def rates_page(client, **params):
    response = client.get("/proposals/rates/", params)
    assert response.status_code == 200
    return response


def overall(response) -> dict[str, tuple[int, int]]:
    return {f.key: (f.numerator, f.denominator) for f in response.context["overall"]}


def test_the_page_shows_the_chosen_period_and_dashes_for_nothing_due(items, login, alice):
    response = rates_page(login(alice), period="dates", start="2026-03-01", end="2026-03-31")
    assert response.context["period"] == Period(date(2026, 3, 1), date(2026, 3, 31))
    reply = next(f for f in response.context["overall"] if f.key == "reply")
    assert reply.percent is None
    assert 'data-figure="reply" data-scope="town" data-numerator="0" data-denominator="0"' in response.content.decode()
    assert '<span class="figure-percent">—</span>' in response.content.decode()


def test_last_month_on_the_page_and_per_session_follow_the_period(items, login, alice):
    response = rates_page(login(alice), period="last_month")
    assert response.context["period"].days == (date(2026, 5, 1), date(2026, 5, 31))
    assert overall(response)["meeting"] == (1, 1)
    (_session, rates), *_ = response.context["sessions"]
    assert {f.key: (f.numerator, f.denominator) for f in rates}["meeting"] == (1, 1)


def test_every_item_to_date_is_the_default(items, login, alice):
    response = rates_page(login(alice))
    assert response.context["period"] is None
    assert overall(response) == {
        "reply": (2, 2),
        "meeting": (3, 3),
        "implementation": (2, 2),
        "satisfaction": (1, 2),
    }


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"period": "dates", "start": "2026-05-31", "end": "2026-05-01"}, "The period's end is before its start."),
        (
            {"period": "dates", "start": "2026-13-01", "end": "2026-05-01"},
            "Give the period's dates as year-month-day.",
        ),
        (
            {"period": "dates", "start": "2026-05-01"},
            "Give both dates of the period, or choose a named period.",
        ),
        ({"period": "someday"}, "Choose one of the periods offered."),
    ],
)
def test_a_period_that_cannot_be_gives_a_message_and_the_default(items, login, alice, params, message):
    response = rates_page(login(alice), **params)
    assert response.context["period"] is None
    assert [str(m) for m in get_messages(response.wsgi_request)] == [f"{_(message)} {_('Showing every item to date.')}"]
    assert overall(response) == overall(rates_page(login(alice)))


def test_the_unit_table_follows_the_period(items, login, alice, department_a):
    response = rates_page(login(alice), period="dates", start="2026-05-01", end="2026-05-31")
    (row,) = response.context["table"]
    assert row["department"] == department_a
    assert (row["as_main"], row["replied"], row["basic"], row["satisfied"]) == (1, 1, 1, 0)
    assert {f.key: (f.numerator, f.denominator) for f in row["rates"]}["reply"] == (1, 1)


def test_the_export_link_carries_the_period_and_the_export_follows_it(items, login, alice):
    client = login(alice)
    page = rates_page(client, period="dates", start="2026-04-01", end="2026-04-30").content.decode()
    assert 'href="?period=dates&amp;start=2026-04-01&amp;end=2026-04-30&amp;format=xlsx"' in page
    response = client.get(
        "/proposals/rates/", {"period": "dates", "start": "2026-04-01", "end": "2026-04-30", "format": "xlsx"}
    )
    assert response.status_code == 200
    sheet = load_workbook(BytesIO(response.content)).active
    rows = table_rows(sheet)
    header, total = rows[0], rows[-1]
    meeting = header.index(f"{_('Meeting rate (见面率)')} (%)")
    assert total[meeting] == "—"  # nothing assigned in April
    assert total[meeting + 2] == 0
    reply = header.index(f"{_('Reply rate (办复率)')} (%)")
    assert total[reply : reply + 3] == (100, 1, 1)


@pytest.mark.parametrize(
    ("key", "today", "first", "last"),
    [
        ("this_month", date(2026, 6, 10), date(2026, 6, 1), date(2026, 6, 30)),
        ("last_month", date(2026, 1, 15), date(2025, 12, 1), date(2025, 12, 31)),
        ("this_quarter", date(2026, 6, 10), date(2026, 4, 1), date(2026, 6, 30)),
        ("this_quarter", date(2026, 12, 31), date(2026, 10, 1), date(2026, 12, 31)),
        ("this_year", date(2026, 6, 10), date(2026, 1, 1), date(2026, 12, 31)),
        ("last_year", date(2026, 6, 10), date(2025, 1, 1), date(2025, 12, 31)),
    ],
)
def test_the_named_periods(key, today, first, last):
    assert named_period(key, today).days == (first, last)
