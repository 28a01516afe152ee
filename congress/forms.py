"""Forms of the organisation core."""

from crispy_forms.helper import FormHelper
from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from congress.backends import login_username, user_for_phone
from congress.lockout import login_wait
from congress.text import refuse_control_characters


class RefuseControlCharacters:
    """Every text field of the form refuses control characters (a tab and a line break are text): they cannot be
    exported or printed, and no one means to type them. Added when the form is cleaned, so a field a form adds
    in its __init__ is covered too."""

    def full_clean(self) -> None:
        for field in self.fields.values():
            # A disabled field is not typed in: what it holds is not the person's to remove.
            typed = isinstance(field, forms.CharField) and not field.disabled
            if typed and refuse_control_characters not in field.validators:
                field.validators.append(refuse_control_characters)
        super().full_clean()


class CongressForm(RefuseControlCharacters, forms.Form):
    """The base of the site's plain forms."""


class CongressModelForm(RefuseControlCharacters, forms.ModelForm):
    """The base of the site's model forms."""


class LoginForm(RefuseControlCharacters, AuthenticationForm):
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

    def clean(self):
        # Before the password is checked: a login guessed from many addresses waits, and an attempt refused here
        # is not counted, so hammering the login cannot stretch the wait for its owner.
        wait = login_wait(login_username(self.request, {"username": self.cleaned_data.get("username")}))
        if wait:
            message = ngettext(
                "This login has had too many wrong passwords from several places. Wait %(seconds)d second and try "
                "again.",
                "This login has had too many wrong passwords from several places. Wait %(seconds)d seconds and try "
                "again.",
                wait,
            )
            raise forms.ValidationError(message % {"seconds": wait}, code="login_delayed")
        return super().clean()

    def get_invalid_login_error(self) -> forms.ValidationError:
        """A disabled login with the right password is told so, and whom to ask; anything else gets Django's
        message, which does not say whether the name exists."""
        typed, password = self.cleaned_data.get("username"), self.cleaned_data.get("password")
        model = get_user_model()
        user = model._default_manager.filter(**{model.USERNAME_FIELD: typed}).first() or user_for_phone(typed)
        if user is not None and not user.is_active and password and user.check_password(password):
            return forms.ValidationError(
                _("This login is disabled. Ask the congress office to enable it again."), code="inactive"
            )
        return super().get_invalid_login_error()


class AuditFilterForm(CongressForm):
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
