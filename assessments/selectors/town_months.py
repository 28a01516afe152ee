"""Each town's figures of a month, counted once and kept as a `TownMonth` row: the dashboard reads a town's
twelve months from twelve rows and the county overview its towns' month from one row a town, whatever the
number of towns and the years of history behind them.

The figures are the ones petitions.figures and proposals.figures define (the same reads, grouped by town), so
a kept figure reads the same as one counted on the spot. A row is fresh while no record it counts has changed
(`version` = `computed_version`; assessments.signals raises `version`) and, for a month not over when it was
counted, only on the day it was counted (overdue and attendance stand at a day). A missing or stale row is
counted again when read, for all the towns that need it in one set of grouped queries, and kept."""

from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from django.db.models import Count, F, Q
from django.utils import timezone

from assessments.models import TownMonth
from assessments.services.town_months import town_months_keep, town_months_reserve
from congress.dates import add_months, first_of, last_of
from congress.inputs import on_days
from congress.models import Township
from congress.periods import Period
from petitions.figures import figures_by_town
from petitions.models import DutyAssignment, Referral, attended_q
from proposals.figures import item_facts, rates_by
from proposals.models import HandlingUnit, Proposal

# What a kept row holds; a row kept before a key was added lacks it and is counted again.
KEYS = ("counts", "groups", "referrals", "filed", "replied", "rates", "units")


def is_fresh(row: TownMonth, today: date) -> bool:
    """Nothing counted has changed since, and the day it stood at is still the day it stands at."""
    return (
        all(key in row.figures for key in KEYS)
        and row.computed_version == row.version
        and (row.computed_on >= last_of(row.month) or row.computed_on == today)
    )


def _grouped(rows, *fields: str, **aggregates) -> list[dict]:
    return list(rows.values("township_id", *fields).annotate(**aggregates).order_by())


def count_month(township_ids: list[int], month: date) -> dict[int, dict]:
    """The figures of the month for each town, as kept (JSON): eleven grouped queries for any number of towns."""
    period = Period.month(month)
    first, last, on = period.first, period.last, period.on
    towns = Q(township_id__in=township_ids)
    visits = figures_by_town(township_ids=township_ids, period=period)
    duty = _grouped(
        DutyAssignment.objects.filter(
            towns, duty_day__township_id__in=township_ids, duty_day__date__gte=first, duty_day__date__lte=on
        ),
        "duty_day__small_group__name",
        "duty_day__small_group__order",
        scheduled=Count("id"),
        present=Count("id", filter=attended_q()),
    )
    filed = _grouped(Proposal.objects.filter(towns, on_days("submitted_at", first, last)), n=Count("id"))
    replied = _grouped(
        Proposal.objects.filter(towns, on_days("replies__submitted_at", first, last)), n=Count("id", distinct=True)
    )
    facts = item_facts(items=Proposal.objects.filter(towns), on=on)
    rates = rates_by(facts, group="township_id", groups=township_ids)
    units = _units(township_ids, rates_by(facts, group="main_unit"))
    referrals = _grouped(
        Referral.objects.filter(towns, on_days("created_at", first, last)),
        "visit__category__name",
        "department__name",
        n=Count("id"),
        resolved=Count("id", filter=Q(resolved=True)),
    )
    kept: dict[int, dict] = {
        pk: {
            **visits[pk].values(),
            "groups": [],
            "referrals": [],
            "filed": 0,
            "replied": 0,
            # The four rates of every item as of `on` (proposals.figures), and each unit's reply rate.
            "rates": [[f.numerator, f.denominator, f.beside] for f in rates[pk]],
            "units": units.get(pk, []),
        }
        for pk in township_ids
    }
    for row in duty:
        kept[row["township_id"]]["groups"].append(
            [row["duty_day__small_group__name"], row["duty_day__small_group__order"], row["scheduled"], row["present"]]
        )
    for row in referrals:
        kept[row["township_id"]]["referrals"].append(
            [row["visit__category__name"], row["department__name"], row["n"], row["resolved"]]
        )
    for key, rows in (("filed", filed), ("replied", replied)):
        for row in rows:
            kept[row["township_id"]][key] = row["n"]
    return kept


def _units(township_ids: list[int], by_unit: dict) -> dict[int, list]:
    """Per town, each handling unit of its items in the order of the units' table (proposals.selectors.unit_table)
    with the reply rate of the items it leads: [name, replied, due]."""
    units = (
        HandlingUnit.objects.filter(township_id__in=township_ids)
        .values_list("township_id", "department_id", "department__name", "department__kind")
        .distinct()
        .order_by("department__kind", "department__name")
    )
    out: dict[int, list] = defaultdict(list)
    for town, department, name, _kind in units:
        reply = by_unit[department][0] if department in by_unit else None
        out[town].append([name, reply.numerator if reply else 0, reply.denominator if reply else 0])
    return out


def town_months(
    *, township_ids: Iterable[int], months: Iterable[date], today: date | None = None
) -> dict[tuple[int, date], dict]:
    """{(town, month): figures as kept} for every town and month asked: the kept rows that are fresh, the
    others counted now (grouped by month across the towns) and kept for the next reader."""
    ids, months = list(township_ids), list(months)
    today = today or timezone.localdate()
    rows = {(r.township_id, r.month): r for r in TownMonth.objects.filter(township_id__in=ids, month__in=months)}
    found = {key: row.figures for key, row in rows.items() if is_fresh(row, today)}
    wanted: dict[date, list[int]] = defaultdict(list)
    for month in months:
        for pk in ids:
            if (pk, month) not in found:
                wanted[month].append(pk)
    for month, pks in wanted.items():
        kept = {pk: rows[(pk, month)] for pk in pks if (pk, month) in rows}
        if len(kept) < len(pks):
            kept = town_months_reserve(township_ids=pks, month=month, today=today)
        counted = count_month(pks, month)
        town_months_keep(rows=list(kept.values()), figures=counted, today=today)
        found.update({(pk, month): counted[pk] for pk in pks})
    return found


def months_behind(township_id: int) -> int:
    """How many of the town's kept months wait to be counted again (for the operator and the tests)."""
    return TownMonth.objects.filter(township_id=township_id).exclude(computed_version=F("version")).count()


def town_months_count_all(*, today: date | None = None, chunk: int = 100) -> int:
    """Every town's this month and last month counted where stale or missing, `chunk` towns at a time (the
    nightly job, and `manage.py town_months`); how many towns were read."""
    today = today or timezone.localdate()
    months = [first_of(today), add_months(first_of(today), -1)]
    ids = list(Township.objects.order_by("county_id", "pk").values_list("pk", flat=True))
    for start in range(0, len(ids), chunk):
        town_months(township_ids=ids[start : start + chunk], months=months, today=today)
    return len(ids)
