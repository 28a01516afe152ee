"""The proposals list as a workbook, with the list's filters."""

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from congress.access import readers
from congress.inputs import as_id
from congress.models import CongressSession
from congress.responses import xlsx_response
from proposals import figures
from proposals.resources import proposal_list_workbook
from proposals.views.items import proposal_rows


@require_safe
@readers
def proposal_export(request: HttpRequest) -> HttpResponse:
    """Every item the list shows with its filters (every page), with the facts the rates count as of today."""
    items = proposal_rows(request).select_related("session", "lead_deputy")
    facts = figures.item_facts(items=items.prefetch_related(None))
    session = None
    if (pk := as_id(request.GET.get("session"))) is not None:
        session = CongressSession.objects.for_township(request.township).filter(pk=pk).first()
    period = str(session) if session else ""
    content = proposal_list_workbook(items=items, facts=facts, township=request.township, period=period)
    name = _("Proposals and suggestions %(date)s") % {"date": f"{timezone.localdate():%Y-%m-%d}"}
    return xlsx_response(content, f"{name}.xlsx")
