"""Reads of the assessment: the month's ranking, a deputy's months, the year's ranking and grades, the
leadership dashboard and the county overview. Each is a fixed number of grouped queries."""

from datetime import date

from django.db.models import Count as Counted
from django.db.models import Q, QuerySet

from assessments.models import (
    Bulletin,
    BulletinStatus,
)
from congress.dates import month_bounds
from congress.figures import Count, Figure
from congress.models import Membership, Role, Township
from petitions.figures import RATE_KEY, Period, labels, visit_figures
from petitions.models import AttendanceStatus, DutyAssignment, attended_q
from proposals.figures import proposal_figures
from proposals.models import Proposal


def bulletins(*, viewer: Membership, township: Township) -> QuerySet[Bulletin]:
    """The town's bulletins the viewer may read: a draft is the office's alone until it is published, on the
    list and on every page of one bulletin alike (an unpublished draft by id is a 404 for everyone else)."""
    rows = Bulletin.objects.for_township(township)
    return rows if viewer.role == Role.OFFICE else rows.filter(status=BulletinStatus.PUBLISHED)


def duty_month_figures(township: Township, month: date) -> dict:
    first, after = month_bounds(month)
    counts = DutyAssignment.objects.filter(
        township=township, duty_day__township=township, duty_day__date__gte=first, duty_day__date__lt=after
    ).aggregate(
        scheduled=Counted("id"),
        present=Counted("id", filter=attended_q()),
        leave=Counted("id", filter=Q(status=AttendanceStatus.LEAVE)),
        absent=Counted("id", filter=Q(status=AttendanceStatus.ABSENT)),
    )
    counts["rate"] = round(100 * counts["present"] / counts["scheduled"], 1) if counts["scheduled"] else None
    return counts


def bulletin_figures(*, township: Township, month: date) -> dict:
    """The town's figures of the month, as the bulletin keeps them (JSON: they must not move once published)."""
    visits = visit_figures(township=township, period=Period.month(month))
    return {
        "duty": duty_month_figures(township, month),
        # The four counts the bulletins kept before petitions.figures, for whatever reads them that way.
        "visits": {key: visits.value(key) for key in ("visits", "opened", "resolved", "overdue")},
        # Every visit figure with its label and definition as of the draft (petitions.figures).
        "visit_figures": visits.stored(),
        # As of the day the bulletin is drafted, as the dashboard shows them that day (proposals.figures).
        "rates": [rate.stored() for rate in proposal_figures(items=Proposal.objects.for_township(township))],
    }


def bulletin_counts(bulletin: Bulletin) -> tuple[list[Count], Figure | None]:
    """The visit figures as the bulletin keeps them, and its 落实 rate; a bulletin drafted before the figures
    were kept with their definitions has its four counts, named and defined as they are now (the same)."""
    figures = bulletin.figures or {}
    if "visit_figures" in figures:
        rows = figures["visit_figures"]
        rate = next((Figure.from_stored(row) for row in rows if row.get("key") == RATE_KEY), None)
        return [Count.from_stored(row) for row in rows if row.get("key") != RATE_KEY], rate
    named = labels()
    old = figures.get("visits", {})
    return [
        Count(key, *named[key], old[key]) for key in ("visits", "opened", "resolved", "overdue") if key in old
    ], None


def bulletin_rates(bulletin: Bulletin) -> list[Figure]:
    """The rates as the bulletin keeps them, to be shown as every other page shows a rate."""
    return [Figure.from_stored(row) for row in (bulletin.figures or {}).get("rates", [])]
