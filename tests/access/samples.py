"""Who plays each role of the access matrix, and town A's sample rows that fill the URLs' arguments.

Rows are made on first use, so a test that opens one page pays only for the rows that page needs."""

from collections.abc import Callable
from datetime import date

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.auth.models import Group
from django.db.models import Model
from django.utils import timezone
from django_celery_beat.models import (
    ClockedSchedule,
    CrontabSchedule,
    IntervalSchedule,
    PeriodicTask,
    SolarSchedule,
)

from congress.models import CongressSession
from petitions.models import Holiday, ReceptionSettings


def _proposal_sample(s):
    from tests.access.test_matrix import _proposals

    return _proposals(s)


def _reply_sample(s):
    from proposals.models import Reply

    item = _proposal_sample(s)["item"]
    return Reply.objects.create(
        township=item.township,
        proposal=item,
        round=1,
        reply_class="A",
        text="已办",
        signer="甲",
        contact="乙",
        phone="0873-6100001",
    )


def _feedback_sample(s):
    from proposals.models import Feedback

    item = _proposal_sample(s)["item"]
    return Feedback.objects.create(
        township=item.township,
        proposal=item,
        round=1,
        consultation="satisfied",
        attitude="satisfied",
        reply="satisfied",
        result="satisfied",
        overall="satisfied",
    )


def _visit_sample(s):
    from tests.access.test_matrix import _visit

    return _visit(s)


def _axes_row(model, **fields):
    return model.objects.create(
        username="alice", ip_address="127.0.0.1", user_agent="test", http_accept="*/*", path_info="/login/", **fields
    )


def _activity_sample(s):
    from tests.access.test_matrix import _activities

    return _activities(s)


def _duty_sample(s):
    from tests.access.test_matrix import _duty

    return _duty(s)


# The roles of the access matrix and the user (a fixture of tests/conftest.py) who plays each one.
ROLE_USERS: dict[str, str | None] = {
    "anonymous": None,
    "office": "alice",
    "leader": "leo",
    "deputy": "bob",
    "unit": "carol",
    "county": "erin",
    "other_office": "dave",
}
ROLES = tuple(ROLE_USERS)


class TownASamples:
    """Town A's rows, through the fixtures of tests/conftest.py, each made on first use."""

    def __init__(self, request: pytest.FixtureRequest) -> None:
        self._request = request
        self._rows: dict[str, Model] = {}
        self.cache: dict[str, object] = {}

    def fixture(self, name: str):
        return self._request.getfixturevalue(name)

    @property
    def objects(self) -> dict[str, Model]:
        return self.fixture("town_a_objects")

    @property
    def notification(self):
        """A notification of town A whose recipient is alice."""
        return self.objects["notification"]

    def row(self, model: type[Model]) -> Model:
        """One row of `model` belonging to town A (or a global row for models without a town)."""
        label = model._meta.label
        if label not in self._rows:
            build = SAMPLE_ROWS.get(label)
            if build is None:
                pytest.fail(
                    f"No sample row for model {label}: add a builder to SAMPLE_ROWS in tests/access/samples.py",
                    pytrace=False,
                )
            self._rows[label] = build(self)
        return self._rows[label]


def _periodic_task(samples: TownASamples) -> PeriodicTask:
    return PeriodicTask.objects.create(
        name="deliver pending notifications",
        task="congress.tasks.deliver_pending_notifications",
        interval=samples.row(IntervalSchedule),
    )


# One builder per model registered in the admin, keyed by the model's label.
SAMPLE_ROWS: dict[str, Callable[[TownASamples], Model]] = {
    "auth.User": lambda s: s.fixture("alice"),
    "auth.Group": lambda s: Group.objects.create(name="甲镇 editors"),
    "congress.County": lambda s: s.fixture("county"),
    "congress.Township": lambda s: s.fixture("town_a"),
    "congress.Membership": lambda s: s.fixture("alice").memberships.get(),
    "congress.Department": lambda s: s.fixture("department_a"),
    "congress.Leader": lambda s: s.fixture("leo").leader,
    "congress.CongressSession": lambda s: CongressSession.objects.create(
        township=s.fixture("town_a"), term=1, number=1, start_date=date(2026, 1, 5), end_date=date(2026, 1, 7)
    ),
    "congress.Notification": lambda s: s.notification,
    "deputies.Deputy": lambda s: s.objects["deputy"],
    "deputies.Station": lambda s: s.objects["station"],
    "deputies.SmallGroup": lambda s: s.objects["deputy"].small_group,
    "deputies.LargeGroup": lambda s: s.objects["deputy"].small_group.large_group,
    "axes.AccessAttempt": lambda s: _axes_row(AccessAttempt, failures_since_start=5, get_data="", post_data=""),
    "axes.AccessLog": lambda s: _axes_row(AccessLog),
    "axes.AccessFailureLog": lambda s: _axes_row(AccessFailureLog, locked_out=False),
    "activities.Activity": lambda s: _activity_sample(s)["held"],
    "activities.GroupPlanItem": lambda s: _activity_sample(s)["item"],
    "assessments.Commendation": lambda s: _activity_sample(s)["commendation"],
    "petitions.ReceptionSettings": lambda s: ReceptionSettings.objects.create(township=s.fixture("town_a")),
    "petitions.Holiday": lambda s: Holiday.objects.create(township=s.fixture("town_a"), date=date(2026, 10, 5)),
    "petitions.DutyDay": lambda s: _duty_sample(s)["day"],
    "petitions.DutyAssignment": lambda s: _duty_sample(s)["mine"],
    "petitions.LeaveRequest": lambda s: _duty_sample(s)["leave"],
    "petitions.Visit": lambda s: _visit_sample(s)["visit"],
    "petitions.Referral": lambda s: _visit_sample(s)["referral"],
    "petitions.DeadlineExtension": lambda s: _visit_sample(s)["extension"],
    "proposals.Proposal": lambda s: _proposal_sample(s)["item"],
    "proposals.Reply": lambda s: _reply_sample(s),
    "proposals.Feedback": lambda s: _feedback_sample(s),
    "django_celery_beat.IntervalSchedule": lambda s: IntervalSchedule.objects.create(
        every=1, period=IntervalSchedule.DAYS
    ),
    "django_celery_beat.CrontabSchedule": lambda s: CrontabSchedule.objects.create(minute="0", hour="7"),
    "django_celery_beat.SolarSchedule": lambda s: SolarSchedule.objects.create(
        event="sunrise", latitude=30.6, longitude=104.1
    ),
    "django_celery_beat.ClockedSchedule": lambda s: ClockedSchedule.objects.create(clocked_time=timezone.now()),
    "django_celery_beat.PeriodicTask": _periodic_task,
}
