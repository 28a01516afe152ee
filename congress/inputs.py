"""Reading numbers out of query strings and posted forms: what a person or a tool may type is anything;
these return a usable value or None, never an exception. And the bounds of days, for date and time columns."""

import re
from datetime import date, datetime, time, timedelta

from django.db.models import Q
from django.utils import timezone

# ASCII digits only ("²" and "①" pass str.isdigit() but not int()), and few enough to fit a 64-bit key.
_ID = re.compile(r"[0-9]{1,18}")
FIRST_YEAR, LAST_YEAR = 2000, 2100


def as_id(raw: object) -> int | None:
    """A row id from a request value, or None."""
    text = str(raw or "").strip()
    return int(text) if _ID.fullmatch(text) else None


def as_year(raw: object, default: int, *, last: int = LAST_YEAR) -> int:
    """A year between 2000 and `last` from a request value; `default` for anything else."""
    value = as_id(raw)
    return value if value is not None and FIRST_YEAR <= value <= last else default


def as_month(raw: object) -> date | None:
    """The first day of the month a "YYYY-MM" value names (2000–2100), or None."""
    match = re.fullmatch(r"([0-9]{4})-([0-9]{1,2})", str(raw or "").strip())
    if not match:
        return None
    year, month = int(match.group(1)), int(match.group(2))
    if not (FIRST_YEAR <= year <= LAST_YEAR and 1 <= month <= 12):
        return None
    return date(year, month, 1)


def day_starts(day: date) -> datetime:
    """Midnight at the start of `day` in the site's time zone."""
    return timezone.make_aware(datetime.combine(day, time.min))


def on_days(field: str, first: date | None = None, last: date | None = None) -> Q:
    """`field` (a date and time) falls on the days `first` to `last`, both included (either may be open).

    The same question as `field__date__range`, asked with bounds on the column itself: a `__date` lookup
    converts every row's value to a local date, so the database cannot use an index on the column."""
    bounds = {}
    if first is not None:
        bounds[f"{field}__gte"] = day_starts(first)
    if last is not None:
        bounds[f"{field}__lt"] = day_starts(last + timedelta(days=1))
    return Q(**bounds)
