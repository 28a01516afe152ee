"""Calendar feeds (iCalendar, RFC 5545) of duty days and activities, built with the icalendar library."""

from collections.abc import Iterable
from datetime import date, datetime, timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, Timezone

from activities.models import Activity
from congress.text import strip_control

DUTY_LENGTH = timedelta(hours=4)
# The VTIMEZONE's history starts here: late enough to leave out Shanghai's summer times of 1986-1991, early
# enough for any day a feed holds.
TIMEZONE_SINCE = date(2000, 1, 1)


def _duty_event(day, *, stamp: datetime, host: str) -> Event:
    start = timezone.make_aware(datetime.combine(day.date, day.start_time))
    event = Event()
    event.add("uid", f"duty-day-{day.pk}@{host}")
    event.add("dtstamp", stamp)
    event.add("dtstart", start)
    event.add("dtend", start + DUTY_LENGTH)
    event.add("summary", _("Deputies' reception day · %(group)s") % {"group": day.team})
    event.add("location", f"{day.station.name}, {day.station.address}")
    leaders = "、".join(leader.name for leader in day.leaders.all()) or "—"
    event.add(
        "description",
        _("%(group)s; leaders on duty: %(leaders)s") % {"group": day.team, "leaders": leaders},
    )
    return event


def _activity_event(activity: Activity, *, stamp: datetime, host: str) -> Event:
    """An activity has a day, not an hour: an all-day event (a DATE, no time zone needed)."""
    event = Event()
    event.add("uid", f"activity-{activity.pk}@{host}")
    event.add("dtstamp", stamp)
    event.add("dtstart", activity.date)
    event.add("dtend", activity.date + timedelta(days=1))
    event.add("summary", f"{activity.kind_label} · {activity.title}")
    if activity.places:
        event.add("location", activity.places)
    if activity.organiser:
        event.add("description", _("Organised by %(organiser)s") % {"organiser": activity.organiser})
    return event


def duty_calendar(*, name: str, days, host: str, activities: Iterable[Activity] = ()) -> bytes:
    """A calendar with one event per duty day (the time, the station and its address, the group) and one per
    activity, with the VTIMEZONE of every time zone its times name (RFC 5545 3.6.5): the town's always, so
    that an event a client adds to the feed's calendar has its zone too."""
    cal = Calendar()
    cal.add("prodid", "-//township-congress//reception duty//ZH")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    cal.add_component(Timezone.from_tzid(settings.TIME_ZONE, first_date=TIMEZONE_SINCE))
    stamp = timezone.now()
    for day in days:
        cal.add_component(_duty_event(day, stamp=stamp, host=host))
    for activity in activities:
        cal.add_component(_activity_event(activity, stamp=stamp, host=host))
    cal.add_missing_timezones(first_date=TIMEZONE_SINCE)
    # RFC 5545 allows no control character in text but a tab; icalendar writes what it is given, and escapes
    # line breaks itself (the CRLF between lines is kept).
    return strip_control(cal.to_ical().decode()).encode()
