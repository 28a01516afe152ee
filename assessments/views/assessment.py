"""Pages of the monthly assessment: the unified standard, the month's ranking, the bulletins (drafted, edited,
published, printed, exported), a deputy's own scores, the year's grades and commendations, the leadership
dashboard and the county overview."""

from datetime import date

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from assessments.forms.assessment import StandardForm
from assessments.models import Item
from assessments.selectors import assessment as selectors
from assessments.selectors import bulletin as bulletin_selectors
from assessments.selectors.assessment import with_cells
from assessments.services.assessment import AssessmentError, standard_save
from assessments.services.bulletin import month_assess
from congress.access import forbidden, office_only, readers, role_required
from congress.dates import first_of, last_month
from congress.errors import refused
from congress.models import Role
from deputies.selectors.register import deputy_for_user


def _month(request: HttpRequest, default: date) -> date:
    raw = request.GET.get("month") or request.POST.get("month") or ""
    try:
        chosen = date.fromisoformat(f"{raw}-01") if len(raw) == 7 else default
    except ValueError:
        chosen = default
    return chosen if date(2000, 1, 1) <= chosen <= first_of(timezone.localdate()) else default


@readers
def standard(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    versions = selectors.standard_versions(township=request.township)
    current = selectors.version_in_force(versions, month=today)
    form = None
    if request.role == Role.OFFICE:
        initial = {"active_from": first_of(today), "note": ""}
        form = StandardForm(request.POST or None, rules=current.rules, initial=initial)
        if request.method == "POST" and form.is_valid():
            try:
                standard_save(
                    township=request.township,
                    active_from=form.cleaned_data["active_from"],
                    rules=form.rules(),
                    note=form.cleaned_data["note"],
                    user=request.user,
                )
            except AssessmentError as error:
                form.add_error(None, error.text)
            else:
                messages.success(request, _("The new standard is saved."))
                return redirect("standard")
    elif request.method == "POST":
        return forbidden(request)
    return render(
        request,
        "assessments/assessment/standard.html",
        {"current": current, "versions": versions, "form": form, "items": Item},
    )


# --- The month -------------------------------------------------------------------------------------------


@require_safe
@readers
def assessment_month(request: HttpRequest) -> HttpResponse:
    month = _month(request, last_month())
    rows = with_cells(list(selectors.month_ranking(township=request.township, month=month)))
    # The month's bulletin as the list shows it: a draft is linked for the office only.
    readable = bulletin_selectors.bulletins(viewer=request.membership, township=request.township)
    bulletin = readable.filter(month=month).first()
    months = selectors.assessed_months(township=request.township)
    return render(
        request,
        "assessments/assessment/month.html",
        {
            "month": month,
            "rows": rows,
            "bulletin": bulletin,
            "months": months,
            "items": Item.choices,
            "standard": rows[0].standard if rows else None,
        },
    )


@require_POST
@office_only
def assessment_run(request: HttpRequest) -> HttpResponse:
    """Compute the month now for this town (before the 1st's job, or after late records) and redraft the bulletin."""
    month = _month(request, last_month())
    try:
        written, _draft = month_assess(township=request.township, month=month)
    except AssessmentError as error:
        refused(request, error)
    else:
        if not written:
            messages.error(request, _("There is no serving deputy to assess."))
        else:
            messages.success(request, _("%(n)s deputies assessed; the bulletin is drafted.") % {"n": written})
    return redirect(f"{reverse('assessment_month')}?month={month:%Y-%m}")


# --- Bulletins -------------------------------------------------------------------------------------------


@require_safe
@role_required(Role.DEPUTY)
def my_scores(request: HttpRequest) -> HttpResponse:
    deputy = deputy_for_user(user=request.user, township=request.township)
    if deputy is None:
        raise Http404
    months = selectors.my_months(deputy=deputy)
    lines = []
    if months:
        breakdown = months[0].assessment.breakdown
        lines = [(label, *breakdown[item]) for item, label in Item.choices if breakdown.get(item, [0])[0]]
    return render(
        request, "assessments/assessment/my_scores.html", {"deputy": deputy, "months": months, "lines": lines}
    )


# --- Year end --------------------------------------------------------------------------------------------
