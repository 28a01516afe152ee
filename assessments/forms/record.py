"""Forms of the records read across the apps."""

from crispy_forms.helper import FormHelper
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from congress.forms import CongressForm
from congress.validators import RECORD


class CommendationForm(CongressForm):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    title = forms.CharField(label=_("Commendation"), max_length=200)
    awarded_by = forms.CharField(label=_("Awarded by"), max_length=100, required=False)
    awarded_on = forms.DateField(
        label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"), validators=[RECORD]
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean(self):
        data = super().clean()
        if data.get("awarded_on") and data["awarded_on"] > timezone.localdate():
            self.add_error("awarded_on", _("A commendation is recorded once it is awarded, not before."))
        return data
