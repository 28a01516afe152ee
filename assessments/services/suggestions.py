"""Writes that span capabilities: a visit's matter turned into a deputy's suggestion; commendations."""

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils.translation import gettext as _

from assessments.models import VisitProposal
from congress.dates import format_day
from deputies.models import Deputy
from petitions.models import Visit, VisitOutcome
from proposals.models import Proposal
from proposals.services.filing import proposal_save
from proposals.services.rules import ProposalError

CATEGORY_FOR = {
    "土地与征地拆迁": "governance",
    "社会保障": "social",
    "劳动工资": "social",
    "生态环境": "environment",
    "基础设施": "infrastructure",
}


def visit_suggestion_draft(*, visit: Visit, deputy: Deputy, user: AbstractBaseUser) -> Proposal:
    """Draft the suggestion a visit's matter was turned into, with the deputy as its lead, linked both ways."""
    if visit.outcome != VisitOutcome.SUGGESTION:
        raise ProposalError(_("Only a visit turned into a deputy's suggestion is drafted as one."))
    if VisitProposal.objects.filter(visit=visit).exists():
        raise ProposalError(_("This visit already has its suggestion."))
    suggestions = "\n".join(f"{s.deputy.name}：{s.text}" for s in visit.suggestions.select_related("deputy"))
    content = _("Raised by a visitor on %(date)s: %(content)s") % {
        "date": format_day(visit.received_at),
        "content": visit.content,
    }
    if suggestions:
        content += "\n" + suggestions
    with transaction.atomic():
        proposal = proposal_save(
            proposal=Proposal(
                title=(_("On %(matter)s") % {"matter": visit.content})[:200],
                content=content,
                category=CATEGORY_FOR.get(visit.category.name, "governance"),
                period="recess",
                lead_deputy=deputy,
            ),
            township=visit.township,
            cosigners=[],
            user=user,
            by_office=True,
        )
        VisitProposal.objects.create(township=visit.township, visit=visit, proposal=proposal)
    return proposal
