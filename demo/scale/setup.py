"""The run and the towns' setup: which run this is (a new one, or an interrupted one to complete), its counties
and towns set up (skipping those already there, by code), and every town's setup read back as ids."""

import random
from datetime import date

from django.db import transaction

from congress.models import County, Department, Leader, Township
from demo.models import ScaleRun
from demo.scale.base import Built, Setup, Town
from demo.scale.organisation import county_logins, logins, organisation
from demo.scale.register import register
from demo.scale.write import write
from deputies.models import Deputy, SmallGroup, Station, StationLevel
from petitions.models import VisitCategory

SETUP_TOWNS = 20  # towns set up in one transaction


def run_find(*, towns: int, per_county: int, years: int, seed: int, today: date) -> ScaleRun:
    """The unfinished run with these arguments (interrupted: it is completed), or a new one numbering its
    towns and counties after every earlier run's."""
    run = (
        ScaleRun.objects.filter(finished_at=None, towns=towns, per_county=per_county, years=years, seed=seed)
        .order_by("-pk")
        .first()
    )
    if run is not None:
        return run
    towns_before = Township.objects.filter(code__startswith="scale-").count()
    counties_before = County.objects.filter(code__startswith="scale-").count()
    for earlier in ScaleRun.objects.all():
        towns_before = max(towns_before, earlier.first_town + earlier.towns - 1)
        counties_before = max(counties_before, earlier.first_county + _counties(earlier) - 1)
    return ScaleRun.objects.create(
        towns=towns,
        per_county=per_county,
        years=years,
        seed=seed,
        first_town=towns_before + 1,
        first_county=counties_before + 1,
        today=today,
    )


def _counties(run: ScaleRun) -> int:
    return (run.towns + run.per_county - 1) // run.per_county


def town_code(run: ScaleRun, n: int) -> str:
    return f"scale-{run.first_town + n:04d}"


def county_code(run: ScaleRun, c: int) -> str:
    return f"scale-{run.first_county + c:03d}"


def towns_set_up(run: ScaleRun, *, password: str | None, built: Built, progress) -> None:
    """The run's counties with their logins, then its towns a few at a time, each few in one transaction:
    those already there (an interrupted run's) are skipped."""
    codes = [county_code(run, c) for c in range(_counties(run))]
    with transaction.atomic():
        there = set(County.objects.filter(code__in=codes).values_list("code", flat=True))
        counties = [
            County(name=f"规模测试{run.first_county + c:03d}县", code=code)
            for c, code in enumerate(codes)
            if code not in there
        ]
        county_logins(write(County, counties, built), password=password, built=built)
    county_of = dict(County.objects.filter(code__in=codes).values_list("code", "pk"))
    codes = [town_code(run, n) for n in range(run.towns)]
    there = set(Township.objects.filter(code__in=codes).values_list("code", flat=True))
    missing = [n for n in range(run.towns) if codes[n] not in there]
    start = date(run.today.year - run.years + 1, 1, 1)
    for k in range(0, len(missing), SETUP_TOWNS):
        numbers = missing[k : k + SETUP_TOWNS]
        rng = random.Random(f"{run.seed}:setup:{numbers[0]}")  # noqa: S311 - made-up data, the same each run
        with transaction.atomic():
            towns = [
                Township(
                    county_id=county_of[county_code(run, n // run.per_county)],
                    name=f"规模测试{run.first_town + n:04d}镇",
                    code=codes[n],
                )
                for n in numbers
            ]
            setup = Setup(towns=write(Township, towns, built), start=start, rng=rng, built=built, password=password)
            for part in (logins, organisation, register):
                part(setup)
        built.towns += len(numbers)
        progress(f"set up {len(there) + k + len(numbers)}/{run.towns} towns, {built.total:,} rows")


def towns_read(run: ScaleRun) -> list[Town]:
    """Every town of the run as the ids the monthly parts need, in the order of their codes."""
    rows = Township.objects.filter(code__in=[town_code(run, n) for n in range(run.towns)]).order_by("code")
    ids = list(rows.values_list("pk", flat=True))
    stations = dict(
        Station.objects.filter(township_id__in=ids, level=StationLevel.TOWN).values_list("township_id", "pk")
    )
    towns = {pk: Town(pk=pk, station=stations[pk]) for pk in ids}
    for model, name in ((Department, "departments"), (Leader, "leaders"), (VisitCategory, "categories")):
        for town, pk in model.objects.filter(township_id__in=ids).order_by("pk").values_list("township_id", "pk"):
            getattr(towns[town], name).append(pk)
    groups = SmallGroup.objects.filter(township_id__in=ids).order_by("township_id", "order", "pk")
    for town, pk in groups.values_list("township_id", "pk"):
        towns[town].groups.append(pk)
        towns[town].members[pk] = []
    deputies = Deputy.objects.filter(township_id__in=ids).order_by("pk")
    for town, pk, group in deputies.values_list("township_id", "pk", "small_group_id"):
        towns[town].deputies.append(pk)
        towns[town].members[group].append(pk)
    return [towns[pk] for pk in ids]
