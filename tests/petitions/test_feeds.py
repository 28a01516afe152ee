"""The duty calendar feed (petitions/feeds.py)."""

from datetime import timedelta

import pytest
from icalendar import Calendar

from petitions.feeds import duty_calendar
from tests.petitions.conftest import DAY, at

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]


# --- feeds.duty_calendar ----------------------------------------------------------------------------


def test_the_duty_calendar_has_one_event_per_day_at_eight_shanghai_time_at_the_station(
    duty_town, groups, leaders, station, make_day
):
    days = [make_day(DAY, groups[0]), make_day(DAY + timedelta(days=7), groups[1])]
    days[0].leaders.set(leaders)

    calendar = Calendar.from_ical(duty_calendar(name="甲镇接访日", days=days, host="testserver"))

    events = calendar.walk("VEVENT")
    assert len(events) == 2
    starts = [event.decoded("dtstart") for event in events]
    assert starts == [at(8, 0), at(8, 0, day=DAY + timedelta(days=7))]
    assert all(start.utcoffset() == timedelta(hours=8) for start in starts)
    assert all(event["dtstart"].params.get("TZID") == "Asia/Shanghai" for event in events)
    assert all(station.address in str(event["location"]) for event in events)
