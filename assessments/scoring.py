"""The month's occurrences of every item of the standard, counted for many towns at once: one grouped query
per item, whatever the number of towns or deputies; and the score they make under a version of the standard."""

from collections import defaultdict
from datetime import date, datetime, time

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from activities.models import ActivityAttendance, ActivityKind, Attendance
from assessments.models import Item, Standard
from congress.dates import month_bounds
from petitions.models import (
    AttendanceStatus,
    DutyAssignment,
    HandlingSuggestion,
    MajorCase,
    PanelMeeting,
    PanelQuestion,
)
from proposals.models import CoSigner, Proposal, Status

ACCEPTED = (Status.ACCEPTED, Status.ASSIGNED, Status.REPLIED, Status.CLOSED)


def _instants(month: date) -> tuple[datetime, datetime]:
    first, after = month_bounds(month)
    return (
        timezone.make_aware(datetime.combine(first, time.min)),
        timezone.make_aware(datetime.combine(after, time.min)),
    )


def _by_deputy(rows: QuerySet, field: str) -> dict[int, int]:
    return dict(rows.values_list(field).annotate(n=Count("id", distinct=True)).order_by())


def month_counts(*, township_ids: list[int], month: date) -> dict[int, dict[str, int]]:
    """{deputy id: {item: occurrences}} for the month, in the towns given."""
    first, after = month_bounds(month)
    start, end = _instants(month)
    towns = Q(township_id__in=township_ids)
    # The days' and activities' own town is named too, so that they are found by (town, date) and not by
    # reading every town's days.
    duty = DutyAssignment.objects.filter(
        towns, duty_day__township_id__in=township_ids, duty_day__date__gte=first, duty_day__date__lt=after
    )
    attended = ActivityAttendance.objects.filter(
        towns,
        status=Attendance.ATTENDED,
        activity__township_id__in=township_ids,
        activity__date__gte=first,
        activity__date__lt=after,
    )
    accepted = Q(proposal__status__in=ACCEPTED, proposal__accepted_at__gte=start, proposal__accepted_at__lt=end)
    counts = {
        Item.DUTY_ATTENDED: _by_deputy(duty.attended(), "deputy_id"),
        Item.DUTY_ABSENT: _by_deputy(duty.filter(status=AttendanceStatus.ABSENT), "deputy_id"),
        Item.DUTY_LATE: _by_deputy(duty.attended().filter(late=True), "deputy_id"),
        Item.SUGGESTION: _by_deputy(
            HandlingSuggestion.objects.filter(towns, created_at__gte=start, created_at__lt=end), "deputy_id"
        ),
        Item.ACTIVITY: _by_deputy(
            attended.exclude(activity__kind__in=[ActivityKind.TRAINING, ActivityKind.REPORT]), "deputy_id"
        ),
        Item.TRAINING: _by_deputy(attended.filter(activity__kind=ActivityKind.TRAINING), "deputy_id"),
        Item.REPORT: _by_deputy(attended.filter(activity__kind=ActivityKind.REPORT), "deputy_id"),
        Item.PROPOSAL_LED: _by_deputy(
            Proposal.objects.filter(towns, status__in=ACCEPTED, accepted_at__gte=start, accepted_at__lt=end),
            "lead_deputy_id",
        ),
        Item.COSIGNED: _by_deputy(CoSigner.objects.filter(towns, accepted, confirmed_at__isnull=False), "deputy_id"),
        Item.PANEL: _by_deputy(
            PanelMeeting.attendees.through.objects.filter(
                panelmeeting__township_id__in=township_ids,
                panelmeeting__held_on__gte=first,
                panelmeeting__held_on__lt=after,
            ),
            "deputy_id",
        ),
        Item.PANEL_QUESTION: _by_deputy(
            PanelQuestion.objects.filter(towns, meeting__held_on__gte=first, meeting__held_on__lt=after), "asked_by_id"
        ),
        Item.MAJOR_CASE: _by_deputy(
            MajorCase.deputies.through.objects.filter(
                majorcase__township_id__in=township_ids,
                majorcase__opened_on__gte=first,
                majorcase__opened_on__lt=after,
            ),
            "deputy_id",
        ),
    }
    result: dict[int, dict[str, int]] = defaultdict(dict)
    for item, per_deputy in counts.items():
        for deputy_id, n in per_deputy.items():
            result[deputy_id][item] = n
    return result


def standard_rules(standard: Standard) -> dict[str, tuple[int, int | None]]:
    """{item: (points, monthly cap)} of a version, from its prefetched items."""
    return {row.item: (row.points, row.monthly_cap) for row in standard.items.all()}


def score(counts: dict[str, int], rules: dict[str, tuple[int, int | None]]) -> tuple[int, dict[str, list[int]]]:
    """The total and {item: [count, points]}: points per occurrence, an item's points held within its cap."""
    breakdown = {}
    for item, (points, cap) in rules.items():
        n = counts.get(item, 0)
        earned = n * points
        if cap is not None:
            earned = max(-cap, min(cap, earned))
        breakdown[item] = [n, earned]
    return sum(points for _n, points in breakdown.values()), breakdown
