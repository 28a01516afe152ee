"""Pages of constituent visits: recording a visit on a duty day, the list and the counts, referrals worked by
the handling units, extensions decided by the office."""

from datetime import date, datetime

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist
from django.core.paginator import Paginator
from django.db.models import Case, QuerySet, When
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from congress.access import case_readers, case_workers, office_only, readers
from congress.dates import format_day
from congress.errors import form_problems, refused
from congress.inputs import as_id, as_month, on_days
from congress.models import Department, Role
from congress.periods import named_period
from congress.responses import xlsx_response
from congress.spreadsheets import Sheet, workbook
from deputies.resources.cells import mask_phone
from petitions.figures import since_figures
from petitions.forms.panel import AttachForm
from petitions.forms.visits import (
    CloseForm,
    ExtensionForm,
    FinishForm,
    ProgressForm,
    ReferForm,
    SuggestionForm,
    VisitForm,
)
from petitions.models import (
    FINISHED,
    DeadlineExtension,
    DutyDay,
    ExtensionStatus,
    Referral,
    ReferralStatus,
    Visit,
    VisitCategory,
    VisitOutcome,
)
from petitions.selectors import visits as selectors
from petitions.services.visits import (
    ReferralPlan,
    VisitError,
    extension_decide,
    extension_request,
    referral_close,
    referral_finish,
    referral_progress,
    suggestion_add,
    visit_record,
)
from petitions.views.suggestions import referral_suggestions_context


def _month_filter(request: HttpRequest) -> tuple[date, date] | None:
    first = as_month(request.GET.get("month"))
    if first is None:
        return None
    last = date(first.year + first.month // 12, first.month % 12 + 1, 1).toordinal() - 1
    return first, date.fromordinal(last)


# --- Visits ---------------------------------------------------------------------------------------------


def visit_rows(request: HttpRequest) -> QuerySet[Visit]:
    """The town's visits with the list's filters (month, category, outcome): the list and its export."""
    rows = selectors.visits(township=request.township)
    month = _month_filter(request)
    if month:
        rows = rows.filter(on_days("received_at", *month))
    if (category := as_id(request.GET.get("category"))) is not None:
        rows = rows.filter(category_id=category)
    if request.GET.get("outcome") in VisitOutcome.values:
        rows = rows.filter(outcome=request.GET["outcome"])
    return rows


@require_safe
@readers
def visit_list(request: HttpRequest) -> HttpResponse:
    rows = visit_rows(request)
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    this_year = named_period("this_year", timezone.localdate())
    year_counts, prior = since_figures(township=request.township, period=this_year)
    return render(
        request,
        "petitions/visits/visit_list.html",
        {
            "page": page,
            "query": query.urlencode(),
            "categories": VisitCategory.objects.for_township(request.township),
            "outcomes": VisitOutcome.choices,
            "show_contacts": request.role == Role.OFFICE,
            "year_counts": year_counts,
            "prior": prior,
            "since": this_year.first,
        },
    )


@office_only
def visit_create(request: HttpRequest) -> HttpResponse:
    duty_day = None
    if (day := as_id(request.GET.get("duty_day"))) is not None:
        duty_day = DutyDay.objects.for_township(request.township).select_related("small_group").filter(pk=day).first()
    initial = {}
    if duty_day is not None:
        leaders = list(duty_day.leaders.all())
        initial = {
            "station": duty_day.station_id,
            "leader": leaders[0].pk if leaders else None,
            "deputies": list(duty_day.assignments.attended().values_list("deputy", flat=True)),
            "received_at": timezone.localtime().replace(second=0, microsecond=0)
            if duty_day.date == timezone.localdate()
            else timezone.make_aware(datetime.combine(duty_day.date, duty_day.start_time)),
        }
    form = VisitForm(
        request.POST or None,
        initial=initial,
        township=request.township,
        first_group=duty_day.small_group if duty_day is not None else None,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        plan = None
        if data["outcome"] == VisitOutcome.REFERRED:
            plan = ReferralPlan(
                department=data["department"],
                responsible_name=data["responsible_name"],
                responsible_phone=data["responsible_phone"],
                answer_due=data["answer_due"],
                due=data["due"],
            )
        try:
            visit = visit_record(
                township=request.township,
                user=request.user,
                station=data["station"],
                category=data["category"],
                visitor_name=data["visitor_name"],
                content=data["content"],
                outcome=data["outcome"],
                received_at=data["received_at"],
                duty_day=duty_day,
                visitor_gender=data["visitor_gender"],
                visitor_phone=data["visitor_phone"],
                visitor_address=data["visitor_address"],
                visitor_count=data["visitor_count"],
                leader=data["leader"],
                answer=data["answer"],
                deputies=list(data["deputies"]),
                suggestions=form.suggestions(),
                referral=plan,
                solved_on_spot=data["solved_on_spot"],
            )
        except VisitError as error:
            form.add_error(None, error.text)
        else:
            messages.success(request, _("The visit of %(name)s is recorded.") % {"name": visit.visitor_name})
            return redirect("visit_detail", pk=visit.pk)
    return render(request, "petitions/visits/visit_form.html", {"form": form, "duty_day": duty_day})


@require_safe
@case_readers
def visit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        visit = selectors.visit_detail(township=request.township, pk=pk)
    except ObjectDoesNotExist:
        raise Http404 from None
    # A handling unit sees only the visits referred to it.
    if request.role == Role.UNIT and not selectors.handles_visitor(viewer=request.membership, visit=visit):
        raise Http404
    return render(
        request,
        "petitions/visits/visit_detail.html",
        {
            "visit": visit,
            "show_contacts": selectors.handles_visitor(viewer=request.membership, visit=visit),
            "suggestion_form": SuggestionForm(
                township=request.township, first_group=visit.duty_day.small_group if visit.duty_day else None
            ),
            "attach_form": AttachForm(township=request.township),
            "refer_form": ReferForm(township=request.township),
        },
    )


@require_POST
@office_only
def visit_suggest(request: HttpRequest, pk: int) -> HttpResponse:
    visit = get_object_or_404(selectors.visits(township=request.township), pk=pk)
    form = SuggestionForm(request.POST, township=request.township)
    if form.is_valid():
        try:
            suggestion_add(visit=visit, deputy=form.cleaned_data["deputy"], text=form.cleaned_data["text"])
            messages.success(request, _("The suggestion is added."))
        except VisitError as error:
            refused(request, error)
    else:
        messages.error(request, _("Choose the deputy and write the suggestion."))
    return redirect("visit_detail", pk=visit.pk)


# --- Referrals ------------------------------------------------------------------------------------------


def _referrals(request: HttpRequest) -> QuerySet[Referral]:
    """The referrals this user may see."""
    return selectors.referrals_for(viewer=request.membership, township=request.township)


# The list opens on what waits (open or in progress, the soonest deadline first); finished cases are one filter away.
WAITING, ALL = "waiting", "all"


def _status_filter(request: HttpRequest) -> str:
    status = request.GET.get("status") or WAITING
    return status if status in (WAITING, ALL, *ReferralStatus.values) else WAITING


def _referral_rows(request: HttpRequest):
    rows = _referrals(request)
    status = _status_filter(request)
    if status == WAITING:
        rows = rows.exclude(status__in=FINISHED)
    elif status != ALL:
        rows = rows.filter(status=status)
    # Under "all", what waits still comes first: each part by its deadline.
    rows = rows.order_by(Case(When(status__in=FINISHED, then=1), default=0), "due", "id")
    if (department := as_id(request.GET.get("department"))) is not None:
        rows = rows.filter(department_id=department)
    if (category := as_id(request.GET.get("category"))) is not None:
        rows = rows.filter(visit__category_id=category)
    if request.GET.get("overdue") == "1":
        rows = selectors.overdue(rows)
    if request.GET.get("extension") == WAITING:
        rows = rows.filter(pk__in=DeadlineExtension.objects.filter(status=ExtensionStatus.PENDING).values("referral"))
    month = _month_filter(request)
    if month:
        rows = rows.filter(on_days("visit__received_at", *month))
    return rows


@require_safe
@case_readers
def referral_list(request: HttpRequest) -> HttpResponse:
    rows = _referral_rows(request)
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "petitions/visits/referral_list.html",
        {
            "page": page,
            "query": query.urlencode(),
            "today": timezone.localdate(),
            "statuses": ReferralStatus.choices,
            "status": _status_filter(request),
            "finished_count": _referrals(request).filter(status__in=FINISHED).count() if not page.object_list else 0,
            "departments": Department.objects.for_township(request.township) if request.role != Role.UNIT else [],
            "categories": VisitCategory.objects.for_township(request.township),
            "overdue_count": selectors.overdue(_referrals(request)).count(),
        },
    )


@require_safe
@case_workers
def referral_export(request: HttpRequest) -> HttpResponse:
    """The filtered referrals as .xlsx; the visitor's contact data never leaves in a file."""
    headers = [
        _("Referred at"),
        _("Visitor"),
        _("Category"),
        _("What was raised"),
        _("Handling unit"),
        _("Responsible person"),
        _("Resolve by"),
        _("Status"),
        _("Overdue"),
        _("Result"),
    ]
    today = timezone.localdate()
    rows = [
        [
            f"{timezone.localtime(r.created_at):%Y-%m-%d}",
            r.visit.visitor_name,
            r.visit.category.name,
            r.visit.content,
            r.department.name,
            r.responsible_name,
            f"{r.due:%Y-%m-%d}",
            r.get_status_display(),
            _("yes") if r.status not in ("resolved", "unresolvable", "closed") and r.due < today else "",
            r.result,
        ]
        for r in _referral_rows(request)
    ]
    sheet = Sheet(name=_("Referred cases"), headers=headers, rows=rows)
    content = workbook([sheet], township=request.township, period=format_day(today))
    return xlsx_response(content, _("Referred cases %(date)s") % {"date": f"{today:%Y-%m-%d}"} + ".xlsx")


def _referral(request: HttpRequest, pk: int) -> Referral:
    return get_object_or_404(
        _referrals(request).select_related("visit__leader", "visit__duty_day", "confirmed_by"), pk=pk
    )


@require_safe
@case_readers
def referral_detail(request: HttpRequest, pk: int) -> HttpResponse:
    referral = _referral(request, pk)
    return render(
        request,
        "petitions/visits/referral_detail.html",
        {
            "referral": referral,
            "visit": referral.visit,
            "show_contacts": selectors.handles_visitor(viewer=request.membership, visit=referral.visit),
            "notes": referral.notes.select_related("author"),
            "extensions": referral.extensions.select_related("requested_by", "decided_by"),
            "progress_form": ProgressForm(),
            "finish_form": FinishForm(),
            "close_form": CloseForm(initial={"told_at": timezone.localtime().replace(second=0, microsecond=0)}),
            "extension_form": ExtensionForm(),
            "can_work": request.role in (Role.OFFICE, Role.UNIT),
            "masked": mask_phone,
            **referral_suggestions_context(request, referral),
        },
    )


@require_POST
@case_workers
def referral_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """Progress, result, closing and extensions of a referral, each through its service."""
    referral = _referral(request, pk)
    forms = {"progress": ProgressForm, "finish": FinishForm, "close": CloseForm, "extend": ExtensionForm}
    if action not in forms:
        raise Http404
    form = forms[action](request.POST)
    if not form.is_valid():
        messages.error(request, form_problems(form, _("Fill in every field of the form.")))
        return redirect("referral_detail", pk=referral.pk)
    data = form.cleaned_data
    try:
        if action == "progress":
            referral_progress(referral=referral, user=request.user, text=data["text"])
        elif action == "finish":
            referral_finish(
                referral=referral, user=request.user, resolved=data["outcome"] == "resolved", result=data["result"]
            )
        elif action == "close":
            satisfied = {"yes": True, "no": False}.get(data["satisfied"])
            referral_close(referral=referral, told_at=data["told_at"], satisfied=satisfied)
        else:
            extension_request(referral=referral, user=request.user, new_due=data["new_due"], reason=data["reason"])
        messages.success(request, _("Saved."))
    except VisitError as error:
        refused(request, error)
    return redirect("referral_detail", pk=referral.pk)


@require_POST
@office_only
def extension_decision(request: HttpRequest, pk: int) -> HttpResponse:
    extension = get_object_or_404(DeadlineExtension.objects.for_township(request.township), pk=pk)
    decision = request.POST.get("decision")
    if decision not in ("approve", "refuse"):
        messages.error(request, _("Choose to approve or to refuse."))
    else:
        try:
            extension_decide(extension=extension, approve=decision == "approve", user=request.user)
            messages.success(request, _("Saved."))
        except VisitError as error:
            refused(request, error)
    return redirect("referral_detail", pk=extension.referral_id)
