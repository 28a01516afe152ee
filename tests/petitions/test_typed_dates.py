"""Dates typed on the visits' pages stay within their range (congress/validators.py): a visit is not received
after today, a deadline is within two years of today; a date out of range is refused with a message naming the
range and changes nothing."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils.translation import override

from petitions.models import DeadlineExtension, Visit, VisitOutcome
from petitions.services.visits import ReferralPlan, visit_categories_for, visit_record

pytestmark = pytest.mark.django_db
TZ = ZoneInfo("Asia/Shanghai")
TODAY = date(2026, 12, 7)


@pytest.fixture(autouse=True)
def today(time_machine):
    time_machine.move_to(datetime(2026, 12, 7, 15, 0, tzinfo=TZ), tick=False)


@pytest.fixture
def visit_data(town_a, station) -> dict:
    return {
        "station": station.pk,
        "visitor_name": "王大妈",
        "visitor_count": "1",
        "category": visit_categories_for(township=town_a)[0].pk,
        "content": "村道塌方",
        "outcome": VisitOutcome.ANSWERED,
        "answer": "已联系村委会",
    }


@pytest.fixture
def referral(town_a, alice, station, department_a):
    visit = visit_record(
        township=town_a,
        user=alice,
        station=station,
        category=visit_categories_for(township=town_a)[0],
        visitor_name="王大妈",
        content="村道塌方",
        outcome=VisitOutcome.REFERRED,
        received_at=datetime(2026, 12, 1, 9, 0, tzinfo=TZ),
        referral=ReferralPlan(department=department_a, responsible_name="张三"),
    )
    return visit.referral


@pytest.mark.parametrize("received", ["2026-12-08T09:00", "9999-12-31T09:00", "1999-12-31T09:00"])
def test_a_visit_dated_after_today_or_long_ago_is_refused_naming_the_range(login, alice, visit_data, received):
    with override("en"):
        response = login(alice).post(reverse("visit_create"), visit_data | {"received_at": received})
    assert response.status_code == 200
    (error,) = response.context["form"].errors["received_at"]
    # The page speaks the user's language: the message names the range the form accepts.
    assert error.startswith("请填写 2016年") and "2026年" in error and "不能晚于今天" in error
    assert not Visit.objects.exists()


def test_a_visit_received_this_morning_is_recorded(login, alice, visit_data):
    response = login(alice).post(reverse("visit_create"), visit_data | {"received_at": "2026-12-07T09:00"})
    assert response.status_code == 302, response.context["form"].errors
    assert Visit.objects.get().received_at == datetime(2026, 12, 7, 9, 0, tzinfo=TZ)


def _extend(client, referral, new_due: str):
    url = reverse("referral_action", kwargs={"pk": referral.pk, "action": "extend"})
    with override("en"):
        response = client.post(url, {"new_due": new_due, "reason": "雨季施工困难"}, follow=True)
        return [str(m) for m in response.context["messages"]]


def test_a_deadline_three_years_ahead_is_refused_naming_the_range(login, carol, referral):
    due = referral.due
    said = _extend(login(carol), referral, (TODAY + timedelta(days=3 * 365 + 1)).isoformat())
    assert any("期限" in m and "2024年" in m and "2028年" in m for m in said), said
    assert not DeadlineExtension.objects.exists()
    referral.refresh_from_db()
    assert referral.due == due


def test_a_deadline_a_year_ahead_is_asked(login, carol, referral):
    _extend(login(carol), referral, (TODAY + timedelta(days=365)).isoformat())
    assert DeadlineExtension.objects.get().new_due == TODAY + timedelta(days=365)
