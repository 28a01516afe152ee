"""Keeping each town's figures of a month (assessments.selectors.town_months counts them): the rows made
before counting, the counted figures kept as of the version read before counting, and the versions raised
when a record the figures count changes (assessments.signals), so a kept figure is never read stale."""

from datetime import date

from django.db.models import F

from assessments.models import TownMonth
from congress.dates import first_of


def town_months_touch(*, township_id: int, since: date | None) -> int:
    """A record of the town that the figures of `since`'s month and later count has changed: those kept
    months are counted again when next read (every month when `since` is None). One UPDATE."""
    rows = TownMonth.objects.filter(township_id=township_id)
    if since is not None:
        rows = rows.filter(month__gte=first_of(since))
    return rows.update(version=F("version") + 1)


def town_months_reserve(*, township_ids: list[int], month: date, today: date) -> dict[int, TownMonth]:
    """The towns' rows of the month, made when missing (empty, so not fresh) before their figures are counted:
    a change committed while they are counted then raises a version that the counting did not read."""
    TownMonth.objects.bulk_create(
        [
            TownMonth(township_id=pk, month=month, version=1, computed_version=0, computed_on=today, figures={})
            for pk in township_ids
        ],
        ignore_conflicts=True,
    )
    return {row.township_id: row for row in TownMonth.objects.filter(township_id__in=township_ids, month=month)}


def town_months_keep(*, rows: list[TownMonth], figures: dict[int, dict], today: date) -> None:
    """Keep the figures counted for the rows, as of each row's version read before counting; a row whose
    version rose meanwhile stays stale (its `computed_version` is behind), and is counted again."""
    for row in rows:
        row.computed_version = row.version
        row.computed_on = today
        row.figures = figures[row.township_id]
    TownMonth.objects.bulk_update(rows, ["computed_version", "computed_on", "figures"], batch_size=500)
