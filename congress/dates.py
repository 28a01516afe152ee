"""Calendar arithmetic every app uses, written once: months as half-open ranges [first, next first)."""

import calendar
from datetime import date, datetime, timedelta

from django.utils import dateformat, formats, timezone
from django.utils.translation import get_language


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


def _format(name: str) -> str:
    """A format of the active language's module in congress/formats, including the ones Django does not know."""
    for module in formats.get_format_modules(get_language()):
        if hasattr(module, name):
            return getattr(module, name)
    return formats.get_format("DATE_FORMAT")


def format_day(day: date | datetime, *, weekday: bool = False) -> str:
    """A date as the interface writes it: 2027年2月22日, with `weekday` 2027年2月22日（星期一）(Mon 22 Feb 2027)."""
    if isinstance(day, datetime):
        day = timezone.localtime(day).date() if timezone.is_aware(day) else day.date()
    if weekday:
        return dateformat.format(day, _format("WEEKDAY_DATE_FORMAT"))
    return formats.date_format(day, "DATE_FORMAT")


def format_month(day: date) -> str:
    """A month as the interface writes it: 2026年10月 (October 2026)."""
    return formats.date_format(day, "YEAR_MONTH_FORMAT")


def format_moment(at: datetime) -> str:
    """A moment in the town's time zone as the interface writes it: 2027年2月22日 09:30."""
    return formats.date_format(timezone.localtime(at) if timezone.is_aware(at) else at, "DATETIME_FORMAT")
