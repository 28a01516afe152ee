"""The demo is built around the day it is loaded: it must hold on every day of the year, in particular the
ones where "this year", "last month" and "two months ahead" cross a year's end. Each day loads the whole demo
(half a minute), so only the days that have broken it or that sit on a boundary are checked."""

import os
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.apps import apps
from django.core.management import call_command
from django.db import models
from django.utils import timezone

from activities.models import ActivityAttendance, Attendance, LeaveState
from assessments.models import Assessment, Bulletin, BulletinStatus
from assessments.selectors.record import performance_record
from congress.dates import last_month
from deputies.models import Deputy, DeputyLink
from petitions.models import AttendanceStatus, DutyAssignment, MajorCase, PanelMeeting
from petitions.selectors.duty import duties_of_deputy
from proposals.models import Meeting, Reply

pytestmark = pytest.mark.django_db

DAYS = [
    date(2027, 1, 1),  # the first day of a year: nothing of this year is past yet
    date(2027, 1, 5),  # the day the demo's pre-session inspection is held
    date(2027, 3, 11),  # the eve of the self-study handout, which used to be asked leave from
    date(2028, 2, 29),  # a day that only leap years have
    date(2028, 12, 31),  # the last day of a leap year: what is coming is all next year
]
PROJECT_APPS = {"congress", "deputies", "activities", "petitions", "proposals", "assessments"}
# Days on which something happened (a date, not a moment), which cannot lie after today either.
PAST_DAYS = [
    (Meeting, "held_on"),
    (Reply, "actions_done_at"),
    (PanelMeeting, "held_on"),
    (MajorCase, "opened_on"),
    (MajorCase, "concluded_on"),
]


# Moments that lie ahead by nature: when a one-tap link stops working.
DEADLINES = {(DeputyLink, "expires_at")}


def _midnight(day: date) -> datetime:
    """The first moment of `day` in the towns' time zone: nothing of the day has happened yet."""
    return datetime(day.year, day.month, day.day, tzinfo=ZoneInfo("Asia/Shanghai"))


def _in_the_future(now: datetime, today: date) -> list[str]:
    """Every recorded moment after `now` and every day of something done after today, in any table."""
    found = []
    for model in apps.get_models():
        if model._meta.app_label not in PROJECT_APPS:
            continue
        for field in model._meta.get_fields():
            if isinstance(field, models.DateTimeField) and (model, field.name) not in DEADLINES:
                count = model._default_manager.filter(**{f"{field.name}__gt": now}).count()
                if count:
                    found.append(f"{count} {model._meta.label}.{field.name}")
    for model, name in PAST_DAYS:
        count = model._default_manager.filter(**{f"{name}__gt": today}).count()
        if count:
            found.append(f"{count} {model._meta.label}.{name}")
    return found


@pytest.mark.parametrize("day", DAYS, ids=str)
def test_the_demo_loads_whole_and_keeps_the_past_in_the_past_on(day):
    with time_machine.travel(_midnight(day), tick=False), open(os.devnull, "w") as quiet:
        call_command("load_demo", force=True, stdout=quiet)
        now, today = timezone.now(), timezone.localdate()
        assert today == day
        deputy = Deputy.objects.get(user__username="deputy")

        coming = duties_of_deputy(deputy=deputy).filter(duty_day__date__gt=today)
        assert coming.exclude(status=AttendanceStatus.LEAVE).exists(), "the demo deputy has a coming duty day"

        record = performance_record(deputy=deputy, year=today.year)
        assert any(record.parts.values()), "this year's record of the demo deputy lists activities"

        asked = ActivityAttendance.objects.exclude(leave_state=LeaveState.NONE).select_related("activity")
        late = [a for a in asked if timezone.localtime(a.leave_asked_at).date() > a.activity.date]
        assert not late, "activity leave is asked before the activity, never after"
        assert not asked.filter(leave_state=LeaveState.PENDING, activity__date__lt=today).exists()
        held = ActivityAttendance.objects.exclude(status=Attendance.INVITED)
        assert not held.filter(activity__date__gte=today).exists(), "only past activities have attendance"
        assert not DutyAssignment.objects.filter(duty_day__date__gte=today, signed_in_at__isnull=False).exists()

        assert Assessment.objects.filter(township__code="damogu", month=last_month(today)).exists()
        bulletins = Bulletin.objects.filter(township__code="damogu")
        assert bulletins.filter(month=last_month(today), status=BulletinStatus.DRAFT).exists()
        assert bulletins.filter(status=BulletinStatus.PUBLISHED).exists()

        assert _in_the_future(now, today) == []
