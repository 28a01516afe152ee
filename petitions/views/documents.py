"""Word documents the office issues about visits: the referral notice to a unit (交办单) and the supervision
panel's report of its monthly meeting to the town's leaders."""

from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from congress.access import office_only
from congress.documents import document_build
from congress.inputs import as_id
from congress.responses import docx_response
from petitions.models import PanelMeeting, Referral
from petitions.selectors.documents import panel_report, referral_for_notice


@require_safe
@office_only
def referral_notice(request: HttpRequest, pk: int) -> HttpResponse:
    """The notice that hands the case to its unit: the matter, the person, the deadlines, the deputies'
    suggestions, and the visitor's name and phone, since the unit must contact them. `?number=` fills in the
    发文字号; without it, a blank is left to write by hand."""
    try:
        referral = referral_for_notice(township=request.township, pk=pk)
    except Referral.DoesNotExist:
        raise Http404 from None
    referred_on = timezone.localtime(referral.created_at).date()
    content = document_build(
        name="referral_notice",
        township=request.township,
        context={
            "referral": referral,
            "visit": referral.visit,
            "suggestions": list(referral.visit.suggestions.all()),
            "deputies": list(referral.visit.deputies.all()),
            "year": referred_on.year,
            "number": as_id(request.GET.get("number")) or "",
            "date": referred_on,
        },
    )
    name = _("Referral notice to %(unit)s") % {"unit": referral.department.name}
    return docx_response(content, f"{name} {referred_on:%Y%m%d}.docx")


@require_safe
@office_only
def panel_meeting_report(request: HttpRequest, pk: int) -> HttpResponse:
    """The panel's report of the month to the leaders: the figures, the meeting, the questions and answers,
    the follow-ups and the open major cases. `?number=` fills the 发文字号."""
    try:
        context = panel_report(township=request.township, pk=pk)
    except PanelMeeting.DoesNotExist:
        raise Http404 from None
    meeting = context["meeting"]
    day = meeting.held_on or timezone.localdate()
    context |= {"year": day.year, "number": as_id(request.GET.get("number")) or "", "date": day}
    content = document_build(name="panel_report", township=request.township, context=context)
    name = _("Supervision panel report %(month)s") % {"month": f"{meeting.month:%Y-%m}"}
    return docx_response(content, f"{name}.docx")
