"""The findings of a special inspection (专题视察) on a key item, recorded by the office from the item's page."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from congress.access import office_only
from congress.errors import refused
from proposals.forms import InspectionForm
from proposals.models import Proposal
from proposals.services.inspections import inspection_record
from proposals.services.rules import ProposalError


@require_POST
@office_only
def inspection_add(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = get_object_or_404(Proposal.objects.for_township(request.township), pk=pk)
    form = InspectionForm(request.POST, township=request.township)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect("proposal_detail", pk=proposal.pk)
    try:
        inspection_record(proposal=proposal, user=request.user, **form.cleaned_data)
    except ProposalError as error:
        refused(request, error)
    else:
        messages.success(request, _("The inspection's findings are recorded; the leading leader is told."))
    return redirect("proposal_detail", pk=proposal.pk)
