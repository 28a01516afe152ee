"""The home page of each role, reading across the apps."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from assessments.services.suggestions import visit_suggestion_draft
from congress.access import role_required
from congress.inputs import as_id
from congress.models import Role
from deputies.models import Deputy
from petitions.models import Visit
from proposals.services.rules import ProposalError


@require_POST
@role_required(Role.OFFICE)
def visit_to_suggestion(request: HttpRequest, pk: int) -> HttpResponse:
    """Draft the suggestion a visit was turned into, led by the deputy chosen, and open it for editing."""
    visit = get_object_or_404(Visit.objects.for_township(request.township).select_related("category"), pk=pk)
    deputy = Deputy.objects.for_township(request.township).filter(pk=as_id(request.POST.get("deputy")) or 0).first()
    if deputy is None:
        messages.error(request, _("Choose the deputy who leads the suggestion."))
        return redirect("visit_detail", pk=visit.pk)
    try:
        proposal = visit_suggestion_draft(visit=visit, deputy=deputy, user=request.user)
    except ProposalError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("visit_detail", pk=visit.pk)
    messages.success(request, _("The suggestion is drafted; complete it and submit it."))
    return redirect("proposal_edit", pk=proposal.pk)
