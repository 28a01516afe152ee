"""Pages of a deputy's one-tap links, opened from a text message on their phone with no login (the code is the
credential): /d/<code> signs in on the duty's day or asks leave before it, /t/<code> answers a stand-in request.
Opening writes nothing; each tap is one service call, done in the name of the link's deputy."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from congress.audit import changes_made_by, client_ip
from congress.errors import refused
from congress.responses import link_refused
from deputies.models import DeputyLink, LinkPurpose
from deputies.services.links import LinkError, link_open_with_target
from petitions.forms.duty import LeaveForm
from petitions.models import DutyAssignment
from petitions.selectors import duty as duty_selectors
from petitions.selectors import links as selectors
from petitions.services.duty import DutyError
from petitions.services.links import duty_link_leave, duty_link_offers, duty_link_sign_in, stand_in_link_answer
from petitions.views.duty import signed_in_message


def _as_the_deputy(request: HttpRequest, link: DeputyLink):
    """The audit names the link's deputy (their login, if any) as who acted, whoever is logged in on the phone."""
    return changes_made_by(user=link.deputy.user if link.deputy.user_id else None, address=client_ip(request))


@require_http_methods(["GET", "HEAD", "POST"])
def duty_link(request: HttpRequest, code: str) -> HttpResponse:
    """A duty reminder's link: the duty, and one big button to sign in (in the day's window) or to ask leave."""
    try:
        link, assignment = link_open_with_target(
            code=code, purpose=LinkPurpose.DUTY, rows=selectors.duty_link_rows(), viewer=request.user
        )
    except LinkError as error:
        return link_refused(request, error, status=error.status)
    form = LeaveForm(
        request.POST if request.POST.get("action") == "leave" else None,
        township=link.township,
        exclude=link.deputy,
        duty_day=assignment.duty_day,
    )
    if request.method == "POST":
        if _duty_act(request, link, assignment, form):
            return redirect("duty_link", code=code)
    settings = duty_selectors.reception_settings_for(township=link.township)
    return render(
        request,
        "petitions/links/duty.html",
        {
            "link": link,
            "deputy": link.deputy,
            "assignment": assignment,
            "day": assignment.duty_day,
            "leave": next(iter(assignment.leave_requests.all()), None),
            "offers": duty_link_offers(link=link, assignment=assignment, settings=settings),
            "form": form,
        },
    )


def _duty_act(request: HttpRequest, link: DeputyLink, assignment: DutyAssignment, form: LeaveForm) -> bool:
    """Do what was tapped; False when the leave form must be shown again with its errors."""
    action = request.POST.get("action")
    try:
        with _as_the_deputy(request, link):
            if action == "sign-in":
                signed_in_message(request, duty_link_sign_in(link=link, assignment=assignment))
            elif action == "leave":
                if not form.is_valid():
                    return False
                data = form.cleaned_data
                duty_link_leave(link=link, assignment=assignment, reason=data["reason"], substitute=data["substitute"])
                messages.success(request, _("Your leave request is sent to the congress office."))
            else:
                messages.error(request, _("Choose to sign in or to ask leave."))
    except (DutyError, LinkError) as error:
        refused(request, error)
    return True


@require_http_methods(["GET", "HEAD", "POST"])
def stand_in_link(request: HttpRequest, code: str) -> HttpResponse:
    """A stand-in request's link: who asks, the day, and two buttons to accept or decline."""
    try:
        link, leave = link_open_with_target(
            code=code,
            purpose=LinkPurpose.SUBSTITUTE,
            rows=selectors.stand_in_link_rows(),
            deputy_field="substitute",
            viewer=request.user,
        )
    except LinkError as error:
        return link_refused(request, error, status=error.status)
    if request.method == "POST":
        answer = request.POST.get("answer")
        if answer not in ("accept", "decline"):
            messages.error(request, _("Choose to accept or to decline."))
            return redirect("stand_in_link", code=code)
        try:
            with _as_the_deputy(request, link):
                stand_in_link_answer(link=link, leave=leave, accept=answer == "accept")
            messages.success(request, _("Your answer is recorded."))
        except (DutyError, LinkError) as error:
            refused(request, error)
        return redirect("stand_in_link", code=code)
    return render(
        request,
        "petitions/links/stand_in.html",
        {"link": link, "deputy": link.deputy, "leave": leave, "day": leave.assignment.duty_day},
    )
