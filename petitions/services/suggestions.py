"""Writes that carry the deputies' handling suggestions through (代表建议落实制度): the chairing leader confirms
the referral's unit, person and deadlines (明确责任人和解决时限); the handling unit says whether it adopted each
suggestion and, once the case is finished, that it was carried out; the deputy who made it is told each time."""

from dataclasses import dataclass
from datetime import date, datetime, time

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from congress.dates import format_day
from congress.models import Department, Leader
from congress.services import notify_deputy, notify_unit
from petitions.models import FINISHED, HandlingSuggestion, Referral
from petitions.selectors.suggestions import chairing_leaders
from petitions.services.visits import VisitError


@dataclass
class Confirmation:
    """The referral as the leader confirms it: the same as referred, or changed."""

    department: Department
    responsible_name: str
    responsible_phone: str
    answer_due: date
    due: date


def referral_confirm(
    *, referral: Referral, leader: Leader, user: AbstractBaseUser, plan: Confirmation, now: datetime | None = None
) -> Referral:
    """The chairing leader (or the office in their name) confirms the unit, the person and the deadlines."""
    township = referral.township
    if leader.township_id != township.pk or plan.department.township_id != township.pk:
        raise VisitError(_("Everything in a visit record must belong to this township."))
    with transaction.atomic():
        # Only the referral's own row is locked: PostgreSQL locks no row of a nullable outer join.
        referral = (
            Referral.objects.select_for_update(of=("self",)).select_related("visit__duty_day").get(pk=referral.pk)
        )
        if leader.pk not in {chair.pk for chair in chairing_leaders(visit=referral.visit)}:
            raise VisitError(_("Only the leader who chaired this visit's reception confirms its referral."))
        if referral.status in FINISHED:
            raise VisitError(_("This case is already finished."))
        if not plan.responsible_name.strip():
            raise VisitError(_("Name the person responsible for the case."))
        start = timezone.localtime(referral.visit.received_at).date()
        if plan.answer_due < start or plan.due < start:
            raise VisitError(_("A deadline cannot be before the visit."))
        if plan.due < plan.answer_due:
            raise VisitError(_("The deadline to resolve cannot be before the deadline to answer."))
        moved = (plan.department.pk, plan.answer_due, plan.due) != (
            referral.department_id,
            referral.answer_due,
            referral.due,
        )
        referral.department = plan.department
        referral.responsible_name = plan.responsible_name.strip()
        referral.responsible_phone = plan.responsible_phone.strip()
        referral.answer_due, referral.due = plan.answer_due, plan.due
        referral.confirmed_by = leader
        referral.confirmed_at = now or timezone.now()
        referral.full_clean()
        referral.save()
        if moved:
            notify_unit(
                referral.department,
                key=f"referral-confirmed:{referral.pk}:{referral.confirmed_at.timestamp()}",
                subject=_("%(leader)s confirmed a referred case: to resolve by %(due)s")
                % {"leader": leader.name, "due": format_day(referral.due)},
                body=referral.visit.content[:200],
                url=reverse("referral_detail", args=[referral.pk]),
                phone=referral.responsible_phone,
            )
    return referral


def _check_unit(suggestion: HandlingSuggestion, unit: Department | None) -> Referral:
    """The suggestion's referral, which only its handling unit (or the office, `unit` None) may work."""
    referral = Referral.objects.filter(visit_id=suggestion.visit_id).first()
    if referral is None:
        raise VisitError(_("This visit was not referred: no unit decides on its suggestions."))
    if unit is not None and referral.department_id != unit.pk:
        raise VisitError(_("Only the unit handling the case decides on its suggestions."))
    return referral


def _tell_deputy(suggestion: HandlingSuggestion, key: str, subject: str) -> None:
    notify_deputy(
        suggestion.deputy,
        key=key,
        subject=subject,
        body=suggestion.response[:200],
        url=reverse("home") + "#my-suggestions",
    )


def suggestion_decide(
    *,
    suggestion: HandlingSuggestion,
    user: AbstractBaseUser,
    unit: Department | None,
    adopted: bool,
    response: str,
    now: datetime | None = None,
) -> HandlingSuggestion:
    """The handling unit (or the office, `unit` None) says whether it adopted the suggestion, with what it did
    or why not; once only, unless the office reopens it."""
    if not response.strip():
        raise VisitError(
            _("Say what the unit did with the suggestion.") if adopted else _("Say why the suggestion is not adopted.")
        )
    with transaction.atomic():
        suggestion = (
            HandlingSuggestion.objects.select_for_update(of=("self",)).select_related("deputy").get(pk=suggestion.pk)
        )
        referral = _check_unit(suggestion, unit)
        if suggestion.adopted is not None:
            raise VisitError(_("This suggestion is already decided; the congress office can reopen it."))
        suggestion.adopted = adopted
        suggestion.response = response.strip()
        suggestion.decided_at = now or timezone.now()
        suggestion.decided_by = user
        suggestion.save(update_fields=["adopted", "response", "decided_at", "decided_by"])
        subject = _("%(unit)s adopted your suggestion") if adopted else _("%(unit)s did not adopt your suggestion")
        _tell_deputy(
            suggestion,
            f"suggestion-decided:{suggestion.pk}:{suggestion.decided_at.timestamp()}",
            subject % {"unit": referral.department.name},
        )
    return suggestion


def suggestion_carry_out(
    *,
    suggestion: HandlingSuggestion,
    user: AbstractBaseUser,
    unit: Department | None,
    on: date,
    today: date | None = None,
) -> HandlingSuggestion:
    """The handling unit (or the office) records that an adopted suggestion was carried out, once its case is
    finished."""
    today = today or timezone.localdate()
    with transaction.atomic():
        suggestion = (
            HandlingSuggestion.objects.select_for_update(of=("self",))
            .select_related("deputy", "visit")
            .get(pk=suggestion.pk)
        )
        referral = _check_unit(suggestion, unit)
        if suggestion.adopted is not True:
            raise VisitError(_("Only an adopted suggestion can be carried out."))
        if suggestion.carried_out_at is not None:
            raise VisitError(_("This suggestion is already carried out."))
        if referral.status not in FINISHED:
            raise VisitError(_("A suggestion is carried out when its case is finished."))
        if on > today:
            raise VisitError(_("The date it was carried out cannot be in the future."))
        if on < timezone.localtime(suggestion.visit.received_at).date():
            raise VisitError(_("The date it was carried out cannot be before the visit."))
        # A date is what the unit knows; today's is the moment it says so, so that it is never in the future.
        suggestion.carried_out_at = (
            timezone.now() if on == timezone.localdate() else timezone.make_aware(datetime.combine(on, time(12, 0)))
        )
        suggestion.save(update_fields=["carried_out_at"])
        _tell_deputy(
            suggestion,
            f"suggestion-carried-out:{suggestion.pk}",
            _("Your suggestion was carried out on %(date)s by %(unit)s")
            % {"date": format_day(on), "unit": referral.department.name},
        )
    return suggestion


def suggestion_reopen(*, suggestion: HandlingSuggestion, user: AbstractBaseUser) -> HandlingSuggestion:
    """The office reopens a decision so the unit can decide again; not once the suggestion is carried out."""
    with transaction.atomic():
        suggestion = HandlingSuggestion.objects.select_for_update().get(pk=suggestion.pk)
        if suggestion.adopted is None:
            raise VisitError(_("This suggestion is not decided yet."))
        if suggestion.carried_out_at is not None:
            raise VisitError(_("A suggestion carried out cannot be reopened."))
        suggestion.adopted = None
        suggestion.response = ""
        suggestion.decided_at = None
        suggestion.decided_by = None
        suggestion.save(update_fields=["adopted", "response", "decided_at", "decided_by"])
    return suggestion
