"""Calendar feeds (iCalendar, RFC 5545) of duty days, built with the icalendar library."""

from datetime import datetime, timedelta

from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

DUTY_LENGTH = timedelta(hours=4)


def duty_calendar(*, name: str, days, host: str) -> bytes:
    """A calendar with one event per duty day: the time, the station and its address, the group."""
    cal = Calendar()
    cal.add("prodid", "-//township-congress//reception duty//ZH")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Asia/Shanghai")
    stamp = timezone.now()
    for day in days:
        start = timezone.make_aware(datetime.combine(day.date, day.start_time))
        event = Event()
        event.add("uid", f"duty-day-{day.pk}@{host}")
        event.add("dtstamp", stamp)
        event.add("dtstart", start)
        event.add("dtend", start + DUTY_LENGTH)
        event.add("summary", _("Deputies' reception day · %(group)s") % {"group": day.small_group.name})
        event.add("location", f"{day.station.name}, {day.station.address}")
        leaders = "、".join(leader.name for leader in day.leaders.all()) or "—"
        event.add(
            "description",
            _("%(group)s; leaders on duty: %(leaders)s") % {"group": day.small_group.name, "leaders": leaders},
        )
        cal.add_component(event)
    return cal.to_ical()
