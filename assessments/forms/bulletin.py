"""Forms of the records read across the apps."""

from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import pgettext_lazy

from assessments.models import Bulletin
from congress.forms import CongressModelForm


class BulletinForm(CongressModelForm):
    class Meta:
        model = Bulletin
        fields = ["title", "summary", "praised", "urged"]
        labels = {"title": pgettext_lazy("bulletin", "Title")}
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 4}),
            "praised": forms.Textarea(attrs={"rows": 4}),
            "urged": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
