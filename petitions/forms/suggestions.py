"""Forms of the suggestions carried through: the leader's confirmation of a referral, the unit's decision on a
suggestion and its carrying out, a deputy's suggestion from the phone on their duty day."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from congress.forms import CongressForm
from congress.models import Department, Township
from congress.validators import DEADLINE, HAPPENED
from petitions.forms.visits import DATE
from petitions.models import Referral


class ConfirmForm(CongressForm):
    department = forms.ModelChoiceField(label=_("Handling unit"), queryset=Department.objects.none())
    responsible_name = forms.CharField(label=_("Responsible person"), max_length=50)
    responsible_phone = forms.CharField(label=_("Responsible person's phone"), max_length=40, required=False)
    answer_due = forms.DateField(label=_("Answer the visitor by"), widget=DATE, validators=[DEADLINE])
    due = forms.DateField(label=_("Resolve by"), widget=DATE, validators=[DEADLINE])

    def __init__(self, *args, township: Township, referral: Referral | None = None, **kwargs) -> None:
        if referral is not None and not args:
            kwargs.setdefault(
                "initial",
                {
                    "department": referral.department_id,
                    "responsible_name": referral.responsible_name,
                    "responsible_phone": referral.responsible_phone,
                    "answer_due": referral.answer_due,
                    "due": referral.due,
                },
            )
        super().__init__(*args, **kwargs)
        # The unit it is with stays a choice even if it was since made inactive.
        units = Department.objects.for_township(township).filter(is_active=True)
        if referral is not None:
            units = units | Department.objects.filter(pk=referral.department_id)
        self.fields["department"].queryset = units.distinct()


class DecisionForm(CongressForm):
    adopted = forms.TypedChoiceField(
        label=pgettext_lazy("adopting a suggestion", "Decision"),
        choices=[("yes", _("Adopted")), ("no", _("Not adopted"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    response = forms.CharField(label=_("What the unit did, or why not"), widget=forms.Textarea(attrs={"rows": 2}))


class CarriedOutForm(CongressForm):
    on = forms.DateField(label=_("Carried out on"), widget=DATE, validators=[HAPPENED])

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("initial", {"on": timezone.localdate()})
        super().__init__(*args, **kwargs)


class DutySuggestionForm(CongressForm):
    visit = forms.IntegerField(widget=forms.HiddenInput)
    text = forms.CharField(label=_("My handling suggestion"), widget=forms.Textarea(attrs={"rows": 3}))
