"""Each town's figures of a month, kept as a row (assessments.selectors.town_months): read again without
counting, never stale after a change that touches them, whatever path the change takes."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from simple_history.utils import bulk_update_with_history

from assessments.models import TownMonth
from assessments.selectors.dashboard import county_overview, dashboard
from assessments.selectors.town_months import months_behind, town_months
from congress.audit import history_record_update
from petitions.figures import Period, visit_figures
from petitions.models import AttendanceStatus, DutyAssignment, Referral
from petitions.services.visits import ReferralPlan, referral_close, referral_create, referral_finish
from tests.assessments.conftest import MARCH, NOW, Records, at
from tests.factories import DepartmentFactory, DeputyFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]
APRIL = date(2026, 4, 1)


def _months(town):
    return dashboard(township=town)["charts"]["months"]


def _visits_in(town, month: date) -> int:
    chart = _months(town)
    return chart["visits"][chart["labels"].index(f"{month:%Y-%m}")]


def test_the_second_read_counts_nothing(town_a):
    Records(town_a).visit(at(date(2026, 4, 2)))
    dashboard(township=town_a)

    with CaptureQueriesContext(connection) as second:
        dashboard(township=town_a)

    assert not any("petitions_visit" in q["sql"] for q in second.captured_queries)
    assert TownMonth.objects.filter(township=town_a).count() == 12
    assert months_behind(town_a.pk) == 0


def test_a_visit_recorded_after_the_read_is_counted(town_a):
    records = Records(town_a)
    records.visit(at(date(2026, 4, 2)))
    assert _visits_in(town_a, APRIL) == 1

    records.visit(at(date(2026, 4, 3)))

    assert _visits_in(town_a, APRIL) == 2


def test_a_visit_written_into_a_closed_month_makes_that_month_stale(town_a):
    records = Records(town_a)
    records.visit(at(date(2026, 1, 5)))
    assert _visits_in(town_a, date(2026, 1, 1)) == 1

    records.visit(at(date(2026, 1, 20)))

    assert _visits_in(town_a, date(2026, 1, 1)) == 2


def test_a_visit_moved_to_a_later_month_leaves_the_earlier_one(town_a):
    visit = Records(town_a).visit(at(date(2026, 2, 5)))
    assert _visits_in(town_a, date(2026, 2, 1)) == 1

    visit.received_at = at(date(2026, 3, 5))
    visit.save()

    assert _visits_in(town_a, date(2026, 2, 1)) == 0
    assert _visits_in(town_a, MARCH) == 1


def test_a_case_resolved_and_told_counts_as_solved_in_the_month_told(town_a, alice):
    visit = Records(town_a).visit(at(date(2026, 3, 2)))
    referral = referral_create(
        visit=visit, plan=ReferralPlan(department=DepartmentFactory(township=town_a), responsible_name="王主任")
    )
    before = dashboard(township=town_a)["now"]["visits"].value("solved")

    referral_finish(referral=referral, user=alice, resolved=True, result="已修复", now=NOW - timedelta(days=1))
    referral_close(referral=Referral.objects.get(pk=referral.pk), told_at=NOW - timedelta(hours=2), satisfied=True)

    assert dashboard(township=town_a)["now"]["visits"].value("solved") == before + 1


def test_attendance_written_in_bulk_or_by_an_update_is_counted(town_a):
    records = Records(town_a)
    first, second = DeputyFactory(township=town_a), DeputyFactory(township=town_a)
    rows = [records.duty(d, date(2026, 4, 6), AttendanceStatus.EXPECTED) for d in (first, second)]
    assert dashboard(township=town_a)["now"]["duty_rate"] == 0

    rows[0].status, rows[0].signed_in_at = AttendanceStatus.PRESENT, NOW  # as a bulk write in a service
    bulk_update_with_history([rows[0]], DutyAssignment, ["status", "signed_in_at"])
    assert dashboard(township=town_a)["now"]["duty_rate"] == 50.0

    # As a sign-in writes: a claim-once update, then its history row.
    DutyAssignment.objects.filter(pk=rows[1].pk).update(status=AttendanceStatus.PRESENT, signed_in_at=NOW)
    history_record_update(DutyAssignment.objects.get(pk=rows[1].pk))
    assert dashboard(township=town_a)["now"]["duty_rate"] == 100.0


def test_a_renamed_category_is_renamed_in_every_kept_month(town_a):
    records = Records(town_a)
    visit = records.visit(at(date(2026, 2, 5)))
    referral_create(
        visit=visit, plan=ReferralPlan(department=DepartmentFactory(township=town_a), responsible_name="王主任")
    )
    assert dashboard(township=town_a)["charts"]["categories"]["labels"] == [records.category.name]

    records.category.name = "道路"
    records.category.save()

    assert dashboard(township=town_a)["charts"]["categories"]["labels"] == ["道路"]


def test_the_current_month_counted_yesterday_is_counted_again_today(town_a, time_machine):
    records = Records(town_a)
    visit = records.visit(at(date(2026, 4, 1)))
    referral_create(
        visit=visit,
        plan=ReferralPlan(
            department=DepartmentFactory(township=town_a),
            responsible_name="王主任",
            answer_due=date(2026, 4, 5),
            due=date(2026, 4, 10),
        ),
    )
    assert dashboard(township=town_a)["now"]["visits"].value("overdue") == 0

    time_machine.move_to(NOW + timedelta(days=1))  # the deadline has passed overnight, nothing written

    assert dashboard(township=town_a)["now"]["visits"].value("overdue") == 1


def test_the_county_overview_reads_the_figures_counted_on_the_spot(erin, town_a, town_b):
    Records(town_a).visit(at(date(2026, 4, 2)))
    Records(town_b).visit(at(date(2026, 4, 3)))
    county_overview(county=town_a.county)  # kept
    Records(town_b).visit(at(date(2026, 4, 4)))

    rows = {row["town"]: row for row in county_overview(county=town_a.county)}

    for town in (town_a, town_b):
        live = visit_figures(township=town, period=Period.month(APRIL))
        assert [c.value for c in rows[town]["figures"]] == [c.value for c in live]
    assert rows[town_b]["visits"] == 2


def test_kept_rows_are_read_for_many_towns_in_one_query(town_a, town_b):
    town_months(township_ids=[town_a.pk, town_b.pk], months=[APRIL, MARCH])

    with CaptureQueriesContext(connection) as read:
        kept = town_months(township_ids=[town_a.pk, town_b.pk], months=[APRIL, MARCH])

    assert len(read.captured_queries) == 1
    assert set(kept) == {(town_a.pk, APRIL), (town_b.pk, APRIL), (town_a.pk, MARCH), (town_b.pk, MARCH)}
