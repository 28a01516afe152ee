"""The Django admin's role rule: every URL of the "admin" namespace sends every non-superuser, anonymous
included, to the admin's login page, for GET and for POST; the county reader's POSTs are refused (403) by the
tenancy middleware first. ADMIN_EXCEPTIONS lists, per URL, the roles that get something else."""

import pytest
from django.contrib.contenttypes.models import ContentType

from congress.models import Township
from tests.access.expect import ADMIN_LOGIN, FORBIDDEN, OK, TO_ADMIN_INDEX, GetPost
from tests.access.routes import UrlEntry
from tests.access.samples import ROLES, TownASamples

ADMIN_EXCEPTIONS: dict[str, dict[str, GetPost]] = {
    # The login page itself: shown to everyone not staff (a logged-in user is told they are not allowed).
    "admin:login": {role: (OK, FORBIDDEN if role == "county" else OK) for role in ROLES},
    # Django's admin sends a non-staff visitor of its logout page to its index (which then asks for a login).
    # The county reader may POST here: its url_name is "logout", which the middleware lets through.
    "admin:logout": {role: (TO_ADMIN_INDEX, FORBIDDEN if role == "county" else TO_ADMIN_INDEX) for role in ROLES},
    # Same url_name as the site's own "password_change", so the middleware lets the county reader's POST through.
    "admin:password_change": {"county": (ADMIN_LOGIN, FORBIDDEN)},
}
# Admin URLs whose arguments cannot be filled, each with the reason (none today).
ADMIN_SKIPPED: dict[str, str] = {}


def admin_rule(label: str, role: str) -> GetPost:
    exceptions = ADMIN_EXCEPTIONS.get(label, {})
    if role in exceptions:
        return exceptions[role]
    return (ADMIN_LOGIN, FORBIDDEN if role == "county" else ADMIN_LOGIN)


def admin_arguments(entry: UrlEntry, samples: TownASamples) -> tuple[list, dict]:
    """Sensible values for an admin URL's arguments: town A's rows, the "congress" app, a missing page."""
    model = entry.admin_model
    kwargs: dict = {}
    for key in entry.kwargs:
        if key == "content_type_id":  # admin:view_on_site, with object_id below
            kwargs[key] = ContentType.objects.get_for_model(Township).pk
        elif key == "object_id" and model is None:
            kwargs[key] = samples.fixture("town_a").pk
        elif key in ("object_id", "id") and model is not None:
            kwargs[key] = samples.row(model).pk
        elif key == "app_label":
            kwargs[key] = "congress"
        elif key == "url":  # the admin's catch-all
            kwargs[key] = "no-such-page/"
        else:
            pytest.fail(f"No sample value for {key!r} of {entry.label}: teach admin_arguments()", pytrace=False)
    args: list = []
    if entry.positional == 2 and entry.label.endswith("_simple_history") and model is not None:
        row = samples.row(model)
        args = [row.pk, row.history.latest().history_id]  # one version of the row's history
    elif entry.positional:
        pytest.fail(f"No sample values for the positional arguments of {entry.label}", pytrace=False)
    return args, kwargs
