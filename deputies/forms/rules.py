"""Forms of the rules library (制度库): a new rule with its first text, a rule's title and stations, a new version."""

from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import gettext_lazy as _

from congress.forms import CongressForm
from congress.models import Township
from congress.validators import RECORD, check_dates
from deputies.models import Rule, RuleKind, Station
from deputies.models.rules import RuleVersion

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TEXT_HELP = _("One article a line: 第一条 …, 第二条 …")


def _helper() -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    return helper


class RuleEditForm(CongressForm):
    """A rule's title, kind and the stations a wall text is posted at."""

    title = forms.CharField(label=Rule._meta.get_field("title").verbose_name, max_length=120)
    kind = forms.ChoiceField(label=_("Kind"), choices=RuleKind.choices)
    stations = forms.ModelMultipleChoiceField(
        label=_("Posted at"),
        queryset=Station.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("For a rule posted at stations (制度上墙): the stations and contact points whose wall carries it."),
    )

    def __init__(self, *args, township: Township, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["stations"].queryset = Station.objects.for_township(township).filter(is_active=True)
        self.helper = _helper()

    def clean(self):
        data = super().clean()
        if data.get("stations") and data.get("kind") != RuleKind.WALL:
            self.add_error("stations", _("Only a rule posted at a station names the stations it is posted at."))
        return data


class RuleVersionForm(CongressForm):
    """A version's text and the date it takes effect."""

    text = forms.CharField(
        label=RuleVersion._meta.get_field("text").verbose_name,
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=TEXT_HELP,
    )
    in_force_on = forms.DateField(label=_("In force from (施行日期)"), widget=DATE)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        check_dates(self, in_force_on=RECORD)
        self.helper = _helper()


class RuleCreateForm(RuleEditForm, RuleVersionForm):
    """A new rule: its title, kind, stations, whether it is public, and its first text."""

    is_public = forms.BooleanField(
        label=_("Public"), required=False, help_text=_("Shown on the town's public pages once published (公开).")
    )

    def __init__(self, *args, township: Township, **kwargs) -> None:
        super().__init__(*args, township=township, **kwargs)
        self.order_fields(["title", "kind", "stations", "text", "in_force_on", "is_public"])
