"""Fixtures of the activity tests: a clock frozen on a Thursday in March 2026, English messages, an activity
still to come, one held, and a self-study training handed out in two days."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation

from activities.models import Activity, ActivityAttendance, ActivityKind, TrainingForm
from congress.models import Role
from tests.factories import ActivityFactory, DeputyFactory, MembershipFactory, UserFactory

TZ = ZoneInfo("Asia/Shanghai")
TODAY = date(2026, 3, 5)  # a Thursday
PAST = date(2026, 3, 2)
COMING = date(2026, 3, 12)


def at(day: date, hour: int = 10, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=TZ)


@pytest.fixture(autouse=True)
def frozen_clock(time_machine):
    """The clock stands still at 10:00 on TODAY unless a test moves it."""
    time_machine.move_to(at(TODAY), tick=False)
    return time_machine


@pytest.fixture(autouse=True)
def english():
    """Services build their messages in the active language; the assertions read the English ones."""
    with translation.override("en"):
        yield


def deputy_with_login(town, **kwargs):
    user = UserFactory()
    MembershipFactory(user=user, township=town, role=Role.DEPUTY)
    return DeputyFactory(township=town, user=user, **kwargs)


def rows_of(activity: Activity) -> list[tuple]:
    """Everything a refused action must leave as it was on an activity's invitations."""
    return sorted(
        ActivityAttendance.objects.filter(activity=activity).values_list(
            "deputy_id",
            "status",
            "note",
            "recorded_by_id",
            "recorded_at",
            "leave_state",
            "leave_reason",
            "leave_asked_at",
            "leave_decided_by_id",
            "leave_comment",
        )
    )


@pytest.fixture
def coming(town_a):
    return ActivityFactory(township=town_a, kind=ActivityKind.RESEARCH, title="产业发展调研", date=COMING)


@pytest.fixture
def held(town_a):
    return ActivityFactory(township=town_a, kind=ActivityKind.INSPECTION, title="道路建设视察", date=PAST)


@pytest.fixture
def self_study(town_a):
    return ActivityFactory(
        township=town_a,
        kind=ActivityKind.TRAINING,
        training_form=TrainingForm.SELF_STUDY,
        title="代表法学习资料",
        date=TODAY + timedelta(days=2),
    )
