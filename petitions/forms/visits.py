"""Forms of constituent visits and referrals; choices from the user's township only."""

from datetime import timedelta

from crispy_forms.helper import FormHelper
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from congress.forms import CongressForm
from congress.models import Department, Leader, Township
from congress.validators import DEADLINE, HAPPENED
from deputies.models import Deputy, DeputyStatus, Gender, SmallGroup, Station, phone_validator
from deputies.spreadsheets import clean_phone
from deputies.widgets import PeoplePicker, PersonPicker, put_first
from petitions.models import DEFAULT_CATEGORIES, VisitCategory, VisitOutcome
from petitions.services.visits import ReferralPlan

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def deadline_field(label: str) -> forms.DateField:
    """A referral's deadline: within two years; empty takes the town's default."""
    return forms.DateField(
        label=label, widget=DATE, required=False, validators=[DEADLINE], help_text=_("Empty: the town's default.")
    )


class VisitForm(CongressForm):
    received_at = forms.DateTimeField(
        label=_("Received at"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        validators=[HAPPENED],
    )
    station = forms.ModelChoiceField(label=_("Station"), queryset=Station.objects.none())
    visitor_name = forms.CharField(label=_("Visitor's name"), max_length=50)
    visitor_gender = forms.ChoiceField(label=_("Gender"), choices=[("", "—"), *Gender.choices], required=False)
    visitor_phone = forms.CharField(label=_("Visitor's phone"), max_length=40, required=False)
    visitor_address = forms.CharField(label=_("Village or address"), max_length=200, required=False)
    visitor_count = forms.IntegerField(label=_("Number of visitors"), min_value=1, max_value=999, initial=1)
    category = forms.ModelChoiceField(label=_("Category"), queryset=VisitCategory.objects.none())
    content = forms.CharField(label=_("What was raised"), widget=forms.Textarea(attrs={"rows": 3}))
    leader = forms.ModelChoiceField(label=_("Leader receiving"), queryset=Leader.objects.none(), required=False)
    deputies = forms.ModelMultipleChoiceField(
        label=_("Deputies present"),
        queryset=Deputy.objects.none(),
        required=False,
        widget=PeoplePicker,
    )
    suggestion_1_deputy = forms.ModelChoiceField(
        label=_("Suggestion by"), queryset=Deputy.objects.none(), required=False, widget=PersonPicker
    )
    suggestion_1 = forms.CharField(
        label=_("Handling suggestion"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    suggestion_2_deputy = forms.ModelChoiceField(
        label=_("Suggestion by"), queryset=Deputy.objects.none(), required=False, widget=PersonPicker
    )
    suggestion_2 = forms.CharField(
        label=_("Handling suggestion"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    outcome = forms.ChoiceField(label=_("Outcome"), choices=VisitOutcome.choices, widget=forms.RadioSelect)
    answer = forms.CharField(
        label=_("Answer given on the spot"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    solved_on_spot = forms.BooleanField(
        label=_("Problem solved on the spot"),
        required=False,
        help_text=_("Tick only when the problem itself was solved there and then, not when it was explained."),
    )
    department = forms.ModelChoiceField(label=_("Refer to"), queryset=Department.objects.none(), required=False)
    responsible_name = forms.CharField(label=_("Responsible person"), max_length=50, required=False)
    responsible_phone = forms.CharField(label=_("Responsible person's phone"), max_length=40, required=False)
    answer_due = deadline_field(_("Answer the visitor by"))
    due = deadline_field(_("Resolve by"))

    def __init__(self, *args, township: Township, first_group: SmallGroup | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        serving = Deputy.objects.for_township(township).filter(status=DeputyStatus.SERVING)
        self.fields["station"].queryset = Station.objects.for_township(township).filter(is_active=True)
        self.fields["category"].queryset = VisitCategory.objects.for_township(township)
        if not self.fields["category"].queryset.exists():
            self.fields["category"] = _first_categories(township, self.fields["category"].label)
        self.fields["leader"].queryset = Leader.objects.for_township(township).filter(is_active=True)
        self.fields["deputies"].queryset = serving
        self.fields["suggestion_1_deputy"].queryset = serving
        self.fields["suggestion_2_deputy"].queryset = serving
        for name in ("deputies", "suggestion_1_deputy", "suggestion_2_deputy"):
            put_first(self.fields[name], first_group)
        self.fields["department"].queryset = Department.objects.for_township(township).filter(is_active=True)
        self.fields["received_at"].initial = timezone.localtime().replace(second=0, microsecond=0)

    def clean_visitor_phone(self) -> str:
        phone = clean_phone(self.cleaned_data.get("visitor_phone", ""))
        if phone:
            phone_validator(phone)
        return phone

    def clean(self):
        data = super().clean()
        for n in (1, 2):
            if data.get(f"suggestion_{n}", "").strip() and not data.get(f"suggestion_{n}_deputy"):
                self.add_error(f"suggestion_{n}_deputy", _("Name the deputy who made this suggestion."))
        if data.get("solved_on_spot") and data.get("outcome") != VisitOutcome.ANSWERED:
            self.add_error(
                "solved_on_spot",
                _(
                    "Only a visit answered on the spot can have its problem solved on the spot: untick it or "
                    "change the outcome."
                ),
            )
        received = data.get("received_at")
        if received is not None and received > timezone.now() + timedelta(minutes=5):
            self.add_error(
                "received_at", _("A visit cannot be received in the future: check the date and time received.")
            )
        if data.get("outcome") == VisitOutcome.REFERRED:
            for name in ("department", "responsible_name"):
                if not data.get(name):
                    self.add_error(name, _("Needed when the visit is referred."))
        return data

    def suggestions(self) -> list[tuple[Deputy, str]]:
        data = self.cleaned_data
        return [
            (data[f"suggestion_{n}_deputy"], data[f"suggestion_{n}"])
            for n in (1, 2)
            if data.get(f"suggestion_{n}_deputy") and data.get(f"suggestion_{n}", "").strip()
        ]


def _first_categories(township: Township, label: str) -> forms.TypedChoiceField:
    """A town's first visit: the usual categories are offered unsaved; recording the visit writes them."""
    return forms.TypedChoiceField(
        label=label,
        choices=[(name, name) for name in DEFAULT_CATEGORIES],
        coerce=lambda name: VisitCategory(township=township, name=name, order=DEFAULT_CATEGORIES.index(name)),
    )


class SuggestionForm(CongressForm):
    deputy = forms.ModelChoiceField(label=_("Deputy"), queryset=Deputy.objects.none(), widget=PersonPicker)
    text = forms.CharField(label=_("Handling suggestion"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, township: Township, first_group: SmallGroup | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["deputy"].queryset = Deputy.objects.for_township(township).filter(status=DeputyStatus.SERVING)
        put_first(self.fields["deputy"], first_group)


class ProgressForm(CongressForm):
    text = forms.CharField(label=_("Progress"), widget=forms.Textarea(attrs={"rows": 2}))


class FinishForm(CongressForm):
    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=[("resolved", _("Resolved")), ("unresolvable", _("Cannot be resolved"))]
    )
    result = forms.CharField(label=_("Result, or why it cannot be resolved"), widget=forms.Textarea(attrs={"rows": 3}))


class CloseForm(CongressForm):
    told_at = forms.DateTimeField(
        label=_("Visitor told at"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        validators=[HAPPENED],
    )
    satisfied = forms.ChoiceField(
        label=_("Visitor satisfied"),
        choices=[("yes", _("Satisfied")), ("no", _("Not satisfied")), ("", _("Not said"))],
        required=False,
    )


class ExtensionForm(CongressForm):
    new_due = forms.DateField(label=_("New deadline"), widget=DATE, validators=[DEADLINE])
    reason = forms.CharField(label=_("Reason"), max_length=300)


class ReferForm(CongressForm):
    """The office refers a visit recorded as a deputy's suggestion: the referral fields of the visit form."""

    department = forms.ModelChoiceField(label=_("Refer to"), queryset=Department.objects.none())
    responsible_name = forms.CharField(label=_("Responsible person"), max_length=50)
    responsible_phone = forms.CharField(label=_("Responsible person's phone"), max_length=40, required=False)
    answer_due = deadline_field(_("Answer the visitor by"))
    due = deadline_field(_("Resolve by"))

    def __init__(self, *args, township: Township, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.for_township(township).filter(is_active=True)

    def plan(self) -> ReferralPlan:
        data = self.cleaned_data
        return ReferralPlan(
            department=data["department"],
            responsible_name=data["responsible_name"],
            responsible_phone=data["responsible_phone"],
            answer_due=data["answer_due"],
            due=data["due"],
        )
