"""Every calendar feed names the time zones it uses in VTIMEZONE components (RFC 5545 3.6.5), and a deputy's
feed carries the activities they are invited to (petitions/feeds.py, petitions/views/duty.py)."""

from datetime import date, datetime, time, timedelta

import pytest
from django.utils import timezone
from icalendar import Calendar

from activities.models import Attendance
from petitions.feeds import duty_calendar
from petitions.models import CalendarFeed, ReceptionSettings
from petitions.services.duty import roster_generate, roster_publish
from tests.factories import ActivityAttendanceFactory, ActivityFactory, DeputyFactory, StationFactory

pytestmark = pytest.mark.django_db
MONDAY = date(2026, 11, 30)


@pytest.fixture
def published(town_a, bob, time_machine):
    time_machine.move_to(timezone.make_aware(datetime.combine(MONDAY - timedelta(days=3), time(10, 0))), tick=False)
    station = StationFactory(township=town_a, name="接待站", address="镇政府一楼")
    ReceptionSettings.objects.create(township=town_a, station=station)
    DeputyFactory(township=town_a, small_group=bob.deputy.small_group, name="罗国华")
    roster_generate(township=town_a, start=MONDAY, end=MONDAY + timedelta(days=13))
    roster_publish(township=town_a, start=MONDAY, end=MONDAY + timedelta(days=6))
    return station


def _tzids_used(calendar: Calendar) -> set[str]:
    used = set()
    for component in calendar.walk():
        for value in component.values():
            params = getattr(value, "params", {})
            if "TZID" in params:
                used.add(params["TZID"])
    return used


def assert_every_tzid_has_its_vtimezone(content: bytes) -> Calendar:
    """The feed parses, names at least one zone, and describes each it names before the events."""
    calendar = Calendar.from_ical(content)
    used = _tzids_used(calendar)
    described = {str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")}
    assert "Asia/Shanghai" in described and used <= described, (used, described)
    assert calendar.get_missing_tzids() == set()
    names = [c.name for c in calendar.subcomponents]
    assert "VEVENT" not in names[: names.index("VTIMEZONE")]
    shanghai = next(tz for tz in calendar.walk("VTIMEZONE") if str(tz["TZID"]) == "Asia/Shanghai")
    assert shanghai.walk("STANDARD") and shanghai.walk("STANDARD")[-1]["TZOFFSETTO"].to_ical() == "+0800"
    return calendar


def _my_feed(client, deputy) -> bytes:
    client.post("/duty/mine/feed/reset/")
    token = CalendarFeed.objects.get(deputy=deputy).token
    response = client.get(f"/feeds/{token}.ics")
    assert response.status_code == 200
    return response.content


def test_the_public_feed_carries_the_shanghai_vtimezone(client, town_a, published):
    response = client.get(f"/public/{town_a.code}/roster.ics")

    assert_every_tzid_has_its_vtimezone(response.content)
    assert response["Content-Disposition"].startswith("inline; filename")


def test_a_deputys_feed_carries_the_vtimezone_and_their_invited_activities(login, town_a, bob, published):
    mine = ActivityFactory(township=town_a, title="视察农村公路", date=MONDAY + timedelta(days=2), places="上坝村")
    excused = ActivityFactory(township=town_a, title="专题调研", date=MONDAY + timedelta(days=3))
    others = ActivityFactory(township=town_a, title="别人的活动", date=MONDAY + timedelta(days=4))
    past = ActivityFactory(township=town_a, title="上月的活动", date=MONDAY - timedelta(days=40))
    ActivityAttendanceFactory(activity=mine, deputy=bob.deputy)
    ActivityAttendanceFactory(activity=excused, deputy=bob.deputy, status=Attendance.LEAVE)
    ActivityAttendanceFactory(activity=others)
    ActivityAttendanceFactory(activity=past, deputy=bob.deputy)

    calendar = assert_every_tzid_has_its_vtimezone(_my_feed(login(bob), bob.deputy))

    events = {str(e["uid"]): e for e in calendar.walk("VEVENT")}
    activity = events[f"activity-{mine.pk}@testserver"]
    assert activity.decoded("dtstart") == mine.date and activity.decoded("dtend") == mine.date + timedelta(days=1)
    assert "视察农村公路" in str(activity["summary"]) and str(activity["location"]) == "上坝村"
    assert not {f"activity-{a.pk}@testserver" for a in (excused, others, past)} & set(events)
    assert any(uid.startswith("duty-day-") for uid in events)


def test_another_deputys_leave_does_not_hide_an_activity_from_me(login, town_a, bob, published):
    both = ActivityFactory(township=town_a, title="集中学习", date=MONDAY + timedelta(days=2))
    ActivityAttendanceFactory(activity=both, deputy=bob.deputy)
    ActivityAttendanceFactory(activity=both, status=Attendance.LEAVE)

    calendar = Calendar.from_ical(_my_feed(login(bob), bob.deputy))

    assert f"activity-{both.pk}@testserver" in {str(e["uid"]) for e in calendar.walk("VEVENT")}


def test_a_feed_of_whole_days_only_still_names_the_towns_zone(town_a):
    activity = ActivityFactory(township=town_a, title="集中学习", date=MONDAY)

    assert_every_tzid_has_its_vtimezone(duty_calendar(name="我的日程", days=[], host="h", activities=[activity]))
