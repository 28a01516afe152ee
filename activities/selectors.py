"""Reads of activities and training, scoped to a township and prefetched; the groups' plan progress."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import ExtractQuarter

from activities.models import Activity, ActivityAttendance, Attendance, GroupPlanItem, LeaveState, quarter_of
from congress.models import Township
from deputies.models import Deputy, SmallGroup


def activity_list(*, township: Township) -> QuerySet[Activity]:
    """The township's activities, newest first, with their invitation and attendance counts."""
    return (
        Activity.objects.for_township(township)
        .select_related("small_group")
        .annotate(
            invited=Count("attendances"),
            attended=Count("attendances", filter=Q(attendances__status=Attendance.ATTENDED)),
            on_leave=Count("attendances", filter=Q(attendances__status=Attendance.LEAVE)),
            absent=Count("attendances", filter=Q(attendances__status=Attendance.ABSENT)),
            leave_waiting=Count("attendances", filter=Q(attendances__leave_state=LeaveState.PENDING)),
        )
        .order_by("-date", "-id")
    )


def activity_detail(*, township: Township, pk: int) -> Activity:
    """One activity with its invitations (and their deputies) and the proposals it led to."""
    return (
        Activity.objects.for_township(township)
        .select_related("small_group", "plan_item", "session", "created_by")
        .prefetch_related(
            "attendances__deputy__small_group",
            "attendances__leave_decided_by",
            "proposals__lead_deputy",
        )
        .get(pk=pk)
    )


def attendances_for_deputy(*, deputy: Deputy) -> QuerySet[ActivityAttendance]:
    """A deputy's invitations, newest activity first."""
    return (
        ActivityAttendance.objects.filter(deputy=deputy, township_id=deputy.township_id)
        .select_related("activity")
        .order_by("-activity__date", "-activity_id")
    )


def activities_of_deputy(*, deputy: Deputy, since: date) -> QuerySet[Activity]:
    """The activities from `since` on the deputy is invited to and has not been excused from, by date (their
    calendar feed)."""
    invited = ActivityAttendance.objects.filter(deputy=deputy).exclude(status=Attendance.LEAVE)
    return (
        Activity.objects.for_township(deputy.township)
        .filter(date__gte=since, pk__in=invited.values("activity_id"))
        .order_by("date", "id")
    )


def new_invitees(*, activity: Activity, deputies: QuerySet[Deputy]) -> list[Deputy]:
    """Those of `deputies` an invitation would add to the activity (the ones already invited stay as they are)."""
    return list(deputies.exclude(activity_attendances__activity=activity).order_by("name_sort", "pk"))


def pending_activity_leave_count(*, township: Township) -> int:
    return ActivityAttendance.objects.for_township(township).filter(leave_state=LeaveState.PENDING).count()


# --- The small groups' yearly plans ---------------------------------------------------------------------


@dataclass
class QuarterCell:
    quarter: int
    planned: int = 0
    held: int = 0
    scheduled: int = 0
    state: str = "future"  # done, scheduled, behind, open, future


@dataclass
class GroupProgress:
    group: SmallGroup
    quarters: list[QuarterCell] = field(default_factory=list)

    @property
    def behind(self) -> list[int]:
        return [cell.quarter for cell in self.quarters if cell.state == "behind"]

    @property
    def unplanned(self) -> list[int]:
        return [cell.quarter for cell in self.quarters if cell.planned == 0]


def _state(cell: QuarterCell, year: int, quarter: int, today: date) -> str:
    if cell.held:
        return "done"
    current = (today.year, quarter_of(today.month))
    if (year, quarter) > current:
        return "future"
    if cell.scheduled:
        return "scheduled"
    return "open" if (year, quarter) == current else "behind"


def group_plan_progress(*, township: Township, year: int, today: date) -> list[GroupProgress]:
    """Every active small group's year, quarter by quarter: planned, held, still to come; who is behind."""
    groups = list(SmallGroup.objects.for_township(township).filter(is_active=True).select_related("large_group"))
    planned = (
        GroupPlanItem.objects.for_township(township)
        .filter(year=year)
        .values("small_group_id", "quarter")
        .annotate(n=Count("id"))
    )
    held = (
        Activity.objects.for_township(township)
        .filter(date__year=year, small_group__isnull=False)
        .annotate(q=ExtractQuarter("date"))
        .values("small_group_id", "q")
        .annotate(done=Count("id", filter=Q(date__lte=today)), coming=Count("id", filter=Q(date__gt=today)))
    )
    cells = {(g.pk, q): QuarterCell(quarter=q) for g in groups for q in range(1, 5)}
    for row in planned:
        if (row["small_group_id"], row["quarter"]) in cells:
            cells[(row["small_group_id"], row["quarter"])].planned = row["n"]
    for row in held:
        cell = cells.get((row["small_group_id"], row["q"]))
        if cell is not None:
            cell.held, cell.scheduled = row["done"], row["coming"]
    progress = []
    for group in groups:
        quarters = [cells[(group.pk, q)] for q in range(1, 5)]
        for cell in quarters:
            cell.state = _state(cell, year, cell.quarter, today)
        progress.append(GroupProgress(group=group, quarters=quarters))
    return progress


def plan_items(*, township: Township, small_group: SmallGroup, year: int) -> QuerySet[GroupPlanItem]:
    return (
        GroupPlanItem.objects.for_township(township)
        .filter(small_group=small_group, year=year)
        .prefetch_related("activities")
    )
