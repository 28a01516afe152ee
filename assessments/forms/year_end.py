"""Forms of the records read across the apps."""

from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import gettext_lazy as _

from assessments.models import GradeThresholds
from congress.forms import CongressForm, CongressModelForm
from congress.validators import RECORD


class ThresholdsForm(CongressModelForm):
    class Meta:
        model = GradeThresholds
        fields = ["excellent", "competent", "basic"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False


class CommendForm(CongressForm):
    title = forms.CharField(label=_("Commendation"), max_length=200)
    awarded_on = forms.DateField(
        label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"), validators=[RECORD]
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
