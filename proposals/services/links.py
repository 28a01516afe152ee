"""Rating a reply through the lead deputy's one-tap link (rules.rate_request_send texts it), login or not: the
rating is the lead deputy's feedback (feedback_give) for that reply's round, with the link used once in its
transaction."""

from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from deputies.models import DeputyLink, LinkAction, LinkPurpose
from deputies.services.links import link_use
from proposals.models import Feedback, Proposal, Reply
from proposals.services.handling import feedback_give
from proposals.services.rules import ProposalError


def reply_link_rate(
    *, link: DeputyLink, reply: Reply, ratings: dict[str, str], comment: str = "", today: date | None = None
) -> Feedback | None:
    """Rate the reply with its link: the feedback of the reply's round. Returns it, or None when this link had
    already rated the reply (sent twice: nothing new)."""
    if link.purpose != LinkPurpose.RATE or link.target_id != reply.pk:
        raise ProposalError(_("This link is not for this reply."))
    with transaction.atomic():
        if not link_use(link=link, action=LinkAction.RATE):
            return None
        proposal = Proposal.objects.select_for_update().get(pk=reply.proposal_id)
        if proposal.round != reply.round:
            raise ProposalError(_("This reply was already rated."))
        return feedback_give(proposal=proposal, deputy=link.deputy, ratings=ratings, comment=comment, today=today)
