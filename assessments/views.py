"""The home page of each role, reading across the apps."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from assessments.assessment_selectors import my_months
from assessments.models import Bulletin, BulletinStatus
from assessments.services import visit_suggestion_draft
from congress.access import forbidden, role_required
from congress.inputs import as_id
from congress.models import Role
from congress.selectors import inbox_for_user
from deputies.activity_selectors import attendances_for_deputy, pending_activity_leave_count
from deputies.models import Attendance, Deputy
from deputies.selectors import deputy_for_user, register_counts, register_counts_by_township
from petitions.models import FINISHED, Visit
from petitions.selectors import duty_days, next_duty, pending_leave_count, substitute_requests_for
from petitions.visit_selectors import overdue, referrals_for
from proposals.models import Status
from proposals.selectors import visible_proposals
from proposals.services import ProposalError

HOME_TEMPLATES = {
    Role.OFFICE: "assessments/home_office.html",
    Role.LEADER: "assessments/home_leader.html",
    Role.DEPUTY: "assessments/home_deputy.html",
    Role.UNIT: "assessments/home_unit.html",
    Role.COUNTY: "assessments/home_county.html",
}


@require_safe
@login_required
def home(request: HttpRequest) -> HttpResponse:
    if request.membership is None:
        return render(request, "congress/no_membership.html", status=403)
    if request.township is None:
        return forbidden(request, None)
    context = {
        "recent_notifications": inbox_for_user(user=request.user)[:5],
        "month": None,
    }
    if request.role == Role.COUNTY:
        context["towns"] = register_counts_by_township(county=request.county)
    if request.role in (Role.OFFICE, Role.LEADER, Role.COUNTY):
        context["counts"] = register_counts(township=request.township)
    if request.role in (Role.OFFICE, Role.LEADER, Role.COUNTY):
        today = timezone.localdate()
        context["today_duty"] = duty_days(township=request.township).filter(date=today).first()
        context["coming_duty"] = duty_days(township=request.township).filter(date__gt=today).first()
        context["pending_leave"] = pending_leave_count(township=request.township)
        context["pending_activity_leave"] = pending_activity_leave_count(township=request.township)
        context["draft_bulletin"] = (
            Bulletin.objects.for_township(request.township).filter(status=BulletinStatus.DRAFT).first()
        )
        context["latest_bulletin"] = (
            Bulletin.objects.for_township(request.township).filter(status=BulletinStatus.PUBLISHED).first()
        )
    if request.role == Role.DEPUTY:
        deputy = deputy_for_user(user=request.user, township=request.township)
        context["deputy"] = deputy
        if deputy is not None:
            context["next_duty"] = next_duty(deputy=deputy)
            context["substitute_requests"] = substitute_requests_for(deputy=deputy)
            context["today"] = timezone.localdate()
            context["coming_activities"] = (
                attendances_for_deputy(deputy=deputy)
                .filter(activity__date__gte=context["today"], status=Attendance.INVITED)
                .order_by("activity__date")[:3]
            )
            context["latest_score"] = next(iter(my_months(deputy=deputy, limit=1)), None)
            context["awaiting_feedback"] = visible_proposals(request).filter(lead_deputy=deputy, status=Status.REPLIED)
    if request.role == Role.UNIT:
        context["department"] = request.membership.department
        open_cases = referrals_for(request).exclude(status__in=FINISHED)
        context["referrals"] = open_cases[:20]
        context["overdue_count"] = overdue(open_cases).count()
        context["proposals"] = visible_proposals(request).filter(status=Status.ASSIGNED).order_by("due")[:10]
    return render(request, HOME_TEMPLATES[request.role], context)


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
