"""The periods a figure is counted over: a month, a named period (this month … last year) or chosen dates; and
the one form every page that offers a choice of period uses (the visit counts, the proposals' rates)."""

from dataclasses import dataclass
from datetime import date

from crispy_forms.helper import FormHelper
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from congress.dates import add_months, first_of, last_of
from congress.forms import CongressForm

# The first year a chosen period may start in: the local people's congresses' standing offices date from 1979.
FIRST_PERIOD_YEAR = 1979
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
PERIODS = [
    ("this_month", _("This month")),
    ("last_month", _("Last month")),
    ("this_quarter", _("This quarter")),
    ("this_year", _("This year")),
    ("last_year", _("Last year")),
    ("dates", _("From – to")),
]
# A page may also offer no period at all: every item to date (the proposals' rates).
EVERYTHING = ""


@dataclass(frozen=True)
class Period:
    """The days counted, both included; figures that stand at a day (overdue, 落实) stand at `on`."""

    first: date
    last: date

    @property
    def on(self) -> date:
        return min(self.last, timezone.localdate())

    @property
    def days(self) -> tuple[date, date]:
        return self.first, self.last

    @classmethod
    def month(cls, day: date) -> "Period":
        return cls(first_of(day), last_of(day))


def named_period(name: str, today: date) -> Period:
    """The period a name stands for, as of today (this year for a name not known)."""
    if name == "this_month":
        return Period.month(today)
    if name == "last_month":
        return Period.month(add_months(first_of(today), -1))
    if name == "this_quarter":
        start = date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
        return Period(start, last_of(add_months(start, 2)))
    if name == "last_year":
        return Period(date(today.year - 1, 1, 1), date(today.year - 1, 12, 31))
    return Period(date(today.year, 1, 1), date(today.year, 12, 31))


class PeriodForm(CongressForm):
    """A named period, or from one day to another; with `everything`, also "every item to date" (the default)."""

    period = forms.ChoiceField(label=_("Period"), choices=PERIODS)
    start = forms.DateField(label=_("From"), widget=DATE, required=False)
    end = forms.DateField(label=_("To"), widget=DATE, required=False)

    def __init__(self, *args, everything: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if everything:
            self.fields["period"].choices = [(EVERYTHING, _("Every item to date")), *PERIODS]
            self.fields["period"].required = False
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean(self):
        data = super().clean()
        if data.get("period") == "dates":
            if "start" in self.errors or "end" in self.errors:
                raise forms.ValidationError(_("Give the period's dates as year-month-day."))
            start, end = data.get("start"), data.get("end")
            if start is None or end is None:
                raise forms.ValidationError(_("Give both dates of the period, or choose a named period."))
            if end < start:
                raise forms.ValidationError(_("The period's end is before its start."))
            if start.year < FIRST_PERIOD_YEAR:
                raise forms.ValidationError(_("Choose a period from 1979 on."))
        return data

    def period_of(self, today: date) -> Period | None:
        """The period chosen (None: every item to date)."""
        data = self.cleaned_data
        if data["period"] == "dates":
            return Period(data["start"], data["end"])
        if data["period"] == EVERYTHING:
            return None
        return named_period(data["period"], today)

    def problem(self) -> str:
        """Why the period asked for cannot be, in one sentence."""
        errors = self.non_field_errors() or [_("Choose one of the periods offered.")]
        return " ".join(str(error) for error in errors)
