"""Writes of the monthly assessment (一月一考核, 一月一通报, 表先促后): the unified standard and its versions, the
month's scores computed set-wise for many towns at once, the bulletin drafted, edited and published (which
locks the month), and the year-end commendations."""

from collections.abc import Iterable
from datetime import date, timedelta

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from assessments.models import (
    DEFAULT_STANDARD,
    Assessment,
    Bulletin,
    BulletinStatus,
    Commendation,
    GradeThresholds,
    Item,
    Standard,
    StandardItem,
)
from assessments.scoring import month_bounds, month_counts, score, standard_rules
from congress.models import Membership, Role, Township
from congress.services import notification_create
from deputies.models import Deputy, DeputyStatus
from petitions.models import AttendanceStatus, DutyAssignment
from petitions.visit_selectors import month_totals
from proposals.models import Proposal
from proposals.selectors import proposal_rates

# The beginning of time for a town's first standard: every month it ever assesses is under it.
EPOCH = date(2000, 1, 1)
PRAISED = 5  # how many of the highest scores the bulletin praises


class AssessmentError(ValidationError):
    """An assessment rule refused the action; the message says why."""


def first_of(month: date) -> date:
    return month.replace(day=1)


def last_month(today: date | None = None) -> date:
    today = today or timezone.localdate()
    return first_of(first_of(today) - timedelta(days=1))


# --- The standard --------------------------------------------------------------------------------------


def standard_ensure(*, township: Township) -> Standard:
    """The town's first version of the standard, the default one, made the first time it is needed."""
    standard, created = Standard.objects.get_or_create(
        township=township, active_from=EPOCH, defaults={"note": _("The default standard")}
    )
    if created:
        StandardItem.objects.bulk_create(
            StandardItem(standard=standard, item=item, points=points, monthly_cap=cap)
            for item, (points, cap) in DEFAULT_STANDARD.items()
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
    standard_ensure(township=township)
    with transaction.atomic():
        # Saving twice for the same month replaces that version's items (no published month uses it): the
        # unlocked months computed under it are scored again by the next run.
        standard, _created = Standard.objects.update_or_create(
            township=township, active_from=active_from, defaults={"note": note.strip()[:300], "created_by": user}
        )
        standard.items.all().delete()
        StandardItem.objects.bulk_create(
            StandardItem(standard=standard, item=item, points=points, monthly_cap=cap)
            for item, (points, cap) in rules.items()
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


def month_assess_all(*, month: date | None = None) -> dict[str, int]:
    """The monthly job: assess last month for every town, then draft each town's bulletin."""
    month = first_of(month) if month else last_month()
    towns = list(Township.objects.all())
    written = assessment_compute(township_ids=[t.pk for t in towns], month=month)
    drafted = sum(1 for town in towns if bulletin_draft(township=town, month=month) is not None)
    return {"rows": written, "bulletins": drafted}


# --- The bulletin ----------------------------------------------------------------------------------------


def duty_month_figures(township: Township, month: date) -> dict:
    first, after = month_bounds(month)
    counts = DutyAssignment.objects.filter(
        township=township, duty_day__township=township, duty_day__date__gte=first, duty_day__date__lt=after
    ).aggregate(
        scheduled=Count("id"),
        present=Count("id", filter=Q(status=AttendanceStatus.PRESENT)),
        leave=Count("id", filter=Q(status=AttendanceStatus.LEAVE)),
        absent=Count("id", filter=Q(status=AttendanceStatus.ABSENT)),
    )
    counts["rate"] = round(100 * counts["present"] / counts["scheduled"], 1) if counts["scheduled"] else None
    return counts


def bulletin_figures(*, township: Township, month: date) -> dict:
    """The town's figures of the month, as the bulletin keeps them (JSON: they must not move once published)."""
    first, after = month_bounds(month)
    visits = month_totals(township=township, first=first, last=after - timedelta(days=1))
    rates = proposal_rates(items=Proposal.objects.for_township(township))
    return {
        "duty": duty_month_figures(township, month),
        "visits": {key: visits[key] for key in ("visits", "opened", "resolved", "overdue")},
        "rates": [
            {"key": r.key, "label": str(r.label), "percent": r.percent, "of": [r.numerator, r.denominator]}
            for r in rates
        ],
    }


def _names(rows: Iterable[Assessment]) -> str:
    return "、".join(f"{row.deputy.name}（{row.total}）" for row in rows)


def bulletin_draft(*, township: Township, month: date, now=None) -> Bulletin | None:
    """Draft (or redraft) the month's bulletin from its assessment: figures, those praised and those urged.
    A published bulletin is left alone; returns None then, or when the month has no assessment."""
    month = first_of(month)
    now = now or timezone.now()
    rows = list(
        Assessment.objects.filter(township=township, month=month).select_related("deputy").order_by("rank", "id")
    )
    if not rows:
        return None
    existing = Bulletin.objects.filter(township=township, month=month).first()
    if existing is not None and existing.is_published:
        return None
    with translation.override(settings.LANGUAGE_CODE):
        figures = bulletin_figures(township=township, month=month)
        praised = [row for row in rows[:PRAISED] if row.total > 0]
        absent = [row for row in rows if row.breakdown.get(Item.DUTY_ABSENT, [0])[0]]
        lowest = [row for row in rows if row.total < 0 and row not in absent]
        duty = figures["duty"]
        title = _("%(town)s deputies' work bulletin, %(month)s") % {"town": township.name, "month": f"{month:%Y-%m}"}
        summary = _(
            "In %(month)s the deputies on reception duty attended %(present)s of %(scheduled)s duties; %(visits)s "
            "visits were received, %(resolved)s referred cases were resolved and %(overdue)s are overdue."
        ) % {
            "month": f"{month:%Y-%m}",
            "present": duty["present"],
            "scheduled": duty["scheduled"],
            "visits": figures["visits"]["visits"],
            "resolved": figures["visits"]["resolved"],
            "overdue": figures["visits"]["overdue"],
        }
        praised_text = (
            _("Praised for their work this month: %(names)s.") % {"names": _names(praised)} if praised else ""
        )
        urged_parts = []
        if absent:
            urged_parts.append(_("Missed reception duty without leave: %(names)s.") % {"names": _names(absent)})
        if lowest:
            urged_parts.append(_("Scored below zero this month: %(names)s.") % {"names": _names(lowest)})
        urged_text = "\n".join(urged_parts)
    values = {
        "title": title,
        "summary": summary,
        "praised": praised_text,
        "urged": urged_text,
        "figures": figures,
        "drafted_at": now,
    }
    with transaction.atomic():
        # Claim-once on the draft state: a bulletin published meanwhile is not overwritten.
        updated = Bulletin.objects.filter(township=township, month=month, status=BulletinStatus.DRAFT).update(**values)
        if updated:
            return Bulletin.objects.get(township=township, month=month)
        try:
            with transaction.atomic():
                return Bulletin.objects.create(township=township, month=month, **values)
        except IntegrityError:
            return None  # published by someone else in the meantime


def bulletin_update(*, bulletin: Bulletin, title: str, summary: str, praised: str, urged: str) -> Bulletin:
    """The office edits a draft bulletin's text; a published one no longer changes."""
    if not title.strip():
        raise AssessmentError(_("Give the bulletin a title."))
    with transaction.atomic():
        updated = Bulletin.objects.filter(pk=bulletin.pk, status=BulletinStatus.DRAFT).update(
            title=title.strip()[:200], summary=summary.strip(), praised=praised.strip(), urged=urged.strip()
        )
        if updated != 1:
            raise AssessmentError(_("This bulletin is published; it no longer changes."))
    bulletin.refresh_from_db()
    return bulletin


def bulletin_publish(*, bulletin: Bulletin, user: AbstractBaseUser, now=None) -> Bulletin:
    """Publish the bulletin, once: the month's assessment is locked and every deputy and leader is told."""
    now = now or timezone.now()
    with transaction.atomic():
        claimed = Bulletin.objects.filter(pk=bulletin.pk, status=BulletinStatus.DRAFT).update(
            status=BulletinStatus.PUBLISHED, published_at=now, published_by=user
        )
        if claimed != 1:
            raise AssessmentError(_("This bulletin is already published."))
        bulletin.refresh_from_db()
        url = reverse("bulletin_detail", args=[bulletin.pk])
        readers = Membership.objects.filter(
            township_id=bulletin.township_id, role__in=[Role.DEPUTY, Role.LEADER]
        ).select_related("user")
        for membership in readers:
            notification_create(
                recipient=membership.user,
                key=f"bulletin:{bulletin.pk}:{membership.user_id}",
                subject=bulletin.title,
                body=bulletin.summary,
                url=url,
                township=bulletin.township,
            )
    return bulletin


# --- Year end --------------------------------------------------------------------------------------------


def thresholds_for(*, township: Township) -> GradeThresholds:
    thresholds, _created = GradeThresholds.objects.get_or_create(township=township)
    return thresholds


def thresholds_save(*, township: Township, excellent: int, competent: int, basic: int) -> GradeThresholds:
    """Set the year's score each grade needs in this town."""
    thresholds = thresholds_for(township=township)
    thresholds.excellent, thresholds.competent, thresholds.basic = excellent, competent, basic
    with transaction.atomic():
        thresholds.full_clean()
        thresholds.save()
    return thresholds


def commend_excellent(
    *, township: Township, year: int, deputies: Iterable[Deputy], title: str, awarded_on: date, user: AbstractBaseUser
) -> int:
    """Record the year-end commendation (年终表彰) for the deputies graded excellent; once each."""
    if not title.strip():
        raise AssessmentError(_("Give the commendation's title."))
    rows = [
        Commendation(
            township=township, deputy=d, year=year, title=title.strip()[:200], awarded_on=awarded_on, recorded_by=user
        )
        for d in deputies
        if d.township_id == township.pk
    ]
    before = Commendation.objects.filter(township=township, year=year).count()
    with transaction.atomic():
        Commendation.objects.bulk_create(rows, ignore_conflicts=True)
    return Commendation.objects.filter(township=township, year=year).count() - before
