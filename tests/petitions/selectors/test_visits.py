"""Overdue referrals (petitions/selectors/visits.py) and the month's figures of visits and referrals
(petitions/figures.py)."""

from datetime import date, datetime

import pytest

from petitions.figures import Period, month_breakdown, visit_figures
from petitions.models import Referral, VisitOutcome
from petitions.selectors import visits as selectors
from petitions.services.visits import referral_close, referral_finish, visit_categories_for, visit_record
from tests.factories import DepartmentFactory, StationFactory
from tests.petitions.conftest import LATER, TZ, reload

pytestmark = pytest.mark.django_db


def at(day: date, hour: int = 9, minute: int = 30) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=TZ)


# --- overdue ---------------------------------------------------------------------------------------------


@pytest.fixture
def due_cases(refer, carol):
    """Three cases due on 20 November: one open, one resolved, one unresolvable; and one due on the 21st."""
    late = refer(answer_due=date(2026, 11, 10), due=date(2026, 11, 20))
    resolved = refer(answer_due=date(2026, 11, 10), due=date(2026, 11, 20))
    referral_finish(referral=resolved, user=carol, resolved=True, result="修好了", now=LATER)
    unresolvable = refer(answer_due=date(2026, 11, 10), due=date(2026, 11, 20))
    referral_finish(referral=unresolvable, user=carol, resolved=False, result="县里管", now=LATER)
    due_today = refer(answer_due=date(2026, 11, 10), due=date(2026, 11, 21))
    return {"late": late, "resolved": resolved, "unresolvable": unresolvable, "due_today": due_today}


def test_overdue_holds_an_unfinished_referral_past_its_deadline(due_cases):
    rows = selectors.overdue(Referral.objects.all(), today=date(2026, 11, 21))

    assert list(rows) == [due_cases["late"]]


def test_overdue_leaves_out_finished_referrals_and_those_due_today(due_cases):
    rows = set(selectors.overdue(Referral.objects.all(), today=date(2026, 11, 21)))

    assert not rows & {due_cases["resolved"], due_cases["unresolvable"], due_cases["due_today"]}


def test_nothing_is_overdue_on_its_deadline_day(due_cases):
    assert not selectors.overdue(Referral.objects.all(), today=date(2026, 11, 20)).exists()


def test_referral_is_overdue_agrees_with_the_selector(due_cases, time_machine):
    time_machine.move_to(at(date(2026, 11, 21), 0, 5), tick=False)  # just after midnight in Shanghai

    flagged = {name for name, r in due_cases.items() if reload(r).is_overdue}

    assert flagged == {"late"}
    assert set(selectors.overdue(Referral.objects.all())) == {due_cases["late"]}


# --- the month's figures ---------------------------------------------------------------------------------------


@pytest.fixture
def november(town_a, town_b, alice, dave, record, refer, department_a, carol, time_machine):
    """A hand-made November in town A, seen on 10 December:
    visits (local dates): 2 Nov A referred to 甲 due 20 Nov, still open (overdue);
      5 Nov A referred to 甲, resolved 15 Nov;  10 Nov B referred to 乙, open, due in January;
      12 Nov B answered;  30 Nov 23:30 C answered;  1 Dec 00:30 C answered (December);
    before: 20 Oct referred to 乙, resolved 3 Nov;  1 Oct referred to 甲 due 31 Oct, still open (overdue);
    town B: one November visit."""
    time_machine.move_to(at(date(2026, 12, 10), 10, 0), tick=False)
    dept_jia = department_a
    dept_yi = DepartmentFactory(township=town_a, name="乙办")
    cat_a, cat_b, cat_c = visit_categories_for(township=town_a)[:3]

    refer(dept_jia, at(date(2026, 11, 2)), cat_a, answer_due=date(2026, 11, 10), due=date(2026, 11, 20))
    r = refer(dept_jia, at(date(2026, 11, 5)), cat_a)
    referral_finish(referral=r, user=carol, resolved=True, result="好了", now=at(date(2026, 11, 15)))
    refer(dept_yi, at(date(2026, 11, 10)), cat_b)
    record(received_at=at(date(2026, 11, 12)), category=cat_b)
    record(received_at=at(date(2026, 11, 30), 23, 30), category=cat_c)
    record(received_at=at(date(2026, 12, 1), 0, 30), category=cat_c)

    r = refer(dept_yi, at(date(2026, 10, 20)), cat_b)
    referral_finish(referral=r, user=carol, resolved=True, result="好了", now=at(date(2026, 11, 3)))
    refer(dept_jia, at(date(2026, 10, 1)), cat_c, answer_due=date(2026, 10, 15), due=date(2026, 10, 31))

    b_station = StationFactory(township=town_b)
    visit_record(
        township=town_b,
        user=dave,
        station=b_station,
        category=visit_categories_for(township=town_b)[0],
        visitor_name="乙镇群众",
        content="乙镇的事",
        outcome=VisitOutcome.ANSWERED,
        answer="答复了",
        received_at=at(date(2026, 11, 12)),
    )
    return {"jia": dept_jia.name, "yi": dept_yi.name, "a": cat_a.name, "b": cat_b.name, "c": cat_c.name}


def figures(town):
    period = Period(date(2026, 11, 1), date(2026, 11, 30))
    counts = {count.key: count.value for count in visit_figures(township=town, period=period)}
    return counts | month_breakdown(township=town, period=period)


def test_the_months_figures_count_the_visits_received_that_month(november, town_a):
    assert figures(town_a)["visits"] == 5


def test_the_months_figures_count_the_referrals_opened_that_month(november, town_a):
    assert figures(town_a)["opened"] == 3


def test_the_months_figures_count_the_referrals_resolved_that_month(november, town_a):
    assert figures(town_a)["resolved"] == 2


def test_the_months_figures_count_the_referrals_overdue_at_its_end(november, town_a):
    assert figures(town_a)["overdue"] == 2


def test_the_months_figures_split_referrals_by_department(november, town_a):
    assert figures(town_a)["by_department"] == [
        {"department__name": november["jia"], "opened": 2, "resolved": 1},
        {"department__name": november["yi"], "opened": 1, "resolved": 1},
    ]


def test_the_months_figures_split_visits_by_category(november, town_a):
    by_category = {row["category__name"]: row["n"] for row in figures(town_a)["by_category"]}

    assert by_category == {november["a"]: 2, november["b"]: 2, november["c"]: 1}


def test_a_case_that_cannot_be_resolved_is_not_counted_resolved_once_the_visitor_is_told(
    town_a, refer, carol, time_machine
):
    time_machine.move_to(at(date(2026, 12, 10), 10, 0), tick=False)
    r = refer(received_at=at(date(2026, 11, 2)))
    referral_finish(referral=r, user=carol, resolved=False, result="属县级事权", now=at(date(2026, 11, 10)))
    assert figures(town_a)["resolved"] == 0  # true while it is UNRESOLVABLE

    referral_close(referral=r, told_at=at(date(2026, 11, 12)), satisfied=False)

    assert figures(town_a)["resolved"] == 0


def test_a_case_late_at_the_months_end_still_counts_overdue_for_that_month_after_it_is_resolved(
    town_a, refer, carol, time_machine
):
    time_machine.move_to(at(date(2026, 12, 10), 10, 0), tick=False)
    r = refer(received_at=at(date(2026, 11, 2)), answer_due=date(2026, 11, 10), due=date(2026, 11, 20))
    assert figures(town_a)["overdue"] == 1

    referral_finish(referral=r, user=carol, resolved=True, result="拖到十二月才修好", now=at(date(2026, 12, 5)))

    assert figures(town_a)["overdue"] == 1
