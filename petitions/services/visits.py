"""Writes of constituent visits: recording a visit with its suggestions, referring it to a department (when it is
recorded, or later for a deputy's suggestion), the referral's life (progress, result, the visitor told), deadline
extensions and the reminders."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from congress.audit import history_attrs, history_record_update
from congress.dates import format_day
from congress.errors import RuleViolation
from congress.models import Department, Leader, Township
from congress.services import notify_office, notify_unit
from deputies.models import Deputy, Station
from petitions.models import (
    DEFAULT_CATEGORIES,
    FINISHED,
    AttendanceStatus,
    DeadlineExtension,
    DutyDay,
    DutyObservation,
    ExtensionStatus,
    HandlingSuggestion,
    Referral,
    ReferralNote,
    ReferralStatus,
    Visit,
    VisitCategory,
    VisitOutcome,
)
from petitions.selectors.duty import reception_settings_for


class VisitError(RuleViolation):
    """A rule of visits or referrals refused the action; the message says why."""


@dataclass
class ReferralPlan:
    department: Department
    responsible_name: str
    responsible_phone: str = ""
    answer_due: date | None = None
    due: date | None = None


def visit_categories_for(*, township: Township) -> list[VisitCategory]:
    """The township's categories; a township without any starts with the usual list."""
    with transaction.atomic():
        if not VisitCategory.objects.for_township(township).exists():
            bulk_create_with_history(
                [VisitCategory(township=township, name=name, order=n) for n, name in enumerate(DEFAULT_CATEGORIES)],
                VisitCategory,
                ignore_conflicts=True,
                custom_historical_attrs=history_attrs(),
            )
    return list(VisitCategory.objects.for_township(township))


def _saved_category(township: Township, category: VisitCategory) -> VisitCategory:
    """The category as a row: one of the usual list offered unsaved on a town's first visit is written now."""
    if category.pk is not None:
        return category
    named = {c.name: c for c in visit_categories_for(township=township)}
    if category.name not in named:
        raise VisitError(_("Choose one of the township's categories."))
    return named[category.name]


def _same_town(township: Township, *rows) -> None:
    for row in rows:
        if row is not None and row.township_id != township.pk:
            raise VisitError(_("Everything in a visit record must belong to this township."))


def visit_record(
    *,
    township: Township,
    user: AbstractBaseUser,
    station: Station,
    category: VisitCategory,
    visitor_name: str,
    content: str,
    outcome: str,
    received_at: datetime | None = None,
    duty_day: DutyDay | None = None,
    visitor_gender: str = "",
    visitor_phone: str = "",
    visitor_address: str = "",
    visitor_count: int = 1,
    leader: Leader | None = None,
    answer: str = "",
    deputies: list[Deputy] = (),
    suggestions: list[tuple[Deputy, str]] = (),
    referral: ReferralPlan | None = None,
    solved_on_spot: bool = False,
) -> Visit:
    """Record a visit with the deputies present, their handling suggestions and, if referred, the referral.
    Solved on the spot only for a visit answered on the spot; never a visit received in the future."""
    received_at = received_at or timezone.now()
    if received_at > timezone.now() + timedelta(minutes=5):
        raise VisitError(_("A visit cannot be received in the future: check the date and time received."))
    if solved_on_spot and outcome != VisitOutcome.ANSWERED:
        raise VisitError(
            _(
                "Only a visit answered on the spot can have its problem solved on the spot: untick it or "
                "change the outcome."
            )
        )
    _same_town(township, station, category, duty_day, leader, *deputies, *(d for d, _t in suggestions))
    if outcome == VisitOutcome.REFERRED and referral is None:
        raise VisitError(_("A referred visit needs the department, the responsible person and the deadline."))
    if outcome == VisitOutcome.ANSWERED and not answer.strip():
        raise VisitError(_("Say what answer was given on the spot."))
    with transaction.atomic():
        category = _saved_category(township, category)
        visit = Visit(
            township=township,
            received_at=received_at,
            duty_day=duty_day,
            station=station,
            visitor_name=visitor_name.strip(),
            visitor_gender=visitor_gender,
            visitor_phone=visitor_phone.strip(),
            visitor_address=visitor_address.strip(),
            visitor_count=visitor_count,
            category=category,
            content=content.strip(),
            leader=leader,
            outcome=outcome,
            answer=answer.strip(),
            solved_on_spot=solved_on_spot,
            recorded_by=user,
        )
        visit.full_clean()
        visit.save()
        visit.deputies.set(deputies)
        for deputy, text in suggestions:
            if text.strip():
                HandlingSuggestion.objects.create(township=township, visit=visit, deputy=deputy, text=text.strip())
        if outcome == VisitOutcome.REFERRED:
            referral_create(visit=visit, plan=referral)
    return visit


def referral_create(*, visit: Visit, plan: ReferralPlan) -> Referral:
    """Refer a visit to a department of its township, with deadlines from the town's settings by default."""
    _same_town(visit.township, plan.department)
    if not plan.responsible_name.strip():
        raise VisitError(_("Name the person responsible for the case."))
    settings = reception_settings_for(township=visit.township)
    start = timezone.localtime(visit.received_at).date()
    answer_due = plan.answer_due or start + timedelta(days=settings.referral_answer_days)
    due = plan.due or start + timedelta(days=settings.referral_finish_days)
    if answer_due < start or due < start:
        raise VisitError(_("A deadline cannot be before the visit."))
    if due < answer_due:
        raise VisitError(_("The deadline to resolve cannot be before the deadline to answer."))
    referral = Referral.objects.create(
        township=visit.township,
        visit=visit,
        department=plan.department,
        responsible_name=plan.responsible_name.strip(),
        responsible_phone=plan.responsible_phone.strip(),
        answer_due=answer_due,
        due=due,
    )
    notify_unit(
        plan.department,
        key=f"referral-new:{referral.pk}",
        subject=_("New referred case, to resolve by %(due)s") % {"due": format_day(due)},
        body=visit.content[:200],
        url=reverse("referral_detail", args=[referral.pk]),
        phone=referral.responsible_phone,
    )
    return referral


def visit_refer(*, visit: Visit, plan: ReferralPlan, user: AbstractBaseUser) -> Referral:
    """The office refers a visit recorded as a deputy's handling suggestion, once: the visit becomes referred, the
    unit is told, and a voter whose matter the visit is hears of the unit and the deadline."""
    with transaction.atomic():
        if Referral.objects.filter(visit_id=visit.pk).exists():
            raise VisitError(_("This visit is already referred."))
        # Claimed by a conditional update: of two people referring it at once, one changes the row.
        if not Visit.objects.filter(pk=visit.pk, outcome=VisitOutcome.SUGGESTION).update(outcome=VisitOutcome.REFERRED):
            raise VisitError(
                _("Only a visit recorded as a deputy's suggestion is referred afterwards; this one is: %(outcome)s.")
                % {"outcome": Visit.objects.get(pk=visit.pk).get_outcome_display()}
            )
        visit = Visit.objects.select_related("township").get(pk=visit.pk)
        referral = referral_create(visit=visit, plan=plan)
        history_record_update(visit, user=user)
        # Imported here: the matters' services record their visits through this module.
        from petitions.services import matters

        matters.matter_visit_recorded(visit=visit)
    return referral


def suggestion_add(
    *, visit: Visit, deputy: Deputy, text: str, duty_day: DutyDay | None = None, today: date | None = None
) -> HandlingSuggestion:
    """A deputy's handling suggestion on a visit, added after it was recorded: by the office for any deputy, or
    (with `duty_day`) by the deputy themselves, on the day they are on duty and only to that day's visits."""
    _same_town(visit.township, deputy)
    if duty_day is not None:
        _same_town(visit.township, duty_day)
        if visit.duty_day_id != duty_day.pk:
            raise VisitError(_("This visit was not received on that duty day."))
        if duty_day.date != (today or timezone.localdate()):
            raise VisitError(_("A suggestion is added from the phone on the duty day itself only."))
        if not duty_day.assignments.filter(deputy=deputy, status=AttendanceStatus.PRESENT).exists():
            raise VisitError(_("Only a deputy signed in on duty that day adds suggestions to its visits."))
    if not text.strip():
        raise VisitError(_("Write the suggestion."))
    return HandlingSuggestion.objects.create(township=visit.township, visit=visit, deputy=deputy, text=text.strip())


def observation_add(*, duty_day: DutyDay, deputy: Deputy, text: str) -> DutyObservation:
    """A deputy on duty that day records how the reception was run; only the day's deputies may."""
    if not duty_day.assignments.filter(deputy=deputy).exclude(status__in=["leave", "absent"]).exists():
        raise VisitError(_("Only a deputy on duty that day records observations on it."))
    if not text.strip():
        raise VisitError(_("Write the observations."))
    return DutyObservation.objects.create(
        township=duty_day.township, duty_day=duty_day, deputy=deputy, text=text.strip()
    )


def referral_progress(*, referral: Referral, user: AbstractBaseUser, text: str) -> ReferralNote:
    """A progress note; the first one moves an open referral to in progress."""
    if referral.status in FINISHED:
        raise VisitError(_("This case is finished; no more progress can be added."))
    if not text.strip():
        raise VisitError(_("Write what was done."))
    with transaction.atomic():
        note = ReferralNote.objects.create(
            township=referral.township, referral=referral, author=user, text=text.strip()
        )
        if Referral.objects.filter(pk=referral.pk, status=ReferralStatus.OPEN).update(
            status=ReferralStatus.IN_PROGRESS
        ):
            history_record_update(Referral.objects.get(pk=referral.pk), user=user)
    referral.refresh_from_db()
    return note


def referral_finish(
    *, referral: Referral, user: AbstractBaseUser, resolved: bool, result: str, now: datetime | None = None
) -> Referral:
    """The unit reports the case resolved, or that it cannot be resolved and why."""
    if referral.status in FINISHED:
        raise VisitError(_("This case is already finished."))
    if not result.strip():
        raise VisitError(_("Describe the result.") if resolved else _("Explain why the case cannot be resolved."))
    with transaction.atomic():
        referral.status = ReferralStatus.RESOLVED if resolved else ReferralStatus.UNRESOLVABLE
        referral.resolved = resolved
        referral.result = result.strip()
        referral.finished_at = now or timezone.now()
        referral.save(update_fields=["status", "resolved", "result", "finished_at"])
        ReferralNote.objects.create(
            township=referral.township, referral=referral, author=user, text=referral.get_status_display()
        )
        # A voter's matter that became this case: the voter is told the result (nothing for a reception's visit).
        # Imported here: the matters' services record their visits through this module.
        from petitions.services import matters

        matters.matter_referral_finished(referral=referral, now=referral.finished_at)
    return referral


def referral_close(
    *, referral: Referral, told_at: datetime, satisfied: bool | None, now: datetime | None = None
) -> Referral:
    """Close a finished case once the visitor has been told, with whether they were satisfied."""
    if referral.status not in (ReferralStatus.RESOLVED, ReferralStatus.UNRESOLVABLE):
        raise VisitError(_("Only a resolved case, or one that cannot be resolved, can be closed."))
    if told_at > (now or timezone.now()) or told_at < referral.visit.received_at:
        raise VisitError(_("The visitor was told between the visit and now."))
    referral.status = ReferralStatus.CLOSED
    referral.visitor_told_at = told_at
    referral.visitor_satisfied = satisfied
    referral.save(update_fields=["status", "visitor_told_at", "visitor_satisfied"])
    return referral


def extension_request(*, referral: Referral, user: AbstractBaseUser, new_due: date, reason: str) -> DeadlineExtension:
    """The unit asks the office to move the deadline; nothing moves until the office approves."""
    if referral.status in FINISHED:
        raise VisitError(_("This case is already finished."))
    if new_due <= referral.due:
        raise VisitError(_("The new deadline must be later than the current one."))
    if not reason.strip():
        raise VisitError(_("Give the reason for the extension."))
    try:
        with transaction.atomic():
            extension = DeadlineExtension.objects.create(
                township=referral.township,
                referral=referral,
                old_due=referral.due,
                new_due=new_due,
                reason=reason.strip()[:300],
                requested_by=user,
            )
    except IntegrityError:
        raise VisitError(_("An extension of this case already waits for a decision.")) from None
    notify_office(
        township=referral.township,
        key=f"extension-asked:{extension.pk}",
        subject=_("Extension asked for a referred case, to %(due)s") % {"due": format_day(new_due)},
        body=extension.reason,
        url=reverse("referral_detail", args=[referral.pk]),
    )
    return extension


def extension_decide(
    *, extension: DeadlineExtension, approve: bool, user: AbstractBaseUser, now: datetime | None = None
) -> DeadlineExtension:
    """The office approves (the deadline moves) or refuses an extension, once."""
    with transaction.atomic():
        claimed = DeadlineExtension.objects.filter(pk=extension.pk, status=ExtensionStatus.PENDING).update(
            status=ExtensionStatus.APPROVED if approve else ExtensionStatus.REFUSED,
            decided_by=user,
            decided_at=now or timezone.now(),
        )
        if claimed != 1:
            raise VisitError(_("This extension was already decided."))
        history_record_update(DeadlineExtension.objects.get(pk=extension.pk), user=user)
        if approve:
            Referral.objects.filter(pk=extension.referral_id).update(due=extension.new_due)
            history_record_update(Referral.objects.get(pk=extension.referral_id), user=user)
    extension.refresh_from_db()
    return extension


def referral_reminders_send(*, today: date | None = None) -> int:
    """Deadline in 3 days: once; overdue: once a week while overdue; to the office and the unit's staff in their
    inbox, and by text to the person responsible for the case."""
    today = today or timezone.localdate()
    week = today.isocalendar()
    sent = 0
    open_cases = Referral.objects.exclude(status__in=FINISHED).select_related("visit", "department", "township")
    for referral in open_cases.filter(due__lte=today + timedelta(days=3)):
        if referral.due < today:
            key = f"referral-overdue:{referral.pk}:{week.year}-W{week.week:02d}"
            subject = _("Overdue since %(due)s: a referred case") % {"due": format_day(referral.due)}
        elif referral.due == today + timedelta(days=3):
            key = f"referral-due:{referral.pk}:{referral.due:%Y-%m-%d}"
            subject = _("Due in 3 days (%(due)s): a referred case") % {"due": format_day(referral.due)}
        else:
            continue
        body = f"{referral.department.name} · {referral.responsible_name} · {referral.visit.content[:100]}"
        url = reverse("referral_detail", args=[referral.pk])
        sent += notify_office(township=referral.township, key=key, subject=subject, body=body, url=url)
        sent += notify_unit(
            referral.department, key=key, subject=subject, body=body, url=url, phone=referral.responsible_phone
        )
    return sent
