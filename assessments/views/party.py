"""The presidium's reports and requests to the town's party committee (重大事项及时向镇党委请示报告): the year's
register, on screen and on A4, kept by the office and read by the leaders and the county; and the committee's
assessment of the year's work, recorded on the year-end page."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from assessments.forms.party import PartyReportForm, YearReviewForm
from assessments.models import PartyReport, YearReview
from assessments.selectors import party as selectors
from assessments.services.party import PartyReportError, party_report_save, year_review_save
from congress.access import office_only, readers
from congress.inputs import as_year
from congress.models import Role
from congress.responses import private_file_response


def _year(request: HttpRequest) -> int:
    this_year = timezone.localdate().year
    return as_year(request.GET.get("year"), this_year, last=this_year)


def _year_context(request: HttpRequest) -> dict:
    year = _year(request)
    reports, counts = selectors.reports_of_year(township=request.township, year=year)
    this_year = timezone.localdate().year
    return {
        "year": year,
        "years": range(this_year, this_year - 5, -1),
        "reports": reports,
        "counts": counts,
        "review": selectors.year_review(township=request.township, year=year),
    }


@require_safe
@readers
def party_report_list(request: HttpRequest) -> HttpResponse:
    return render(request, "assessments/party/report_list.html", _year_context(request))


@require_safe
@readers
def party_report_print(request: HttpRequest) -> HttpResponse:
    return render(request, "assessments/party/report_print.html", _year_context(request))


@office_only
def party_report_create(request: HttpRequest) -> HttpResponse:
    return _report_form(request, PartyReport())


@office_only
def party_report_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _report_form(request, get_object_or_404(PartyReport.objects.for_township(request.township), pk=pk))


def _report_form(request: HttpRequest, report: PartyReport) -> HttpResponse:
    form = PartyReportForm(request.POST or None, request.FILES or None, instance=report)
    if request.method == "POST" and form.is_valid():
        try:
            report = party_report_save(
                report=form.save(commit=False),
                township=request.township,
                user=request.user,
                upload=form.cleaned_data.get("attachment"),
            )
        except PartyReportError as error:
            form.add_error("attachment", error.text)
        else:
            messages.success(request, _("“%(subject)s” is recorded.") % {"subject": report.subject})
            return redirect(f"{reverse('party_report_list')}?year={report.sent_on.year}")
    return render(request, "assessments/party/report_form.html", {"form": form, "report": report})


@require_safe
@readers
def party_report_file(request: HttpRequest, pk: int) -> HttpResponse:
    """The report as sent, to the town's readers; 404 for another town's or a report without a file."""
    report = get_object_or_404(PartyReport.objects.for_township(request.township), pk=pk)
    return private_file_response(request, report.file, report.file_name)


@require_POST
@office_only
def year_review_edit(request: HttpRequest) -> HttpResponse:
    this_year = timezone.localdate().year
    year = as_year(request.POST.get("year"), this_year, last=this_year)
    form = YearReviewForm(request.POST, instance=selectors.year_review(township=request.township, year=year), year=year)
    if form.is_valid():
        year_review_save(township=request.township, year=year, **form.cleaned_data)
        messages.success(request, _("The party committee's assessment of %(year)s is recorded.") % {"year": year})
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect(f"{reverse('year_end')}?year={year}")


def year_review_form(request: HttpRequest, year: int, review: YearReview | None) -> YearReviewForm | None:
    """The form of the committee's assessment on the year-end page: the office's only."""
    if request.role != Role.OFFICE:
        return None
    return YearReviewForm(instance=review, year=year, initial={"assessed_on": timezone.localdate()})
