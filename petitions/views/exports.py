"""Exports of the lists an office works from, with the list's filters: the visits list."""

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from congress.access import readers
from congress.dates import format_month
from congress.inputs import as_month
from congress.responses import xlsx_response
from petitions.resources import visit_workbook
from petitions.views.visits import visit_rows


@require_safe
@readers
def visit_export(request: HttpRequest) -> HttpResponse:
    """The visits the list shows with its filters (month, category, outcome), every page of them."""
    visits = visit_rows(request).select_related("leader").prefetch_related("deputies")
    month = as_month(request.GET.get("month"))
    period = format_month(month) if month else ""
    content = visit_workbook(visits=visits, township=request.township, period=period)
    today = timezone.localdate()
    name = _("Constituent visits %(date)s") % {"date": period or f"{today:%Y-%m-%d}"}
    return xlsx_response(content, f"{name}.xlsx")
