"""Forms of the records read across the apps."""

from django import forms
from django.utils.translation import gettext_lazy as _

from assessments.models import Item
from congress.forms import CongressForm
from congress.validators import RECORD


class StandardForm(CongressForm):
    """A new version of the standard: from which month, why, and each item's points and monthly cap."""

    active_from = forms.DateField(
        label=_("In force from (first day of the month)"),
        widget=forms.DateInput(attrs={"type": "date", "class": "form-control"}, format="%Y-%m-%d"),
        validators=[RECORD],
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
