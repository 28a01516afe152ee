"""The office refers a visit a deputy's suggestion was recorded for (a voter's matter taken on the phone, say) to a
handling unit, from the visit's page."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from congress.access import office_only
from congress.errors import form_problems, refused
from petitions.forms.visits import ReferForm
from petitions.selectors import visits as selectors
from petitions.services import visits as services
from petitions.services.visits import VisitError


@require_POST
@office_only
def visit_refer(request: HttpRequest, pk: int) -> HttpResponse:
    visit = get_object_or_404(selectors.visits(township=request.township), pk=pk)
    form = ReferForm(request.POST, township=request.township)
    if not form.is_valid():
        messages.error(request, form_problems(form, _("Choose the unit and name the person responsible.")))
        return redirect("visit_detail", pk=visit.pk)
    try:
        referral = services.visit_refer(visit=visit, plan=form.plan(), user=request.user)
    except VisitError as error:
        refused(request, error)
    else:
        messages.success(request, _("The visit is referred to %(unit)s.") % {"unit": referral.department.name})
    return redirect("visit_detail", pk=visit.pk)
