"""The rates of proposals and suggestions (overall, per session, per period, per handling unit, and the
table's export), and the town's handling rules."""

from django.contrib import messages
from django.db.models import Exists, OuterRef
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from congress.access import forbidden, readers
from congress.models import CongressSession, Role
from congress.periods import Period, PeriodForm
from congress.replica import reads_replica
from congress.responses import xlsx_response
from proposals import figures, selectors
from proposals.forms import HandlingSettingsForm
from proposals.models import Proposal
from proposals.resources import unit_workbook
from proposals.services.handling_rules import handling_settings_save

# The rates page lists the participations item by item up to this many items; beyond, on a page of their own.
INLINE_ITEMS = 30


def _period(request: HttpRequest) -> tuple[QueryDict, PeriodForm, Period | None]:
    """The period asked (every item to date when none, or when it is not valid: said in a message)."""
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
    return asked, form, period


def _participation_labels() -> dict[str, str]:
    """The by-item table's phone labels (proposals.templatetags.participation), translated once a page."""
    return {
        "unit": _("Main unit"),
        "leaders": _("Leaders' participation (领导参与)"),
        "departments": _("Departments' participation (部门参与)"),
        "deputies": _("Congress's participation (人大参与)"),
    }


@require_safe
@readers
@reads_replica
def proposal_rates(request: HttpRequest) -> HttpResponse:
    """The four rates, overall and per session, with their definitions; the per-unit table with its rates;
    the three participations per unit, and per item when there are few (else a link to them); all of them every
    item to date, or over the period chosen (the export follows it, every item included)."""
    asked, form, period = _period(request)
    days = period.days if period else None
    items = Proposal.objects.for_township(request.township)
    facts = figures.item_facts(items=items, period=days)
    table = selectors.unit_table(township=request.township, facts=facts)
    overall = figures.rates_of(facts)
    exporting = request.GET.get("format") == "xlsx"
    participation = selectors.participation_table(
        township=request.township, facts=facts, by_item=None if exporting else INLINE_ITEMS
    )
    if exporting:
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
            "participation_labels": _participation_labels(),
            "period": period,
            "form": form,
            # The export link and the by-item page keep the period the page shows.
            "period_query": asked.urlencode() if period else "",
        },
    )


@require_safe
@readers
@reads_replica
def proposal_rates_items(request: HttpRequest) -> HttpResponse:
    """The three participations item by item (every item to date, or over the period chosen): the rates page's
    table when the items are too many to list there."""
    asked, form, period = _period(request)
    facts = figures.item_facts(
        items=Proposal.objects.for_township(request.township), period=period.days if period else None
    )
    return render(
        request,
        "proposals/rates_items.html",
        {
            "participation": selectors.participation_table(township=request.township, facts=facts),
            "participation_labels": _participation_labels(),
            "period": period,
            "form": form,
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
