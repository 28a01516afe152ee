"""Logging in with a phone number: a deputy types the mobile the office registered, or their login name."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.http import HttpRequest

from congress.models import Membership


def user_for_phone(phone: str):
    """The one login whose membership carries this phone, when no login is named by it; None when there is
    none or several (a phone shared by two people opens neither)."""
    phone = (phone or "").strip()
    if not phone:
        return None
    users = list(Membership.objects.filter(phone=phone).values_list("user_id", flat=True).distinct()[:2])
    if len(users) != 1:
        return None
    return get_user_model()._default_manager.filter(pk=users[0]).first()


def login_username(request: HttpRequest | None, credentials: dict | None) -> str | None:
    """The login name a login attempt is counted against (django-axes' AXES_USERNAME_CALLABLE): a phone stands
    for its login, so five wrong passwords lock the person out whether they typed their phone or their name."""
    typed = (credentials or {}).get("username")
    if typed is None and request is not None:
        typed = request.POST.get("username")
    if not typed:
        return typed
    model = get_user_model()
    if model._default_manager.filter(**{model.USERNAME_FIELD: typed}).exists():
        return typed
    user = user_for_phone(typed)
    return user.get_username() if user is not None else typed


class PhoneOrUsernameBackend(ModelBackend):
    """Django's own backend, which also accepts the phone of a login's membership in place of its name."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        model = get_user_model()
        if username is None:
            username = kwargs.get(model.USERNAME_FIELD)
        if not username or password is None:
            return None
        try:
            user = model._default_manager.get_by_natural_key(username)
        except model.DoesNotExist:
            user = user_for_phone(username)
        if user is None:
            # Run the password hasher once all the same, as Django's backend does: a name or phone nobody has
            # takes as long to refuse as a wrong password, so timing tells nobody which logins or phones exist.
            model().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
