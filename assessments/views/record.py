"""Pages of the performance record (履职档案): a deputy's year on screen, on A4 and as a workbook; the
township's overview of every deputy; commendations recorded by the office. A deputy sees only their own."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from assessments.forms.record import CommendationForm
from assessments.models import Commendation
from assessments.resources import overview_workbook, record_workbook
from assessments.selectors import record as selectors
from assessments.services.record import commendation_add, commendation_remove
from congress.access import forbidden, office_only, readers, readers_and_deputies, role_required
from congress.inputs import as_year
from congress.models import Role
from congress.replica import reads_replica
from congress.responses import xlsx_response
from deputies.models import Deputy
from deputies.selectors.register import deputy_for_user


def _year(request: HttpRequest) -> int:
    this_year = timezone.localdate().year
    return as_year(request.GET.get("year"), this_year, last=this_year + 1)


def _deputy_or_refuse(request: HttpRequest, pk: int) -> Deputy | HttpResponse:
    try:
        deputy = selectors.record_deputy(township=request.township, pk=pk)
    except Deputy.DoesNotExist:
        raise Http404 from None
    if request.role == Role.DEPUTY and deputy.user_id != request.user.pk:
        return forbidden(request, _("A deputy sees their own performance record only."))
    return deputy


def _record_context(request: HttpRequest, deputy: Deputy) -> dict:
    year = _year(request)
    this_year = timezone.localdate().year
    return {
        "record": selectors.performance_record(deputy=deputy, year=year),
        "year": year,
        "years": range(this_year, this_year - 5, -1),
        "can_see_phones": request.role == Role.OFFICE,
    }


@require_safe
@readers_and_deputies
@reads_replica
def deputy_record(request: HttpRequest, pk: int) -> HttpResponse:
    deputy = _deputy_or_refuse(request, pk)
    if isinstance(deputy, HttpResponse):
        return deputy
    context = _record_context(request, deputy)
    if request.role == Role.OFFICE:
        context["commendation_form"] = CommendationForm(initial={"year": context["year"]})
    return render(request, "assessments/record/record.html", context)


@require_safe
@readers_and_deputies
@reads_replica
def deputy_record_print(request: HttpRequest, pk: int) -> HttpResponse:
    deputy = _deputy_or_refuse(request, pk)
    if isinstance(deputy, HttpResponse):
        return deputy
    return render(request, "assessments/record/record_print.html", _record_context(request, deputy))


@require_safe
@readers_and_deputies
@reads_replica
def deputy_record_export(request: HttpRequest, pk: int) -> HttpResponse:
    deputy = _deputy_or_refuse(request, pk)
    if isinstance(deputy, HttpResponse):
        return deputy
    year = _year(request)
    record = selectors.performance_record(deputy=deputy, year=year)
    content = record_workbook(record=record, mask_phone=request.role != Role.OFFICE and request.role != Role.DEPUTY)
    name = _("Performance record of %(name)s, %(year)s") % {"name": deputy.name, "year": year}
    return xlsx_response(content, f"{name}.xlsx")


@require_safe
@role_required(Role.DEPUTY)
def my_record(request: HttpRequest) -> HttpResponse:
    deputy = deputy_for_user(user=request.user, township=request.township)
    if deputy is None:
        raise Http404
    return redirect("deputy_record", pk=deputy.pk)


@require_safe
@readers
@reads_replica
def record_overview(request: HttpRequest) -> HttpResponse:
    year = _year(request)
    rows = selectors.record_overview(township=request.township, year=year)
    if request.GET.get("format") == "xlsx":
        name = _("Performance records of %(town)s, %(year)s") % {"town": request.township.name, "year": year}
        return xlsx_response(overview_workbook(rows=rows, year=year, township=request.township), f"{name}.xlsx")
    this_year = timezone.localdate().year
    return render(
        request,
        "assessments/record/record_overview.html",
        {"rows": rows, "year": year, "years": range(this_year, this_year - 5, -1)},
    )


@require_POST
@office_only
def commendation_create(request: HttpRequest, pk: int) -> HttpResponse:
    deputy = get_object_or_404(Deputy.objects.for_township(request.township), pk=pk)
    form = CommendationForm(request.POST)
    if form.is_valid():
        try:
            commendation_add(deputy=deputy, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The commendation is recorded."))
        year = form.cleaned_data["year"]
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        year = timezone.localdate().year
    return redirect(f"{_record_url(deputy.pk)}?year={year}")


def _record_url(pk: int) -> str:
    return reverse("deputy_record", args=[pk])


@require_POST
@office_only
def commendation_delete(request: HttpRequest, pk: int) -> HttpResponse:
    commendation = get_object_or_404(Commendation.objects.for_township(request.township), pk=pk)
    commendation_remove(commendation=commendation)
    messages.success(request, _("The commendation is removed."))
    return redirect(f"{_record_url(commendation.deputy_id)}?year={commendation.year}")
