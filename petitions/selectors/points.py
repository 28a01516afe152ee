"""Reads of a contact point's own reception days: the point with its schedule, its days, and its figures."""

from datetime import date

from django.db.models import Count, Prefetch, QuerySet
from django.utils import timezone

from congress.models import Township
from congress.periods import Period
from deputies.models import Station, StationLevel
from petitions.figures import VisitFigures, station_figures
from petitions.models import (
    DutyAssignment,
    DutyDay,
    DutyDayStatus,
    MatterStatus,
    PointSchedule,
    VoterMatter,
    attended_q,
)

# The point's page lists this many days before today and after it.
DAYS_BEFORE, DAYS_AFTER = 6, 12


def contact_point(*, township: Township, pk: int) -> Station:
    """A village contact point of the town, with its schedule if it has one (DoesNotExist otherwise)."""
    return (
        Station.objects.for_township(township)
        .filter(level=StationLevel.VILLAGE)
        .select_related("point_schedule")
        .prefetch_related("small_groups")
        .get(pk=pk)
    )


def schedule_of(station: Station) -> PointSchedule | None:
    try:
        return station.point_schedule
    except PointSchedule.DoesNotExist:
        return None


def _days(station: Station) -> QuerySet[DutyDay]:
    members = DutyAssignment.objects.select_related("deputy").order_by("deputy__name_sort")
    return (
        DutyDay.objects.filter(station=station, schedule__isnull=False)
        .prefetch_related(Prefetch("assignments", queryset=members))
        .annotate(present=Count("assignments", filter=attended_q("assignments__"), distinct=True))
    )


def point_days(*, station: Station, today: date | None = None) -> tuple[list[DutyDay], list[DutyDay]]:
    """The point's last days held (latest first) and its coming days (soonest first)."""
    today = today or timezone.localdate()
    past = list(_days(station).filter(date__lt=today).order_by("-date")[:DAYS_BEFORE])
    coming = list(_days(station).filter(date__gte=today).order_by("date")[:DAYS_AFTER])
    return past, coming


def point_drafts(*, station: Station) -> int:
    return DutyDay.objects.filter(station=station, schedule__isnull=False, status=DutyDayStatus.DRAFT).count()


def point_figures(*, station: Station, year: int) -> tuple[VisitFigures, int]:
    """The point's figures of the year (the visits received there) and the voters' matters left there."""
    period = Period(date(year, 1, 1), date(year, 12, 31))
    matters = (
        VoterMatter.objects.filter(station=station, created_at__year=year).exclude(status=MatterStatus.SPAM).count()
    )
    return station_figures(station=station, period=period), matters
