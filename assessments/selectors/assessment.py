"""Reads of the assessment: the month's ranking, a deputy's months, the year's ranking and grades, the
leadership dashboard and the county overview. Each is a fixed number of grouped queries."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, QuerySet
from django.utils.translation import gettext as _

from assessments.models import (
    DEFAULT_STANDARD,
    EPOCH,
    Assessment,
    Bulletin,
    BulletinStatus,
    Item,
    Standard,
    StandardItem,
)
from congress.dates import first_of
from congress.models import Township
from deputies.models import Deputy


@dataclass
class StandardVersion:
    standard: Standard
    items: list[StandardItem]

    @property
    def rules(self) -> dict[str, tuple[int, int | None]]:
        return {row.item: (row.points, row.monthly_cap) for row in self.items}


def standard_versions(*, township: Township) -> list[StandardVersion]:
    """The town's versions of the standard, newest first, with their items. A town that never needed one (no
    month assessed, no version saved) has the default, unsaved: the first assessment or save writes it."""
    rows = (
        Standard.objects.for_township(township)
        .select_related("created_by")
        .prefetch_related("items")
        .order_by("-active_from")
    )
    versions = [StandardVersion(standard, list(standard.items.all())) for standard in rows]
    if versions:
        return versions
    default = Standard(township=township, active_from=EPOCH, note=_("The default standard"))
    items = [
        StandardItem(standard=default, item=item, points=points, monthly_cap=cap)
        for item, (points, cap) in DEFAULT_STANDARD.items()
    ]
    return [StandardVersion(default, items)]


def version_in_force(versions: list[StandardVersion], *, month: date) -> StandardVersion:
    """Of a town's versions, newest first, the one in force in `month`."""
    first = first_of(month)
    return next((v for v in versions if v.standard.active_from <= first), versions[-1])


def month_ranking(*, township: Township, month: date) -> QuerySet[Assessment]:
    return (
        Assessment.objects.for_township(township)
        .filter(month=first_of(month))
        .select_related("deputy__small_group", "standard")
        .order_by("rank", "deputy__name_sort")
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
