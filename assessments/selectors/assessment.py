"""Reads of the assessment: the month's ranking, a deputy's months, the year's ranking and grades, the
leadership dashboard and the county overview. Each is a fixed number of grouped queries."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, QuerySet

from assessments.models import Assessment, Bulletin, BulletinStatus, Item
from congress.dates import first_of
from congress.models import Township
from deputies.models import Deputy


def month_ranking(*, township: Township, month: date) -> QuerySet[Assessment]:
    return (
        Assessment.objects.for_township(township)
        .filter(month=first_of(month))
        .select_related("deputy__small_group", "standard")
        .order_by("rank", "deputy__name_initials")
    )


def assessed_months(*, township: Township) -> list[date]:
    return list(Assessment.objects.for_township(township).dates("month", "month", order="DESC"))


@dataclass
class MyMonth:
    assessment: Assessment
    of: int
    bulletin: Bulletin | None


def my_months(*, deputy: Deputy, limit: int = 12) -> list[MyMonth]:
    """A deputy's last months with the number ranked in the town and the month's published bulletin."""
    rows = list(
        Assessment.objects.filter(deputy=deputy, township_id=deputy.township_id)
        .select_related("standard")
        .order_by("-month")[:limit]
    )
    months = [row.month for row in rows]
    sizes = dict(
        Assessment.objects.filter(township_id=deputy.township_id, month__in=months)
        .values_list("month")
        .annotate(n=Count("id"))
        .order_by()
    )
    published = {
        b.month: b
        for b in Bulletin.objects.filter(
            township_id=deputy.township_id, month__in=months, status=BulletinStatus.PUBLISHED
        )
    }
    return [MyMonth(assessment=row, of=sizes.get(row.month, 0), bulletin=published.get(row.month)) for row in rows]


# --- Year end --------------------------------------------------------------------------------------------


def with_cells(rows: list) -> list:
    """Each row's [count, points] per item, in the standard's order, for the table's columns."""
    for row in rows:
        row.cells = [row.breakdown.get(item, [0, 0]) for item in Item.values]
    return rows
