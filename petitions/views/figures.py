"""Pages of the visit figures: the counts over a chosen period (petitions.figures), and the town's totals from
before the system, which the counts include for the years it does not cover."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from congress.access import office_only, readers
from congress.errors import refused
from congress.periods import PeriodForm, named_period
from petitions.figures import monthly, since_figures
from petitions.forms.figures import PriorTotalsForm
from petitions.models import PriorTotals
from petitions.services.prior import PriorTotalsError, prior_totals_delete, prior_totals_save

MONTHS_SHOWN = 36  # a longer period's table keeps only the months with something in them


DEFAULT_PERIOD = "this_year"


@require_safe
@readers
def visit_stats(request: HttpRequest) -> HttpResponse:
    """The town's figures over a chosen period (this year unless another is chosen), month by month."""
    today = timezone.localdate()
    form = PeriodForm(request.GET or None, initial={"period": DEFAULT_PERIOD})
    period = named_period(DEFAULT_PERIOD, today)
    if request.GET:
        if form.is_valid():
            period = form.period_of(today)
        else:
            messages.error(request, form.problem())
            form = PeriodForm(initial={"period": DEFAULT_PERIOD})
    figures, prior = since_figures(township=request.township, period=period)
    months = monthly(township=request.township, period=period)
    if len(months) > MONTHS_SHOWN or not any(count.value for m in months for count in m):
        # A long period lists only the months with something in them; a period with nothing says so instead.
        months = [m for m in months if any(count.value for count in m)]
    return render(
        request,
        "petitions/visits/visit_stats.html",
        {"form": form, "period": period, "figures": figures, "prior": prior, "months": months},
    )


@office_only
def prior_totals(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """The town's totals from before the system: the years entered, and a year added or edited."""
    totals = get_object_or_404(PriorTotals.objects.for_township(request.township), pk=pk) if pk else None
    initial = {}
    if totals is not None:
        fields = ("year", "people_received", "problems_solved", "suggestions", "source")
        initial = {name: getattr(totals, name) for name in fields}
    form = PriorTotalsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            saved = prior_totals_save(township=request.township, totals=totals, **form.cleaned_data)
        except PriorTotalsError as error:
            form.add_error(None, error.text)
        else:
            messages.success(request, _("The totals of %(year)s are saved.") % {"year": saved.year})
            return redirect("prior_totals")
    return render(
        request,
        "petitions/visits/prior_totals.html",
        {"form": form, "totals": totals, "rows": PriorTotals.objects.for_township(request.township)},
    )


@require_POST
@office_only
def prior_totals_remove(request: HttpRequest, pk: int) -> HttpResponse:
    totals = get_object_or_404(PriorTotals.objects.for_township(request.township), pk=pk)
    try:
        prior_totals_delete(totals=totals)
    except PriorTotalsError as error:
        refused(request, error)
    else:
        messages.success(request, _("The totals of %(year)s are removed.") % {"year": totals.year})
    return redirect("prior_totals")
