"""Writes of voters' matters in the office's and the deputies' hands: taken into a visit (the visit, referral
and suggestion flow of a Monday reception carries it on), answered again after the voter returned it, hidden as
spam with its mobile blocked, approved for the public page. Each step the voter should know is told through
`matter_tell`, in the transaction of the change."""

from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from congress.dates import format_day
from congress.errors import RuleViolation
from congress.models import Leader
from deputies.models import Deputy
from petitions.models import (
    BlockedPhone,
    MatterStatus,
    Referral,
    Visit,
    VisitCategory,
    VisitOutcome,
    VoterMatter,
)
from petitions.services.matter_updates import matter_tell
from petitions.services.visits import ReferralPlan, visit_record


class MatterError(RuleViolation):
    """A rule of voters' matters refused the action; the message says why."""


@dataclass
class TakePlan:
    """What the taker records with the matter: the visit form's answers (the matter gives the rest)."""

    category: VisitCategory
    outcome: str
    visitor_name: str = ""
    visitor_address: str = ""
    content: str = ""
    leader: Leader | None = None
    answer: str = ""
    solved_on_spot: bool = False
    deputies: list[Deputy] = field(default_factory=list)
    suggestions: list[tuple[Deputy, str]] = field(default_factory=list)
    referral: ReferralPlan | None = None


def _locked(matter: VoterMatter) -> VoterMatter:
    return VoterMatter.objects.select_for_update().select_related("township").get(pk=matter.pk)


@transaction.atomic
def matter_take(
    *, matter: VoterMatter, user: AbstractBaseUser, plan: TakePlan, deputy: Deputy | None = None, now=None
) -> Visit:
    """The office or a deputy of the contact point takes a new matter: it becomes a visit recorded as at a
    reception (answered, referred or a deputy's suggestion), and the voter is told. Taken once: a second taker
    is refused and nothing is doubled."""
    now = now or timezone.now()
    # Claimed by a conditional update: of two people taking it at once, one changes the row, the other nothing.
    claimed = VoterMatter.objects.filter(pk=matter.pk, status=MatterStatus.NEW).update(
        status=MatterStatus.HANDLING, taken_at=now, taken_by=user
    )
    if claimed != 1:
        raise MatterError(_("This matter was already taken, or is no longer waiting to be taken."))
    matter = _locked(matter)
    deputies = list(plan.deputies)
    if deputy is not None and deputy not in deputies:
        deputies.append(deputy)
    visit = visit_record(
        township=matter.township,
        user=user,
        station=matter.station,
        category=plan.category,
        visitor_name=plan.visitor_name.strip() or matter.name or _("群众"),
        visitor_phone=matter.phone,
        visitor_address=plan.visitor_address.strip() or matter.village,
        content=plan.content.strip() or matter.content,
        outcome=plan.outcome,
        received_at=matter.created_at,
        leader=plan.leader,
        answer=plan.answer,
        deputies=deputies,
        suggestions=plan.suggestions,
        referral=plan.referral,
        solved_on_spot=plan.solved_on_spot,
    )
    matter.visit = visit
    matter.save(update_fields=["visit"])
    step = _("taken")
    matter_tell(
        matter=matter,
        kind="taken",
        text=_("Your matter was taken by the town's congress office and is being handled."),
        step=step,
        at=now,
    )
    matter_visit_recorded(visit=visit, now=now)
    return visit


@transaction.atomic
def matter_visit_recorded(*, visit: Visit, now: datetime | None = None) -> None:
    """The visit a matter became is recorded: the voter is told its outcome (answered, with the answer;
    referred, with the unit and the deadline). Nothing for a visit that is no voter's matter."""
    matter = VoterMatter.objects.select_for_update().filter(visit=visit).first()
    if matter is None:
        return
    now = now or timezone.now()
    if visit.outcome == VisitOutcome.ANSWERED:
        _answered(matter, now)
        matter_tell(matter=matter, kind="answered", text=visit.answer, step=_("answered"), at=now)
    elif visit.outcome == VisitOutcome.REFERRED:
        referral = Referral.objects.select_related("department").get(visit=visit)
        text = _("Your matter was referred to %(unit)s, to be resolved by %(due)s.") % {
            "unit": referral.department.name,
            "due": format_day(referral.due),
        }
        matter_tell(matter=matter, kind="referred", text=text, step=_("referred"), at=now)


@transaction.atomic
def matter_referral_finished(*, referral: Referral, now: datetime | None = None) -> None:
    """A referral the matter became is finished (resolved, or cannot be): the voter is told the result, and the
    matter waits for their rating. Nothing for a referral that is no voter's matter."""
    matter = VoterMatter.objects.select_for_update().filter(visit_id=referral.visit_id).first()
    if matter is None or matter.status != MatterStatus.HANDLING:
        return
    now = now or timezone.now()
    _answered(matter, now)
    if referral.resolved:
        text = _("Your matter was resolved: %(result)s") % {"result": referral.result}
    else:
        text = _("Your matter cannot be resolved: %(result)s") % {"result": referral.result}
    matter_tell(matter=matter, kind="resolved", text=text, step=_("result"), at=now)


def _answered(matter: VoterMatter, now: datetime) -> None:
    matter.status = MatterStatus.ANSWERED
    matter.answered_at = now
    matter.save(update_fields=["status", "answered_at"])


@transaction.atomic
def matter_answer_again(*, matter: VoterMatter, user: AbstractBaseUser, text: str, now=None) -> VoterMatter:
    """The office answers again a matter the voter returned as not satisfied; the voter is told."""
    matter = _locked(matter)
    if matter.status != MatterStatus.HANDLING or matter.reopened_at is None:
        raise MatterError(_("Only a matter the voter returned as not satisfied is answered again."))
    if not text.strip():
        raise MatterError(_("Write the answer."))
    now = now or timezone.now()
    _answered(matter, now)
    matter_tell(matter=matter, kind="answered-again", text=text.strip(), step=_("answered again"), at=now)
    return matter


@transaction.atomic
def matter_spam(*, matter: VoterMatter, user: AbstractBaseUser, now=None) -> VoterMatter:
    """Hide a matter as spam and block its mobile in the town: it counts in no figure, and the mobile leaves no
    more matters. A matter already taken into a visit is not spam."""
    matter = _locked(matter)
    if matter.status != MatterStatus.NEW:
        raise MatterError(_("Only a matter waiting to be taken can be hidden as spam."))
    now = now or timezone.now()
    matter.status = MatterStatus.SPAM
    matter.spam_at = now
    matter.public_approved_at = None
    matter.save(update_fields=["status", "spam_at", "public_approved_at"])
    try:
        with transaction.atomic():
            BlockedPhone.objects.get_or_create(
                township=matter.township, phone=matter.phone, defaults={"blocked_at": now, "blocked_by": user}
            )
    except IntegrityError:
        pass  # blocked by someone else at the same moment: blocked all the same
    return matter


@transaction.atomic
def phone_unblock(*, matter: VoterMatter, user: AbstractBaseUser) -> int:
    """Let the mobile of a hidden matter leave matters again; the matter stays hidden."""
    removed, _rows = BlockedPhone.objects.for_township(matter.township).filter(phone=matter.phone).delete()
    if not removed:
        raise MatterError(_("This mobile is not blocked."))
    return removed


@transaction.atomic
def matter_approve(*, matter: VoterMatter, user: AbstractBaseUser, approve: bool = True, now=None) -> VoterMatter:
    """Approve the matter's text for the town's public page (only when the voter allowed it), or withdraw it."""
    matter = _locked(matter)
    if approve:
        if not matter.public_allowed:
            raise MatterError(_("The voter did not allow this matter to be shown publicly."))
        if matter.status not in (MatterStatus.ANSWERED, MatterStatus.CLOSED):
            raise MatterError(_("Only an answered matter is shown publicly."))
        if matter.public_approved_at is not None:
            raise MatterError(_("This matter is already approved for the public page."))
        matter.public_approved_at = now or timezone.now()
    else:
        if matter.public_approved_at is None:
            raise MatterError(_("This matter is not on the public page."))
        matter.public_approved_at = None
    matter.save(update_fields=["public_approved_at"])
    return matter
