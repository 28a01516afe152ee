"""Writes of proposals and suggestions: filing, co-signing, review, assignment, the three meetings, progress,
extensions, the reply, the lead deputy's feedback and re-handling, and the reminders. Each transition is
allowed from the states named here and nowhere else."""

from datetime import timedelta

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from congress.errors import RuleViolation
from congress.models import Notification
from congress.services import notification_create, notify_deputy, notify_office, notify_unit
from deputies.models import LinkPurpose
from deputies.services.links import link_send
from proposals.models import (
    HandlingSettings,
    Kind,
    Period,
    Proposal,
    Reply,
    Status,
    UnitRole,
)

MAX_EXTENSION_MONTHS = 3
# A rate link works this long after the reply; after that, the item's page (with a login) or the office.
RATE_LINK_DAYS = 30
EDITABLE = (Status.DRAFT, Status.RETURNED)


class ProposalError(RuleViolation):
    """A rule of proposal handling refused the action; the message says why."""


def require_status(proposal: Proposal, *allowed: str) -> None:
    if proposal.status not in allowed:
        raise ProposalError(
            _("This item is %(status)s; that cannot be done now.") % {"status": proposal.get_status_display()}
        )


def require_proposal_in_session(proposal: Proposal) -> None:
    """A proposal (议案) is put to the congress while it meets; in the recess deputies file suggestions (建议)."""
    if proposal.kind == Kind.PROPOSAL and proposal.period != Period.SESSION:
        raise ProposalError(
            _("A proposal (议案) is filed during the congress session; in the recess, file it as a suggestion (建议).")
        )


def require_joint_proposal(proposal: Proposal) -> None:
    """A proposal (议案) needs the town's number of deputies jointly, the lead deputy counted: five by default
    (地方组织法 第二十二条, see HandlingSettings.proposal_min_signers). A suggestion needs only its lead."""
    if proposal.kind != Kind.PROPOSAL:
        return
    require_proposal_in_session(proposal)
    rules = HandlingSettings.objects.filter(township_id=proposal.township_id).first() or HandlingSettings()
    needed = rules.proposal_min_signers - 1
    have = proposal.cosigners.exclude(deputy_id=proposal.lead_deputy_id).count()
    if have < needed:
        raise ProposalError(
            ngettext(
                "A proposal (议案) needs %(total)d deputies jointly: the lead deputy and at least %(needed)d "
                "co-signer; this one has %(have)d. Add co-signers or file it as a suggestion (建议).",
                "A proposal (议案) needs %(total)d deputies jointly: the lead deputy and at least %(needed)d "
                "co-signers; this one has %(have)d. Add co-signers or file it as a suggestion (建议).",
                needed,
            )
            % {"total": needed + 1, "needed": needed, "have": have}
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


def tell_lead(
    proposal: Proposal,
    *,
    key: str,
    subject: str,
    body: str = "",
    url: str = "",
    kind: str = "general",
    params: dict | None = None,
) -> int:
    """Tell the lead deputy, login or not: a text to the register's mobile, and their inbox when they have a
    login; the page is the item's unless `url` says otherwise. Returns 1 if the message is new, else 0."""
    created = notify_deputy(
        proposal.lead_deputy,
        key=key,
        subject=subject,
        body=body,
        url=url or reverse("proposal_detail", args=[proposal.pk]),
        kind=kind,
        params=params,
    )
    return int(created is not None)


def rate_request_send(*, proposal: Proposal, reply: Reply, key: str, subject: str) -> int:
    """Text the lead deputy (and tell their inbox) that `reply` waits for their rating, with a one-tap link valid
    RATE_LINK_DAYS from the reply. Returns 1 if the message is new, else 0 (and no link is made)."""
    deputy = proposal.lead_deputy

    def send(code: str) -> Notification | None:
        path = reverse("rate_link", kwargs={"code": code})
        return notify_deputy(
            deputy,
            key=key,
            subject=subject,
            url=path,
            kind="proposal-replied",
            params={"name": deputy.name, "title": proposal.title, "code": code},
        )

    expires_at = reply.submitted_at + timedelta(days=RATE_LINK_DAYS)
    created = link_send(deputy=deputy, purpose=LinkPurpose.RATE, target_id=reply.pk, expires_at=expires_at, send=send)
    return int(created is not None)


def tell_units(proposal: Proposal, *, key: str, subject: str, main_only: bool = False) -> int:
    """Tell the handling units of the item: their staff's logins in their inbox, and each unit's contact phone by
    text. Returns how many messages are new."""
    units = proposal.units.filter(role=UnitRole.MAIN) if main_only else proposal.units.all()
    url = reverse("proposal_detail", args=[proposal.pk])
    return sum(
        notify_unit(unit.department, key=key, subject=subject, url=url)
        for unit in units.select_related("department__township")
    )


def tell_office(proposal: Proposal, *, key: str, subject: str) -> None:
    url = reverse("proposal_detail", args=[proposal.pk])
    notify_office(township=proposal.township, key=key, subject=subject, url=url)


# --- Filing ---------------------------------------------------------------------------------------------
