"""Forms of the visit figures: the period a count covers, and a year's totals from before the system."""

from datetime import date

from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import gettext_lazy as _

from congress.dates import add_months, first_of, last_of
from petitions.figures import Period

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

PERIODS = [
    ("this_month", _("This month")),
    ("last_month", _("Last month")),
    ("this_quarter", _("This quarter")),
    ("this_year", _("This year")),
    ("last_year", _("Last year")),
    ("dates", _("From – to")),
]
DEFAULT_PERIOD = "this_year"


def named_period(name: str, today: date) -> Period:
    """The period a name stands for, as of today."""
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


class PeriodForm(forms.Form):
    """The period of the visit counts: a named one, or from one day to another."""

    period = forms.ChoiceField(label=_("Period"), choices=PERIODS, initial=DEFAULT_PERIOD)
    start = forms.DateField(label=_("From"), widget=DATE, required=False)
    end = forms.DateField(label=_("To"), widget=DATE, required=False)

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
            if start.year < 1979:
                raise forms.ValidationError(_("Choose a period from 1979 on."))
        return data

    def period_of(self, today: date) -> Period:
        data = self.cleaned_data
        if data["period"] == "dates":
            return Period(data["start"], data["end"])
        return named_period(data["period"], today)


class PriorTotalsForm(forms.Form):
    """A year's totals from the town's own books; the service checks the year and the numbers."""

    year = forms.IntegerField(label=_("Year"), min_value=1, max_value=9999)
    people_received = forms.IntegerField(label=_("People received on reception days"), min_value=0)
    problems_solved = forms.IntegerField(label=_("Problems solved"), min_value=0)
    suggestions = forms.IntegerField(label=_("Deputies' handling suggestions"), min_value=0, initial=0)
    source = forms.CharField(
        label=_("Source"), max_length=200, required=False, help_text=_("e.g. the 2019 work ledger")
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
