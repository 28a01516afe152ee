"""The page of a lead deputy's one-tap link (/r/<code>), opened from the text that tells them a reply arrived, on
their phone with no login (the code is the credential): the reply to read, and one tap to rate it. Opening writes
nothing; the rating is one service call, done in the name of the link's deputy."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from congress.audit import changes_made_by, client_ip
from congress.errors import refused
from congress.responses import link_refused
from deputies.models import LinkPurpose
from deputies.services.links import LinkError, link_open_with_target
from proposals import selectors
from proposals.forms import FeedbackForm
from proposals.models import Status
from proposals.services.links import reply_link_rate
from proposals.services.rules import ProposalError


@require_http_methods(["GET", "HEAD", "POST"])
def rate_link(request: HttpRequest, code: str) -> HttpResponse:
    """The reply, and buttons to rate it: the same on every point in one tap, or each point on its own."""
    try:
        link, reply = link_open_with_target(
            code=code,
            purpose=LinkPurpose.RATE,
            rows=selectors.rate_link_rows(),
            deputy_field="proposal__lead_deputy",
            viewer=request.user,
        )
    except LinkError as error:
        return link_refused(request, error, status=error.status)
    form = FeedbackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            deputy = link.deputy
            with changes_made_by(user=deputy.user if deputy.user_id else None, address=client_ip(request)):
                reply_link_rate(link=link, reply=reply, ratings=data, comment=data["comment"])
            messages.success(request, _("Thank you: your feedback is recorded."))
        except (ProposalError, LinkError) as error:
            refused(request, error)
        return redirect("rate_link", code=code)
    proposal = reply.proposal
    return render(
        request,
        "proposals/links/rate.html",
        {
            "link": link,
            "deputy": link.deputy,
            "p": proposal,
            "reply": reply,
            "feedback": next((f for f in proposal.feedback.all() if f.round == reply.round), None),
            "can_rate": proposal.status == Status.REPLIED and proposal.round == reply.round and not link.used_action,
            "form": form,
        },
    )
