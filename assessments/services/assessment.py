"""Writes of the monthly assessment (一月一考核, 一月一通报, 表先促后): the unified standard and its versions, the
month's scores computed set-wise for many towns at once, the bulletin drafted, edited and published (which
locks the month), and the year-end commendations."""

from collections.abc import Iterable
from datetime import date

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
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
    rows: dict[int, list[Assessment]] = {}
    totals: dict[int, dict[int, int]] = {}
    for deputy_id, town in deputies:
        total, breakdown = score(counts.get(deputy_id, {}), rules[town])
        totals.setdefault(town, {})[deputy_id] = total
        rows.setdefault(town, []).append(
            Assessment(
                township_id=town,
                deputy_id=deputy_id,
                month=month,
                standard=in_force[town],
                total=total,
                breakdown=breakdown,
                rank=0,
                computed_at=now,
            )
        )
    written = []
    for town, town_rows in rows.items():
        ranks = _ranks(totals[town])
        for row in town_rows:
            row.rank = ranks[row.deputy_id]
        written.extend(town_rows)
    with transaction.atomic():
        # Deputies no longer serving drop out of an unlocked month; everyone else is updated in place.
        Assessment.objects.filter(township_id__in=township_ids, month=month).exclude(
            deputy_id__in=[row.deputy_id for row in written]
        ).delete()
        Assessment.objects.bulk_create(
            written,
            batch_size=2000,
            update_conflicts=True,
            unique_fields=["deputy", "month"],
            update_fields=["standard", "total", "breakdown", "rank", "computed_at"],
        )
    return len(written)
