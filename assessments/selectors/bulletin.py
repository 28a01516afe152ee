"""Reads of the assessment: the month's ranking, a deputy's months, the year's ranking and grades, the
leadership dashboard and the county overview. Each is a fixed number of grouped queries."""

from datetime import date, timedelta

from django.db.models import Count, Q, QuerySet

from assessments.models import (
    Bulletin,
    BulletinStatus,
)
from congress.dates import month_bounds
from congress.models import Township
from petitions.models import AttendanceStatus, DutyAssignment
from petitions.selectors.visits import month_totals
from proposals.figures import Figure, proposal_figures
from proposals.models import Proposal


def bulletins(*, township: Township, published_only: bool) -> QuerySet[Bulletin]:
    rows = Bulletin.objects.for_township(township)
    return rows.filter(status=BulletinStatus.PUBLISHED) if published_only else rows


def duty_month_figures(township: Township, month: date) -> dict:
    first, after = month_bounds(month)
    counts = DutyAssignment.objects.filter(
        township=township, duty_day__township=township, duty_day__date__gte=first, duty_day__date__lt=after
    ).aggregate(
        scheduled=Count("id"),
        present=Count("id", filter=Q(status=AttendanceStatus.PRESENT)),
        leave=Count("id", filter=Q(status=AttendanceStatus.LEAVE)),
        absent=Count("id", filter=Q(status=AttendanceStatus.ABSENT)),
    )
    counts["rate"] = round(100 * counts["present"] / counts["scheduled"], 1) if counts["scheduled"] else None
    return counts


def bulletin_figures(*, township: Township, month: date) -> dict:
    """The town's figures of the month, as the bulletin keeps them (JSON: they must not move once published)."""
    first, after = month_bounds(month)
    visits = month_totals(township=township, first=first, last=after - timedelta(days=1))
    return {
        "duty": duty_month_figures(township, month),
        "visits": {key: visits[key] for key in ("visits", "opened", "resolved", "overdue")},
        # As of the day the bulletin is drafted, as the dashboard shows them that day (proposals.figures).
        "rates": [rate.stored() for rate in proposal_figures(items=Proposal.objects.for_township(township))],
    }


def bulletin_rates(bulletin: Bulletin) -> list[Figure]:
    """The rates as the bulletin keeps them, to be shown as every other page shows a rate."""
    return [Figure.from_stored(row) for row in (bulletin.figures or {}).get("rates", [])]
