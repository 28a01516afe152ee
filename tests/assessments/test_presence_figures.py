"""Every figure that counts duty attendance counts a remote sign-in (issue #22, part 5) only once the office
confirms it: the monthly scoring, the bulletin's duty figures, the county overview, the performance record and the
subsidy sheet all read the one rule (petitions.models.attended_q)."""

from datetime import date
from decimal import Decimal

import pytest

from assessments.models import Item
from assessments.scoring import month_counts
from assessments.selectors.bulletin import duty_month_figures
from assessments.selectors.dashboard import county_overview
from assessments.selectors.record import performance_record
from petitions.models import AttendanceStatus, DutyAssignment
from petitions.selectors.duty import subsidy_sheet
from petitions.services.attendance import attendance_record
from tests.assessments.conftest import MARCH, Records
from tests.factories import DeputyFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]

DAY = date(2026, 3, 2)


def figures(town, county, deputy) -> dict:
    return {
        "scoring": month_counts(township_ids=[town.pk], month=MARCH).get(deputy.pk, {}).get(Item.DUTY_ATTENDED, 0),
        "bulletin": duty_month_figures(town, MARCH)["present"],
        "county": next(r for r in county_overview(county=county, month=MARCH) if r["town"] == town)["duty_rate"],
        "record": performance_record(deputy=deputy, year=2026).duty.present,
        "subsidy": sum(line.days for line in subsidy_sheet(township=town, year=2026, month=3, rate=Decimal(50))),
    }


@pytest.fixture
def remote(town_a):
    """A deputy of town A who signed in remotely on a March duty day (what duty_sign_in leaves without the code)."""
    deputy = DeputyFactory(township=town_a)
    assignment = Records(town_a).duty(deputy, DAY)
    DutyAssignment.objects.filter(pk=assignment.pk).update(status=AttendanceStatus.REMOTE)
    return DutyAssignment.objects.get(pk=assignment.pk)


def test_a_remote_sign_in_counts_in_no_figure(town_a, county, remote):
    assert figures(town_a, county, remote.deputy) == {
        "scoring": 0,
        "bulletin": 0,
        "county": 0.0,
        "record": 0,
        "subsidy": 0,
    }


def test_once_the_office_confirms_it_every_figure_counts_it(town_a, county, remote, alice):
    attendance_record(assignment=remote, status=AttendanceStatus.PRESENT, note="", user=alice)
    assert figures(town_a, county, remote.deputy) == {
        "scoring": 1,
        "bulletin": 1,
        "county": 100.0,
        "record": 1,
        "subsidy": 1,
    }
