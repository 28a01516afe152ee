"""Forms of the visit figures: a year's totals from before the system (the period is congress.periods')."""

from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import gettext_lazy as _

from congress.forms import CongressForm


class PriorTotalsForm(CongressForm):
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
