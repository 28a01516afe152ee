"""Who the user is here: the active membership, township and role, and the checks views use."""

from collections.abc import Callable, Iterable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from congress.models import Membership, Role, Township

SESSION_MEMBERSHIP = "membership_id"
SESSION_TOWNSHIP = "township_id"


def resolve_tenancy(request: HttpRequest) -> None:
    """Set request.membership, .role, .township and .county from the user and the session."""
    request.membership = None
    request.role = None
    request.township = None
    request.county = None
    request.townships = []
    request.memberships = []
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return
    memberships = list(Membership.objects.filter(user=user).select_related("township__county", "county", "department"))
    if not memberships:
        return
    chosen_id = request.session.get(SESSION_MEMBERSHIP)
    membership = next((m for m in memberships if m.pk == chosen_id), memberships[0])
    request.memberships = memberships
    request.membership = membership
    request.role = membership.role
    if membership.role == Role.COUNTY:
        request.county = membership.county
        request.townships = list(Township.objects.filter(county=membership.county).order_by("name"))
        chosen_town = request.session.get(SESSION_TOWNSHIP)
        request.township = next(
            (t for t in request.townships if t.pk == chosen_town), request.townships[0] if request.townships else None
        )
    else:
        request.township = membership.township
        request.county = membership.township.county


def forbidden(request: HttpRequest, message: str | None = None) -> HttpResponse:
    """The 403 page, in the reader's language, saying what was refused."""
    return render(
        request,
        "403.html",
        {"message": message or _("Your role does not allow this page or action.")},
        status=403,
    )


def role_required(*roles: str) -> Callable:
    """Let through only logged-in users whose active role is one of `roles`; others get the login or a 403."""

    allowed: Iterable[str] = roles

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if request.membership is None:
                return render(request, "congress/no_membership.html", status=403)
            if request.role not in allowed:
                return forbidden(request)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


ALL_ROLES = tuple(Role.values)
TOWN_READERS = (Role.OFFICE, Role.LEADER, Role.COUNTY)
CASE_WORKERS = (Role.OFFICE, Role.UNIT)
CASE_READERS = (*TOWN_READERS, Role.UNIT)

# The role checks every view module uses, defined once.
office_only = role_required(Role.OFFICE)
deputy_only = role_required(Role.DEPUTY)
readers = role_required(*TOWN_READERS)
readers_and_deputies = role_required(*TOWN_READERS, Role.DEPUTY)
office_and_deputies = role_required(Role.OFFICE, Role.DEPUTY)
office_and_leaders = role_required(Role.OFFICE, Role.LEADER)
case_workers = role_required(*CASE_WORKERS)
case_readers = role_required(*CASE_READERS)
members = role_required(*ALL_ROLES)
