"""The span of time the demo covers, the same for every module on any day of the year: the twelve whole months
before this one (what is assessed, attended and held), this month so far, and two months ahead (what is planned).

On 5 January the twelve months are last year's February to December and this January's first days, so last
month's assessment, last year's record and this year's coming work all have content."""

from datetime import date, datetime, time

from django.utils import timezone

from congress.dates import add_months, first_of

AHEAD_MONTHS = 2


def demo_start(today: date) -> date:
    """The first day of the month twelve months before `today`'s: where the demo's records begin."""
    return add_months(first_of(today), -12)


def horizon(today: date) -> date:
    """The last day the demo plans anything for: two months after `today`."""
    return add_months(today, AHEAD_MONTHS)


def at(day: date, hour: int = 9, minute: int = 0) -> datetime:
    """`day` at `hour`:`minute` in the town's time zone."""
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def by_now(moment: datetime) -> datetime:
    """`moment`, or now if `moment` is still ahead: what the demo records as done today is done by now, even
    when the demo is loaded before the hour it would usually be done at."""
    return min(moment, timezone.now())
