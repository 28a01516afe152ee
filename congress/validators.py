"""The ranges of the dates people type, written once; forms and imports use these validators.

- HAPPENED — a visit, a visitor told, a suggestion carried out: from ten years ago to today, never in the future.
- BIRTH — a deputy's date of birth: from 1 January 1900 to 18 years ago (a deputy is 18 or older).
- DEADLINE — a referral's or an item's deadline, a planned date: within two years of today, either way
  (a paper case entered late keeps its passed deadline; two years is beyond any handling time the rules set).
- RECORD — any other date of the town's work (activities, duty days and rosters, meetings, commendations, terms,
  a standard's start): from ten years ago (two terms of a congress, so a whole term's paper ledgers can be
  entered late) to two years ahead (a roster, plan or meeting is never set further ahead).

A date outside its range is a typing slip (9999-12-31, a birth year of 2062): the message names the range.
The range moves with the town's today, so it is worked out when a value is checked, not when a module loads."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from congress.dates import format_day


def years_before(day: date, years: int) -> date:
    """The same day `years` earlier (or later, with a negative count); 29 February falls back to the 28th."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


@dataclass(frozen=True)
class DateRange:
    """A range of dates relative to the town's today, as a Django validator (forms' fields, import cells)."""

    name: str
    earliest: Callable[[date], date]
    latest: Callable[[date], date]
    message: str

    def bounds(self, today: date | None = None) -> tuple[date, date]:
        today = today or timezone.localdate()
        return self.earliest(today), self.latest(today)

    def __call__(self, value: date | datetime | None) -> None:
        if value is None:
            return
        if isinstance(value, datetime):
            value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
        first, last = self.bounds()
        if not first <= value <= last:
            raise ValidationError(
                self.message,
                code="date_range",
                params={"first": format_day(first), "last": format_day(last)},
            )


HAPPENED = DateRange(
    "happened",
    lambda today: years_before(today, 10),
    lambda today: today,
    _("Enter a date from %(first)s to %(last)s (today): it cannot be in the future."),
)
BIRTH = DateRange(
    "birth",
    lambda today: date(1900, 1, 1),
    lambda today: years_before(today, 18),
    _("Enter a date of birth from %(first)s to %(last)s: a deputy is at least 18 years old."),
)
DEADLINE = DateRange(
    "deadline",
    lambda today: years_before(today, 2),
    lambda today: years_before(today, -2),
    _("Enter a deadline from %(first)s to %(last)s: within two years of today."),
)
RECORD = DateRange(
    "record",
    lambda today: years_before(today, 10),
    lambda today: years_before(today, -2),
    _("Enter a date from %(first)s to %(last)s: from ten years ago to two years ahead."),
)


def check_dates(form, **rules: DateRange) -> None:
    """Add each field's range to a form's fields (a model form's, whose fields Django builds): `date=RECORD`."""
    for field, rule in rules.items():
        if field in form.fields and rule not in form.fields[field].validators:
            form.fields[field].validators.append(rule)
