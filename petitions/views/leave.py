"""Pages of reception duty: the roster and its publishing, the day's sheet, leave, subsidies (office);
my duties, sign-in and leave (deputies); the published roster and calendar feeds (public)."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from congress.access import deputy_only, office_only
from congress.errors import refused
from deputies.selectors.register import own_deputy
from petitions.forms.duty import (
    LeaveDecisionForm,
    LeaveForm,
)
from petitions.models import DutyAssignment, LeaveRequest
from petitions.selectors import duty as selectors
from petitions.services.duty import (
    DutyError,
)
from petitions.services.leave import leave_decide, leave_request_create, substitute_respond


@require_safe
@office_only
def leave_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "petitions/duty/leave_list.html",
        {"requests": selectors.leave_queue(township=request.township)[:200], "form": LeaveDecisionForm()},
    )


@require_POST
@office_only
def leave_decision(request: HttpRequest, pk: int) -> HttpResponse:
    leave = get_object_or_404(
        LeaveRequest.objects.for_township(request.township).select_related(
            "assignment__deputy", "assignment__duty_day"
        ),
        pk=pk,
    )
    form = LeaveDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose to approve or to refuse."))
        return redirect("leave_list")
    try:
        leave_decide(
            leave=leave,
            approve=form.cleaned_data["decision"] == "approve",
            comment=form.cleaned_data["comment"],
            user=request.user,
        )
        messages.success(request, _("The leave of %(name)s is decided.") % {"name": leave.assignment.deputy.name})
    except DutyError as error:
        refused(request, error)
    return redirect("leave_list")


@deputy_only
def leave_ask(request: HttpRequest, pk: int) -> HttpResponse:
    deputy = own_deputy(user=request.user, township=request.township)
    assignment = get_object_or_404(
        DutyAssignment.objects.filter(deputy=deputy).select_related("duty_day__station"), pk=pk
    )
    form = LeaveForm(request.POST or None, township=request.township, exclude=deputy, duty_day=assignment.duty_day)
    if request.method == "POST" and form.is_valid():
        try:
            leave_request_create(
                assignment=assignment,
                deputy=deputy,
                reason=form.cleaned_data["reason"],
                substitute=form.cleaned_data["substitute"],
            )
            messages.success(request, _("Your leave request is sent to the congress office."))
            return redirect("my_duties")
        except DutyError as error:
            form.add_error(None, error.text)
    return render(request, "petitions/duty/leave_ask.html", {"form": form, "assignment": assignment})


@require_POST
@deputy_only
def substitute_answer(request: HttpRequest, pk: int) -> HttpResponse:
    deputy = own_deputy(user=request.user, township=request.township)
    leave = get_object_or_404(
        LeaveRequest.objects.filter(substitute=deputy).select_related("assignment__duty_day"), pk=pk
    )
    try:
        substitute_respond(leave=leave, deputy=deputy, accept=request.POST.get("answer") == "accept")
        messages.success(request, _("Your answer is recorded."))
    except DutyError as error:
        refused(request, error)
    return redirect("my_duties")
