"""The harness of the history tests: the town the cases act in, how a case is declared, what a history row must hold."""

from collections.abc import Callable
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from simple_history.utils import get_history_model_for_model

from activities.models import Activity, ActivityAttendance
from assessments.models import Bulletin
from assessments.services import assessment, bulletin
from congress.audit import changes_made_by
from congress.models import Leader
from deputies.models import Deputy, GroupMembership
from petitions.models import (
    DutyAssignment,
    DutyDay,
    LeaveRequest,
    MajorCase,
    PanelMeeting,
    ReceptionSettings,
    Referral,
    Visit,
    VisitCategory,
)
from proposals.models import HandlingUnit, Proposal, Reply
from tests.factories import DeputyFactory, StationFactory

ADDRESS = "10.20.30.40"
TZ = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 2, 27, 10, 0, tzinfo=TZ)  # a Friday: the clock stands still here
TODAY = NOW.date()
DAY = date(2026, 3, 2)  # the Monday after: a duty day
PAST = date(2026, 2, 20)
FEBRUARY = date(2026, 2, 1)


def at(hour: int, day: date = DAY) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=TZ)


# --- The history rows a case expects -----------------------------------------------------------------------


def expect(change: str) -> Callable:
    """(the row's model, its key, the change, the values its history row holds): taken before a delete."""
    return lambda row, **fields: (type(row), row.pk, change, fields)


created, changed, deleted = expect("+"), expect("~"), expect("-")


def check_history(expected: list[tuple], *, user, address) -> None:
    """The newest history row of each record names `user` and `address`, with the change and values expected."""
    assert expected, "a case names the rows its service changes"
    for model, pk, change, fields in expected:
        history = get_history_model_for_model(model).objects.filter(**{model._meta.pk.attname: pk})
        row = history.order_by("-history_id").first()
        where = f"{model.__name__} #{pk}"
        assert row is not None, f"{where} has no history"
        assert (row.history_type, row.history_user, row.history_ip) == (change, user, address), where
        assert {name: getattr(row, name) for name in fields} == fields, where


# --- The town the cases act in ----------------------------------------------------------------------------


class World:
    """Town A, its named users (alice office, bob deputy, carol unit, leo leader) and a station. `call(**kwargs)`
    runs the case's service as `actor` from ADDRESS, as a request would; with no actor, as a job does."""

    def __init__(self, town, alice, bob, carol, leo, department):
        self.town, self.alice, self.bob, self.carol, self.leo = town, alice, bob, carol, leo
        self.department = department
        self.deputy = bob.deputy
        self.group = self.deputy.small_group
        self.leader = Leader.objects.get(user=leo)
        self.station = StationFactory(township=town, name="甲镇接待站")
        self.service: Callable | None = None
        self.actor = None
        self.calls = 0

    def call(self, **kwargs):
        self.calls += 1
        if self.actor is None:
            return self.service(**kwargs)
        with changes_made_by(user=self.actor, address=ADDRESS):
            return self.service(**kwargs)

    def other(self, name: str = "张三", group=None) -> Deputy:
        return DeputyFactory(township=self.town, small_group=group or self.group, name=name)

    def stint(self) -> GroupMembership:
        return GroupMembership.objects.create(
            township=self.town, deputy=self.deputy, small_group=self.group, start_date=PAST
        )

    def reception(self) -> ReceptionSettings:
        return ReceptionSettings.objects.get_or_create(township=self.town, defaults={"station": self.station})[0]

    def day(self, *, published: bool = True, on: date = DAY) -> DutyDay:
        status = "published" if published else "draft"
        self.reception()
        return DutyDay.objects.create(
            township=self.town, date=on, start_time=time(8), station=self.station, small_group=self.group, status=status
        )

    def on_duty(self, deputy: Deputy | None = None, day: DutyDay | None = None) -> DutyAssignment:
        day, deputy = day or self.day(), deputy or self.deputy
        return DutyAssignment.objects.create(township=self.town, duty_day=day, deputy=deputy)

    def leave(self, deputy: Deputy | None = None, day: DutyDay | None = None, **fields) -> LeaveRequest:
        fields = {"assignment": self.on_duty(deputy, day), "reason": "外出", "requested_at": NOW, **fields}
        return LeaveRequest.objects.create(township=self.town, **fields)

    def category(self) -> VisitCategory:
        return VisitCategory.objects.create(township=self.town, name="社会保障")

    def visit(self, outcome: str = "answered") -> Visit:
        return Visit.objects.create(
            township=self.town, received_at=NOW, station=self.station, visitor_name="来访群众",
            category=self.category(), content="道路破损", outcome=outcome,
        )  # fmt: skip

    def referral(self, status: str = "open") -> Referral:
        return Referral.objects.create(
            township=self.town, visit=self.visit("referred"), department=self.department, responsible_name="王主任",
            answer_due=date(2026, 3, 5), due=date(2026, 3, 20), status=status, result="修复" * (status != "open"),
        )  # fmt: skip

    def activity(self, on: date = date(2026, 3, 10), **fields) -> Activity:
        fields = {"kind": "inspection", **fields}
        return Activity.objects.create(township=self.town, title="视察", date=on, **fields)

    def invited(self, activity: Activity | None = None, **fields) -> ActivityAttendance:
        activity = activity or self.activity()
        return ActivityAttendance.objects.create(township=self.town, activity=activity, deputy=self.deputy, **fields)

    def case(self) -> MajorCase:
        return MajorCase.objects.create(township=self.town, title="征地补偿", lead_leader=self.leader)

    def panel_meeting(self) -> PanelMeeting:
        return PanelMeeting.objects.create(township=self.town, month=FEBRUARY, held_on=TODAY)

    def proposal(self, status: str = "draft", **fields) -> Proposal:
        fields = {"lead_deputy": self.deputy, **fields}
        return Proposal.objects.create(
            township=self.town, title="修路", content="建议。", category="infrastructure", status=status, **fields
        )

    def assigned(self, role: str = "main") -> Proposal:
        proposal = self.proposal("assigned", due=date(2026, 5, 27), assigned_at=NOW)
        HandlingUnit.objects.create(township=self.town, proposal=proposal, department=self.department, role=role)
        return proposal

    def reply(self) -> Reply:
        return Reply.objects.create(
            township=self.town, proposal=self.proposal("closed"), round=1, reply_class="A", text="已办理",
            signer="李", contact="王", phone="1", planned="年内完工",
        )  # fmt: skip

    def draft_bulletin(self) -> Bulletin:
        """February assessed and its bulletin drafted, as the monthly job leaves them."""
        assessment.assessment_compute(township_ids=[self.town.pk], month=FEBRUARY)
        return bulletin.bulletin_draft(township=self.town, month=FEBRUARY)


@pytest.fixture
def world(town_a, alice, bob, carol, leo, department_a, time_machine) -> World:
    time_machine.move_to(NOW, tick=False)
    return World(town_a, alice, bob, carol, leo, department_a)


CASES: dict[str, tuple[Callable, str | None, Callable]] = {}


def case(service: Callable, actor: str | None, cases: dict = CASES):
    """Register the case of one service (named by its module and name), run as the named user `actor`."""

    def register_case(run: Callable) -> Callable:
        key = f"{service.__module__}.{service.__name__}"
        assert key not in cases, f"two cases for {key}"
        cases[key] = (service, actor, run)
        return run

    return register_case


def made(service: Callable, actor: str, arguments: Callable, change: Callable = created, **fields) -> None:
    """The case of a service that returns the one row it created (or changed); `arguments(w)` are its arguments."""
    case(service, actor)(lambda w: [change(w.call(**arguments(w)), **fields)])


def on_row(service: Callable, actor: str, make: Callable, arguments: Callable, change=changed, **fields) -> None:
    """The case of a service that changes (or deletes) the one row `make(w)` builds, called with `arguments(w, row)`."""

    def run(w):
        row = make(w)
        expected = change(row, **fields)  # before a delete takes the row's key away
        w.call(**arguments(w, row))
        return [expected]

    case(service, actor)(run)
