"""Reads of reception duty, scoped to a township, with their relations joined."""

import calendar
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Case, Count, Prefetch, Q, QuerySet, When
from django.utils import timezone
from django.utils.translation import gettext as _

from congress.dates import last_of
from congress.models import Township
from deputies.models import Deputy, Station
from petitions.models import (
    AttendanceStatus,
    CalendarFeed,
    DutyAssignment,
    DutyDay,
    DutyDayStatus,
    DutyObservation,
    LeaveRequest,
    LeaveStatus,
    ReceptionSettings,
    SubstituteStatus,
    Visit,
    attended_q,
)


def reception_settings_for(*, township: Township) -> ReceptionSettings:
    """The town's reception settings; a town that never saved them gets the defaults, unsaved (the row is written
    when the office first saves the settings)."""
    return ReceptionSettings.objects.filter(township=township).first() or ReceptionSettings(township=township)


def duty_days(*, township: Township, points: bool = False) -> QuerySet[DutyDay]:
    """The town's duty days with what a roster line shows, in a fixed number of queries: the station's (one a
    date), or with `points` the contact points' own days as well."""
    days = DutyDay.objects.for_township(township)
    return (
        (days if points else days.station_days())
        .select_related("station", "small_group")
        .prefetch_related("leaders")
        .annotate(
            on_duty=Count("assignments", distinct=True),
            present=Count("assignments", filter=attended_q("assignments__"), distinct=True),
        )
        .order_by("date")
    )


def roster_month(*, year: int, month: int, days: list[DutyDay]) -> list[list[dict]]:
    """The weeks of a month, Monday first, each day with its duty day (of `days`, the month's) if it has one."""
    days = {d.date: d for d in days}
    weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    return [[{"date": d, "in_month": d.month == month, "duty": days.get(d)} for d in week] for week in weeks]


def duty_day_sheet(*, township: Township, pk: int) -> DutyDay:
    """One duty day with its assignments, their deputies and leave requests."""
    assignments = DutyAssignment.objects.select_related("deputy", "recorded_by", "replaces__deputy").prefetch_related(
        "leave_requests"
    )
    return (
        DutyDay.objects.for_township(township)
        .select_related("station", "small_group__large_group")
        .prefetch_related(
            "leaders",
            Prefetch("assignments", queryset=assignments),
            Prefetch("visits", queryset=Visit.objects.select_related("category").order_by("received_at")),
            Prefetch("observations", queryset=DutyObservation.objects.select_related("deputy")),
        )
        .get(pk=pk)
    )


def duties_of_deputy(*, deputy: Deputy, since: date | None = None) -> QuerySet[DutyAssignment]:
    """A deputy's published duties from `since` (default today), with the day's place and group."""
    since = since or timezone.localdate()
    return (
        DutyAssignment.objects.filter(
            deputy=deputy, duty_day__status=DutyDayStatus.PUBLISHED, duty_day__date__gte=since
        )
        .select_related("duty_day__station", "duty_day__small_group")
        .prefetch_related("duty_day__leaders", "leave_requests")
        .order_by("duty_day__date")
    )


def next_duty(*, deputy: Deputy) -> DutyAssignment | None:
    return duties_of_deputy(deputy=deputy).exclude(status=AttendanceStatus.LEAVE).first()


def substitute_requests_for(*, deputy: Deputy) -> QuerySet[LeaveRequest]:
    """Requests asking this deputy to stand in on a coming day, waiting for the answer."""
    return LeaveRequest.objects.filter(
        substitute=deputy,
        substitute_status=SubstituteStatus.ASKED,
        assignment__duty_day__date__gte=timezone.localdate(),
    ).select_related("assignment__deputy", "assignment__duty_day__station")


def calendar_feed_of(*, deputy: Deputy) -> CalendarFeed | None:
    """The deputy's secret calendar link, if they made one."""
    return CalendarFeed.objects.filter(deputy=deputy).first()


def today_duty_at(*, deputy: Deputy, station: Station) -> DutyAssignment | None:
    return (
        DutyAssignment.objects.filter(
            deputy=deputy,
            duty_day__station=station,
            duty_day__date=timezone.localdate(),
            duty_day__status=DutyDayStatus.PUBLISHED,
        )
        .select_related("duty_day")
        .first()
    )


def leave_queue(*, township: Township) -> QuerySet[LeaveRequest]:
    return (
        LeaveRequest.objects.for_township(township)
        .select_related("assignment__deputy", "assignment__duty_day", "substitute", "decided_by")
        # What waits first, soonest day first; decided requests after it, the latest day first.
        .annotate(waiting=Case(When(status=LeaveStatus.PENDING, then=0), default=1))
        .order_by(
            "waiting",
            Case(When(status=LeaveStatus.PENDING, then="assignment__duty_day__date")),
            "-assignment__duty_day__date",
            "-requested_at",
        )
    )


def public_roster(*, township: Township, since: date | None = None) -> QuerySet[DutyDay]:
    """Published coming duty days as the public sees them: names only, no contact data."""
    since = since or timezone.localdate()
    members = DutyAssignment.objects.select_related("deputy").order_by("deputy__name_sort")
    return (
        DutyDay.objects.for_township(township)
        .filter(status=DutyDayStatus.PUBLISHED, date__gte=since)
        .select_related("station", "small_group")
        .prefetch_related("leaders", Prefetch("assignments", queryset=members))
        .order_by("date")
    )


# How far ahead the public pages look for a deputy's next reception day: a published roster rarely goes further.
PUBLIC_DAYS_AHEAD = 120


def next_reception_days(*, township: Township, deputies: list[Deputy]) -> dict[int, DutyDay]:
    """Each deputy's next published reception day (by deputy id): a day they are on and not on leave from, or
    else their small group's next day on which they are not listed (they joined the group after it was made).
    Two queries, whatever the number of deputies."""
    days = list(
        DutyDay.objects.for_township(township)
        .filter(status=DutyDayStatus.PUBLISHED, date__gte=timezone.localdate())
        .select_related("station")
        .order_by("date", "start_time")[:PUBLIC_DAYS_AHEAD]
    )
    statuses = {
        (day_id, deputy_id): status
        for day_id, deputy_id, status in DutyAssignment.objects.filter(
            duty_day__in=days, deputy__in=deputies
        ).values_list("duty_day_id", "deputy_id", "status")
    }
    found: dict[int, DutyDay] = {}
    for deputy in deputies:
        for day in days:
            status = statuses.get((day.pk, deputy.pk))
            on_it = status is not None and status != AttendanceStatus.LEAVE
            own_group = deputy.small_group_id is not None and day.small_group_id == deputy.small_group_id
            group_day = status is None and own_group
            if on_it or group_day:
                found[deputy.pk] = day
                break
    return found


def station_reception_days(*, township: Township, station: Station, limit: int = 8) -> list[DutyDay]:
    """The coming published reception days held at a station or contact point, or taken by a small group attached
    to it (a contact point's deputies often receive at the town's station), soonest first."""
    groups = station.small_groups.all()
    return list(
        DutyDay.objects.for_township(township)
        .filter(status=DutyDayStatus.PUBLISHED, date__gte=timezone.localdate())
        .filter(Q(station=station) | Q(small_group__in=groups))
        .select_related("station", "small_group")
        .order_by("date", "start_time")[:limit]
    )


@dataclass
class SubsidyLine:
    deputy: Deputy
    days: int
    amount: Decimal
    # A salaried public employee the town's rule does not pay: listed with 0 so the sheet still shows who came.
    unpaid_public_employee: bool = False

    @property
    def note(self) -> str:
        if self.unpaid_public_employee:
            return _("Public employee: not paid")
        return ""


def subsidy_sheet(
    *, township: Township, year: int, month: int, rate: Decimal, pay_public_employees: bool = False
) -> list[SubsidyLine]:
    """Each deputy who attended the leaders' reception days of the month at the station (接访: the article pays
    the lost-work subsidy for these, not for a contact point's own days): the days attended and the subsidy due
    (0 for a salaried public employee unless the town's rule pays them too)."""
    first = date(year, month, 1)
    last = last_of(first)
    rows = (
        DutyAssignment.objects.for_township(township)
        .attended()
        .filter(duty_day__township=township, duty_day__date__range=(first, last), duty_day__schedule__isnull=True)
        .values("deputy")
        .annotate(days=Count("id"))
    )
    counts = {row["deputy"]: row["days"] for row in rows}
    deputies = Deputy.objects.filter(pk__in=counts).select_related("small_group").order_by("name_sort")
    lines = []
    for deputy in deputies:
        unpaid = deputy.public_employee and not pay_public_employees
        amount = Decimal(0) if unpaid else rate * counts[deputy.pk]
        lines.append(SubsidyLine(deputy=deputy, days=counts[deputy.pk], amount=amount, unpaid_public_employee=unpaid))
    return lines


def meal_list(*, duty_day: DutyDay) -> list[DutyAssignment]:
    """Who gets lunch on a duty day: the deputies living far who are present (or still expected)."""
    return [
        a
        for a in duty_day.assignments.all()
        if a.deputy.lives_far and a.status in (AttendanceStatus.PRESENT, AttendanceStatus.EXPECTED)
    ]


def pending_leave_count(*, township: Township) -> int:
    return LeaveRequest.objects.for_township(township).filter(status=LeaveStatus.PENDING).count()
