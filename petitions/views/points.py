"""A contact point's own reception days (联络点接待日): its rule and the deputies who take turns, the days made
from it and published, and what was received there. The office keeps them; leaders and the county read them."""

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from congress.access import office_only, readers
from congress.errors import form_problems, refused
from congress.models import Role
from deputies.models import Station
from petitions.forms.points import PointRangeForm, PointScheduleForm, default_range
from petitions.selectors import points as selectors
from petitions.services.duty import DutyError
from petitions.services.points import point_days_generate, point_days_publish, point_schedule_save


def _point(request: HttpRequest, pk: int) -> Station:
    try:
        return selectors.contact_point(township=request.township, pk=pk)
    except ObjectDoesNotExist:
        raise Http404 from None


@readers
def point_schedule(request: HttpRequest, pk: int) -> HttpResponse:
    """The point's page; the office saves its rule and deputies here (errors shown on the page)."""
    station = _point(request, pk)
    schedule = selectors.schedule_of(station)
    if request.method == "POST":
        if request.role != Role.OFFICE:
            raise PermissionDenied
        form = PointScheduleForm(request.POST, station=station)
        if form.is_valid():
            data = form.cleaned_data
            try:
                point_schedule_save(
                    station=station,
                    ordinal=data["ordinal"],
                    weekday=data["weekday"],
                    start_time=data["start_time"],
                    per_day=data["per_day"],
                    deputies=list(data["deputies"]),
                    active=data["active"],
                )
            except DutyError as error:
                form.add_error(None, error.text)
            else:
                messages.success(request, _("The contact point's reception days are set."))
                return redirect("point_schedule", pk=station.pk)
    else:
        form = PointScheduleForm(initial=PointScheduleForm.initial_for(schedule, station), station=station)
    today = timezone.localdate()
    past, coming = selectors.point_days(station=station, today=today)
    figures, matters = selectors.point_figures(station=station, year=today.year)
    return render(
        request,
        "petitions/points/point.html",
        {
            "station": station,
            "schedule": schedule,
            "form": form,
            "range_form": PointRangeForm(initial=default_range(today)),
            "past": past,
            "coming": coming,
            "drafts": selectors.point_drafts(station=station),
            "figures": figures,
            "matters": matters,
            "year": today.year,
        },
    )


@require_POST
@office_only
def point_days_make(request: HttpRequest, pk: int) -> HttpResponse:
    """Make the point's days of a range (drafts), or publish its drafts of the range."""
    station = _point(request, pk)
    schedule = selectors.schedule_of(station)
    form = PointRangeForm(request.POST)
    if schedule is None:
        messages.error(request, _("Set the contact point's reception days first."))
    elif not form.is_valid():
        messages.error(request, form_problems(form, _("Check the dates.")))
    else:
        start, end = form.cleaned_data["start"], form.cleaned_data["end"]
        try:
            if request.POST.get("publish"):
                n = point_days_publish(schedule=schedule, start=start, end=end)
                messages.success(request, _("%(n)d days published; their deputies are told.") % {"n": n})
            else:
                n = len(point_days_generate(schedule=schedule, start=start, end=end))
                messages.success(
                    request, _("%(n)d days made, as drafts: publish them to tell the deputies.") % {"n": n}
                )
        except DutyError as error:
            refused(request, error)
    return redirect("point_schedule", pk=station.pk)
