"""Forms of the organisation core."""

from crispy_forms.helper import FormHelper
from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    # Ticked by default: deputies log in on their own phones. Only a login whose roles are all deputy stays
    # logged in; every other role keeps the idle timeout whatever the box says.
    remember = forms.BooleanField(
        label=_("Remember this phone"),
        required=False,
        initial=True,
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.fields["remember"].help_text = _("Deputies stay logged in on this device for %(days)d days.") % {
            "days": settings.SESSION_REMEMBER_DAYS
        }
        self.fields["username"].label = _("Mobile phone or login name")
        self.fields["username"].widget.attrs.update({"autocomplete": "username", "autocapitalize": "none"})


class AuditFilterForm(forms.Form):
    """The audit page's filters: whose actions, which kind of record, between which dates."""

    user = forms.ModelChoiceField(label=_("User"), queryset=None, required=False, empty_label=_("Everyone"))
    kind = forms.ChoiceField(label=_("Record type"), required=False)
    since = forms.DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    until = forms.DateField(label=_("Until"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))

    def __init__(self, *args, township, kinds, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = (
            get_user_model().objects.filter(memberships__township=township).distinct().order_by("username")
        )
        self.fields["kind"].choices = [("", _("Every type")), *kinds]
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean(self):
        data = super().clean()
        if data.get("since") and data.get("until") and data["until"] < data["since"]:
            raise forms.ValidationError(_("The end of the range is before its start."))
        if data.get("since") and data.get("until") and (data["until"] - data["since"]).days > 366:
            raise forms.ValidationError(_("Choose at most a year at a time."))
        return data
