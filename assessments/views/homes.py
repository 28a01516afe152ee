"""The home page of each role, reading across the apps."""

from datetime import timedelta

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from activities.models import Attendance
from activities.selectors import attendances_for_deputy
from assessments.models import Bulletin, BulletinStatus
from assessments.selectors.assessment import my_months
from assessments.selectors.todo import office_todo
from congress.access import forbidden
from congress.models import Leader, Role
from congress.selectors import inbox_for_user
from deputies.selectors.register import deputy_for_user, register_counts, register_counts_by_township
from petitions.figures import Period, visit_figures
from petitions.models import FINISHED, MatterStatus
from petitions.selectors.duty import duty_days, next_duty, substitute_requests_for
from petitions.selectors.matters import answering_deputy, matters_for
from petitions.selectors.suggestions import referrals_awaiting_confirmation, suggestions_of_deputy
from petitions.selectors.visits import overdue, referrals_for
from proposals.models import Status, overdue_q
from proposals.selectors import visible_proposals

# What a leader reads first on their home: people received, problems solved, what is late, suggestions carried out.
LEADER_FIGURES = ("reception_people", "solved", "overdue", "suggestions_carried_out")

HOME_TEMPLATES = {
    Role.OFFICE: "assessments/homes/home_office.html",
    Role.LEADER: "assessments/homes/home_leader.html",
    Role.DEPUTY: "assessments/homes/home_deputy.html",
    Role.UNIT: "assessments/homes/home_unit.html",
    Role.COUNTY: "assessments/homes/home_county.html",
}


@require_safe
@login_required
def home(request: HttpRequest) -> HttpResponse:
    if request.membership is None:
        return render(request, "congress/no_membership.html", status=403)
    if request.township is None:
        return forbidden(request, None)
    context = {
        # What waits: the messages not yet read (one read, or whose matter is done, is in the inbox).
        "recent_notifications": inbox_for_user(user=request.user).filter(read_at__isnull=True)[:5],
        "month": None,
    }
    if request.role == Role.COUNTY:
        context["towns"] = register_counts_by_township(county=request.county)
    if request.role in (Role.OFFICE, Role.LEADER, Role.COUNTY):
        context |= _town_context(request)
    if request.role == Role.OFFICE:
        context["todo"] = office_todo(township=request.township)
    if request.role == Role.LEADER:
        leader = Leader.objects.for_township(request.township).filter(user=request.user).first()
        context["to_confirm"] = referrals_awaiting_confirmation(leader=leader)[:20] if leader else []
    if request.role == Role.LEADER:
        # The month's figures beside last month's, from the one definition the dashboard also reads.
        this_month = Period.month(timezone.localdate())
        last_month = Period.month(this_month.first - timedelta(days=1))
        now = visit_figures(township=request.township, period=this_month)
        before = visit_figures(township=request.township, period=last_month)
        context["month_pairs"] = [(now[key], before[key]) for key in LEADER_FIGURES]
        context["now_scope"], context["before_scope"] = f"{this_month.first:%Y-%m}", f"{last_month.first:%Y-%m}"
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
            context["my_suggestions"] = suggestions_of_deputy(deputy=deputy)[:3]
            context["waiting_matters"] = matters_for(
                viewer=request.membership,
                township=request.township,
                deputy=answering_deputy(deputy),
            ).filter(status=MatterStatus.NEW)[:3]
            context["latest_score"] = next(iter(my_months(deputy=deputy, limit=1)), None)
            context["awaiting_feedback"] = visible_proposals(
                viewer=request.membership, township=request.township
            ).filter(lead_deputy=deputy, status=Status.REPLIED)
    if request.role == Role.UNIT:
        context["department"] = request.membership.department
        open_cases = referrals_for(viewer=request.membership, township=request.township).exclude(status__in=FINISHED)
        context["referrals"] = open_cases[:20]
        context["overdue_count"] = overdue(open_cases).count()
        handling = visible_proposals(viewer=request.membership, township=request.township).filter(
            status=Status.ASSIGNED
        )
        context["proposals"] = handling.order_by("due")[:10]
        context["proposals_overdue"] = handling.filter(overdue_q(timezone.localdate())).count()
    return render(request, HOME_TEMPLATES[request.role], context)


def _town_context(request: HttpRequest) -> dict:
    """What the homes that read the whole town show: its register, its reception duty, its latest bulletin."""
    today = timezone.localdate()
    return {
        "counts": register_counts(township=request.township),
        "today_duty": duty_days(township=request.township).filter(date=today).first(),
        "coming_duty": duty_days(township=request.township).filter(date__gt=today).first(),
        "latest_bulletin": (
            Bulletin.objects.for_township(request.township).filter(status=BulletinStatus.PUBLISHED).first()
        ),
    }
