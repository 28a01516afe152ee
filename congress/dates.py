"""Calendar arithmetic every app uses, written once: months as half-open ranges [first, next first)."""

import calendar
from datetime import date, datetime, timedelta

from django.utils import timezone


def first_of(day: date) -> date:
    """The first day of `day`'s month."""
    return day.replace(day=1)


def last_of(day: date) -> date:
    """The last day of `day`'s month."""
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def month_bounds(day: date) -> tuple[date, date]:
    """The first day of `day`'s month and the first day of the next: filter with `>= first` and `< after`."""
    first = first_of(day)
    return first, (first + timedelta(days=32)).replace(day=1)


def add_months(day: date, months: int) -> date:
    """The same day `months` later (or earlier), kept within the target month (31 Jan + 1 → 28 or 29 Feb)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def last_month(today: date | None = None) -> date:
    """The first day of the month before `today`'s (today in the town's time zone by default)."""
    return add_months(first_of(today or timezone.localdate()), -1)


def local_now(at: datetime | None = None) -> datetime:
    """`at` (now by default) in the site's time zone, whose date is the town's date."""
    return timezone.localtime(at or timezone.now())


def month_day(day: date) -> str:
    """A date as the fixed Chinese texts of the text messages write it: 12月7日."""
    return f"{day.month}月{day.day}日"
