"""Puts the active township and role on every request, so that views scope every query by them."""

import logging
import time
from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.db import DataError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from congress.access import forbidden, resolve_tenancy
from congress.models import Membership, Role, password_is_own

logger = logging.getLogger(__name__)

# The only writes a county reader makes (full view names, namespace included): choosing a town,
# the language, logging out, reading its own inbox.
COUNTY_WRITABLE_URL_NAMES = {
    "logout",
    "set_language",
    "township_switch",
    "inbox_read",
    "inbox_read_all",
    "password_change",
}


SESSION_RENEWED_AT = "renewed_at"
SESSION_REMEMBERED = "remembered"


def only_deputy(roles) -> bool:
    """Whether a login's roles are all deputy: the only logins that may stay logged in on a phone."""
    roles = set(roles)
    return bool(roles) and roles <= {Role.DEPUTY}


def session_remember(request: HttpRequest, *, wanted: bool) -> bool:
    """After a login: keep a deputy's session for SESSION_REMEMBER_DAYS when they asked to, counted from now and
    whatever their idle time; every other login keeps the idle timeout. Returns whether it is kept."""
    keep = wanted and only_deputy(Membership.objects.filter(user=request.user).values_list("role", flat=True))
    if keep:
        request.session.set_expiry(timedelta(days=settings.SESSION_REMEMBER_DAYS))
        request.session[SESSION_REMEMBERED] = True
    else:
        request.session.set_expiry(None)
        request.session.pop(SESSION_REMEMBERED, None)
    return keep


class SessionRenewalMiddleware:
    """Renews a logged-in user's idle timeout, writing the session at most once a minute.

    Saving the session on every request (SESSION_SAVE_EVERY_REQUEST) costs a database write and commit per
    page; renewing it once a minute keeps the timeout within a minute of the idle time configured. A deputy's
    remembered session has a fixed end instead, and loses it once the login holds any other role."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            if request.session.get(SESSION_REMEMBERED):
                # None resolved on the login's own request (the user was anonymous then): the login view judged.
                memberships = getattr(request, "memberships", None) or []
                if not memberships or only_deputy(m.role for m in memberships):
                    return response
                # Given an office, leader or unit role since: the idle timeout again, from now.
                request.session.set_expiry(None)
                request.session.pop(SESSION_REMEMBERED, None)
            now = int(time.time())
            if now - request.session.get(SESSION_RENEWED_AT, 0) >= settings.SESSION_RENEW_SECONDS:
                request.session[SESSION_RENEWED_AT] = now  # modified: the session middleware saves it
        return response


class TenancyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        resolve_tenancy(request)
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs) -> HttpResponse | None:
        # The county office reads every town of its county and writes nothing: one rule, for every page.
        if request.role == Role.COUNTY and request.method not in ("GET", "HEAD", "OPTIONS"):
            match = request.resolver_match
            if match is None or match.view_name not in COUNTY_WRITABLE_URL_NAMES:
                return forbidden(request)
        return None


# Pages a user who must choose a new password can still reach.
PASSWORD_EXEMPT_URL_NAMES = {
    *("password_change", "password_change_done", "logout", "set_language", "login"),
    *("healthz", "metrics"),  # the operator's view answers the same to anyone
}
SESSION_PASSWORD_OWN = "password_is_own"  # noqa: S105  (a session key, not a password)


class PasswordChangeRequiredMiddleware:
    """A user whose password was set by someone else chooses their own before anything else. The answer is
    kept in the session: a password changed by someone else ends every session of that user anyway."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs) -> HttpResponse | None:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or request.session.get(SESSION_PASSWORD_OWN):
            return None
        match = request.resolver_match
        if match is not None and match.url_name in PASSWORD_EXEMPT_URL_NAMES:
            return None
        # The demo's published logins keep their password while debug is on (a first look, never production).
        if settings.DEBUG and user.get_username() in settings.DEMO_LOGINS:
            return None
        if password_is_own(user):
            request.session[SESSION_PASSWORD_OWN] = True
            return None
        messages.warning(request, _("Your password was set for you. Choose your own password before going on."))
        return redirect("password_change")


class RequestSizeLimitMiddleware:
    """Refuse a request body larger than any upload we accept before anything reads it (no temporary file,
    no form parsing): 413, with a page saying how large a file may be."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.MAX_REQUEST_BYTES:
            # The body's limit leaves a megabyte for the form around the files; never less than 1 MB said.
            limit = max(settings.MAX_REQUEST_BYTES // (1024 * 1024) - 1, 1)
            return render(
                request,
                "413.html",
                {"message": _("The file is too large: at most %(mb)s MB can be sent at once.") % {"mb": limit}},
                status=413,
            )
        return self.get_response(request)


class OutOfRangeInputMiddleware:
    """A number in a request too large for the database (an id of 30 digits in a form's choice, say) is the
    sender's mistake, not the server's: 400 with a page saying so, never a server error."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, OverflowError | DataError):
            # Logged with its traceback: should the overflow ever come from our own arithmetic, it shows here.
            logger.warning("Out-of-range input refused on %s", request.path, exc_info=exception)
            return render(
                request,
                "400.html",
                {"message": _("A number in what was sent is out of range. Go back and check the form.")},
                status=400,
            )
        return None
