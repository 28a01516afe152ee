"""The pages of the visit figures: solved on the spot on the visit form, a visit in the future refused, the
totals from before the system (/visits/before/) and the period of the visit counts page."""

from datetime import date, datetime

import pytest
from django.contrib.messages import get_messages
from django.utils.translation import gettext as _

from petitions.models import PriorTotals, Visit, VisitOutcome
from petitions.services.prior import PriorTotalsError, prior_totals_save
from petitions.services.visits import VisitError, visit_categories_for
from tests.petitions.conftest import TZ

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 12, 10, 10, 0, tzinfo=TZ)
SOLVED_ONLY_ANSWERED = (
    "Only a visit answered on the spot can have its problem solved on the spot: untick it or change the outcome."
)
FUTURE = "A visit cannot be received in the future: check the date and time received."


@pytest.fixture(autouse=True)
def clock(time_machine):
    time_machine.move_to(NOW, tick=False)


@pytest.fixture
def form_data(town_a, station):
    return {
        "received_at": "2026-12-07T09:30",
        "station": station.pk,
        "visitor_name": "王大妈",
        "visitor_count": "1",
        "category": visit_categories_for(township=town_a)[0].pk,
        "content": "村道路灯坏了",
        "outcome": VisitOutcome.ANSWERED,
        "answer": "当场联系电工修好",
        "solved_on_spot": "on",
    }


def messages_of(response) -> list[str]:
    return [m.message for m in get_messages(response.wsgi_request)]


# --- solved on the spot, and no visit in the future -------------------------------------------------------


def test_a_visit_answered_and_solved_on_the_spot_is_recorded_so_and_shown(login, alice, form_data):
    client = login(alice)

    response = client.post("/visits/new/", form_data)

    visit = Visit.objects.get()
    assert response.status_code == 302 and visit.solved_on_spot
    assert "data-solved-on-spot" in client.get(f"/visits/{visit.pk}/").content.decode()
    assert "data-solved-on-spot" in client.get("/visits/").content.decode()


@pytest.mark.parametrize("outcome", [VisitOutcome.SUGGESTION, VisitOutcome.PASSED_UP])
def test_solved_on_the_spot_is_refused_unless_the_visit_was_answered_on_the_spot(login, alice, form_data, outcome):
    form_data["outcome"] = outcome

    response = login(alice).post("/visits/new/", form_data)

    assert response.status_code == 200
    assert response.context["form"].errors["solved_on_spot"] == [_(SOLVED_ONLY_ANSWERED)]
    assert not Visit.objects.exists()


def test_the_service_refuses_solved_on_the_spot_for_a_visit_not_answered(record):
    with pytest.raises(VisitError) as refused:
        record(outcome=VisitOutcome.SUGGESTION, answer="", solved_on_spot=True)

    assert refused.value.text == _(SOLVED_ONLY_ANSWERED)
    assert not Visit.objects.exists()


def test_a_visit_received_in_the_future_is_refused_by_the_form_and_the_service(login, alice, form_data, record):
    form_data["received_at"] = "2026-12-11T09:30"

    response = login(alice).post("/visits/new/", form_data)

    # The form names the range it accepts (tests/petitions/test_typed_dates.py); the service keeps its own rule.
    assert response.context["form"].errors["received_at"]
    with pytest.raises(VisitError) as refused:
        record(received_at=datetime(2026, 12, 11, 9, 30, tzinfo=TZ))
    assert refused.value.text == _(FUTURE)
    assert not Visit.objects.exists()


# --- totals from before the system ------------------------------------------------------------------------


def totals(**changes) -> dict:
    return {"year": "2019", "people_received": "2100", "problems_solved": "180", "suggestions": "12"} | changes


def test_the_office_adds_a_years_totals_and_sees_them_listed(login, alice, town_a):
    client = login(alice)

    response = client.post("/visits/before/", totals(source="2019年工作台账"))

    assert response.status_code == 302 and response["Location"] == "/visits/before/"
    row = PriorTotals.objects.get(township=town_a)
    assert (row.year, row.people_received, row.problems_solved, row.suggestions) == (2019, 2100, 180, 12)
    assert 'data-year="2019"' in client.get("/visits/before/").content.decode()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"year": "2027"}, "%(year)s has not come yet: give a past year."),
        ({"year": "1978"}, "Give a year from 1979 on."),
        ({"problems_solved": "2101"}, "The problems solved cannot be more than the people received."),
        ({"year": "2026"}, "The system already holds visits of %(year)s: its counts come from them, not from totals."),
        ({"year": "2018"}, "The totals of %(year)s are already entered: edit them instead."),
    ],
    ids=["future", "before-1979", "solved-over-people", "covered", "duplicate"],
)
def test_a_refused_year_shows_the_form_again_with_why_and_writes_nothing(
    login, alice, town_a, record, changes, message
):
    record(received_at=datetime(2026, 3, 2, 9, 30, tzinfo=TZ))
    PriorTotals.objects.create(township=town_a, year=2018, people_received=10, problems_solved=1)
    data = totals(**changes)

    response = login(alice).post("/visits/before/", data)

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [_(message) % {"year": data["year"]}]
    assert PriorTotals.objects.count() == 1


def test_the_office_edits_and_removes_a_years_totals(login, alice, town_a):
    row = PriorTotals.objects.create(township=town_a, year=2019, people_received=10, problems_solved=1)
    client = login(alice)

    client.post(f"/visits/before/{row.pk}/", totals(year="2019", problems_solved="9"))
    row.refresh_from_db()
    assert row.problems_solved == 9

    client.post(f"/visits/before/{row.pk}/delete/")
    assert not PriorTotals.objects.exists()


def test_editing_a_year_onto_another_entered_year_is_refused(town_a):
    PriorTotals.objects.create(township=town_a, year=2018, people_received=10, problems_solved=1)
    row = PriorTotals.objects.create(township=town_a, year=2019, people_received=10, problems_solved=1)

    with pytest.raises(PriorTotalsError):
        prior_totals_save(township=town_a, totals=row, year=2018, people_received=10, problems_solved=1)


def test_another_towns_office_cannot_edit_or_remove_town_as_totals(login, dave, town_a):
    row = PriorTotals.objects.create(township=town_a, year=2019, people_received=10, problems_solved=1)
    client = login(dave)

    assert client.post(f"/visits/before/{row.pk}/", totals()).status_code == 404
    assert client.post(f"/visits/before/{row.pk}/delete/").status_code == 404
    row.refresh_from_db()
    assert row.people_received == 10


# --- the visit counts page --------------------------------------------------------------------------------


def test_the_counts_page_says_the_totals_from_before_the_system_it_includes(login, alice, town_a, record):
    record(received_at=datetime(2026, 3, 2, 9, 30, tzinfo=TZ), solved_on_spot=True)
    PriorTotals.objects.create(township=town_a, year=2024, people_received=2100, problems_solved=180)

    page = login(alice).get("/visits/counts/", {"period": "dates", "start": "2024-01-01", "end": "2026-12-31"})

    html = page.content.decode()
    assert 'data-figure="solved" data-scope="period" data-value="181"' in html
    assert 'data-prior-people="2100" data-prior-solved="180"' in html
    assert 'href="/visits/before/"' in html


@pytest.mark.parametrize(
    ("query", "first", "last"),
    [
        ({}, date(2026, 1, 1), date(2026, 12, 31)),
        ({"period": "this_month"}, date(2026, 12, 1), date(2026, 12, 31)),
        ({"period": "last_month"}, date(2026, 11, 1), date(2026, 11, 30)),
        ({"period": "this_quarter"}, date(2026, 10, 1), date(2026, 12, 31)),
        ({"period": "last_year"}, date(2025, 1, 1), date(2025, 12, 31)),
        ({"period": "dates", "start": "2026-02-03", "end": "2026-05-04"}, date(2026, 2, 3), date(2026, 5, 4)),
    ],
)
def test_the_counts_page_covers_the_period_chosen(login, alice, query, first, last):
    response = login(alice).get("/visits/counts/", query)

    assert (response.context["period"].first, response.context["period"].last) == (first, last)


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"period": "dates", "start": "2026-05-04", "end": "2026-02-03"}, "The period's end is before its start."),
        ({"period": "dates", "start": "2026-05-04"}, "Give both dates of the period, or choose a named period."),
        ({"period": "dates", "start": "nope", "end": "2026-02-03"}, "Give the period's dates as year-month-day."),
        ({"period": "dates", "start": "1900-01-01", "end": "2026-02-03"}, "Choose a period from 1979 on."),
        ({"period": "fortnight"}, "Choose one of the periods offered."),
    ],
)
def test_a_wrong_period_is_said_and_the_default_period_shown(login, alice, query, message):
    response = login(alice).get("/visits/counts/", query)

    assert response.status_code == 200
    assert messages_of(response) == [_(message)]
    assert response.context["period"].first == date(2026, 1, 1)
