"""Every URL of the site, for every role, for GET and for POST, answers as the access matrix says
(tests/access/matrix.py gathers it from each app's role table); and the matrix covers the site, no more.

One test per URL: town A's rows and every role's user are made once, then each role's GET and POST runs in a
savepoint rolled back after it, so no request sees another's changes. Every mismatch of the URL is listed."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.access.expect import METHODS, check
from tests.access.matrix import (
    ADMIN_EXCEPTIONS,
    ADMIN_SKIPPED,
    MATRIX,
    TWICE,
    URL_KWARGS,
    VARIANTS,
    address,
    expectation,
)
from tests.access.routes import ENTRIES, ENTRY_BY_LABEL, is_admin
from tests.access.samples import ROLES, TownASamples, each_role

CASES = [pytest.param(entry.label, id=entry.label) for entry in ENTRIES]


@pytest.mark.parametrize("label", CASES)
def test_access(label: str, client_as, samples: TownASamples) -> None:
    entry = ENTRY_BY_LABEL[label]
    url = address(entry, samples)

    def one(role: str, method: str) -> None:
        expected = expectation(entry, role)[METHODS.index(method)]
        client: Client = client_as(role)
        response = client.get(url) if method == "GET" else client.post(url, {})
        check(response, expected, url, f"{role} {method} {url} ({label})", samples)

    each_role(samples, one)


def test_every_url_is_in_the_access_matrix() -> None:
    missing = [f"{e.label} (/{e.route})" for e in ENTRIES if not is_admin(e) and e.label not in MATRIX]
    assert not missing, "URLs not in the access matrix — add them to MATRIX in their app's table: " + (
        ", ".join(missing)
    )


def test_every_matrix_entry_is_a_url() -> None:
    stale = sorted(set(MATRIX) - set(ENTRY_BY_LABEL))
    assert not stale, f"MATRIX entries with no matching URL (renamed or removed? fix or drop them): {stale}"
    stale = sorted(set(URL_KWARGS) - set(ENTRY_BY_LABEL))
    assert not stale, f"URL_KWARGS entries with no matching URL: {stale}"
    stale = sorted((set(ADMIN_EXCEPTIONS) | set(ADMIN_SKIPPED)) - set(ENTRY_BY_LABEL))
    assert not stale, f"ADMIN_EXCEPTIONS / ADMIN_SKIPPED entries with no matching URL: {stale}"
    stale = sorted(set(VARIANTS) - set(MATRIX))
    assert not stale, f"VARIANTS entries with no MATRIX entry: {stale}"


def test_no_url_is_in_two_tables() -> None:
    assert not TWICE, f"URLs in the role tables of two apps: {TWICE}"


def test_every_matrix_entry_names_every_role_once() -> None:
    for label, row in MATRIX.items():
        assert tuple(row) == ROLES, f"MATRIX[{label!r}] must list exactly these roles, in this order: {ROLES}"
        for role, pair in row.items():
            assert len(pair) == 2, f"MATRIX[{label!r}][{role!r}] must be a (GET, POST) pair"


def test_the_resolver_walk_finds_the_site_and_the_admin() -> None:
    labels = set(ENTRY_BY_LABEL)
    assert {"home", "inbox_read", "set_language", "admin:index", "admin:congress_county_changelist"} <= labels
    assert ENTRY_BY_LABEL["inbox_read"].kwargs == ("pk",)


def test_superuser_opens_the_admin_index(superuser) -> None:
    client = Client()
    client.force_login(superuser)
    assert client.get(reverse("admin:index")).status_code == 200
