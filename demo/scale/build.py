"""`scale_build`: towns of demo size in bulk. The run's towns are set up first (a few at a time, keyed by code);
then the rows that come with time are written month by month for all the towns of the run, each month in one
transaction with the run's progress, as real arrivals interleave towns; then every month is assessed with the
real service and the last two months' bulletins drafted. Interrupted, the same call again completes it."""

import random
import time
from collections.abc import Callable
from datetime import date

from django.db import connection, transaction
from django.utils import timezone

from activities.models import Activity, ActivityAttendance
from assessments.models import Bulletin, BulletinStatus
from assessments.services.assessment import assessment_compute
from assessments.services.bulletin import bulletin_draft
from congress.dates import add_months, last_month
from congress.models import Township
from demo.models import ScaleRun
from demo.scale.activities import activities
from demo.scale.base import Built, Month, Plan, Town
from demo.scale.duty import duty
from demo.scale.panel import panel
from demo.scale.proposals import proposals
from demo.scale.setup import run_find, town_code, towns_read, towns_set_up
from demo.scale.visits import visits
from demo.scale.write import indexes_create, indexes_drop
from petitions.models import (
    DutyAssignment,
    DutyDay,
    HandlingSuggestion,
    MajorCase,
    PanelMeeting,
    PanelQuestion,
    Referral,
    Visit,
)
from proposals.models import CoSigner, Feedback, HandlingUnit, Meeting, Proposal, Reply

# The parts written each month, in the order they need each other's rows.
MONTH_PARTS = (duty, visits, proposals, activities, panel)
MONTH_TOWNS = 200  # towns of a month built in memory at once (all of a month's batches in one transaction)
# Runs adding this many towns on PostgreSQL drop the big tables' secondary indexes and build them after loading.
INDEXES_AFTER = 100
BIG_TABLES = [
    DutyDay,
    DutyDay.leaders.through,
    DutyAssignment,
    Visit,
    HandlingSuggestion,
    Referral,
    Proposal,
    CoSigner,
    HandlingUnit,
    Meeting,
    Reply,
    Feedback,
    Activity,
    ActivityAttendance,
    PanelMeeting,
    PanelMeeting.attendees.through,
    PanelQuestion,
    MajorCase,
    MajorCase.deputies.through,
]


def scale_build(
    *,
    towns: int,
    per_county: int = 20,
    years: int = 5,
    password: str | None = None,
    today: date | None = None,
    seed: int = 7,
    assessed_months: int | None = None,
    progress: Callable[[str], None] = lambda message: None,
) -> Built:
    """Build `towns` towns of demo size (codes `scale-0001`…) with `years` years of work, then assess them (every
    month, or the last `assessed_months`); or complete the unfinished run with the same arguments (its day
    `today` kept)."""
    run = run_find(towns=towns, per_county=per_county, years=years, seed=seed, today=today or timezone.localdate())
    built = Built()
    postgres = connection.vendor == "postgresql"
    if postgres:
        _loading(True)
    towns_set_up(run, password=password, built=built, progress=progress)
    plan = Plan(today=run.today, years=run.years)
    set_aside = postgres and towns >= INDEXES_AFTER and run.months_done != plan.months[-1]
    if set_aside:
        with transaction.atomic():
            run.set_aside = run.set_aside + indexes_drop(BIG_TABLES)
            run.save(update_fields=["set_aside"])
        progress(f"{len(run.set_aside)} secondary indexes of the big tables dropped until loaded")
    _months(run, plan, towns_read(run), built=built, progress=progress)
    _indexes_restore(progress)
    if postgres:
        _loading(False)
        # Fresh statistics for the planner: after millions of rows in minutes, autovacuum has not caught up.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    town_rows = list(Township.objects.filter(code__in=[town_code(run, n) for n in range(run.towns)]))
    _assess(run, town_rows, built, plan=plan, months=assessed_months, progress=progress)
    run.finished_at = timezone.now()
    run.save(update_fields=["finished_at"])
    return built


def _loading(on: bool) -> None:
    """PostgreSQL settings of this session while loading. Generated rows, rebuilt by running again: no need to
    wait for each commit to reach the disk. Their foreign keys hold by construction (each row refers to ids
    just taken from a sequence, and SQLite checks them in the tests): a superuser loads without the foreign-key
    triggers (session_replication_role), which otherwise check every row again at each month's commit."""
    with connection.cursor() as cursor:
        cursor.execute("SET synchronous_commit TO %s" % ("OFF" if on else "DEFAULT"))
        cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        if cursor.fetchone()[0]:
            cursor.execute("SET session_replication_role TO %s" % ("replica" if on else "DEFAULT"))


def _months(run: ScaleRun, plan: Plan, towns: list[Town], *, built: Built, progress: Callable) -> None:
    """Each month not yet written: every town's rows of the month, with the run's progress, in one transaction."""
    for month in plan.months:
        if run.months_done is not None and month <= run.months_done:
            continue
        with transaction.atomic():
            for k in range(0, len(towns), MONTH_TOWNS):
                rng = random.Random(f"{run.seed}:{month:%Y-%m}:{k}")  # noqa: S311 - made-up data, the same each run
                part_of = Month(plan=plan, month=month, towns=towns[k : k + MONTH_TOWNS], rng=rng, built=built)
                for part in MONTH_PARTS:
                    part(part_of)
            run.months_done = month
            run.save(update_fields=["months_done"])
        progress(f"written {month:%Y-%m}, {built.total:,} rows")


def _indexes_restore(progress: Callable) -> None:
    """Build again the indexes any run (this one or an interrupted one) set aside, and forget them."""
    for run in ScaleRun.objects.exclude(set_aside=[]):
        indexes_create(run.set_aside)
        progress(f"{len(run.set_aside)} secondary indexes built again")
        run.set_aside = []
        run.save(update_fields=["set_aside"])


def _assess(
    run: ScaleRun, towns: list[Township], built: Built, *, plan: Plan, months: int | None, progress: Callable
) -> None:
    """Assess every month not yet assessed from the first January (or the last `months` months) to last month,
    each month in one transaction with the run's progress; draft the last two months' bulletins, publish the
    older."""
    ids = [t.pk for t in towns]
    last = last_month(plan.today)
    month = plan.months[0] if months is None else max(plan.months[0], add_months(last, 1 - months))
    while month <= last:
        if run.assessed_to is None or month > run.assessed_to:
            started = time.perf_counter()
            with transaction.atomic():
                rows = assessment_compute(township_ids=ids, month=month)
                run.assessed_to = month
                run.save(update_fields=["assessed_to"])
            built.add("assessments.Assessment", rows)
            took = time.perf_counter() - started
            progress(f"assessed {month:%Y-%m}: {rows:,} deputies of {len(ids):,} towns in {took:.1f} s")
        month = add_months(month, 1)
    progress(f"assessed to {last:%Y-%m}, {built.total:,} rows")
    earlier = add_months(last, -1)
    for town in towns:
        for month in (earlier, last):
            if bulletin_draft(township=town, month=month) is not None:
                built.add("assessments.Bulletin", 1)
    Bulletin.objects.filter(township__in=towns, month=earlier, status=BulletinStatus.DRAFT).update(
        status=BulletinStatus.PUBLISHED, published_at=timezone.now()
    )
    progress(f"bulletins drafted, {built.total:,} rows")
