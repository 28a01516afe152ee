"""Pages of proposals and suggestions: the list, filing, the item's whole life on one page, the rates and
the per-unit table. Each action is allowed only to the role whose step it is."""

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from congress.access import forbidden, members, office_and_deputies, role_required
from congress.errors import refused
from congress.inputs import as_id
from congress.models import CongressSession, Role
from congress.responses import private_file_response
from deputies.selectors.register import deputy_for_user
from proposals import selectors
from proposals.forms import (
    AssignForm,
    ExtensionForm,
    FeedbackForm,
    InspectionForm,
    MeetingRecordForm,
    NoteForm,
    ProposalForm,
    ReplyForm,
    ReviewForm,
)
from proposals.models import FACE_TO_FACE, Attachment, Category, Extension, Kind, Proposal, Status, UnitRole
from proposals.services.filing import (
    attachment_add,
    cosign_confirm,
    proposal_assign,
    proposal_review,
    proposal_save,
    proposal_submit,
)
from proposals.services.handling import (
    ReplyDraft,
    assisting_opinion,
    extension_decide,
    extension_request,
    feedback_give,
    meeting_record,
    note_add,
    reply_actions_done,
    reply_submit,
)
from proposals.services.rules import EDITABLE, ProposalError


def _visible(request: HttpRequest) -> QuerySet[Proposal]:
    return selectors.visible_proposals(viewer=request.membership, township=request.township)


def proposal_rows(request: HttpRequest) -> QuerySet[Proposal]:
    """The items this user may see with the list's filters (status, kind, category, session, key items): the
    list and its export."""
    rows = _visible(request).prefetch_related("units__department")
    for name, values in (("status", Status.values), ("kind", Kind.values), ("category", Category.values)):
        if request.GET.get(name) in values:
            rows = rows.filter(**{name: request.GET[name]})
    if (session := as_id(request.GET.get("session"))) is not None:
        rows = rows.filter(session_id=session)
    if request.GET.get("key") == "1":
        rows = rows.filter(key_item=True)
    return rows


def _detail(request: HttpRequest, pk: int) -> Proposal:
    return selectors.proposal_detail(viewer=request.membership, township=request.township, pk=pk)


def _unit_row(request: HttpRequest, proposal: Proposal):
    """This unit user's assignment on the item (main or assisting), if any."""
    if request.role != Role.UNIT:
        return None
    return next((u for u in proposal.units.all() if u.department_id == request.membership.department_id), None)


@require_safe
@members
def proposal_list(request: HttpRequest) -> HttpResponse:
    rows = proposal_rows(request)
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "proposals/list.html",
        {
            "page": page,
            "query": query.urlencode(),
            "statuses": Status.choices,
            "kinds": Kind.choices,
            "categories": Category.choices,
            "sessions": CongressSession.objects.for_township(request.township),
        },
    )


@office_and_deputies
def proposal_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """File a new item, or revise a draft or a returned one: a deputy as the lead deputy, or the office."""
    lead = None
    if request.role == Role.DEPUTY:
        lead = deputy_for_user(user=request.user, township=request.township)
        if lead is None:
            raise Http404
    proposal = None
    if pk:
        proposal = get_object_or_404(Proposal.objects.for_township(request.township), pk=pk)
        if lead is not None and proposal.lead_deputy_id != lead.pk:
            raise Http404
        if proposal.status not in EDITABLE:
            messages.error(request, _("Only a draft or a returned item can be edited."))
            return redirect("proposal_detail", pk=proposal.pk)
    form = ProposalForm(request.POST or None, instance=proposal, township=request.township, lead=lead)
    if request.method == "POST" and form.is_valid():
        item = form.save(commit=False)
        if lead is not None:
            item.lead_deputy = lead
        submit = request.POST.get("submit") == "1"
        try:
            item = proposal_save(
                proposal=item,
                township=request.township,
                cosigners=list(form.cleaned_data["cosigners"]),
                user=request.user,
                by_office=request.role == Role.OFFICE,
                submit=submit,
            )
            messages.success(request, _("Submitted to the presidium for review.") if submit else _("Saved as a draft."))
        except ProposalError as error:
            form.add_error(None, error.text)
        else:
            return redirect("proposal_detail", pk=item.pk)
    return render(request, "proposals/form.html", {"form": form, "proposal": proposal})


@require_safe
@members
def proposal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        proposal = _detail(request, pk)
    except ObjectDoesNotExist:
        raise Http404 from None
    deputy = deputy_for_user(user=request.user, township=request.township) if request.role == Role.DEPUTY else None
    unit = _unit_row(request, proposal)
    is_main = unit is not None and unit.role == UnitRole.MAIN
    return render(
        request,
        "proposals/detail.html",
        {
            "p": proposal,
            "is_lead": deputy is not None and deputy.pk == proposal.lead_deputy_id,
            "my_cosign": next((c for c in proposal.cosigners.all() if deputy and c.deputy_id == deputy.pk), None),
            "unit": unit,
            "can_handle": request.role == Role.OFFICE or is_main,
            "held": selectors.meetings_held(proposal).get(proposal.round, set()),
            "needed": selectors.meetings_needed(proposal),
            "phone_third": "call" in selectors.third_meeting_forms(proposal),
            "face_to_face": FACE_TO_FACE,
            "latest_reply": max(proposal.replies.all(), key=lambda r: r.round, default=None),
            "review_form": ReviewForm(township=request.township),
            "assign_form": AssignForm(township=request.township),
            "meeting_form": MeetingRecordForm(township=request.township),
            "note_form": NoteForm(),
            "extension_form": ExtensionForm(),
            "reply_form": ReplyForm(township=request.township),
            "feedback_form": FeedbackForm(),
            "inspections": proposal.inspections.all(),
            "participation": selectors.participation_of(proposal),
            "inspection_form": (
                InspectionForm(township=request.township) if request.role == Role.OFFICE and proposal.key_item else None
            ),
        },
    )


ACTIONS = {
    "submit",
    "cosign",
    "review",
    "assign",
    "meeting",
    "note",
    "supervise",
    "opinion",
    "extend",
    "reply",
    "feedback",
    "actions-done",
}


def _allowed(request: HttpRequest, proposal: Proposal, action: str, deputy, unit) -> bool:
    """Whose step each action is."""
    office = request.role == Role.OFFICE
    main = unit is not None and unit.role == UnitRole.MAIN
    lead = deputy is not None and deputy.pk == proposal.lead_deputy_id
    return {
        "submit": office or lead,
        "cosign": deputy is not None,
        "review": office,
        "assign": office,
        "meeting": office or main,
        "note": office or unit is not None,
        "supervise": office or request.role == Role.LEADER,
        "opinion": unit is not None,
        "extend": main,
        "reply": office or main,
        "feedback": deputy is not None,
        "actions-done": office,
    }[action]


@require_POST
@members
def proposal_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    if action not in ACTIONS:
        raise Http404
    try:
        proposal = _detail(request, pk)
    except ObjectDoesNotExist:
        raise Http404 from None
    deputy = deputy_for_user(user=request.user, township=request.township) if request.role == Role.DEPUTY else None
    unit = _unit_row(request, proposal)
    if not _allowed(request, proposal, action, deputy, unit):
        return forbidden(request, _("This step of the item is not yours."))
    try:
        _perform(request, proposal, action, deputy, unit)
    except ProposalError as error:
        refused(request, error)
    return redirect("proposal_detail", pk=proposal.pk)


def _perform(request: HttpRequest, proposal: Proposal, action: str, deputy, unit) -> None:
    post = request.POST
    forms = {
        "review": lambda: ReviewForm(post, township=request.township),
        "assign": lambda: AssignForm(post, township=request.township),
        "meeting": lambda: MeetingRecordForm(post, township=request.township),
        "note": lambda: NoteForm(post),
        "supervise": lambda: NoteForm(post),
        "opinion": lambda: NoteForm(post),
        "extend": lambda: ExtensionForm(post),
        "reply": lambda: ReplyForm(post, township=request.township),
        "feedback": lambda: FeedbackForm(post),
    }
    data = {}
    if action in forms:
        form = forms[action]()
        if not form.is_valid():
            errors = [
                f"{form.fields[f].label if f in form.fields else ''} {' '.join(e)}".strip()
                for f, e in form.errors.items()
            ]
            raise ProposalError(_("Check the form: %(errors)s") % {"errors": "；".join(errors)})
        data = form.cleaned_data
    if action == "submit":
        proposal_submit(proposal=proposal)
    elif action == "cosign":
        cosign_confirm(proposal=proposal, deputy=deputy)
    elif action == "review":
        proposal_review(proposal=proposal, decision=data["decision"], note=data["note"], merge_into=data["merge_into"])
    elif action == "assign":
        proposal_assign(
            proposal=proposal,
            main=data["main"],
            assisting=list(data["assisting"]),
            due=data["due"],
            key_leader=data["key_leader"],
        )
    elif action == "meeting":
        meeting_record(proposal=proposal, user=request.user, **data)
    elif action in ("note", "supervise"):
        note_add(proposal=proposal, user=request.user, text=data["text"], supervision=action == "supervise")
    elif action == "opinion":
        assisting_opinion(unit=unit, text=data["text"])
    elif action == "extend":
        extension_request(proposal=proposal, months=data["months"], reason=data["reason"])
    elif action == "reply":
        reply_submit(proposal=proposal, user=request.user, draft=ReplyDraft(**data))
    elif action == "feedback":
        feedback_give(
            proposal=proposal,
            deputy=deputy,
            comment=data.pop("comment"),
            ratings=data,
        )
    elif action == "actions-done":
        reply = proposal.replies.order_by("-round").first()
        if reply is None:
            raise ProposalError(_("There is no reply yet."))
        reply_actions_done(reply=reply)
    messages.success(request, _("Saved."))


@require_POST
@office_and_deputies
def attachment_upload(request: HttpRequest, pk: int) -> HttpResponse:
    """Attach a file to a draft or returned item: its lead deputy, or the office."""
    try:
        proposal = _detail(request, pk)
    except ObjectDoesNotExist:
        raise Http404 from None
    deputy = deputy_for_user(user=request.user, township=request.township) if request.role == Role.DEPUTY else None
    if request.role == Role.DEPUTY and (deputy is None or deputy.pk != proposal.lead_deputy_id):
        return forbidden(request, _("Only the lead deputy or the office attaches files to an item."))
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, _("Choose a file to attach."))
        return redirect("proposal_detail", pk=proposal.pk)
    try:
        attachment_add(proposal=proposal, upload=upload, user=request.user)
        messages.success(request, _("The file is attached."))
    except ProposalError as error:
        refused(request, error)
    return redirect("proposal_detail", pk=proposal.pk)


@require_safe
@members
def attachment_download(request: HttpRequest, pk: int) -> HttpResponse:
    """A file of an item, to those who may see the item; never from a public address."""
    attachment = get_object_or_404(Attachment.objects.for_township(request.township), pk=pk)
    if not _visible(request).filter(pk=attachment.proposal_id).exists():
        raise Http404
    return private_file_response(request, attachment.file, attachment.name)


@require_POST
@role_required(Role.OFFICE)
def extension_decision(request: HttpRequest, pk: int) -> HttpResponse:
    extension = get_object_or_404(Extension.objects.for_township(request.township), pk=pk)
    try:
        extension_decide(extension=extension, approve=request.POST.get("decision") == "approve", user=request.user)
        messages.success(request, _("Saved."))
    except ProposalError as error:
        refused(request, error)
    return redirect("proposal_detail", pk=extension.proposal_id)
