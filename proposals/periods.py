"""The periods the rates page offers: this month, last month, this quarter, this year, last year, or chosen
dates. Read from the query string; anything not understood gives a message and the default (every item to
date)."""

from dataclasses import dataclass
from datetime import date, timedelta
from urllib.parse import urlencode

from django.http import QueryDict
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from congress.dates import add_months, first_of
from congress.inputs import FIRST_YEAR, LAST_YEAR

CHOICES = [
    ("", gettext_lazy("Every item to date")),
    ("this-month", gettext_lazy("This month")),
    ("last-month", gettext_lazy("Last month")),
    ("this-quarter", gettext_lazy("This quarter")),
    ("this-year", gettext_lazy("This year")),
    ("last-year", gettext_lazy("Last year")),
    ("range", gettext_lazy("From … to …")),
]


@dataclass(frozen=True)
class RatePeriod:
    """A chosen period: its key (one of CHOICES), first and last day."""

    key: str
    first: date
    last: date

    @property
    def days(self) -> tuple[date, date]:
        return self.first, self.last

    def query(self) -> str:
        """The period as a query string, for the links that must keep it (the export)."""
        params = {"period": self.key}
        if self.key == "range":
            params |= {"from": f"{self.first:%Y-%m-%d}", "to": f"{self.last:%Y-%m-%d}"}
        return urlencode(params)


def _day(raw: str | None) -> date | None:
    try:
        day = date.fromisoformat((raw or "").strip())
    except ValueError:
        return None
    return day if FIRST_YEAR <= day.year <= LAST_YEAR else None


def _named(key: str, today: date) -> tuple[date, date]:
    month = first_of(today)
    if key == "this-month":
        return month, add_months(month, 1) - timedelta(days=1)
    if key == "last-month":
        return add_months(month, -1), month - timedelta(days=1)
    if key == "this-quarter":
        quarter = month.replace(month=(today.month - 1) // 3 * 3 + 1)
        return quarter, add_months(quarter, 3) - timedelta(days=1)
    year = today.year if key == "this-year" else today.year - 1
    return date(year, 1, 1), date(year, 12, 31)


def period_from(query: QueryDict, today: date) -> tuple[RatePeriod | None, str | None]:
    """The period the query string asks for (None: every item to date), and a message when it asked for one
    that cannot be (then the default)."""
    key = query.get("period", "")
    if not key:
        return None, None
    if key not in dict(CHOICES):
        return None, _("Unknown period; showing every item to date.")
    if key != "range":
        return RatePeriod(key, *_named(key, today)), None
    first, last = _day(query.get("from")), _day(query.get("to"))
    if first is None or last is None:
        return None, _("Give both dates of the period as dates; showing every item to date.")
    if first > last:
        return None, _("The period's first day is after its last; showing every item to date.")
    return RatePeriod(key, first, last), None
