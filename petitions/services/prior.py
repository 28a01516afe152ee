"""Writes of the town's totals from before the system (PriorTotals): a year the system does not cover, from
the town's own books, which the "since" counts include."""

from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from congress.errors import RuleViolation
from congress.inputs import on_days
from congress.models import Township
from petitions.models import PriorTotals, Visit

FIRST_YEAR = 1979  # the townships' people's congresses as they are now


class PriorTotalsError(RuleViolation):
    """The year or its numbers were refused; the message says why."""


def _check(*, township: Township, year: int, people_received: int, problems_solved: int, suggestions: int, pk=None):
    today = timezone.localdate()
    if year < FIRST_YEAR:
        raise PriorTotalsError(_("Give a year from 1979 on."))
    if year > today.year:
        raise PriorTotalsError(_("%(year)s has not come yet: give a past year.") % {"year": year})
    if min(people_received, problems_solved, suggestions) < 0:
        raise PriorTotalsError(_("The totals cannot be negative."))
    if problems_solved > people_received:
        raise PriorTotalsError(_("The problems solved cannot be more than the people received."))
    visits = Visit.objects.for_township(township).filter(on_days("received_at", date(year, 1, 1), date(year, 12, 31)))
    if visits.exists():
        raise PriorTotalsError(
            _("The system already holds visits of %(year)s: its counts come from them, not from totals.")
            % {"year": year}
        )
    if PriorTotals.objects.for_township(township).filter(year=year).exclude(pk=pk).exists():
        raise PriorTotalsError(_("The totals of %(year)s are already entered: edit them instead.") % {"year": year})


def prior_totals_save(
    *,
    township: Township,
    year: int,
    people_received: int,
    problems_solved: int,
    suggestions: int = 0,
    source: str = "",
    totals: PriorTotals | None = None,
) -> PriorTotals:
    """Add a year's totals, or change `totals` (of this town). Refused: a year the system covers (the town has
    a visit in it), a future year, a year before 1979, more problems solved than people, a year entered twice."""
    if totals is not None and totals.township_id != township.pk:
        raise PriorTotalsError(_("These totals are not of this township."))
    _check(
        township=township,
        year=year,
        people_received=people_received,
        problems_solved=problems_solved,
        suggestions=suggestions,
        pk=totals.pk if totals else None,
    )
    row = totals or PriorTotals(township=township)
    row.year, row.people_received, row.problems_solved = year, people_received, problems_solved
    row.suggestions, row.source = suggestions, source.strip()[:200]
    try:
        with transaction.atomic():
            row.save()
    except IntegrityError:
        raise PriorTotalsError(
            _("The totals of %(year)s are already entered: edit them instead.") % {"year": year}
        ) from None
    return row


def prior_totals_delete(*, totals: PriorTotals) -> None:
    """Remove a year's totals: the "since" counts no longer include them."""
    totals.delete()
