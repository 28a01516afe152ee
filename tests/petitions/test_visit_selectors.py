"""Who sees which referrals and a visitor's contacts, asked of the selectors with the viewer's membership and
the town (never the request)."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from congress.models import Membership
from petitions.models import VisitOutcome
from petitions.selectors.visits import handles_visitor, referrals_for
from petitions.services.visits import ReferralPlan, visit_categories_for, visit_record
from tests.factories import DepartmentFactory

pytestmark = pytest.mark.django_db
VISIT_AT = datetime(2026, 11, 2, 9, 30, tzinfo=ZoneInfo("Asia/Shanghai"))


def viewer(user) -> Membership:
    return user.memberships.get()


@pytest.fixture
def refer(town_a, alice, station):
    def make(department):
        return visit_record(
            township=town_a,
            user=alice,
            station=station,
            category=visit_categories_for(township=town_a)[0],
            visitor_name="王大妈",
            visitor_phone="13911112222",
            content="村道路灯坏了",
            outcome=VisitOutcome.REFERRED,
            received_at=VISIT_AT,
            referral=ReferralPlan(department=department, responsible_name="周主任"),
        )

    return make


def test_a_unit_sees_only_its_own_departments_referrals_and_the_office_all(refer, alice, carol, town_a, department_a):
    ours = refer(department_a).referral
    theirs = refer(DepartmentFactory(township=town_a, name="农业农村办公室")).referral

    assert list(referrals_for(viewer=viewer(carol), township=town_a)) == [ours]
    assert set(referrals_for(viewer=viewer(alice), township=town_a)) == {ours, theirs}


def test_another_towns_office_sees_no_referral_of_town_a(refer, dave, department_a):
    refer(department_a)

    assert not referrals_for(viewer=viewer(dave), township=viewer(dave).township).exists()


def test_the_visitors_contacts_go_to_the_office_and_the_unit_handling_the_case(
    refer, alice, carol, leo, town_a, department_a
):
    handled_here = refer(department_a)
    handled_elsewhere = refer(DepartmentFactory(township=town_a, name="农业农村办公室"))

    assert handles_visitor(viewer=viewer(alice), visit=handled_elsewhere)
    assert handles_visitor(viewer=viewer(carol), visit=handled_here)
    assert not handles_visitor(viewer=viewer(carol), visit=handled_elsewhere)
    assert not handles_visitor(viewer=viewer(leo), visit=handled_here)
