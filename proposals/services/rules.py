"""Writes of proposals and suggestions: filing, co-signing, review, assignment, the three meetings, progress,
extensions, the reply, the lead deputy's feedback and re-handling, and the reminders. Each transition is
allowed from the states named here and nowhere else."""

from django.urls import reverse
from django.utils.translation import gettext as _

from congress.errors import RuleViolation
from congress.models import Membership, Role
from congress.services import notification_create, notify_office
from proposals.models import (
    Proposal,
    Status,
    UnitRole,
)

MAX_EXTENSION_MONTHS = 3
EDITABLE = (Status.DRAFT, Status.RETURNED)


class ProposalError(RuleViolation):
    """A rule of proposal handling refused the action; the message says why."""


def require_status(proposal: Proposal, *allowed: str) -> None:
    if proposal.status not in allowed:
        raise ProposalError(
            _("This item is %(status)s; that cannot be done now.") % {"status": proposal.get_status_display()}
        )


def tell(user, *, proposal: Proposal, key: str, subject: str, body: str = "") -> int:
    """Put one message in the outbox; returns 1 if it is new, 0 if the same key was already sent."""
    if user is None:
        return 0
    created = notification_create(
        recipient=user,
        key=key,
        subject=subject,
        body=body,
        url=reverse("proposal_detail", args=[proposal.pk]),
        township=proposal.township,
    )
    return int(created is not None)


def tell_lead(proposal: Proposal, *, key: str, subject: str, body: str = "") -> int:
    return tell(proposal.lead_deputy.user, proposal=proposal, key=key, subject=subject, body=body)


def tell_units(proposal: Proposal, *, key: str, subject: str, main_only: bool = False) -> int:
    units = proposal.units.filter(role=UnitRole.MAIN) if main_only else proposal.units.all()
    staff = Membership.objects.filter(role=Role.UNIT, department__in=units.values("department")).select_related("user")
    return sum(
        tell(membership.user, proposal=proposal, key=f"{key}:{membership.user_id}", subject=subject)
        for membership in staff
    )


def tell_office(proposal: Proposal, *, key: str, subject: str) -> None:
    url = reverse("proposal_detail", args=[proposal.pk])
    notify_office(township=proposal.township, key=key, subject=subject, url=url)


# --- Filing ---------------------------------------------------------------------------------------------
