"""Fixtures of the assessment tests: a clock frozen on 10 April 2026 (March is last month; the test modules
ask for it, the older ones keep their own), `Records`, which leaves behind the rows the other apps' services
would, and a small March assessed with its draft bulletin."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from activities.models import ActivityKind, Attendance
from assessments.models import DEFAULT_STANDARD, Assessment, Item
from assessments.services.assessment import assessment_compute
from assessments.services.bulletin import bulletin_draft
from petitions.models import (
    AttendanceStatus,
    DutyAssignment,
    DutyDay,
    HandlingSuggestion,
    MajorCase,
    PanelMeeting,
    PanelQuestion,
    Visit,
    VisitCategory,
)
from proposals.models import CoSigner, Proposal
from tests.factories import ActivityAttendanceFactory, DeputyFactory, LeaderFactory, StationFactory

TZ = ZoneInfo("Asia/Shanghai")
MARCH = date(2026, 3, 1)
JULY = date(2026, 7, 1)


def at(day: date, hour: int = 10, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=TZ)


NOW = at(date(2026, 4, 10))  # March is last month


@pytest.fixture
def frozen_clock(time_machine):
    """The clock stands still on 10 April 2026 unless a test moves it: nothing reads the real date."""
    time_machine.move_to(NOW, tick=False)
    return time_machine


class Records:
    """Rows of one town made directly: what the services of the other apps would have left behind."""

    def __init__(self, town):
        self.town = town
        self.station = StationFactory(township=town)
        self.category, _ = VisitCategory.objects.get_or_create(township=town, name="基础设施")
        self.leader = LeaderFactory(township=town)
        self.count = 0

    def _n(self) -> int:
        self.count += 1
        return self.count

    def duty(self, deputy, day: date, status=AttendanceStatus.PRESENT, *, late: bool = False) -> DutyAssignment:
        duty_day, _ = DutyDay.objects.get_or_create(
            township=self.town,
            date=day,
            defaults={
                "start_time": time(8, 0),
                "station": self.station,
                "small_group": deputy.small_group,
                "status": "published",
            },
        )
        signed = at(day, 8, 45) if late else at(day, 7, 50)
        return DutyAssignment.objects.create(
            township=self.town,
            duty_day=duty_day,
            deputy=deputy,
            status=status,
            late=late,
            signed_in_at=signed if status == AttendanceStatus.PRESENT else None,
        )

    def visit(self, when: datetime) -> Visit:
        return Visit.objects.create(
            township=self.town,
            received_at=when,
            station=self.station,
            visitor_name=f"来访人{self._n()}",
            category=self.category,
            content="村道破损",
            outcome="answered",
        )

    def suggestion(self, deputy, when: datetime) -> HandlingSuggestion:
        return HandlingSuggestion.objects.create(
            township=self.town, visit=self.visit(when), deputy=deputy, text="建议尽快修复", created_at=when
        )

    def activity(self, deputy, kind: str, day: date, status=Attendance.ATTENDED):
        return ActivityAttendanceFactory(
            activity__township=self.town,
            activity__kind=kind,
            activity__training_form="full" if kind == ActivityKind.TRAINING else "",
            activity__date=day,
            deputy=deputy,
            status=status,
        )

    def proposal(self, lead, status, accepted_at=None, *, cosigners=(), confirmed: bool = True) -> Proposal:
        proposal = Proposal.objects.create(
            township=self.town,
            title=f"关于第{self._n()}件事的建议",
            content="一、情况；二、理由；三、建议。",
            category="infrastructure",
            lead_deputy=lead,
            status=status,
            accepted_at=accepted_at,
        )
        for deputy in cosigners:
            CoSigner.objects.create(
                township=self.town,
                proposal=proposal,
                deputy=deputy,
                confirmed_at=at(date(2026, 1, 5)) if confirmed else None,
            )
        return proposal

    def panel(self, month: date, *, present=(), questions=()) -> PanelMeeting:
        meeting = PanelMeeting.objects.create(township=self.town, month=month, held_on=month + timedelta(days=27))
        meeting.attendees.set(present)
        for deputy in questions:
            PanelQuestion.objects.create(
                township=self.town, meeting=meeting, asked_by=deputy, to_leader=self.leader, question="进展如何？"
            )
        return meeting

    def case(self, deputies, opened_on: date) -> MajorCase:
        case = MajorCase.objects.create(
            township=self.town, title=f"重大案件{self._n()}", lead_leader=self.leader, opened_on=opened_on
        )
        case.deputies.set(deputies)
        return case


def row_of(deputy, month: date = MARCH) -> Assessment:
    return Assessment.objects.get(deputy=deputy, month=month)


def snapshot(township_ids) -> list[tuple]:
    return list(
        Assessment.objects.filter(township_id__in=township_ids)
        .order_by("id")
        .values_list("id", "deputy_id", "month", "standard_id", "total", "breakdown", "rank", "computed_at")
    )


def default_rules(**changes: tuple[int, int | None]) -> dict[str, tuple[int, int | None]]:
    return {item: DEFAULT_STANDARD[item] for item in Item.values} | changes


# --- The lock of a published month -------------------------------------------------------------------------


@pytest.fixture
def small_march(town_a, bob):
    """Bob: two duties attended (one late), one missed, one on leave → 4; dan one attended → 5; idle nothing."""
    records = Records(town_a)
    me = bob.deputy
    dan = DeputyFactory(township=town_a, name="丁丹")
    idle = DeputyFactory(township=town_a, name="闲人")
    records.duty(me, date(2026, 3, 2))
    records.duty(me, date(2026, 3, 9), late=True)
    records.duty(me, date(2026, 3, 16), AttendanceStatus.ABSENT)
    records.duty(me, date(2026, 3, 23), AttendanceStatus.LEAVE)
    records.duty(dan, date(2026, 3, 23))
    return {"records": records, "me": me, "dan": dan, "idle": idle}


@pytest.fixture
def drafted(town_a, small_march):
    assessment_compute(township_ids=[town_a.pk], month=MARCH)
    return bulletin_draft(township=town_a, month=MARCH)
