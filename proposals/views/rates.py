"""The rates of proposals and suggestions (overall, per session, per period, per handling unit, and the
table's export), and the town's handling rules."""

from django.contrib import messages
from django.db.models import Exists, OuterRef
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from congress.access import forbidden, readers
from congress.models import CongressSession, Role
from congress.periods import PeriodForm
from congress.replica import reads_replica
from congress.responses import xlsx_response
from proposals import figures, selectors
from proposals.forms import HandlingSettingsForm
from proposals.models import Proposal
from proposals.resources import unit_workbook
from proposals.services.handling_rules import handling_settings_save


@require_safe
@readers
@reads_replica
def proposal_rates(request: HttpRequest) -> HttpResponse:
    """The four rates, overall and per session, with their definitions; the per-unit table with its rates;
    the three participations per unit and per item; all of them every item to date, or over the period chosen
    (the export follows it)."""
    asked = request.GET.copy()
    asked.pop("format", None)
    form = PeriodForm(asked or None, everything=True)
    period = None
    if asked:
        if form.is_valid():
            period = form.period_of(timezone.localdate())
        else:
            messages.error(request, form.problem() + " " + _("Showing every item to date."))
            form = PeriodForm(everything=True)
    days = period.days if period else None
    items = Proposal.objects.for_township(request.township)
    facts = figures.item_facts(items=items, period=days)
    table = selectors.unit_table(township=request.township, facts=facts)
    overall = figures.rates_of(facts)
    participation = selectors.participation_table(township=request.township, facts=facts)
    if request.GET.get("format") == "xlsx":
        name = _("Proposals by handling unit")
        shown = f"{period.first:%Y-%m-%d}—{period.last:%Y-%m-%d}" if period else ""
        if period:
            name = f"{name} {shown}"
        content = unit_workbook(
            table=table, overall=overall, participation=participation, township=request.township, period=shown
        )
        return xlsx_response(content, f"{name}.xlsx")
    # The sessions with an item, each with the rates of its items, split from the town's facts.
    with_items = list(
        CongressSession.objects.for_township(request.township).filter(Exists(items.filter(session=OuterRef("pk"))))
    )
    by_session = figures.rates_by(facts, group="session_id", groups=[s.pk for s in with_items])
    sessions = [(session, by_session[session.pk]) for session in with_items]
    return render(
        request,
        "proposals/rates.html",
        {
            "overall": overall,
            "sessions": sessions,
            "table": table,
            "participation": participation,
            # The by-item table's phone labels (proposals.templatetags.participation), translated once a page.
            "participation_labels": {
                "unit": _("Main unit"),
                "leaders": _("Leaders' participation (领导参与)"),
                "departments": _("Departments' participation (部门参与)"),
                "deputies": _("Congress's participation (人大参与)"),
            },
            "period": period,
            "form": form,
            # The export link keeps the period the page shows.
            "period_query": asked.urlencode() if period else "",
        },
    )


@readers
def handling_rules(request: HttpRequest) -> HttpResponse:
    """The town's rules for handling items: the office sets them; leaders and the county read them."""
    instance = selectors.handling_settings_for(township=request.township)
    read_only = request.role != Role.OFFICE
    if request.method == "POST" and read_only:
        return forbidden(request, _("Only the congress office sets the town's handling rules."))
    data = request.POST if request.method == "POST" else None
    form = HandlingSettingsForm(data, instance=instance, read_only=read_only)
    if request.method == "POST" and form.is_valid():
        handling_settings_save(settings=form.save(commit=False))
        messages.success(request, _("Handling rules saved."))
        return redirect("proposal_rules")
    return render(request, "proposals/rules.html", {"form": form, "read_only": read_only})
