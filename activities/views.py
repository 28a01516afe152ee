"""Pages of activities and training: the list, an activity with its invitations and attendance (office; read by
leaders and the county), the groups' yearly plans; my activities, leave and self-study (deputies)."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from activities import selectors
from activities.forms import (
    ATTENDANCE_CHOICES,
    ActivityFilter,
    ActivityForm,
    InviteForm,
    LeaveAskForm,
    LeaveDecisionForm,
    PlanItemForm,
    SelfStudyForm,
    attendance_from_post,
)
from activities.models import Activity, ActivityAttendance, ActivityKind, GroupPlanItem
from activities.resources import activity_workbook
from activities.services import (
    ActivityError,
    activity_attendance_record,
    activity_invite,
    activity_leave_ask,
    activity_leave_decide,
    activity_save,
    activity_uninvite,
    plan_item_delete,
    plan_item_save,
    self_study_record,
)
from congress.access import deputy_only, office_only, readers
from congress.errors import refused
from congress.inputs import as_year
from congress.models import Role
from congress.responses import xlsx_response
from deputies.models import SmallGroup
from deputies.selectors.register import own_deputy


def _year(request: HttpRequest) -> int:
    return as_year(request.GET.get("year"), timezone.localdate().year)


def _activity(request: HttpRequest, pk: int) -> Activity:
    try:
        return selectors.activity_detail(township=request.township, pk=pk)
    except Activity.DoesNotExist:
        raise Http404 from None


# --- The office's pages ---------------------------------------------------------------------------------


@require_safe
@readers
def activity_list(request: HttpRequest) -> HttpResponse:
    filterset = ActivityFilter(
        request.GET, queryset=selectors.activity_list(township=request.township), request=request
    )
    page = Paginator(filterset.qs, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "activities/activity_list.html",
        {"filter": filterset, "page": page, "query": query.urlencode(), "today": timezone.localdate()},
    )


@require_safe
@readers
def activity_export(request: HttpRequest) -> HttpResponse:
    """The activities the list shows with its filters (every page), with their attendance counts."""
    filterset = ActivityFilter(
        request.GET, queryset=selectors.activity_list(township=request.township), request=request
    )
    year = filterset.form.cleaned_data.get("year") if filterset.is_valid() else ""
    content = activity_workbook(activities=filterset.qs, township=request.township, period=str(year or ""))
    name = _("Activities and training %(date)s") % {"date": f"{timezone.localdate():%Y-%m-%d}"}
    return xlsx_response(content, f"{name}.xlsx")


@office_only
def activity_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    activity = get_object_or_404(Activity.objects.for_township(request.township), pk=pk) if pk else None
    initial = {"date": request.GET.get("date") or None, "kind": request.GET.get("kind") or None}
    form = ActivityForm(request.POST or None, instance=activity, township=request.township, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            saved = activity_save(activity=form.save(commit=False), township=request.township, user=request.user)
        except ActivityError as error:
            form.add_error(None, error.text)
        else:
            messages.success(request, _("The activity is saved."))
            return redirect("activity_detail", pk=saved.pk)
    return render(request, "activities/activity_form.html", {"form": form, "activity": activity})


@require_safe
@readers
def activity_detail(request: HttpRequest, pk: int) -> HttpResponse:
    activity = _activity(request, pk)
    rows = list(activity.attendances.all())
    return render(
        request,
        "activities/activity_detail.html",
        {
            "activity": activity,
            "rows": rows,
            "counts": {
                status: sum(1 for r in rows if r.status == status) for status in ("attended", "leave", "absent")
            },
            "invite_form": InviteForm(township=request.township) if request.role == Role.OFFICE else None,
            "choices": ATTENDANCE_CHOICES,
            "held": activity.date <= timezone.localdate(),
            "proposals": list(activity.proposals.all()),
            # The findings a special inspection recorded on the key items it looked at (proposals' rows).
            "inspected": list(activity.item_inspections.select_related("proposal"))
            if activity.kind == ActivityKind.SPECIAL
            else [],
        },
    )


@require_POST
@office_only
def activity_invite_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Invite deputies; to an activity still to come (they are told) only once the office has confirmed on the
    page that names them and their number."""
    activity = get_object_or_404(Activity.objects.for_township(request.township), pk=pk)
    form = InviteForm(request.POST, township=request.township)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect("activity_detail", pk=activity.pk)
    if activity.date >= timezone.localdate() and request.POST.get("confirmed") != "1":
        query = request.POST.copy()
        query.pop("csrfmiddlewaretoken", None)
        return redirect(f"{reverse('activity_invite_confirm', args=[activity.pk])}?{query.urlencode()}")
    added = activity_invite(activity=activity, deputies=form.invitees())
    if added:
        messages.success(request, _("%(n)s deputies invited.") % {"n": added})
    else:
        messages.info(request, _("Nobody new was invited: everyone chosen is already invited."))
    return redirect("activity_detail", pk=activity.pk)


@require_safe
@office_only
def activity_invite_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    """Whom an invitation will add and tell, before it is sent (nothing is written)."""
    activity = get_object_or_404(Activity.objects.for_township(request.township), pk=pk)
    form = InviteForm(request.GET, township=request.township)
    new = selectors.new_invitees(activity=activity, deputies=form.invitees()) if form.is_valid() else []
    return render(
        request,
        "activities/invite_confirm.html",
        {
            "activity": activity,
            "form": form,
            "new": new,
            "told": activity.date >= timezone.localdate(),
            "hidden": [(key, value) for key, values in request.GET.lists() for value in values],
        },
    )


@require_POST
@office_only
def activity_attendance(request: HttpRequest, pk: int) -> HttpResponse:
    activity = get_object_or_404(Activity.objects.for_township(request.township), pk=pk)
    statuses, notes = attendance_from_post(request.POST)
    if not statuses:
        messages.error(request, _("Choose attended, on leave or absent for each deputy."))
        return redirect("activity_detail", pk=activity.pk)
    try:
        changed = activity_attendance_record(activity=activity, statuses=statuses, notes=notes, user=request.user)
    except ActivityError as error:
        refused(request, error)
    else:
        if changed:
            messages.success(request, _("Attendance recorded: %(n)s changed.") % {"n": changed})
        else:
            messages.info(request, _("Nothing changed: the sheet already reads as you saved it."))
    return redirect("activity_detail", pk=activity.pk)


@require_POST
@office_only
def activity_uninvite_view(request: HttpRequest, pk: int) -> HttpResponse:
    attendance = get_object_or_404(
        ActivityAttendance.objects.for_township(request.township).select_related("deputy"), pk=pk
    )
    try:
        activity_uninvite(attendance=attendance)
        messages.success(request, _("The invitation of %(name)s is withdrawn.") % {"name": attendance.deputy.name})
    except ActivityError as error:
        refused(request, error)
    return redirect("activity_detail", pk=attendance.activity_id)


@require_POST
@office_only
def activity_leave_decision(request: HttpRequest, pk: int) -> HttpResponse:
    attendance = get_object_or_404(
        ActivityAttendance.objects.for_township(request.township).select_related("deputy", "activity"), pk=pk
    )
    form = LeaveDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose to approve or to refuse."))
        return redirect("activity_detail", pk=attendance.activity_id)
    try:
        activity_leave_decide(
            attendance=attendance,
            approve=form.cleaned_data["decision"] == "approve",
            comment=form.cleaned_data["comment"],
            user=request.user,
        )
        messages.success(request, _("The leave of %(name)s is decided.") % {"name": attendance.deputy.name})
    except ActivityError as error:
        refused(request, error)
    return redirect("activity_detail", pk=attendance.activity_id)


# --- The small groups' plans ----------------------------------------------------------------------------


@require_safe
@readers
def group_plans(request: HttpRequest) -> HttpResponse:
    year = _year(request)
    today = timezone.localdate()
    progress = selectors.group_plan_progress(township=request.township, year=year, today=today)
    return render(
        request,
        "activities/group_plans.html",
        {
            "year": year,
            "progress": progress,
            "behind": [p for p in progress if p.behind],
            "years": range(today.year + 1, today.year - 5, -1),
        },
    )


@office_only
def group_plan_edit(request: HttpRequest, pk: int, year: int) -> HttpResponse:
    group = get_object_or_404(SmallGroup.objects.for_township(request.township), pk=pk)
    if not 2000 <= year <= 2100:
        raise Http404
    form = PlanItemForm(request.POST or None, instance=GroupPlanItem(small_group=group, year=year))
    if request.method == "POST" and form.is_valid():
        try:
            plan_item_save(item=form.save(commit=False), township=request.township)
        except ActivityError as error:
            form.add_error(None, error.text)
        else:
            messages.success(request, _("The plan is updated."))
            return redirect("group_plan_edit", pk=group.pk, year=year)
    items = selectors.plan_items(township=request.township, small_group=group, year=year)
    return render(
        request, "activities/group_plan_edit.html", {"group": group, "year": year, "items": items, "form": form}
    )


@require_POST
@office_only
def plan_item_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(GroupPlanItem.objects.for_township(request.township), pk=pk)
    plan_item_delete(item=item)
    messages.success(request, _("The planned activity is taken out of the plan."))
    return redirect("group_plan_edit", pk=item.small_group_id, year=item.year)


# --- Deputies' pages ------------------------------------------------------------------------------------


def _own(request: HttpRequest, pk: int) -> ActivityAttendance:
    return get_object_or_404(
        ActivityAttendance.objects.filter(
            deputy=own_deputy(user=request.user, township=request.township)
        ).select_related("activity", "deputy"),
        pk=pk,
    )


@require_safe
@deputy_only
def my_activities(request: HttpRequest) -> HttpResponse:
    deputy = own_deputy(user=request.user, township=request.township)
    today = timezone.localdate()
    rows = list(selectors.attendances_for_deputy(deputy=deputy)[:100])
    return render(
        request,
        "activities/my_activities.html",
        {
            "coming": [r for r in reversed(rows) if r.activity.date >= today],
            "past": [r for r in rows if r.activity.date < today],
            "today": today,
        },
    )


@deputy_only
def activity_leave_ask_view(request: HttpRequest, pk: int) -> HttpResponse:
    attendance = _own(request, pk)
    form = LeaveAskForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            activity_leave_ask(attendance=attendance, deputy=attendance.deputy, reason=form.cleaned_data["reason"])
        except ActivityError as error:
            form.add_error(None, error.text)
        else:
            messages.success(request, _("Your leave request is sent to the congress office."))
            return redirect("my_activities")
    return render(request, "activities/activity_leave_ask.html", {"form": form, "attendance": attendance})


@deputy_only
def self_study(request: HttpRequest, pk: int) -> HttpResponse:
    attendance = _own(request, pk)
    form = SelfStudyForm(request.POST or None, initial={"note": attendance.note})
    if request.method == "POST" and form.is_valid():
        try:
            self_study_record(attendance=attendance, deputy=attendance.deputy, note=form.cleaned_data["note"])
        except ActivityError as error:
            form.add_error(None, error.text)
        else:
            messages.success(request, _("Your study is recorded."))
            return redirect("my_activities")
    return render(request, "activities/self_study.html", {"form": form, "attendance": attendance})
