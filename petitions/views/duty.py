"""Pages of reception duty: the roster and its publishing, the day's sheet, leave, subsidies (office);
my duties, sign-in and leave (deputies); the published roster and calendar feeds (public)."""

from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from activities.selectors import activities_of_deputy
from congress.access import deputy_only, office_and_deputies, office_only, readers
from congress.errors import form_problems, refused
from congress.inputs import as_id
from congress.models import Role, Township
from congress.responses import calendar_response, xlsx_response
from congress.text import refuse_control_characters
from deputies.models import Station
from deputies.selectors import rules as rule_reads
from deputies.selectors.register import own_deputy
from petitions.feeds import duty_calendar
from petitions.forms.duty import (
    SHEET_LABELS,
    AddDeputyForm,
    DutyDayForm,
    ObservationForm,
    ReceptionSettingsForm,
    sheet_from_post,
)
from petitions.models import AttendanceStatus, CalendarFeed, DutyAssignment, DutyDay, DutyDayStatus, SignInProof
from petitions.presence import clean_code
from petitions.resources import subsidy_workbook
from petitions.selectors import duty as selectors
from petitions.selectors import roster as roster_reads
from petitions.services.attendance import (
    duty_attendance_record,
    duty_sign_in,
    sheet_value,
)
from petitions.services.duty import (
    DutyError,
    calendar_feed_renew,
    duty_assignment_add,
    duty_assignment_remove,
    duty_day_update,
    reception_settings_save,
)
from petitions.services.visits import observation_add
from petitions.views.roster import month_from_query, month_neighbours

# --- The office: the day sheet, leave, subsidies, settings --------------------------------------------


@require_safe
@readers
def duty_day_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        duty_day = selectors.duty_day_sheet(township=request.township, pk=pk)
    except ObjectDoesNotExist:
        raise Http404 from None
    return render(
        request,
        "petitions/duty/duty_day.html",
        {
            "day": duty_day,
            "meals": selectors.meal_list(duty_day=duty_day),
            "form": DutyDayForm(initial=DutyDayForm.initial_for(duty_day), township=request.township),
            "add_form": AddDeputyForm(township=request.township, duty_day=duty_day),
            "observation_form": ObservationForm(duty_day=duty_day),
            "sheet": [(a, sheet_value(a)) for a in duty_day.assignments.all()],
            "sheet_choices": SHEET_LABELS,
            "held": duty_day.date <= timezone.localdate(),
            "editable": duty_day.date >= timezone.localdate(),
        },
    )


@require_safe
@readers
def duty_day_print(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        duty_day = selectors.duty_day_sheet(township=request.township, pk=pk)
    except ObjectDoesNotExist:
        raise Http404 from None
    return render(request, "petitions/duty/sign_in_sheet.html", {"day": duty_day})


@require_POST
@office_only
def duty_day_edit(request: HttpRequest, pk: int) -> HttpResponse:
    duty_day = get_object_or_404(DutyDay.objects.for_township(request.township), pk=pk)
    form = DutyDayForm(request.POST, township=request.township)
    if form.is_valid() and _needs_confirmation(request, duty_day):
        told = roster_reads.day_change_told(duty_day=duty_day, small_group=form.cleaned_data["small_group"])
        return render(request, "petitions/duty/day_change_confirm.html", {"day": duty_day, "form": form, "told": told})
    if form.is_valid():
        try:
            duty_day_update(
                duty_day=duty_day,
                day=form.cleaned_data["date"],
                small_group=form.cleaned_data["small_group"],
                station=form.cleaned_data["station"],
                leaders=list(form.cleaned_data["leaders"]),
            )
            messages.success(request, _("The duty day is saved."))
        except DutyError as error:
            refused(request, error)
    else:
        messages.error(request, form_problems(form, _("Check the date, the group and the station.")))
    return redirect("duty_day_detail", pk=duty_day.pk)


def _needs_confirmation(request: HttpRequest, duty_day: DutyDay) -> bool:
    """Saving a published coming day tells its deputies, so the office first sees how many (a past day is refused
    by the rule, with no question asked)."""
    published = duty_day.status == DutyDayStatus.PUBLISHED and duty_day.date >= timezone.localdate()
    return published and request.POST.get("confirmed") != "1"


@require_POST
@office_only
def duty_assignment_change(request: HttpRequest, pk: int) -> HttpResponse:
    """Add a deputy to a duty day, or take one off it."""
    duty_day = get_object_or_404(DutyDay.objects.for_township(request.township), pk=pk)
    try:
        if request.POST.get("remove"):
            assignment = get_object_or_404(duty_day.assignments, pk=as_id(request.POST.get("remove")) or 0)
            duty_assignment_remove(assignment=assignment)
            messages.success(request, _("%(name)s is taken off the day.") % {"name": assignment.deputy.name})
        else:
            form = AddDeputyForm(request.POST, township=request.township)
            if not form.is_valid():
                messages.error(request, _("Choose a serving deputy of this township."))
                return redirect("duty_day_detail", pk=duty_day.pk)
            duty_assignment_add(duty_day=duty_day, deputy=form.cleaned_data["deputy"])
            messages.success(request, _("%(name)s is put on the day.") % {"name": form.cleaned_data["deputy"].name})
    except DutyError as error:
        refused(request, error)
    return redirect("duty_day_detail", pk=duty_day.pk)


@require_POST
@office_only
def duty_attendance(request: HttpRequest, pk: int) -> HttpResponse:
    """The day's attendance sheet, saved at once: present, late, on leave or absent for each deputy."""
    duty_day = get_object_or_404(DutyDay.objects.for_township(request.township), pk=pk)
    choices, notes = sheet_from_post(request.POST)
    try:
        changed = duty_attendance_record(duty_day=duty_day, choices=choices, notes=notes, user=request.user)
    except DutyError as error:
        refused(request, error)
    else:
        if changed:
            messages.success(request, _("Attendance recorded: %(n)d changed.") % {"n": changed})
        else:
            messages.info(request, _("Nothing changed: the sheet already reads as you saved it."))
    return redirect("duty_day_detail", pk=duty_day.pk)


@require_safe
@readers
def subsidy_sheet(request: HttpRequest) -> HttpResponse:
    year, month = month_from_query(request)
    settings = selectors.reception_settings_for(township=request.township)
    lines = selectors.subsidy_sheet(
        township=request.township,
        year=year,
        month=month,
        rate=settings.subsidy_per_duty,
        pay_public_employees=settings.subsidy_public_employees,
    )
    if request.GET.get("format") == "xlsx":
        return xlsx_response(
            subsidy_workbook(lines=lines, township=request.township, year=year, month=month),
            _("Duty subsidies %(month)s") % {"month": f"{year}-{month:02d}"} + ".xlsx",
        )
    return render(
        request,
        "petitions/duty/subsidy_sheet.html",
        {
            "lines": lines,
            "year": year,
            "month": month,
            "rate": settings.subsidy_per_duty,
            "pays_public_employees": settings.subsidy_public_employees,
            "total_days": sum(line.days for line in lines),
            "total_amount": sum((line.amount for line in lines), Decimal(0)),
            **month_neighbours(year, month),
        },
    )


@office_only
def reception_settings(request: HttpRequest) -> HttpResponse:
    instance = selectors.reception_settings_for(township=request.township)
    form = ReceptionSettingsForm(request.POST or None, instance=instance, township=request.township)
    if request.method == "POST" and form.is_valid():
        reception_settings_save(
            settings=form.save(commit=False),
            weekdays=form.cleaned_data["weekday_list"],
            holidays=form.cleaned_data["holidays"],
        )
        messages.success(request, _("Reception settings saved."))
        return redirect("roster")
    rules = rule_reads.reception_rules(township=request.township, drafts=True)
    return render(request, "petitions/duty/settings.html", {"form": form, "reception_rules": rules})


# --- Deputies: my duties, sign-in, leave ------------------------------------------------------------


@require_safe
@deputy_only
def my_duties(request: HttpRequest) -> HttpResponse:
    deputy = own_deputy(user=request.user, township=request.township)
    feed = selectors.calendar_feed_of(deputy=deputy)
    return render(
        request,
        "petitions/duty/my_duties.html",
        {
            "deputy": deputy,
            "duties": selectors.duties_of_deputy(deputy=deputy)[:20],
            "substitute_requests": selectors.substitute_requests_for(deputy=deputy),
            "feed_url": request.build_absolute_uri(reverse("deputy_feed", args=[feed.token])) if feed else "",
            "reception_rules": rule_reads.reception_rules(township=request.township),
            "today": timezone.localdate(),
        },
    )


@require_POST
@deputy_only
def feed_reset(request: HttpRequest) -> HttpResponse:
    """Make the deputy's secret calendar link, or a new one in place of the old."""
    _feed, replaced = calendar_feed_renew(deputy=own_deputy(user=request.user, township=request.township))
    if replaced:
        messages.success(request, _("Your calendar link is new; the old one no longer works."))
    else:
        messages.success(request, _("Your calendar link is made: add it to your phone's calendar."))
    return redirect("my_duties")


@deputy_only
def sign_in(request: HttpRequest, station: int) -> HttpResponse:
    """The page the station's QR code opens for a deputy: one tap to sign in; the day's QR code (or the code
    typed in) carries the proof of presence where the town asks for it."""
    deputy = own_deputy(user=request.user, township=request.township)
    place = get_object_or_404(Station.objects.for_township(request.township), pk=station)
    if request.method == "POST":
        try:
            assignment = duty_sign_in(deputy=deputy, station=place, code=request.POST.get("code"))
            signed_in_message(request, assignment)
        except DutyError as error:
            refused(request, error)
        return redirect("sign_in", station=place.pk)
    assignment = selectors.today_duty_at(deputy=deputy, station=place)
    settings = selectors.reception_settings_for(township=request.township)
    return render(
        request,
        "petitions/duty/sign_in.html",
        {
            "station": place,
            "assignment": assignment,
            "next_duty": None if assignment else selectors.next_duty(deputy=deputy),
            "needs_code": settings.sign_in_proof == SignInProof.DAILY_CODE,
            "code": clean_code(request.GET.get("code")),
        },
    )


def signed_in_message(request: HttpRequest, assignment: DutyAssignment) -> None:
    """Signed in, or recorded remote and to be confirmed, said plainly on the phone."""
    time = f"{timezone.localtime(assignment.signed_in_at):%H:%M}"
    if assignment.status == AttendanceStatus.REMOTE:
        # The page itself says it is remote and what follows (its status box): the message does not repeat it.
        messages.info(request, _("Your sign-in is received."))
    else:
        messages.success(request, _("Signed in at %(time)s.") % {"time": time})


@require_POST
@office_and_deputies
def duty_observation(request: HttpRequest, pk: int) -> HttpResponse:
    """A deputy's observations on how the day's reception was run: their own, or recorded by the office."""
    duty_day = get_object_or_404(DutyDay.objects.for_township(request.township), pk=pk)
    if request.role == Role.DEPUTY:
        deputy = own_deputy(user=request.user, township=request.township)
        done = redirect("sign_in", station=duty_day.station_id)
    else:
        form = ObservationForm(request.POST, duty_day=duty_day)
        form.is_valid()  # an empty text is left to the rule, which says what to write
        deputy = form.cleaned_data.get("deputy")
        done = redirect("duty_day_detail", pk=duty_day.pk)
    if deputy is None:
        messages.error(request, _("Choose one of the deputies on duty that day."))
        return done
    try:
        text = request.POST.get("text", "")
        refuse_control_characters(text)  # the one text posted without a form
        observation_add(duty_day=duty_day, deputy=deputy, text=text)
        messages.success(request, _("The observations are recorded."))
    except ValidationError as error:  # a VisitError, or the control character refused
        messages.error(request, " ".join(error.messages))
    return done


# --- Public -----------------------------------------------------------------------------------------


@require_safe
def public_roster(request: HttpRequest, code: str) -> HttpResponse:
    township = get_object_or_404(Township.objects.select_related("county"), code=code)
    return render(
        request,
        "petitions/duty/public_roster.html",
        {
            "public_township": township,
            "days": selectors.public_roster(township=township)[:60],
            "reception_rules": rule_reads.reception_rules(township=township, public=True),
        },
    )


@require_safe
def public_roster_feed(request: HttpRequest, code: str) -> HttpResponse:
    township = get_object_or_404(Township, code=code)
    days = selectors.public_roster(township=township, since=timezone.localdate().replace(day=1))
    name = _("%(town)s deputies' reception days") % {"town": township.name}
    return calendar_response(duty_calendar(name=name, days=days, host=request.get_host()), name)


@require_safe
def deputy_feed(request: HttpRequest, token: str) -> HttpResponse:
    feed = get_object_or_404(CalendarFeed.objects.select_related("deputy"), token=token)
    days = [
        a.duty_day
        for a in selectors.duties_of_deputy(deputy=feed.deputy, since=timezone.localdate().replace(day=1))
        if a.status != "leave"
    ]
    activities = activities_of_deputy(deputy=feed.deputy, since=timezone.localdate().replace(day=1))
    name = _("My reception duty · %(name)s") % {"name": feed.deputy.name}
    content = duty_calendar(name=name, days=days, host=request.get_host(), activities=activities)
    return calendar_response(content, _("My reception duty"))
