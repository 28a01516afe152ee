"""Pages of notices (通知), for the office: the town's notices with what became of them, sending one to the
serving deputies of the town or of a group, and one notice's messages, deputy by deputy; and the page a deputy
opens from the notice's text message (/n/<code>), with no login, to read it in full."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_safe

from congress import selectors as congress_selectors
from congress.access import office_only
from congress.errors import refused
from congress.responses import link_refused
from deputies.forms.notices import NoticeForm
from deputies.models import LinkPurpose, Notice
from deputies.selectors import notices as selectors
from deputies.services import notices as services
from deputies.services.links import LinkError, link_open


@require_safe
@office_only
def notice_list(request: HttpRequest) -> HttpResponse:
    rows = selectors.notice_list(viewer=request.membership, township=request.township)
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    return render(request, "deputies/notices/notice_list.html", {"page": page})


def _tell_outcome(request: HttpRequest, outcome: services.NoticeOutcome) -> None:
    """Say whom the notice reached, and how, and name those it cannot reach."""
    texted = ngettext(
        "%(count)d deputy gets it by text message.", "%(count)d deputies get it by text message.", outcome.texted
    ) % {"count": outcome.texted}
    inbox = ngettext(
        "%(count)d only in the inbox (no mobile in the register).",
        "%(count)d only in the inbox (no mobile in the register).",
        outcome.inbox_only,
    ) % {"count": outcome.inbox_only}
    messages.success(request, _("The notice is sent.") + " " + texted + (" " + inbox if outcome.inbox_only else ""))
    if outcome.unreachable:
        names = "、".join(outcome.unreachable)
        message = _("Not reached — no mobile and no login: %(names)s. Tell them another way.")
        messages.warning(request, message % {"names": names})


@office_only
def notice_send(request: HttpRequest) -> HttpResponse:
    form = NoticeForm(request.POST or None, township=request.township)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            outcome = services.notice_send(
                township=request.township,
                user=request.user,
                title=data["title"],
                text=data["text"],
                audience=data["audience"],
                group=data["group"],
            )
        except services.NoticeError as error:
            refused(request, error)
        else:
            _tell_outcome(request, outcome)
            return redirect("notice_detail", pk=outcome.notice.pk)
    return render(request, "deputies/notices/notice_form.html", {"form": form})


@require_safe
@office_only
def notice_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        notice = selectors.notice_detail(viewer=request.membership, township=request.township, pk=pk)
    except Notice.DoesNotExist:
        raise Http404 from None
    found = selectors.notice_messages(viewer=request.membership, township=request.township, notice=notice)
    rows = congress_selectors.message_rows(viewer=request.membership, township=request.township, rows=found)
    return render(request, "deputies/notices/notice_detail.html", {"notice": notice, "rows": rows})


@require_safe
def notice_link(request: HttpRequest, code: str) -> HttpResponse:
    """A notice's link from its text message: the notice in full, for the deputy it was sent to. Reading writes
    nothing."""
    try:
        link = link_open(code=code, purpose=LinkPurpose.NOTICE, viewer=request.user)
    except LinkError as error:
        return link_refused(request, error, status=error.status)
    notice = selectors.notice_for_link(link=link)
    if notice is None:
        error = LinkError(_("What this link was for no longer exists. Ask the congress office."), code="target")
        return link_refused(request, error, status=error.status)
    return render(request, "deputies/notices/read.html", {"notice": notice, "deputy": link.deputy})
