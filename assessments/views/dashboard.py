"""Pages of the monthly assessment: the unified standard, the month's ranking, the bulletins (drafted, edited,
published, printed, exported), a deputy's own scores, the year's grades and commendations, the leadership
dashboard and the county overview."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from assessments.selectors import dashboard as selectors
from congress.access import readers, role_required
from congress.dates import first_of
from congress.inputs import as_month
from congress.models import Role
from congress.replica import reads_replica


@require_safe
@readers
@reads_replica
def dashboard(request: HttpRequest) -> HttpResponse:
    data = selectors.dashboard(township=request.township)
    return render(
        request,
        "assessments/dashboard/dashboard.html",
        {"d": data, "charts": data["charts"], "chart_labels": _chart_labels()},
    )


def _chart_labels() -> dict[str, str]:
    return {"visits": _("Visits"), "solved": _("Solved"), "cases": _("Cases"), "resolved": _("Resolved")}


@require_safe
@role_required(Role.COUNTY)
@reads_replica
def county_overview(request: HttpRequest) -> HttpResponse:
    sort = request.GET.get("sort", "town")
    today = timezone.localdate()
    month = as_month(request.GET.get("month")) or first_of(today)
    if month > today:
        month = first_of(today)
    rows = selectors.sort_overview(selectors.county_overview(county=request.county, month=month), sort)
    chart = {
        "labels": [row["town"].name for row in rows],
        "visits": [row["visits"] for row in rows],
        "resolved": [row["resolved"] for row in rows],
    }
    return render(
        request,
        "assessments/dashboard/county_overview.html",
        {
            "rows": rows,
            "sort": sort,
            "month": month,
            "counts": selectors.OVERVIEW_COUNTS,
            "chart": chart,
            "chart_labels": _chart_labels(),
            # The columns' headings, also each cell's label on a phone (assessments.templatetags.overview).
            "headings": {
                "deputies": _("Deputies"),
                "duty": _("Duty attendance"),
                "reply": _("Reply rate"),
                "score": _("Average score"),
            },
        },
    )
