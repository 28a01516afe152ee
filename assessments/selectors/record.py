"""Reads across the apps: a deputy's performance record (履职档案) in its eight parts, and the township's
overview of every deputy's year. Each runs a fixed number of queries, however long the history."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet

from activities.models import INSPECTION_KINDS, MEETING_KINDS, ActivityAttendance, ActivityKind, Attendance
from assessments.models import Commendation
from congress.models import Township
from deputies.models import Deputy, DeputyStatus
from petitions.models import (
    AttendanceStatus,
    DutyAssignment,
    HandlingSuggestion,
    MajorCase,
    PanelMeeting,
    PanelQuestion,
    attended_q,
)
from proposals.models import CoSigner, Feedback, Proposal, Reply, Status

# The eight parts of the record, in the order of the published practice; "duty" is this town's reception work,
# filed with the record because §四 makes it the deputies' main work between sessions.
PART_KINDS = {
    "meetings": MEETING_KINDS,
    "inspections": INSPECTION_KINDS,
    "training": (ActivityKind.TRAINING,),
    "groups": (ActivityKind.GROUP,),
    "reports": (ActivityKind.REPORT,),
}


def _part_of(kind: str) -> str:
    return next(part for part, kinds in PART_KINDS.items() if kind in kinds)


@dataclass
class Tally:
    attended: int = 0
    leave: int = 0
    absent: int = 0
    invited: int = 0

    @classmethod
    def of(cls, rows: list[ActivityAttendance]) -> "Tally":
        counts = Counter(r.status for r in rows)
        return cls(
            attended=counts[Attendance.ATTENDED],
            leave=counts[Attendance.LEAVE],
            absent=counts[Attendance.ABSENT],
            invited=counts[Attendance.INVITED],
        )


@dataclass
class DutySummary:
    scheduled: int = 0
    present: int = 0
    leave: int = 0
    absent: int = 0
    late: int = 0
    suggestions: int = 0
    suggestions_adopted: int = 0
    suggestions_carried_out: int = 0
    visits: int = 0
    panel_questions: int = 0


@dataclass
class PerformanceRecord:
    deputy: Deputy
    year: int
    parts: dict[str, list[ActivityAttendance]] = field(default_factory=dict)
    tallies: dict[str, Tally] = field(default_factory=dict)
    panel_meetings: list[PanelMeeting] = field(default_factory=list)
    led: list[Proposal] = field(default_factory=list)
    cosigned: list[Proposal] = field(default_factory=list)
    duty: DutySummary = field(default_factory=DutySummary)
    major_cases: list[MajorCase] = field(default_factory=list)
    suggestions: list[HandlingSuggestion] = field(default_factory=list)
    commendations: list[Commendation] = field(default_factory=list)

    @property
    def accepted_led(self) -> int:
        return sum(1 for p in self.led if p.status in ACCEPTED_STATUSES)


ACCEPTED_STATUSES = (Status.ACCEPTED, Status.ASSIGNED, Status.REPLIED, Status.CLOSED)


def record_deputy(*, township: Township, pk: int) -> Deputy:
    return Deputy.objects.for_township(township).select_related("small_group__large_group").get(pk=pk)


def _filed(year: int) -> Q:
    return ~Q(status=Status.DRAFT) & Q(created_at__year=year)


def performance_record(*, deputy: Deputy, year: int) -> PerformanceRecord:
    """The deputy's record for one year, every part filled from what the township recorded."""
    record = PerformanceRecord(deputy=deputy, year=year)
    rows = list(
        ActivityAttendance.objects.filter(deputy=deputy, township_id=deputy.township_id, activity__date__year=year)
        .select_related("activity")
        .order_by("activity__date", "activity_id")
    )
    for part in PART_KINDS:
        record.parts[part] = []
    for row in rows:
        record.parts[_part_of(row.activity.kind)].append(row)
    record.tallies = {part: Tally.of(part_rows) for part, part_rows in record.parts.items()}
    record.panel_meetings = list(PanelMeeting.objects.filter(attendees=deputy, held_on__year=year).order_by("held_on"))
    latest = {
        "replies": Prefetch("replies", queryset=Reply.objects.order_by("round")),
        "feedback": Prefetch("feedback", queryset=Feedback.objects.order_by("round")),
    }
    record.led = list(
        Proposal.objects.filter(_filed(year), lead_deputy=deputy)
        .select_related("activity")
        .prefetch_related(*latest.values())
        .order_by("created_at")
    )
    for proposal in record.led:
        replies, feedback = list(proposal.replies.all()), list(proposal.feedback.all())
        proposal.last_reply = replies[-1] if replies else None
        proposal.last_feedback = feedback[-1] if feedback else None
    record.cosigned = list(
        Proposal.objects.filter(_filed(year), cosigners__deputy=deputy)
        .select_related("lead_deputy")
        .order_by("created_at")
    )
    record.suggestions = list(
        HandlingSuggestion.objects.filter(deputy=deputy, township_id=deputy.township_id, created_at__year=year)
        .select_related("visit__category", "visit__referral__department")
        .order_by("created_at", "id")
    )
    record.duty = _duty_summary(deputy, year, record.suggestions)
    record.major_cases = list(
        MajorCase.objects.filter(deputies=deputy).filter(
            Q(opened_on__year=year)
            | Q(opened_on__year__lt=year, concluded_on__isnull=True)
            | Q(concluded_on__year=year)
        )
    )
    record.commendations = list(Commendation.objects.filter(deputy=deputy, year=year))
    return record


def _duty_summary(deputy: Deputy, year: int, suggestions: list[HandlingSuggestion]) -> DutySummary:
    counts = DutyAssignment.objects.filter(deputy=deputy, duty_day__date__year=year).aggregate(
        scheduled=Count("id"),
        present=Count("id", filter=attended_q()),
        leave=Count("id", filter=Q(status=AttendanceStatus.LEAVE)),
        absent=Count("id", filter=Q(status=AttendanceStatus.ABSENT)),
        late=Count("id", filter=attended_q() & Q(late=True)),
    )
    return DutySummary(
        **counts,
        suggestions=len(suggestions),
        suggestions_adopted=sum(1 for s in suggestions if s.adopted),
        suggestions_carried_out=sum(1 for s in suggestions if s.carried_out_at),
        visits=deputy.visits.filter(received_at__year=year).count(),
        panel_questions=PanelQuestion.objects.filter(asked_by=deputy, meeting__held_on__year=year).count(),
    )


# --- Every deputy's year at a glance --------------------------------------------------------------------


@dataclass
class OverviewRow:
    deputy: Deputy
    attended: dict[str, int] = field(default_factory=lambda: dict.fromkeys(PART_KINDS, 0))
    absent: int = 0
    duty_present: int = 0
    duty_absent: int = 0
    led: int = 0
    cosigned: int = 0
    commendations: int = 0


def record_overview(*, township: Township, year: int, deputies: QuerySet[Deputy] | None = None) -> list[OverviewRow]:
    """One row per deputy with the year's counts of each part; a handful of grouped queries for the township."""
    if deputies is None:
        deputies = Deputy.objects.for_township(township).filter(status=DeputyStatus.SERVING)
    rows = {d.pk: OverviewRow(deputy=d) for d in deputies.select_related("small_group")}
    activities = (
        ActivityAttendance.objects.for_township(township)
        .filter(activity__date__year=year, status__in=[Attendance.ATTENDED, Attendance.ABSENT])
        .values("deputy_id", "activity__kind", "status")
        .annotate(n=Count("id"))
    )
    for item in activities:
        row = rows.get(item["deputy_id"])
        if row is None:
            continue
        if item["status"] == Attendance.ABSENT:
            row.absent += item["n"]
        else:
            row.attended[_part_of(item["activity__kind"])] += item["n"]
    duty = (
        DutyAssignment.objects.for_township(township)
        .filter(duty_day__date__year=year)
        .values("deputy_id")
        .annotate(
            present=Count("id", filter=attended_q()), absent=Count("id", filter=Q(status=AttendanceStatus.ABSENT))
        )
    )
    for item in duty:
        if (row := rows.get(item["deputy_id"])) is not None:
            row.duty_present, row.duty_absent = item["present"], item["absent"]
    tallies = defaultdict(Counter)
    for deputy_id, n in (
        Proposal.objects.for_township(township)
        .filter(_filed(year))
        .values_list("lead_deputy_id")
        .annotate(n=Count("id"))
    ):
        tallies["led"][deputy_id] = n
    for deputy_id, n in (
        CoSigner.objects.for_township(township)
        .filter(Q(proposal__created_at__year=year) & ~Q(proposal__status=Status.DRAFT))
        .values_list("deputy_id")
        .annotate(n=Count("id"))
    ):
        tallies["cosigned"][deputy_id] = n
    for deputy_id, n in (
        Commendation.objects.for_township(township).filter(year=year).values_list("deputy_id").annotate(n=Count("id"))
    ):
        tallies["commendations"][deputy_id] = n
    for pk, row in rows.items():
        row.led, row.cosigned, row.commendations = (
            tallies["led"][pk],
            tallies["cosigned"][pk],
            tallies["commendations"][pk],
        )
    return list(rows.values())
