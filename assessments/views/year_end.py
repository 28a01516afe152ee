"""Pages of the monthly assessment: the unified standard, the month's ranking, the bulletins (drafted, edited,
published, printed, exported), a deputy's own scores, the year's grades and commendations, the leadership
dashboard and the county overview."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from assessments.forms.year_end import CommendForm, ThresholdsForm
from assessments.models import Grade
from assessments.selectors import year_end as selectors
from assessments.selectors.party import year_review
from assessments.services.assessment import AssessmentError
from assessments.services.year_end import commend_excellent, thresholds_save
from assessments.views.party import year_review_form
from congress.access import office_only, readers
from congress.documents import document_build
from congress.errors import refused
from congress.inputs import as_id, as_year
from congress.models import Role
from congress.responses import docx_response


@require_safe
@readers
def year_end(request: HttpRequest) -> HttpResponse:
    year = _year(request)
    thresholds = selectors.thresholds_for(township=request.township)
    rows = selectors.year_ranking(township=request.township, year=year, thresholds=thresholds)
    this_year = timezone.localdate().year
    context = {
        "year": year,
        "years": range(this_year, this_year - 5, -1),
        "rows": rows,
        "thresholds": thresholds,
        "excellent": [r for r in rows if r.grade == Grade.EXCELLENT],
        "candidates": [r for r in rows if r.cadre_candidate],
        "grades": {g: sum(1 for r in rows if r.grade == g) for g in Grade.values},
        "grade_labels": Grade.choices,
        "review": year_review(township=request.township, year=year),
    }
    context["review_form"] = year_review_form(request, year, context["review"])
    if request.role == Role.OFFICE:
        context["thresholds_form"] = ThresholdsForm(instance=thresholds)
        context["commend_form"] = CommendForm(
            initial={"title": _("Excellent deputy of %(year)s") % {"year": year}, "awarded_on": timezone.localdate()}
        )
    return render(request, "assessments/year_end/year_end.html", context)


@require_POST
@office_only
def thresholds_edit(request: HttpRequest) -> HttpResponse:
    form = ThresholdsForm(request.POST, instance=selectors.thresholds_for(township=request.township))
    if form.is_valid():
        thresholds_save(township=request.township, **form.cleaned_data)
        messages.success(request, _("The grade thresholds are saved."))
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect(f"{reverse('year_end')}?year={_year(request)}")


@require_POST
@office_only
def commend_view(request: HttpRequest) -> HttpResponse:
    this_year = timezone.localdate().year
    year = as_year(request.POST.get("year"), this_year, last=this_year)
    form = CommendForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect(f"{reverse('year_end')}?year={year}")
    rows = selectors.year_ranking(
        township=request.township, year=year, thresholds=selectors.thresholds_for(township=request.township)
    )
    try:
        added = commend_excellent(
            township=request.township,
            year=year,
            deputies=[r.deputy for r in rows if r.grade == Grade.EXCELLENT],
            user=request.user,
            **form.cleaned_data,
        )
    except AssessmentError as error:
        refused(request, error)
    else:
        messages.success(request, _("%(n)s commendations recorded in the deputies' records.") % {"n": added})
    return redirect(f"{reverse('year_end')}?year={year}")


@require_safe
@office_only
def commendation_decision(request: HttpRequest) -> HttpResponse:
    """The decision (表彰决定) that commends the year's deputies, one part per title, as a Word document;
    `?number=` fills the 发文字号."""
    year = _year(request)
    rows = list(selectors.town_commendations(township=request.township, year=year))
    if not rows:
        messages.error(request, _("No commendation of %(year)s is recorded yet.") % {"year": year})
        return redirect(f"{reverse('year_end')}?year={year}")
    titles: dict[str, list] = {}
    for row in rows:
        titles.setdefault(row.title, []).append(row)
    content = document_build(
        name="commendation_decision",
        township=request.township,
        context={
            "titles": list(titles.items()),
            "count": len(rows),
            "year": year,
            "number": as_id(request.GET.get("number")) or "",
            "date": max(row.awarded_on for row in rows),
        },
    )
    name = _("Commendation decision %(year)s") % {"year": year}
    return docx_response(content, f"{name}.docx")


# --- Dashboard and county overview -----------------------------------------------------------------------


def _year(request: HttpRequest) -> int:
    this_year = timezone.localdate().year
    return as_year(request.GET.get("year"), this_year, last=this_year)


# --- The standard ----------------------------------------------------------------------------------------
