"""Pages of major cases and of the supervision panel. The office writes; leaders and the county read."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from congress.access import office_and_leaders, office_only, readers
from congress.dates import first_of, last_of
from congress.inputs import as_month
from congress.responses import private_file_response
from deputies.models import Deputy
from petitions.figures import Period, month_breakdown, visit_figures
from petitions.forms.panel import AttachForm, EntryForm, MajorCaseForm, MeetingForm, MembersForm, QuestionForm
from petitions.models import MajorCase, PanelMeeting, PanelMember, Visit
from petitions.services.panel import (
    PanelError,
    case_log,
    major_case_attach,
    major_case_save,
    panel_meeting_plan,
    panel_meeting_record,
    panel_members_set,
    panel_question_add,
)

# --- Major cases ----------------------------------------------------------------------------------------


@require_safe
@readers
def major_case_list(request: HttpRequest) -> HttpResponse:
    cases = (
        MajorCase.objects.for_township(request.township)
        .select_related("lead_leader")
        .prefetch_related("deputies", "visits")
    )
    return render(request, "petitions/panel/major_case_list.html", {"cases": cases})


@require_safe
@readers
def major_case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_object_or_404(
        MajorCase.objects.for_township(request.township)
        .select_related("lead_leader")
        .prefetch_related("deputies", "visits__category", "entries__author"),
        pk=pk,
    )
    return render(request, "petitions/panel/major_case_detail.html", {"case": case, "entry_form": EntryForm()})


@office_only
def major_case_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    case = get_object_or_404(MajorCase.objects.for_township(request.township), pk=pk) if pk else None
    form = MajorCaseForm(request.POST or None, instance=case, township=request.township)
    if request.method == "POST" and form.is_valid():
        try:
            saved = major_case_save(
                case=form.save(commit=False),
                township=request.township,
                deputies=list(form.cleaned_data["deputies"]),
                visits=list(case.visits.all()) if case else [],
            )
        except PanelError as error:
            form.add_error(None, error.text)
        else:
            messages.success(request, _("The major case is saved."))
            return redirect("major_case_detail", pk=saved.pk)
    return render(request, "petitions/panel/major_case_form.html", {"form": form, "case": case})


@require_POST
@office_and_leaders
def major_case_entry(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_object_or_404(MajorCase.objects.for_township(request.township), pk=pk)
    form = EntryForm(request.POST)
    if form.is_valid():
        case_log(case=case, user=request.user, text=form.cleaned_data["text"])
        messages.success(request, _("Saved."))
    else:
        messages.error(request, _("Write what happened."))
    return redirect("major_case_detail", pk=case.pk)


@require_POST
@office_only
def visit_attach(request: HttpRequest, pk: int) -> HttpResponse:
    """Group a visit under a major case on the same matter."""
    visit = get_object_or_404(Visit.objects.for_township(request.township), pk=pk)
    form = AttachForm(request.POST, township=request.township)
    if form.is_valid():
        major_case_attach(case=form.cleaned_data["case"], visit=visit)
        messages.success(request, _("The visit is added to the major case."))
    else:
        messages.error(request, _("Choose an open major case of this township."))
    return redirect("visit_detail", pk=visit.pk)


# --- The supervision panel ------------------------------------------------------------------------------


def _members(request: HttpRequest):
    return PanelMember.objects.for_township(request.township).select_related("deputy")


@require_safe
@readers
def panel(request: HttpRequest) -> HttpResponse:
    members = _members(request)
    return render(
        request,
        "petitions/panel/panel.html",
        {
            "members": members,
            "meetings": PanelMeeting.objects.for_township(request.township).prefetch_related("questions", "attendees"),
            "members_form": MembersForm(initial={"deputies": [m.deputy for m in members]}, township=request.township),
        },
    )


@require_POST
@office_only
def panel_members(request: HttpRequest) -> HttpResponse:
    form = MembersForm(request.POST, township=request.township)
    if form.is_valid():
        panel_members_set(township=request.township, deputies=list(form.cleaned_data["deputies"]))
        messages.success(request, _("The panel's members are saved."))
    else:
        messages.error(request, _("Choose serving deputies of this township."))
    return redirect("panel")


@require_POST
@office_only
def panel_plan(request: HttpRequest) -> HttpResponse:
    """Plan a month's meeting (the current month unless another is given as YYYY-MM)."""
    first = as_month(request.POST.get("month")) or timezone.localdate().replace(day=1)
    meeting = panel_meeting_plan(township=request.township, month=first)
    return redirect("panel_meeting", pk=meeting.pk)


def _meeting(request: HttpRequest, pk: int) -> PanelMeeting:
    return get_object_or_404(
        PanelMeeting.objects.for_township(request.township).prefetch_related(
            "attendees", "leaders", "questions__asked_by", "questions__to_leader", "questions__referral"
        ),
        pk=pk,
    )


def _meeting_form(request: HttpRequest, meeting: PanelMeeting, data=None, files=None) -> MeetingForm:
    members = Deputy.objects.filter(pk__in=PanelMember.objects.for_township(request.township).values("deputy"))
    return MeetingForm(
        data,
        files,
        initial={
            "held_on": meeting.held_on,
            "place": meeting.place,
            "report": meeting.report,
            "attendees": list(meeting.attendees.all()),
            "leaders": list(meeting.leaders.all()),
        },
        township=request.township,
        members=members,
    )


def _meeting_page(request: HttpRequest, meeting: PanelMeeting, form: MeetingForm) -> HttpResponse:
    first, last = first_of(meeting.month), last_of(meeting.month)
    return render(
        request,
        "petitions/panel/panel_meeting.html",
        {
            "meeting": meeting,
            "figures": visit_figures(township=request.township, period=Period(first, last)),
            "breakdown": month_breakdown(township=request.township, period=Period(first, last)),
            "form": form,
            "question_form": QuestionForm(township=request.township, month=(first, last)),
        },
    )


@require_safe
@readers
def panel_meeting(request: HttpRequest, pk: int) -> HttpResponse:
    """The month's meeting: the figures compiled for the leaders' report, the report, the questions."""
    meeting = _meeting(request, pk)
    return _meeting_page(request, meeting, _meeting_form(request, meeting))


@require_POST
@office_only
def panel_meeting_save(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    form = _meeting_form(request, meeting, request.POST, request.FILES)
    if not form.is_valid():
        return _meeting_page(request, meeting, form)
    data = form.cleaned_data
    panel_meeting_record(
        meeting=meeting,
        held_on=data["held_on"],
        place=data["place"],
        report=data["report"],
        attendees=list(data["attendees"]),
        leaders=list(data["leaders"]),
        report_file=data["report_file"],
    )
    messages.success(request, _("The meeting is saved."))
    return redirect("panel_meeting", pk=meeting.pk)


@require_safe
@readers
def panel_meeting_file(request: HttpRequest, pk: int) -> HttpResponse:
    """The report attachment, to those who see the meeting (as its page); never from a public address."""
    meeting = get_object_or_404(PanelMeeting.objects.for_township(request.township), pk=pk)
    return private_file_response(request, meeting.report_file, meeting.report_filename)


@require_POST
@office_only
def panel_question(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_object_or_404(PanelMeeting.objects.for_township(request.township), pk=pk)
    form = QuestionForm(
        request.POST, township=request.township, month=(first_of(meeting.month), last_of(meeting.month))
    )
    if form.is_valid():
        data = form.cleaned_data
        panel_question_add(
            meeting=meeting,
            asked_by=data["asked_by"],
            to_leader=data["to_leader"],
            question=data["question"],
            answer=data["answer"],
            follow_up=data["follow_up"],
            referral=data["referral"],
        )
        messages.success(request, _("The question is recorded."))
    else:
        messages.error(request, _("Name the deputy, the leader and the question."))
    return redirect("panel_meeting", pk=meeting.pk)
