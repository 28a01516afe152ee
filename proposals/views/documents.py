"""Word documents of an item, for the office: the assignment notice to its units (交办通知) and the main unit's
reply letter to the lead deputy (答复函); and a session's collection of items and replies (汇编)."""

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from congress.access import office_only
from congress.documents import document_build
from congress.inputs import as_id
from congress.models import CongressSession
from congress.responses import docx_response
from proposals import selectors
from proposals.models import Kind, Proposal, UnitRole


def _item(request: HttpRequest, pk: int) -> Proposal:
    try:
        return selectors.proposal_detail(viewer=request.membership, township=request.township, pk=pk)
    except ObjectDoesNotExist:
        raise Http404 from None


def _units(proposal: Proposal) -> tuple:
    units = list(proposal.units.all())
    main = next((u for u in units if u.role == UnitRole.MAIN), None)
    return main, [u for u in units if u.role == UnitRole.ASSISTING]


def _name(what: str, proposal: Proposal) -> str:
    return _("%(what)s of %(item)s") % {"what": what, "item": proposal.number_label or proposal.title}


@require_safe
@office_only
def assignment_notice(request: HttpRequest, pk: int) -> HttpResponse:
    """The notice that assigns the item to its main and assisting units, with the deadlines; `?number=` fills
    the 发文字号, else a blank is left."""
    proposal = _item(request, pk)
    main, assisting = _units(proposal)
    if main is None:
        messages.error(request, _("The item is not assigned to a unit yet."))
        return redirect("proposal_detail", pk=proposal.pk)
    day = timezone.localtime(proposal.assigned_at).date() if proposal.assigned_at else timezone.localdate()
    content = document_build(
        name="proposal_assignment",
        township=request.township,
        context={
            "proposal": proposal,
            "main": main,
            "assisting": assisting,
            "cosigners": [c.deputy for c in proposal.cosigners.all()],
            "year": day.year,
            "number": as_id(request.GET.get("number")) or "",
            "date": day,
        },
    )
    return docx_response(content, _name(_("Assignment notice"), proposal) + ".docx")


@require_safe
@office_only
def reply_letter(request: HttpRequest, pk: int) -> HttpResponse:
    """The main unit's latest reply as its letter to the lead deputy: the class, what was done and is planned,
    the signer and the contact."""
    proposal = _item(request, pk)
    reply = max(proposal.replies.all(), key=lambda r: r.round, default=None)
    if reply is None:
        messages.error(request, _("There is no reply yet."))
        return redirect("proposal_detail", pk=proposal.pk)
    main, _assisting = _units(proposal)
    unit = main.department.name if main else ""
    issuer = unit if not unit or unit.startswith(request.township.name) else f"{request.township.name}{unit}"
    day = timezone.localtime(reply.submitted_at).date()
    content = document_build(
        name="proposal_reply",
        township=request.township,
        context={
            "proposal": proposal,
            "reply": reply,
            "issuer": issuer,
            "year": day.year,
            "number": as_id(request.GET.get("number")) or "",
            "date": day,
        },
    )
    return docx_response(content, _name(_("Reply letter"), proposal) + ".docx")


@require_safe
@office_only
def session_collection(request: HttpRequest, pk: int) -> HttpResponse:
    """The session's proposals and suggestions with their replies, bound in one document: the contents by
    number, then each item on its own pages with its units and its latest reply."""
    try:
        session, items = selectors.session_collection(township=request.township, session_pk=pk)
    except CongressSession.DoesNotExist:
        raise Http404 from None
    for item in items:
        item.main, item.assisting = _units(item)
        item.latest_reply = max(item.replies.all(), key=lambda r: r.round, default=None)
    content = document_build(
        name="proposal_collection",
        township=request.township,
        context={
            "session": session,
            "proposals": [i for i in items if i.kind == Kind.PROPOSAL],
            "suggestions": [i for i in items if i.kind == Kind.SUGGESTION],
            "items": items,
            "date": timezone.localdate(),
        },
    )
    name = _("Proposals and replies of %(session)s") % {"session": session}
    return docx_response(content, f"{name}.docx")
