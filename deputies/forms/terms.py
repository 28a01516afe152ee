"""Forms of the town's terms (届)."""

from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import gettext_lazy as _

from congress.forms import CongressForm
from congress.validators import RECORD

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class _Form(CongressForm):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False


class TermStartForm(_Form):
    number = forms.IntegerField(label=_("Term number"), min_value=1, max_value=99, help_text=_("e.g. 18 for 第十八届"))
    starts_on = forms.DateField(label=_("Began on"), widget=DATE, validators=[RECORD])


class TermEndForm(_Form):
    ends_on = forms.DateField(
        label=_("Ended on"), widget=DATE, validators=[RECORD], help_text=_("The day the new congress was elected.")
    )
    next_starts_on = forms.DateField(
        label=_("The next term began on"),
        widget=DATE,
        required=False,
        validators=[RECORD],
        help_text=_("Leave empty to record the next term later."),
    )
    confirm = forms.BooleanField(
        label=_("I understand: every serving deputy of this term ends their service and loses the deputy pages."),
    )
