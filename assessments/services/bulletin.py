"""Writes of the monthly assessment (一月一考核, 一月一通报, 表先促后): the unified standard and its versions, the
month's scores computed set-wise for many towns at once, the bulletin drafted, edited and published (which
locks the month), and the year-end commendations."""

from collections.abc import Iterable
from datetime import date

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from assessments.models import (
    Assessment,
    Bulletin,
    BulletinStatus,
    Item,
)
from assessments.selectors.bulletin import bulletin_figures
from assessments.services.assessment import AssessmentError, assessment_compute
from congress.audit import history_record_update
from congress.dates import first_of, format_month, last_month
from congress.models import Role, Township
from congress.services import notify_members

# The beginning of time for a town's first standard: every month it ever assesses is under it.


PRAISED = 5  # how many of the highest scores the bulletin praises


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
        title = _("%(town)s deputies' work bulletin, %(month)s") % {"town": township.name, "month": format_month(month)}
        counts = {row["key"]: row.get("value") for row in figures["visit_figures"]}
        summary = _(
            "In %(month)s the deputies on reception duty attended %(present)s of %(scheduled)s duties; %(visits)s "
            "visits were received, %(people)s people on reception days; %(solved)s problems were solved, "
            "%(resolved)s referred cases were resolved and %(overdue)s were overdue at the month's end."
        ) % {
            "month": format_month(month),
            "present": duty["present"],
            "scheduled": duty["scheduled"],
            "visits": counts["visits"],
            "people": counts["reception_people"],
            "solved": counts["solved"],
            "resolved": counts["resolved"],
            "overdue": counts["overdue"],
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
            bulletin = Bulletin.objects.get(township=township, month=month)
            history_record_update(bulletin)
            return bulletin
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
        history_record_update(bulletin)
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
        history_record_update(bulletin, user=user)
        url = reverse("bulletin_detail", args=[bulletin.pk])
        notify_members(
            township=bulletin.township,
            roles=[Role.DEPUTY, Role.LEADER],
            key=f"bulletin:{bulletin.pk}",
            subject=bulletin.title,
            body=bulletin.summary,
            url=url,
        )
    return bulletin


# --- Year end --------------------------------------------------------------------------------------------


def month_assess(*, township: Township, month: date) -> tuple[int, Bulletin | None]:
    """The office computes a month of its town now (before the 1st's job, or after late records) and the bulletin
    is redrafted with it. A month whose bulletin is published is locked: refused. Returns the rows written and
    the draft (none when no serving deputy was assessed)."""
    month = first_of(month)
    with transaction.atomic():
        if Bulletin.objects.filter(township=township, month=month, status=BulletinStatus.PUBLISHED).exists():
            raise AssessmentError(
                _("The bulletin of %(month)s is published; its assessment is locked.") % {"month": format_month(month)}
            )
        written = assessment_compute(township_ids=[township.pk], month=month)
        draft = bulletin_draft(township=township, month=month) if written else None
    return written, draft


def month_assess_all(*, month: date | None = None) -> dict[str, int]:
    """The monthly job: assess last month for every town, then draft each town's bulletin."""
    month = first_of(month) if month else last_month()
    towns = list(Township.objects.all())
    written = assessment_compute(township_ids=[t.pk for t in towns], month=month)
    drafted = sum(1 for town in towns if bulletin_draft(township=town, month=month) is not None)
    return {"rows": written, "bulletins": drafted}


# --- The bulletin ----------------------------------------------------------------------------------------
