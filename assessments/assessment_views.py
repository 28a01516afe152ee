"""Pages of the monthly assessment: the unified standard, the month's ranking, the bulletins (drafted, edited,
published, printed, exported), a deputy's own scores, the year's grades and commendations, the leadership
dashboard and the county overview."""

from datetime import date

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from assessments import assessment_selectors as selectors
from assessments.assessment_services import (
    AssessmentError,
    assessment_compute,
    bulletin_draft,
    bulletin_publish,
    bulletin_update,
    commend_excellent,
    first_of,
    last_month,
    standard_save,
    standards_in_force,
    thresholds_for,
    thresholds_save,
)
from assessments.forms import BulletinForm, CommendForm, StandardForm, ThresholdsForm
from assessments.models import Bulletin, BulletinStatus, Grade, Item, Standard
from assessments.resources import bulletin_workbook
from assessments.scoring import standard_rules
from congress.access import TOWN_READERS, forbidden, role_required
from congress.inputs import as_year
from congress.models import Role
from congress.responses import xlsx_response
from deputies.selectors import deputy_for_user

readers = role_required(*TOWN_READERS)
office_only = role_required(Role.OFFICE)
members = role_required(*TOWN_READERS, Role.DEPUTY)


def _error(error: AssessmentError) -> str:
    return " ".join(error.messages)


def _month(request: HttpRequest, default: date) -> date:
    raw = request.GET.get("month") or request.POST.get("month") or ""
    try:
        chosen = date.fromisoformat(f"{raw}-01") if len(raw) == 7 else default
    except ValueError:
        chosen = default
    return chosen if date(2000, 1, 1) <= chosen <= first_of(timezone.localdate()) else default


def _with_cells(rows: list) -> list:
    """Each row's [count, points] per item, in the standard's order, for the table's columns."""
    for row in rows:
        row.cells = [row.breakdown.get(item, [0, 0]) for item in Item.values]
    return rows


def _year(request: HttpRequest) -> int:
    this_year = timezone.localdate().year
    return as_year(request.GET.get("year"), this_year, last=this_year)


# --- The standard ----------------------------------------------------------------------------------------


@readers
def standard(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    current = standards_in_force(township_ids=[request.township.pk], month=today)[request.township.pk]
    form = None
    if request.role == Role.OFFICE:
        initial = {"active_from": first_of(today), "note": ""}
        form = StandardForm(request.POST or None, rules=standard_rules(current), initial=initial)
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
                form.add_error(None, _error(error))
            else:
                messages.success(request, _("The new standard is saved."))
                return redirect("standard")
    elif request.method == "POST":
        return forbidden(request)
    versions = Standard.objects.for_township(request.township).prefetch_related("items").select_related("created_by")
    return render(
        request,
        "assessments/standard.html",
        {"current": current, "versions": versions, "form": form, "items": Item},
    )


# --- The month -------------------------------------------------------------------------------------------


@require_safe
@readers
def assessment_month(request: HttpRequest) -> HttpResponse:
    month = _month(request, last_month())
    rows = _with_cells(list(selectors.month_ranking(township=request.township, month=month)))
    bulletin = Bulletin.objects.for_township(request.township).filter(month=month).first()
    months = selectors.assessed_months(township=request.township)
    return render(
        request,
        "assessments/month.html",
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
    locked = Bulletin.objects.for_township(request.township).filter(month=month, status=BulletinStatus.PUBLISHED)
    if locked.exists():
        messages.error(
            request,
            _("The bulletin of %(month)s is published; its assessment is locked.") % {"month": f"{month:%Y-%m}"},
        )
        return redirect(f"{reverse('assessment_month')}?month={month:%Y-%m}")
    written = assessment_compute(township_ids=[request.township.pk], month=month)
    if not written:
        messages.error(request, _("There is no serving deputy to assess."))
    else:
        bulletin_draft(township=request.township, month=month)
        messages.success(request, _("%(n)s deputies assessed; the bulletin is drafted.") % {"n": written})
    return redirect(f"{reverse('assessment_month')}?month={month:%Y-%m}")


# --- Bulletins -------------------------------------------------------------------------------------------


def _bulletin(request: HttpRequest, pk: int) -> Bulletin:
    rows = selectors.bulletins(township=request.township, published_only=request.role == Role.DEPUTY)
    return get_object_or_404(rows, pk=pk)


@require_safe
@members
def bulletin_list(request: HttpRequest) -> HttpResponse:
    rows = selectors.bulletins(township=request.township, published_only=request.role != Role.OFFICE)
    return render(request, "assessments/bulletin_list.html", {"bulletins": rows[:120]})


def _bulletin_context(request: HttpRequest, bulletin: Bulletin) -> dict:
    ranking = _with_cells(list(selectors.month_ranking(township=request.township, month=bulletin.month)))
    return {"bulletin": bulletin, "ranking": ranking, "items": Item.choices}


@require_safe
@members
def bulletin_detail(request: HttpRequest, pk: int) -> HttpResponse:
    bulletin = _bulletin(request, pk)
    context = _bulletin_context(request, bulletin)
    if request.role == Role.OFFICE and not bulletin.is_published:
        context["form"] = BulletinForm(instance=bulletin)
    return render(request, "assessments/bulletin.html", context)


@require_safe
@members
def bulletin_print(request: HttpRequest, pk: int) -> HttpResponse:
    bulletin = _bulletin(request, pk)
    return render(request, "assessments/bulletin_print.html", _bulletin_context(request, bulletin))


@require_safe
@members
def bulletin_export(request: HttpRequest, pk: int) -> HttpResponse:
    bulletin = _bulletin(request, pk)
    ranking = list(selectors.month_ranking(township=request.township, month=bulletin.month))
    return xlsx_response(
        bulletin_workbook(bulletin=bulletin, ranking=ranking), f"{request.township.code}-{bulletin.month:%Y-%m}.xlsx"
    )


@require_POST
@office_only
def bulletin_edit(request: HttpRequest, pk: int) -> HttpResponse:
    bulletin = get_object_or_404(Bulletin.objects.for_township(request.township), pk=pk)
    form = BulletinForm(request.POST, instance=bulletin)
    if not form.is_valid():
        context = _bulletin_context(request, bulletin) | {"form": form}
        return render(request, "assessments/bulletin.html", context, status=400)
    try:
        texts = {key: form.cleaned_data[key] for key in ("title", "summary", "praised", "urged")}
        bulletin_update(bulletin=bulletin, **texts)
    except AssessmentError as error:
        messages.error(request, _error(error))
    else:
        messages.success(request, _("The bulletin is saved."))
    return redirect("bulletin_detail", pk=bulletin.pk)


@require_POST
@office_only
def bulletin_publish_view(request: HttpRequest, pk: int) -> HttpResponse:
    bulletin = get_object_or_404(Bulletin.objects.for_township(request.township), pk=pk)
    try:
        bulletin_publish(bulletin=bulletin, user=request.user)
    except AssessmentError as error:
        messages.error(request, _error(error))
    else:
        messages.success(request, _("The bulletin is published; the deputies and leaders are told."))
    return redirect("bulletin_detail", pk=bulletin.pk)


# --- A deputy's own scores -------------------------------------------------------------------------------


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
    return render(request, "assessments/my_scores.html", {"deputy": deputy, "months": months, "lines": lines})


# --- Year end --------------------------------------------------------------------------------------------


@require_safe
@readers
def year_end(request: HttpRequest) -> HttpResponse:
    year = _year(request)
    thresholds = thresholds_for(township=request.township)
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
    }
    if request.role == Role.OFFICE:
        context["thresholds_form"] = ThresholdsForm(instance=thresholds)
        context["commend_form"] = CommendForm(
            initial={"title": _("Excellent deputy of %(year)s") % {"year": year}, "awarded_on": timezone.localdate()}
        )
    return render(request, "assessments/year_end.html", context)


@require_POST
@office_only
def thresholds_edit(request: HttpRequest) -> HttpResponse:
    form = ThresholdsForm(request.POST, instance=thresholds_for(township=request.township))
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
        township=request.township, year=year, thresholds=thresholds_for(township=request.township)
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
        messages.error(request, _error(error))
    else:
        messages.success(request, _("%(n)s commendations recorded in the deputies' records.") % {"n": added})
    return redirect(f"{reverse('year_end')}?year={year}")


# --- Dashboard and county overview -----------------------------------------------------------------------


@require_safe
@readers
def dashboard(request: HttpRequest) -> HttpResponse:
    data = selectors.dashboard(township=request.township)
    return render(
        request, "assessments/dashboard.html", {"d": data, "charts": data["charts"], "chart_labels": _chart_labels()}
    )


def _chart_labels() -> dict[str, str]:
    return {"visits": _("Visits"), "solved": _("Solved"), "cases": _("Cases"), "resolved": _("Resolved")}


@require_safe
@role_required(Role.COUNTY)
def county_overview(request: HttpRequest) -> HttpResponse:
    sort = request.GET.get("sort", "town")
    rows = selectors.sort_overview(selectors.county_overview(county=request.county), sort)
    chart = {
        "labels": [row["town"].name for row in rows],
        "visits": [row["visits"] for row in rows],
        "resolved": [row["resolved"] for row in rows],
    }
    return render(
        request,
        "assessments/county_overview.html",
        {"rows": rows, "sort": sort, "chart": chart, "chart_labels": _chart_labels()},
    )
