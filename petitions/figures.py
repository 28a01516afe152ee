"""The figures of visits, problems and the deputies' handling suggestions (issue #19), defined once: every page,
export, bulletin, chart and the county overview takes them from here, so a figure has the same value wherever
it appears.

Each figure is counted over a period (its first to its last day, both included) as of the period's end, or
today for a period still running. The facts are read in three grouped queries (visits, referrals,
suggestions), per town, so one town's figures and the county's towns' figures are the same reads; the monthly
series group the same conditions by month."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count as Counted
from django.db.models import Q, QuerySet, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _

from congress.dates import add_months, first_of, last_of
from congress.figures import Count, Figure
from congress.inputs import on_days
from congress.periods import Period
from petitions.models import HandlingSuggestion, PriorTotals, Referral, Visit

COUNT_KEYS = (
    "visits",
    "people",
    "reception_people",
    "solved",
    "opened",
    "resolved",
    "overdue",
    "suggestions_made",
    "suggestions_adopted",
    "suggestions_carried_out",
)
RATE_KEY = "suggestions_implemented"


def labels() -> dict[str, tuple[str, str]]:
    """Each figure's label and definition (a sentence: what counts), by key."""
    return {
        "visits": (
            _("All visits"),
            _("Every visit recorded, received on any day (a collective visit counts once)."),
        ),
        "people": (
            _("People in all visits"),
            _("The people in every visit recorded, received on any day: a collective visit counts its size."),
        ),
        "reception_people": (
            _("People received on reception days"),
            _("The people in the visits received on a reception duty day: a collective visit counts its size."),
        ),
        "solved": (
            _("Problems solved"),
            _(
                "Visits whose problem was solved on the spot, counted on the day received, and referred cases "
                "resolved whose visitor was told, counted on the day the visitor was told. An answer on the "
                "spot is not a solved problem, nor is a case resolved whose visitor has not been told."
            ),
        ),
        "opened": (
            _("Referrals opened"),
            _("Cases referred to a handling unit, counted on the day the visit was received."),
        ),
        "resolved": (
            _("Referrals resolved"),
            _("Referred cases the handling unit resolved, counted on the day it finished them."),
        ),
        "overdue": (
            _("Referrals overdue"),
            _(
                "Referred cases past their deadline and not finished at the period's end (today, for a period "
                "still running): a case finished later still counts for the period it was late in."
            ),
        ),
        "suggestions_made": (
            _("Suggestions made"),
            _("The deputies' handling suggestions made in the period."),
        ),
        "suggestions_adopted": (
            _("Suggestions adopted"),
            _("Handling suggestions the handling unit decided in the period to adopt."),
        ),
        "suggestions_carried_out": (
            _("Suggestions carried out"),
            _("Adopted handling suggestions the handling unit carried out in the period."),
        ),
    }


@dataclass(frozen=True)
class VisitFigures:
    """The named figures of one town over one period."""

    period: Period
    counts: dict[str, Count]
    implemented: Figure

    def __getitem__(self, key: str) -> Count:
        return self.counts[key]

    def value(self, key: str) -> int:
        return self.counts[key].value

    def __iter__(self):
        return iter(self.counts.values())

    def stored(self) -> list[dict]:
        """As a bulletin keeps them (JSON)."""
        return [count.stored() for count in self] + [self.implemented.stored()]

    def values(self) -> dict:
        """The counts' values and the 落实 rate's two numbers, for keeping (the labels are the reader's)."""
        return {
            "counts": {key: count.value for key, count in self.counts.items()},
            "implemented": [self.implemented.numerator, self.implemented.denominator],
        }

    @classmethod
    def from_values(cls, period: Period, kept: dict, named: dict | None = None) -> "VisitFigures":
        """Figures kept by `values`, labelled and defined in the reader's language (`named`: the `labels()` of
        a page that reads many towns' figures, translated once)."""
        return cls(period, _counts(kept["counts"], named), implementation_rate(*kept["implemented"]))


def implementation_rate(carried: int, adopted: int) -> Figure:
    return Figure(
        RATE_KEY,
        _("Suggestions carried out (落实率)"),
        _("Handling suggestions adopted in the period and carried out by its end ÷ suggestions adopted in the period."),
        carried,
        adopted,
    )


def _counts(values: dict[str, int], named: dict | None = None) -> dict[str, Count]:
    named = named or labels()
    return {key: Count(key, *named[key], values.get(key) or 0) for key in COUNT_KEYS}


def _grouped(rows: QuerySet, group: str, **aggregates) -> dict:
    return {row[group]: row for row in rows.values(group).annotate(**aggregates).order_by()}


def _reads(towns: Q, period: Period, group: str = "township_id", station=None) -> list[dict]:
    """The three grouped reads of the towns `towns` over the period, grouped by `group`; with `station`, only the
    visits received there (a station's or a contact point's own figures)."""
    first, last, on = period.first, period.last, period.on
    received = on_days("received_at", first, last)
    here, at = ({"station": station}, {"visit__station": station}) if station is not None else ({}, {})
    visits = _grouped(
        Visit.objects.filter(towns, received, **here),
        group,
        visits=Counted("id"),
        people=Sum("visitor_count"),
        reception_people=Sum("visitor_count", filter=Q(duty_day__isnull=False)),
        solved_on_spot=Counted("id", filter=Q(solved_on_spot=True)),
    )
    late = Q(due__lt=on) & (Q(finished_at__isnull=True) | on_days("finished_at", on + timedelta(days=1)))
    referrals = _grouped(
        Referral.objects.filter(towns, **at),
        group,
        opened=Counted("id", filter=on_days("visit__received_at", first, last)),
        # Named apart from the field `resolved`, which the other counts filter on.
        resolved_cases=Counted("id", filter=on_days("finished_at", first, last) & Q(resolved=True)),
        told=Counted("id", filter=on_days("visitor_told_at", first, last) & Q(resolved=True)),
        overdue=Counted("id", filter=late),
    )
    adopted_in = on_days("decided_at", first, last) & Q(adopted=True)
    suggestions = _grouped(
        HandlingSuggestion.objects.filter(towns, **at),
        group,
        suggestions_made=Counted("id", filter=on_days("created_at", first, last)),
        suggestions_adopted=Counted("id", filter=adopted_in),
        suggestions_carried_out=Counted("id", filter=on_days("carried_out_at", first, last)),
        implemented=Counted("id", filter=adopted_in & on_days("carried_out_at", None, on)),
    )
    return [visits, referrals, suggestions]


def _figures(period: Period, reads: list[dict], key) -> VisitFigures:
    visits, referrals, suggestions = (read.get(key, {}) for read in reads)
    values = {**visits, **referrals, **suggestions}
    values["solved"] = (visits.get("solved_on_spot") or 0) + (referrals.get("told") or 0)
    values["resolved"] = referrals.get("resolved_cases") or 0
    counts = _counts(values)
    rate = implementation_rate(suggestions.get("implemented", 0), counts["suggestions_adopted"].value)
    return VisitFigures(period, counts, rate)


def figures_by_town(*, township_ids: Iterable[int], period: Period) -> dict[int, VisitFigures]:
    """The figures of each of the towns over the period: three grouped queries, whatever the number of towns."""
    ids = list(township_ids)
    reads = _reads(Q(township_id__in=ids), period)
    return {pk: _figures(period, reads, pk) for pk in ids}


def station_figures(*, station, period: Period) -> VisitFigures:
    """A station's or contact point's own figures over the period: the same figures, of the visits received there
    (and their referrals and suggestions); the town's figures count them too."""
    reads = _reads(Q(township_id=station.township_id), period, station=station)
    return _figures(period, reads, station.township_id)


def visit_figures(*, township, period: Period) -> VisitFigures:
    """The town's figures over the period."""
    return figures_by_town(township_ids=[township.pk], period=period)[township.pk]


def _month_reads(township, period: Period) -> list[dict]:
    """The reads of `_reads`, grouped by the month of each figure's own day."""
    first, last = period.first, period.last
    town = Q(township=township)
    visits = _grouped(
        Visit.objects.filter(town, on_days("received_at", first, last)).annotate(month=TruncMonth("received_at")),
        "month",
        visits=Counted("id"),
        people=Sum("visitor_count"),
        reception_people=Sum("visitor_count", filter=Q(duty_day__isnull=False)),
        solved_on_spot=Counted("id", filter=Q(solved_on_spot=True)),
    )
    opened = _grouped(
        Referral.objects.filter(town, on_days("visit__received_at", first, last)).annotate(
            month=TruncMonth("visit__received_at")
        ),
        "month",
        opened=Counted("id"),
    )
    told = _grouped(
        Referral.objects.filter(town, on_days("visitor_told_at", first, last), resolved=True).annotate(
            month=TruncMonth("visitor_told_at")
        ),
        "month",
        told=Counted("id"),
    )
    return [visits, opened, told]


def monthly(*, township, period: Period) -> list[VisitFigures]:
    """Month by month over the period (whole months): visits, people, people on reception days, problems
    solved and referrals opened, as `visit_figures` counts them for each month (four queries). Months with
    nothing are kept, with zeros."""
    months, month = [], first_of(period.first)
    while month <= period.last:
        months.append(month)
        month = add_months(month, 1)
    whole = Period(months[0], last_of(months[-1])) if months else period
    reads = _month_reads(township, whole)
    out = []
    for month in months:
        visits, opened, told = (_by_month(read, month) for read in reads)
        values = {**visits, **opened, "solved": (visits.get("solved_on_spot") or 0) + (told.get("told") or 0)}
        counts = {key: count for key, count in _counts(values).items() if key in MONTHLY_KEYS}
        out.append(VisitFigures(Period.month(month), counts, implementation_rate(0, 0)))
    return out


MONTHLY_KEYS = ("visits", "people", "reception_people", "solved", "opened")


def _by_month(read: dict, month: date) -> dict:
    return next((row for key, row in read.items() if timezone.localtime(key).date() == month), {})


def month_breakdown(*, township, period: Period) -> dict:
    """The period's referrals by handling unit (opened and resolved, as `visit_figures` counts them) and its
    visits by category: what the supervision panel hears besides the figures."""
    first, last = period.first, period.last
    opened, resolved = on_days("visit__received_at", first, last), on_days("finished_at", first, last)
    by_department = (
        Referral.objects.for_township(township)
        .filter(opened | resolved)
        .values("department__name")
        .annotate(opened=Counted("id", filter=opened), resolved=Counted("id", filter=resolved & Q(resolved=True)))
        .order_by("-opened", "department__name")
    )
    by_category = (
        Visit.objects.for_township(township)
        .filter(on_days("received_at", first, last))
        .values("category__name")
        .annotate(n=Counted("id"))
        .order_by("-n", "category__name")
    )
    return {"by_department": list(by_department), "by_category": list(by_category)}


# --- Since a day, with the town's totals from before the system ---------------------------------------------


@dataclass(frozen=True)
class Prior:
    """The totals from before the system a "since" count includes: the years, and what they add."""

    years: list[int]
    people: int
    solved: int
    suggestions: int

    @property
    def before(self) -> int | None:
        return max(self.years) + 1 if self.years else None


def prior_included(*, township, period: Period) -> Prior:
    """The town's totals of the whole years inside the period (the years the system does not cover)."""
    rows = PriorTotals.objects.for_township(township).filter(year__lte=period.last.year)
    rows = [r for r in rows if date(r.year, 1, 1) >= period.first and date(r.year, 12, 31) <= period.last]
    return Prior(
        years=[r.year for r in rows],
        people=sum(r.people_received for r in rows),
        solved=sum(r.problems_solved for r in rows),
        suggestions=sum(r.suggestions for r in rows),
    )


def since_figures(*, township, period: Period) -> tuple[VisitFigures, Prior]:
    """The town's figures over the period with its totals from before the system added to people received
    on reception days, problems solved and suggestions made; the totals added are returned to be said."""
    figures = visit_figures(township=township, period=period)
    prior = prior_included(township=township, period=period)
    if not prior.years:
        return figures, prior
    counts = dict(figures.counts)
    added = {"reception_people": prior.people, "solved": prior.solved, "suggestions_made": prior.suggestions}
    for key, extra in added.items():
        counts[key] = Count(key, counts[key].label, counts[key].definition, counts[key].value + extra)
    return VisitFigures(period, counts, figures.implemented), prior
