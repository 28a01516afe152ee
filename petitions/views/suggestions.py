"""Pages of the suggestions carried through: the chairing leader's confirmation of a referral, the unit's decision
on each suggestion and its carrying out, and the deputy's duty day on the phone, where they add suggestions."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from congress.access import case_workers, deputy_only, forbidden, office_and_leaders
from congress.errors import form_problems, refused
from congress.models import Leader, Role
from deputies.selectors.register import own_deputy
from petitions.forms.suggestions import CarriedOutForm, ConfirmForm, DecisionForm, DutySuggestionForm
from petitions.models import FINISHED, AttendanceStatus, DutyDay, HandlingSuggestion, Referral, Visit
from petitions.selectors import suggestions as selectors
from petitions.selectors.visits import referrals_for
from petitions.services import suggestions as services
from petitions.services.visits import VisitError, suggestion_add


def own_leader(request: HttpRequest) -> Leader | None:
    """The town leader whose login this is, in the active township."""
    return Leader.objects.for_township(request.township).filter(user=request.user).first()


def _confirming_leader(request: HttpRequest, referral: Referral) -> Leader | None:
    """Who the confirmation is in the name of: the leader themselves, or for the office the chairing leader."""
    if request.role == Role.LEADER:
        return own_leader(request)
    return selectors.chairing_leader(visit=referral.visit)


def referral_suggestions_context(request: HttpRequest, referral: Referral) -> dict:
    """What the referral page shows of the confirmation and of the visit's suggestions, and the forms for them."""
    chairs = selectors.chairing_leaders(visit=referral.visit)
    leader = _confirming_leader(request, referral) if request.role in (Role.OFFICE, Role.LEADER) else None
    return {
        "suggestions": selectors.referral_suggestions(referral=referral),
        "chairs": chairs,
        "can_confirm": leader is not None and leader in chairs and referral.status not in FINISHED,
        "confirm_form": ConfirmForm(township=request.township, referral=referral),
        "can_decide": request.role in (Role.OFFICE, Role.UNIT),
        "decision_form": DecisionForm(),
        "carried_out_form": CarriedOutForm(),
        "finished": referral.status in FINISHED,
    }


@require_POST
@office_and_leaders
def referral_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    referral = get_object_or_404(
        referrals_for(viewer=request.membership, township=request.township).select_related("visit__duty_day"), pk=pk
    )
    leader = _confirming_leader(request, referral)
    if leader is None:
        if request.role == Role.LEADER:
            messages.error(request, _("Your login is not linked to a town leader's record; ask the congress office."))
        else:
            messages.error(request, _("No leader chaired this visit's reception: record the leader receiving first."))
        return redirect("referral_detail", pk=referral.pk)
    form = ConfirmForm(request.POST, township=request.township, referral=referral)
    if not form.is_valid():
        messages.error(request, form_problems(form, _("Fill in the unit, the responsible person and both deadlines.")))
        return redirect("referral_detail", pk=referral.pk)
    try:
        services.referral_confirm(
            referral=referral, leader=leader, user=request.user, plan=services.Confirmation(**form.cleaned_data)
        )
        messages.success(request, _("The referral is confirmed."))
    except VisitError as error:
        refused(request, error)
    return redirect("referral_detail", pk=referral.pk)


@require_POST
@case_workers
def suggestion_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """The unit's decision on a suggestion, its carrying out, and the office's reopening of a decision."""
    if action not in ("decide", "carried-out", "reopen"):
        raise Http404
    # A unit reaches only the suggestions of its own cases; another unit's are not found.
    suggestion = get_object_or_404(
        HandlingSuggestion.objects.for_township(request.township).select_related("visit__referral"),
        pk=pk,
        visit__referral__in=referrals_for(viewer=request.membership, township=request.township),
    )
    back = redirect(reverse("referral_detail", args=[suggestion.visit.referral.pk]) + f"#suggestion-{suggestion.pk}")
    if action == "reopen" and request.role != Role.OFFICE:
        return forbidden(request, _("Only the congress office reopens a decision on a suggestion."))
    unit = request.membership.department if request.role == Role.UNIT else None
    form = {"decide": DecisionForm, "carried-out": CarriedOutForm, "reopen": None}[action]
    form = form(request.POST) if form else None
    if form is not None and not form.is_valid():
        messages.error(
            request,
            form_problems(
                form,
                _("Choose adopted or not and say what the unit did, or why not.")
                if action == "decide"
                else _("Give the date it was carried out."),
            ),
        )
        return back
    try:
        if action == "decide":
            services.suggestion_decide(suggestion=suggestion, user=request.user, unit=unit, **form.cleaned_data)
        elif action == "carried-out":
            services.suggestion_carry_out(suggestion=suggestion, user=request.user, unit=unit, **form.cleaned_data)
        else:
            services.suggestion_reopen(suggestion=suggestion, user=request.user)
        messages.success(request, _("Saved."))
    except VisitError as error:
        refused(request, error)
    return back


# --- The deputy's duty day on the phone -----------------------------------------------------------------


def _my_day(request: HttpRequest, pk: int):
    """The duty day of the town and the deputy's assignment on it; not on it at all, nothing is found."""
    deputy = own_deputy(user=request.user, township=request.township)
    duty_day = get_object_or_404(DutyDay.objects.for_township(request.township).select_related("station"), pk=pk)
    assignment = selectors.duty_of_deputy(deputy=deputy, duty_day=duty_day)
    if assignment is None:
        raise Http404
    return deputy, duty_day, assignment


@require_safe
@deputy_only
def my_duty_day(request: HttpRequest, pk: int) -> HttpResponse:
    deputy, duty_day, assignment = _my_day(request, pk)
    today = timezone.localdate()
    return render(
        request,
        "petitions/duty/my_duty_day.html",
        {
            "deputy": deputy,
            "duty_day": duty_day,
            "assignment": assignment,
            "visits": selectors.day_visits(duty_day=duty_day) if duty_day.date <= today else [],
            "can_suggest": duty_day.date == today and assignment.status == AttendanceStatus.PRESENT,
            "today": today,
        },
    )


@require_POST
@deputy_only
def duty_suggest(request: HttpRequest, pk: int) -> HttpResponse:
    """A deputy on duty adds a handling suggestion to one of the day's visits, on the day."""
    deputy, duty_day, _assignment = _my_day(request, pk)
    back = redirect("my_duty_day", pk=duty_day.pk)
    form = DutySuggestionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write the suggestion."))
        return back
    visit = Visit.objects.for_township(request.township).filter(pk=form.cleaned_data["visit"]).first()
    if visit is None:
        messages.error(request, _("This visit was not received on that duty day."))
        return back
    try:
        suggestion_add(visit=visit, deputy=deputy, text=form.cleaned_data["text"], duty_day=duty_day)
        messages.success(request, _("Your suggestion is added; you will be told what the unit does with it."))
    except VisitError as error:
        refused(request, error)
    return back
