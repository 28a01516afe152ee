"""Forms of the register; each is bound to the township it edits."""

from crispy_forms.helper import FormHelper
from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from congress.forms import CongressModelForm
from congress.models import Department, Leader, Membership, Role, Township
from congress.validators import BIRTH, check_dates
from deputies.models import Deputy, LargeGroup, SmallGroup, Station
from deputies.selectors.terms import current_term_number
from deputies.spreadsheets import clean_phone


class TownshipModelForm(CongressModelForm):
    """A model form whose choices of related rows come from one township only."""

    def __init__(self, *args, township: Township, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.township = township
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean_phone(self) -> str:
        return clean_phone(self.cleaned_data.get("phone", ""))


class DeputyForm(TownshipModelForm):
    class Meta:
        model = Deputy
        fields = [
            "name",
            "gender",
            "ethnicity",
            "birth_date",
            "level",
            "term",
            "status",
            "small_group",
            "constituency",
            "village",
            "sector",
            "party",
            "occupation",
            "work_unit",
            "is_village_cadre",
            "public_employee",
            "phone",
            "address",
            "lives_far",
            "user",
        ]
        widgets = {"birth_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, township: Township, **kwargs) -> None:
        super().__init__(*args, township=township, **kwargs)
        self.fields["small_group"].queryset = SmallGroup.objects.for_township(township).select_related("large_group")
        # Only logins that this township has made deputies can be linked.
        deputy_logins = Membership.objects.filter(township=township, role=Role.DEPUTY).values("user")
        self.fields["user"].queryset = get_user_model().objects.filter(pk__in=deputy_logins).order_by("username")
        self.fields["user"].help_text = _("A login given the deputy role in this township.")
        self.fields["phone"].widget.attrs.update({"inputmode": "tel", "autocomplete": "off"})
        check_dates(self, birth_date=BIRTH)
        if self.instance.pk is None:
            # A deputy registered now (at a by-election too) serves in the town's current term.
            self.fields["term"].initial = current_term_number(township=township) or self.fields["term"].initial


class LargeGroupForm(TownshipModelForm):
    class Meta:
        model = LargeGroup
        fields = ["name", "order"]


class SmallGroupForm(TownshipModelForm):
    class Meta:
        model = SmallGroup
        fields = ["name", "large_group", "basis", "order", "is_active"]

    def __init__(self, *args, township: Township, **kwargs) -> None:
        super().__init__(*args, township=township, **kwargs)
        self.fields["large_group"].queryset = LargeGroup.objects.for_township(township)


class StationForm(TownshipModelForm):
    class Meta:
        model = Station
        fields = ["name", "level", "address", "opening_rules", "posted_rules", "small_groups", "is_active"]
        widgets = {
            "small_groups": forms.CheckboxSelectMultiple,
            "opening_rules": forms.Textarea(attrs={"rows": 3}),
            "posted_rules": forms.Textarea(attrs={"rows": 8}),
        }

    def __init__(self, *args, township: Township, **kwargs) -> None:
        super().__init__(*args, township=township, **kwargs)
        self.fields["small_groups"].queryset = SmallGroup.objects.for_township(township)


class DepartmentForm(TownshipModelForm):
    class Meta:
        model = Department
        fields = ["name", "kind", "head", "contact_person", "phone", "is_active"]


class LeaderForm(TownshipModelForm):
    class Meta:
        model = Leader
        fields = ["name", "title", "phone", "order", "is_active"]
