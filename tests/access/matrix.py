"""The role × page access matrix: every URL of the site, for every role, for GET and for POST, gathered from the
role table of each app (tests/access/tables/<app>.py, one per urls.py) and the admin's rule.

The URLs come from the resolver, not from a list kept by hand: a page born tomorrow without a row in its app's
table fails the day it is born ("add it to the access matrix"), and a row whose URL is gone fails too.

To cover a new page: add one entry to its app's MATRIX (what each role gets for GET and for POST) and, if its
URL takes arguments, a function to the app's URL_KWARGS that builds them from town A's rows
(tests/access/samples.py). A URL whose slug picks what the view does (`<slug:action>`, `<slug:kind>`) also
gets an entry in the app's VARIANTS: each value the view knows, and one it does not, for every role.

Roles: anonymous; office = alice, leader = leo, deputy = bob, unit = carol (all town A); county = erin (county
office: reads every town of the county, writes nothing); other_office = dave (office of town B, who must see
nothing of town A). MATRIX's POSTs carry no data. The county reader's POSTs are refused (403) by the tenancy
middleware except on the few URLs it may write to (logout, set_language, township_switch, inbox_read(_all),
password_change).
"""

from collections import Counter

import pytest
from django.urls import reverse

from tests.access.expect import GetPost, Variants
from tests.access.routes import UrlEntry, fill_route, is_admin
from tests.access.samples import TownASamples
from tests.access.tables import activities, assessments, congress, deputies, petitions, proposals
from tests.access.tables.admin import ADMIN_EXCEPTIONS, ADMIN_SKIPPED, admin_arguments, admin_rule

TABLES = (congress, deputies, activities, petitions, proposals, assessments)
# A URL named in two tables would be checked twice, against rows that may disagree.
TWICE = sorted(label for label, n in Counter(label for t in TABLES for label in t.MATRIX).items() if n > 1)

MATRIX: dict[str, dict[str, GetPost]] = {label: r for table in TABLES for label, r in table.MATRIX.items()}
URL_KWARGS = {label: build for table in TABLES for label, build in table.URL_KWARGS.items()}
VARIANTS: dict[str, Variants] = {label: v for table in TABLES for label, v in getattr(table, "VARIANTS", {}).items()}

__all__ = ["ADMIN_EXCEPTIONS", "ADMIN_SKIPPED", "MATRIX", "TWICE", "URL_KWARGS", "VARIANTS", "address", "expectation"]


def expectation(entry: UrlEntry, role: str) -> GetPost:
    if entry.label in MATRIX:
        return MATRIX[entry.label][role]
    if is_admin(entry):
        return admin_rule(entry.label, role)
    pytest.fail(
        f"URL {entry.label!r} (/{entry.route}) is not in the access matrix: add it to the access matrix "
        "(MATRIX in its app's table, tests/access/tables/), saying what each role gets for GET and for POST.",
        pytrace=False,
    )


def address(entry: UrlEntry, samples: TownASamples, **override: str) -> str:
    """The URL with its arguments built from town A's rows; `override` sets some of them (a variant's slug)."""
    if entry.label in ADMIN_SKIPPED:
        pytest.skip(ADMIN_SKIPPED[entry.label])
    args: list = []
    kwargs: dict = {}
    if entry.label in URL_KWARGS:
        kwargs = URL_KWARGS[entry.label](samples)
    elif is_admin(entry):
        args, kwargs = admin_arguments(entry, samples)
    elif entry.kwargs or entry.positional:
        pytest.fail(
            f"URL {entry.label!r} takes arguments {entry.kwargs}: add a function building them from town A's "
            "rows to URL_KWARGS in its app's table (tests/access/tables/)",
            pytrace=False,
        )
    kwargs |= override
    if entry.name is None:
        return fill_route(entry.route, kwargs)
    return reverse(entry.name, args=args or None, kwargs=kwargs or None)
