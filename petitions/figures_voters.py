"""The figures of voters' matters (群众意见建议), defined once: the public figures page and any other page take
them from here, so a figure reads the same everywhere. Each is counted on its own day (received on the day the
matter was left, answered on the day it was answered, …); a matter hidden as spam counts in none. The year's
matters are read in one query and counted by month here: a town leaves hundreds of matters a year, not more."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from congress.dates import add_months, first_of, last_of
from congress.figures import Count, Figure
from congress.inputs import on_days
from congress.periods import Period
from petitions.models import MatterRating, MatterStatus, VoterMatter

COUNT_KEYS = ("received", "answered", "referred", "resolved")
SATISFIED = (MatterRating.SATISFIED, MatterRating.BASICALLY)


def labels() -> dict[str, tuple[str, str]]:
    """Each figure's label and definition (a sentence: what counts), by key."""
    return {
        "received": (_("Matters received"), _("Matters voters left, counted on the day they were left.")),
        "answered": (
            _("Matters answered"),
            _("Matters answered on the spot or after their referral was finished, counted on the day answered."),
        ),
        "referred": (
            _("Matters referred"),
            _("Matters referred to a handling unit, counted on the day they were left."),
        ),
        "resolved": (
            _("Matters resolved"),
            _(
                "Matters whose problem was solved on the spot, or whose referral the handling unit resolved, "
                "counted on the day answered. An answer is not a solved problem."
            ),
        ),
    }


@dataclass(frozen=True)
class MatterFigures:
    """The named figures of voters' matters of one town over one period."""

    period: Period
    counts: dict[str, Count]
    average_days: float | None
    satisfaction: Figure

    def __getitem__(self, key: str) -> Count:
        return self.counts[key]

    def __iter__(self):
        return iter(self.counts.values())


def _facts(township, period: Period) -> list[dict]:
    """The facts of every matter of the town that any figure of the period may count: one query."""
    first, last = period.first, period.last
    touched = (
        on_days("created_at", first, last) | on_days("answered_at", first, last) | on_days("rated_at", first, last)
    )
    return list(
        VoterMatter.objects.for_township(township)
        .exclude(status=MatterStatus.SPAM)
        .filter(touched)
        .values(
            "created_at",
            "answered_at",
            "rated_at",
            "rating",
            "visit__solved_on_spot",
            "visit__referral__id",
            "visit__referral__resolved",
        )
        .order_by()
    )


def _within(moment, period: Period) -> bool:
    return moment is not None and period.first <= timezone.localtime(moment).date() <= period.last


def _count(facts: list[dict], period: Period) -> MatterFigures:
    received = [f for f in facts if _within(f["created_at"], period)]
    answered = [f for f in facts if _within(f["answered_at"], period)]
    rated = [f for f in facts if f["rating"] and _within(f["rated_at"], period)]
    resolved = [f for f in answered if f["visit__solved_on_spot"] or f["visit__referral__resolved"]]
    values = {
        "received": len(received),
        "answered": len(answered),
        "referred": sum(1 for f in received if f["visit__referral__id"] is not None),
        "resolved": len(resolved),
    }
    named = labels()
    counts = {key: Count(key, *named[key], values[key]) for key in COUNT_KEYS}
    days = [(f["answered_at"] - f["created_at"]).total_seconds() / 86400 for f in answered]
    satisfied = sum(1 for f in rated if f["rating"] in SATISFIED)
    satisfaction = Figure(
        "satisfaction",
        _("Voters satisfied"),
        _("Voters who rated their matter satisfied or basically satisfied ÷ voters who rated, on the day rated."),
        satisfied,
        len(rated),
        beside_label=_("basically satisfied"),
        beside=sum(1 for f in rated if f["rating"] == MatterRating.BASICALLY),
    )
    return MatterFigures(period, counts, round(sum(days) / len(days), 1) if days else None, satisfaction)


def matter_figures(*, township, period: Period) -> MatterFigures:
    """The town's figures of voters' matters over the period."""
    return _count(_facts(township, period), period)


def year_figures(*, township, today: date | None = None) -> tuple[MatterFigures, list[MatterFigures]]:
    """This year's figures so far, and the same month by month up to this month (one query for all)."""
    today = today or timezone.localdate()
    year = Period(date(today.year, 1, 1), today)
    facts = _facts(township, year)
    months, month = [], date(today.year, 1, 1)
    while month <= first_of(today):
        months.append(_count(facts, Period(month, min(last_of(month), today))))
        month = add_months(month, 1)
    return _count(facts, year), months


def public_matters(*, township, limit: int = 10):
    """The latest answered matters whose text the voter allowed and the office approved: no name, no mobile."""
    return (
        VoterMatter.objects.for_township(township)
        .filter(Q(status=MatterStatus.ANSWERED) | Q(status=MatterStatus.CLOSED))
        .filter(public_allowed=True, public_approved_at__isnull=False)
        .select_related("visit__referral")
        .only("content", "village", "created_at", "answered_at", "visit__answer", "visit__referral__result")
        .order_by("-answered_at", "-id")[:limit]
    )
