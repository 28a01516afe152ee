"""Forms of the accounts page: its filters, a login's name for a person with no mobile, a login's role."""

from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import gettext_lazy as _

from congress.forms import CongressForm
from congress.models import Department, Role, Township
from deputies.selectors.accounts import AccountKind, AccountStatus


class _Helped:
    def _help(self) -> None:
        self.helper = FormHelper()
        self.helper.form_tag = False


class AccountFilterForm(_Helped, CongressForm):
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("Everyone")), *AccountKind.choices])
    status = forms.ChoiceField(label=_("Login"), required=False, choices=[("", _("Any state")), *AccountStatus.choices])

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._help()


class AccountCreateForm(_Helped, CongressForm):
    login_name = forms.CharField(
        label=_("Login name"),
        required=False,
        max_length=150,
        help_text=_("Only for a person with no mobile phone in the register: their login is their mobile otherwise."),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._help()
        self.fields["login_name"].widget.attrs.update({"autocomplete": "off", "autocapitalize": "none"})


class AccountRoleForm(_Helped, CongressForm):
    role = forms.ChoiceField(
        label=_("Role"), choices=[(r.value, r.label) for r in (Role.OFFICE, Role.LEADER, Role.DEPUTY, Role.UNIT)]
    )
    department = forms.ModelChoiceField(
        label=_("Handling unit"),
        queryset=None,
        required=False,
        help_text=_("For the role of handling unit staff: the unit the login works for."),
    )

    def __init__(self, *args, township: Township, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._help()
        self.fields["department"].queryset = Department.objects.for_township(township).filter(is_active=True)
