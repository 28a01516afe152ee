"""`scale_build`: towns of demo size in bulk, a few at a time, then every month assessed with the real service."""

import random
from collections.abc import Callable
from datetime import date

from django.db import connection, transaction
from django.utils import timezone

from assessments.models import Bulletin, BulletinStatus
from assessments.services.assessment import assessment_compute
from assessments.services.bulletin import bulletin_draft
from congress.dates import add_months, first_of, last_month
from congress.models import County, Township
from demo.scale.activities import activities
from demo.scale.base import Built, Chunk, bulk
from demo.scale.duty import duty
from demo.scale.organisation import logins, organisation
from demo.scale.panel import panel
from demo.scale.proposals import proposals
from demo.scale.register import register
from demo.scale.visits import visits

# The parts in the order they need each other's rows.
PARTS = (organisation, register, duty, visits, proposals, activities, panel)


def scale_build(
    *,
    towns: int,
    per_county: int = 20,
    years: int = 5,
    chunk: int = 5,
    password: str | None = None,
    today: date | None = None,
    seed: int = 7,
    progress: Callable[[str], None] = lambda message: None,
) -> Built:
    """Build `towns` towns of demo size (codes `scale-0001`…) with `years` years of work, then assess them."""
    today = today or timezone.localdate()
    rng = random.Random(seed)  # noqa: S311 - made-up data, the same for the same seed
    built = Built()
    counties = _counties(built, towns=towns, per_county=per_county)
    if connection.vendor == "postgresql":
        # Generated rows, rebuilt by running again: no need to wait for each commit to reach the disk.
        with connection.cursor() as cursor:
            cursor.execute("SET synchronous_commit TO OFF")
    first = Township.objects.filter(code__startswith="scale-").count()
    all_towns = []
    for start in range(0, towns, chunk):
        with transaction.atomic():
            rows = bulk(
                built,
                Township,
                [
                    Township(
                        county=counties[n // per_county],
                        name=f"规模测试{first + n + 1:04d}镇",
                        code=f"scale-{first + n + 1:04d}",
                    )
                    for n in range(start, min(start + chunk, towns))
                ],
            )
            part_of = Chunk(rows, today=today, years=years, rng=rng, built=built)
            for part in PARTS:
                part(part_of)
            logins(rows, [], password=password, built=built)
        all_towns += rows
        built.towns = len(all_towns)
        progress(f"{built.towns}/{towns} towns, {built.total:,} rows")
    with transaction.atomic():
        logins([], counties, password=password, built=built)
    if connection.vendor == "postgresql":
        # Fresh statistics for the planner: after millions of rows in minutes, autovacuum has not caught up.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    _assess(all_towns, built, first=first_of(date(today.year - years + 1, 1, 1)), today=today, progress=progress)
    return built


def _counties(built: Built, *, towns: int, per_county: int) -> list[County]:
    first_county = County.objects.filter(code__startswith="scale-").count()
    return bulk(
        built,
        County,
        [
            County(name=f"规模测试{first_county + c + 1:03d}县", code=f"scale-{first_county + c + 1:03d}")
            for c in range((towns + per_county - 1) // per_county)
        ],
    )


def _assess(towns: list[Township], built: Built, *, first: date, today: date, progress: Callable) -> None:
    """Assess every month from `first` to last month; draft the last two months' bulletins, publish the older."""
    ids = [t.pk for t in towns]
    month, last = first, last_month(today)
    while month <= last:
        built.add("assessments.Assessment", assessment_compute(township_ids=ids, month=month))
        month = add_months(month, 1)
    progress(f"assessed to {last:%Y-%m}, {built.total:,} rows")
    earlier = add_months(last, -1)
    for town in towns:
        for month in (earlier, last):
            if bulletin_draft(township=town, month=month) is not None:
                built.add("assessments.Bulletin", 1)
    Bulletin.objects.filter(township__in=towns, month=earlier).update(
        status=BulletinStatus.PUBLISHED, published_at=timezone.now()
    )
    progress(f"bulletins drafted, {built.total:,} rows")
