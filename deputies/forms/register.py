"""Forms of the register; each is bound to the township it edits."""

from crispy_forms.helper import FormHelper
from django import forms
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from congress.forms import CongressModelForm
from congress.images import image_normalise
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


# A portrait is shown at most a few centimetres wide on a phone: 600 px is sharp there and small to send.
PORTRAIT_SIDE = 600


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
            "photo",
        ]
        # A plain file input: the clearable one links to the stored file, and a private file has no address.
        widgets = {
            "birth_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "photo": forms.FileInput(attrs={"accept": "image/*"}),
        }

    photo_remove = forms.BooleanField(label=_("Remove the portrait"), required=False)

    def __init__(self, *args, township: Township, **kwargs) -> None:
        super().__init__(*args, township=township, **kwargs)
        if not self.instance.photo:
            del self.fields["photo_remove"]
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

    def clean_photo(self):
        """A new portrait is re-encoded small (600 px) without its metadata; the kept one passes."""
        photo = self.cleaned_data.get("photo")
        if isinstance(photo, UploadedFile):
            return image_normalise(photo, max_side=PORTRAIT_SIDE)
        return photo

    def clean(self):
        cleaned = super().clean()
        # Removing and uploading at once keeps the new one: the office meant to replace it.
        if cleaned.get("photo_remove") and not isinstance(self.files.get(self.add_prefix("photo")), UploadedFile):
            cleaned["photo"] = False
        return cleaned


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
        fields = ["name", "level", "address", "opening_rules", "small_groups", "is_active"]
        widgets = {
            "small_groups": forms.CheckboxSelectMultiple,
            "opening_rules": forms.Textarea(attrs={"rows": 3}),
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
