"""Forms of the voters' side: the matter a voter leaves (with the mobile its code goes to), and the rating."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from congress.forms import CongressForm
from congress.images import image_normalise
from congress.models import Township
from congress.sms import mainland_mobile
from petitions.models import MatterRating
from petitions.selectors import voters as selectors

MAX_CONTENT = 1000
MAX_PHOTOS = 3


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleImageField(forms.FileField):
    """Several photos in one input: each one checked and made safe (congress.images), at most MAX_PHOTOS."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": "image/*"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        uploads = [upload for upload in (data if isinstance(data, list | tuple) else [data]) if upload]
        if len(uploads) > MAX_PHOTOS:
            raise ValidationError(_("At most %(count)d photos can be added."), params={"count": MAX_PHOTOS})
        return [image_normalise(super(MultipleImageField, self).clean(upload, initial)) for upload in uploads]


class PhoneForm(CongressForm):
    """The mobile a code is sent to: a mainland mobile, written any common way."""

    phone = forms.CharField(
        label=_("Mobile"),
        max_length=20,
        help_text=_("The congress office replies to this number; it is never shown publicly."),
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )

    def clean_phone(self) -> str:
        phone = mainland_mobile(self.cleaned_data["phone"])
        if not phone:
            raise ValidationError(_("Enter a mainland mobile number of 11 digits."), code="phone")
        return phone


class MatterForm(PhoneForm):
    """A voter's matter: what, where, who (optionally), the mobile and its code, up to three photos."""

    content = forms.CharField(
        label=_("Your matter"),
        max_length=MAX_CONTENT,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("At most %(count)d characters.") % {"count": MAX_CONTENT},
    )
    village = forms.ChoiceField(
        label=_("Village or community"),
        error_messages={"invalid_choice": _("Choose a village or community of this town from the list.")},
    )
    station = forms.ModelChoiceField(
        label=_("Station or contact point"),
        queryset=None,
        error_messages={"invalid_choice": _("Choose a station or contact point of this town from the list.")},
    )
    name = forms.CharField(label=_("Your name (optional)"), max_length=50, required=False)
    code = forms.CharField(
        label=_("Code from the text message"),
        max_length=6,
        min_length=6,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "pattern": "[0-9]*"}),
    )
    photos = MultipleImageField(
        label=_("Photos (optional)"),
        required=False,
        help_text=_("At most 3 photos; they are shown only to you, the office and the deputies."),
    )
    public_allowed = forms.BooleanField(label=_("My matter's text may be shown publicly"), required=False)

    field_order = ["content", "village", "station", "name", "phone", "code", "photos", "public_allowed"]

    def __init__(self, *args, township: Township, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        villages = selectors.matter_villages(township=township)
        self.fields["village"].choices = [("", "---------"), *((village, village) for village in villages)]
        self.fields["station"].queryset = selectors.intake_stations(township=township)

    def clean_code(self) -> str:
        code = self.cleaned_data["code"].strip()
        if not code:
            raise ValidationError(_("Type the six-digit code from the text message."), code="required")
        if not code.isdigit():
            raise ValidationError(_("The code is six digits."), code="code")
        return code


class RateForm(CongressForm):
    """The voter's rating of the answer."""

    rating = forms.ChoiceField(label=_("How satisfied are you with the answer?"), choices=MatterRating.choices)
