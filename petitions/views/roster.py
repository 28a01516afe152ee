"""Pages of the roster (the office plans and publishes, readers read): the month, planning a range, and the
page that says whom publishing tells before anything is published."""

from datetime import date

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from congress.access import office_only, readers
from congress.dates import last_of
from congress.errors import refused
from congress.inputs import as_month
from petitions.forms.duty import RangeForm
from petitions.selectors import duty as selectors
from petitions.selectors import roster as roster_reads
from petitions.services.duty import DutyError, roster_generate, roster_publish


def month_from_query(request: HttpRequest) -> tuple[int, int]:
    today = timezone.localdate()
    chosen = as_month(f"{request.GET.get('year', today.year)}-{request.GET.get('month', today.month)}")
    return (chosen.year, chosen.month) if chosen else (today.year, today.month)


def month_neighbours(year: int, month: int) -> dict:
    prev_year, prev_month = (year - 1, 12) if month == 1 else (year, month - 1)
    next_year, next_month = (year + 1, 1) if month == 12 else (year, month + 1)
    return {"prev": {"year": prev_year, "month": prev_month}, "next": {"year": next_year, "month": next_month}}


@require_safe
@readers
def roster(request: HttpRequest) -> HttpResponse:
    year, month = month_from_query(request)
    first = date(year, month, 1)
    last = last_of(first)
    days = list(selectors.duty_days(township=request.township).filter(date__range=(first, last)))
    return render(
        request,
        "petitions/duty/roster.html",
        {
            "weeks": selectors.roster_month(year=year, month=month, days=days),
            "days": days,
            "month_start": first,
            "year": year,
            "month": month,
            "range_form": RangeForm(initial={"start": first, "end": last}),
            "pending_leave": selectors.pending_leave_count(township=request.township),
            **month_neighbours(year, month),
        },
    )


@require_POST
@office_only
def roster_action(request: HttpRequest, action: str) -> HttpResponse:
    """Plan the roster of a date range, or publish it once the office has confirmed on the page that says whom
    publishing tells."""
    if action not in ("generate", "publish"):
        raise Http404
    form = RangeForm(request.POST)
    if not form.is_valid():
        for error in form.errors.values():
            messages.error(request, " ".join(error))
        return redirect("roster")
    start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    if action == "publish" and request.POST.get("confirmed") != "1":
        return redirect(f"{reverse('roster_publish_confirm')}?start={start:%Y-%m-%d}&end={end:%Y-%m-%d}")
    try:
        if action == "generate":
            _generate(request, start, end)
        else:
            _publish(request, start, end)
    except DutyError as error:
        refused(request, error)
    return redirect(f"{reverse('roster')}?year={start.year}&month={start.month}")


def _generate(request: HttpRequest, start: date, end: date) -> None:
    created = roster_generate(township=request.township, start=start, end=end)
    if created:
        messages.success(request, _("%(n)d duty days planned as a draft.") % {"n": len(created)})
    else:
        messages.warning(request, roster_reads.generate_nothing_reason(township=request.township, start=start, end=end))


def _publish(request: HttpRequest, start: date, end: date) -> None:
    count = roster_publish(township=request.township, start=start, end=end)
    if count:
        messages.success(request, _("%(n)d duty days published; the deputies on them are told.") % {"n": count})
    else:
        preview = roster_reads.publish_preview(township=request.township, start=start, end=end)
        messages.error(request, preview.reason_for_nothing)


@require_safe
@office_only
def roster_publish_confirm(request: HttpRequest) -> HttpResponse:
    """What publishing a range will do, and whom it tells, before the office publishes it (nothing is written)."""
    form = RangeForm(request.GET)
    if form.is_valid():
        start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    elif "start" in request.GET or "end" in request.GET:
        for error in form.errors.values():
            messages.error(request, " ".join(error))
        return redirect("roster")
    else:
        year, month = month_from_query(request)
        start = date(year, month, 1)
        end = last_of(start)
    preview = roster_reads.publish_preview(township=request.township, start=start, end=end)
    return render(
        request,
        "petitions/duty/roster_publish_confirm.html",
        {"preview": preview, "range_form": RangeForm(initial={"start": start, "end": end})},
    )
