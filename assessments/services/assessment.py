"""Writes of the monthly assessment (一月一考核, 一月一通报, 表先促后): the unified standard and its versions, the
month's scores computed set-wise for many towns at once, the bulletin drafted, edited and published (which
locks the month), and the year-end commendations."""

import json
from collections.abc import Iterable
from datetime import date

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

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
from assessments.scoring import month_counts, score, standard_rules
from congress.audit import history_attrs
from congress.dates import first_of
from congress.errors import RuleViolation
from congress.models import Township
from deputies.models import Deputy, DeputyStatus


class AssessmentError(RuleViolation):
    """An assessment rule refused the action; the message says why."""


# --- The standard --------------------------------------------------------------------------------------


def standard_ensure(*, township: Township) -> Standard:
    """The town's first version of the standard, the default one, made the first time it is needed."""
    with transaction.atomic():
        standard, created = Standard.objects.get_or_create(
            township=township, active_from=EPOCH, defaults={"note": _("The default standard")}
        )
        if created:
            bulk_create_with_history(
                [
                    StandardItem(standard=standard, item=item, points=points, monthly_cap=cap)
                    for item, (points, cap) in DEFAULT_STANDARD.items()
                ],
                StandardItem,
                custom_historical_attrs=history_attrs(),
            )
    return standard


def standards_in_force(*, township_ids: Iterable[int], month: date) -> dict[int, Standard]:
    """{town id: the version in force in `month`}, its items prefetched; a town without one gets the default."""
    township_ids = list(township_ids)
    missing = set(township_ids) - set(
        Standard.objects.filter(township_id__in=township_ids).values_list("township_id", flat=True)
    )
    for town in Township.objects.filter(pk__in=missing):
        standard_ensure(township=town)
    in_force: dict[int, Standard] = {}
    for standard in (
        Standard.objects.filter(township_id__in=township_ids, active_from__lte=first_of(month))
        .prefetch_related("items")
        .order_by("township_id", "-active_from")
    ):
        in_force.setdefault(standard.township_id, standard)
    return in_force


def standard_save(
    *,
    township: Township,
    active_from: date,
    rules: dict[str, tuple[int, int | None]],
    note: str,
    user: AbstractBaseUser,
    today: date | None = None,
) -> Standard:
    """A new version of the standard, in force from the first of a month to come or the current one: months
    already assessed under an older version keep it."""
    today = today or timezone.localdate()
    active_from = first_of(active_from)
    if active_from < first_of(today):
        raise AssessmentError(
            _("A new standard takes effect from this month or a later one; past months keep the standard they had.")
        )
    if Bulletin.objects.filter(township=township, month__gte=active_from, status=BulletinStatus.PUBLISHED).exists():
        raise AssessmentError(_("A bulletin from that month on is published already; choose a later month."))
    if set(rules) != set(Item.values):
        raise AssessmentError(_("Give the points of every item of the standard."))
    for points, cap in rules.values():
        if not -100 <= points <= 100 or (cap is not None and not 0 < cap <= 1000):
            raise AssessmentError(_("Points run from −100 to 100 and a cap from 1 to 1000."))
    with transaction.atomic():
        standard_ensure(township=township)
        # Saving twice for the same month replaces that version's items (no published month uses it): the
        # unlocked months computed under it are scored again by the next run.
        standard, _created = Standard.objects.update_or_create(
            township=township, active_from=active_from, defaults={"note": note.strip()[:300], "created_by": user}
        )
        standard.items.all().delete()
        bulk_create_with_history(
            [
                StandardItem(standard=standard, item=item, points=points, monthly_cap=cap)
                for item, (points, cap) in rules.items()
            ],
            StandardItem,
            custom_historical_attrs=history_attrs(),
        )
    return standard


# --- The monthly assessment ----------------------------------------------------------------------------


def _ranks(totals: dict[int, int]) -> dict[int, int]:
    """Competition ranking (1, 2, 2, 4): equal scores share a rank."""
    ranks, previous, position = {}, None, 0
    for index, (deputy_id, total) in enumerate(sorted(totals.items(), key=lambda kv: -kv[1]), start=1):
        if total != previous:
            position, previous = index, total
        ranks[deputy_id] = position
    return ranks


def assessment_compute(*, township_ids: Iterable[int], month: date, now=None) -> int:
    """Score every serving deputy of the towns for `month` under the standard then in force, and rank them
    in their town; a handful of queries for any number of towns. Towns whose bulletin for the month is
    published are locked and left as they are. Computing again gives the same rows. Returns rows written."""
    month = first_of(month)
    now = now or timezone.now()
    township_ids = set(township_ids)
    locked = set(
        Bulletin.objects.filter(township_id__in=township_ids, month=month, status=BulletinStatus.PUBLISHED).values_list(
            "township_id", flat=True
        )
    )
    township_ids -= locked
    if not township_ids:
        return 0
    in_force = standards_in_force(township_ids=township_ids, month=month)
    rules = {town: standard_rules(standard) for town, standard in in_force.items()}
    counts = month_counts(township_ids=list(township_ids), month=month)
    deputies = Deputy.objects.filter(township_id__in=township_ids, status=DeputyStatus.SERVING).values_list(
        "pk", "township_id"
    )
    # (town, deputy, standard, total, breakdown, rank) a deputy: plain rows, not model instances, for a
    # province's 141,000 deputies.
    totals: dict[int, dict[int, int]] = {}
    scored = []
    for deputy_id, town in deputies:
        total, breakdown = score(counts.get(deputy_id, {}), rules[town])
        totals.setdefault(town, {})[deputy_id] = total
        scored.append((town, deputy_id, in_force[town].pk, total, breakdown))
    ranks = {town: _ranks(town_totals) for town, town_totals in totals.items()}
    written = [(*row, ranks[row[0]][row[1]]) for row in scored]
    with transaction.atomic():
        # Deputies no longer serving (or no longer of the town) drop out of an unlocked month; everyone else is
        # updated in place.
        Assessment.objects.filter(township_id__in=township_ids, month=month).exclude(
            deputy__status=DeputyStatus.SERVING, deputy__township_id=F("township_id")
        ).delete()
        _upsert(written, month=month, now=now)
    return len(written)


_UPDATED = ["standard", "total", "breakdown", "rank", "computed_at"]


def _upsert(rows: list[tuple], *, month: date, now) -> None:
    """Insert or update the month's rows by (deputy, month). On PostgreSQL one statement for every row, each
    column sent as an array (a province's 141,000 deputies in one round trip, not 71 statements of 2,000 rows
    compiled by the ORM); elsewhere Django's bulk upsert."""
    if connection.vendor != "postgresql":
        instances = [
            Assessment(
                township_id=town,
                deputy_id=deputy,
                month=month,
                standard_id=standard,
                total=total,
                breakdown=breakdown,
                rank=rank,
                computed_at=now,
            )
            for town, deputy, standard, total, breakdown, rank in rows
        ]
        Assessment.objects.bulk_create(
            instances, batch_size=2000, update_conflicts=True, unique_fields=["deputy", "month"], update_fields=_UPDATED
        )
        return
    opts = Assessment._meta
    column = {
        name: connection.ops.quote_name(opts.get_field(name).column) for name in ["township", "deputy", *_UPDATED]
    }
    updated = ", ".join(f"{column[name]} = EXCLUDED.{column[name]}" for name in _UPDATED)
    sql = f"""
        INSERT INTO {connection.ops.quote_name(opts.db_table)}
            ({column["township"]}, {column["deputy"]}, {connection.ops.quote_name("month")}, {column["standard"]},
             {column["total"]}, {column["breakdown"]}, {column["rank"]}, {column["computed_at"]})
        SELECT town, deputy, %s, standard, total, breakdown::jsonb, rank, %s
        FROM unnest(%s::bigint[], %s::bigint[], %s::bigint[], %s::integer[], %s::text[], %s::integer[])
            AS row_(town, deputy, standard, total, breakdown, rank)
        ON CONFLICT ({column["deputy"]}, {connection.ops.quote_name("month")}) DO UPDATE SET {updated}
    """  # noqa: S608 - names from the model's own options, values as parameters
    with connection.cursor() as cursor:
        cursor.execute(
            sql,
            [
                month,
                now,
                [row[0] for row in rows],
                [row[1] for row in rows],
                [row[2] for row in rows],
                [row[3] for row in rows],
                [json.dumps(row[4], ensure_ascii=False) for row in rows],
                [row[5] for row in rows],
            ],
        )
