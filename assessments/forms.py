"""Forms of the records read across the apps."""

from crispy_forms.helper import FormHelper
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from assessments.models import Bulletin, GradeThresholds, Item


class CommendationForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    title = forms.CharField(label=_("Commendation"), max_length=200)
    awarded_by = forms.CharField(label=_("Awarded by"), max_length=100, required=False)
    awarded_on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean(self):
        data = super().clean()
        if data.get("awarded_on") and data["awarded_on"] > timezone.localdate():
            self.add_error("awarded_on", _("A commendation is recorded once it is awarded, not before."))
        return data


class StandardForm(forms.Form):
    """A new version of the standard: from which month, why, and each item's points and monthly cap."""

    active_from = forms.DateField(
        label=_("In force from (first day of the month)"),
        widget=forms.DateInput(attrs={"type": "date", "class": "form-control"}, format="%Y-%m-%d"),
    )
    note = forms.CharField(
        label=_("What changed"), max_length=300, widget=forms.TextInput(attrs={"class": "form-control"})
    )

    def __init__(self, *args, rules: dict[str, tuple[int, int | None]], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for item, label in Item.choices:
            points, cap = rules.get(item, (0, None))
            self.fields[f"points_{item}"] = forms.IntegerField(
                label=label, min_value=-100, max_value=100, initial=points
            )
            self.fields[f"cap_{item}"] = forms.IntegerField(
                label=_("Monthly cap"), min_value=1, max_value=1000, required=False, initial=cap
            )
        self.rows = [(self[f"points_{item}"], self[f"cap_{item}"]) for item in Item.values]

    def rules(self) -> dict[str, tuple[int, int | None]]:
        data = self.cleaned_data
        return {item: (data[f"points_{item}"], data.get(f"cap_{item}")) for item in Item.values}


class BulletinForm(forms.ModelForm):
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


class ThresholdsForm(forms.ModelForm):
    class Meta:
        model = GradeThresholds
        fields = ["excellent", "competent", "basic"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False


class CommendForm(forms.Form):
    title = forms.CharField(label=_("Commendation"), max_length=200)
    awarded_on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
