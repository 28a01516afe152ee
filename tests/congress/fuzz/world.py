"""The world every fuzz example runs in: town A's rows and users as the access matrix builds them, town B's rows
for foreign ids, the addresses and fields of each URL read from its pages, a savepoint undone after each
example, and the check of an answer (no 500, unless KNOWN_500 lists it)."""

import traceback
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.db import transaction
from django.http import HttpResponse
from django.test import Client
from django.urls import resolve, reverse
from hypothesis import currently_in_test_context, note

from congress.access import SESSION_TOWNSHIP
from deputies.services.imports import KINDS
from tests.access.matrix import MATRIX, URL_KWARGS, address
from tests.access.routes import ENTRY_BY_LABEL
from tests.access.samples import ROLE_USERS, TownASamples
from tests.congress.fuzz.cases import HINTS, HOSTS, OTHER_ROWS, QUERY_HINTS, QUERY_NAMES, QUERY_OPTIONS, SLUGS
from tests.congress.fuzz.forms import FieldSpec, merge_specs, page_forms, specs_from_hint, view_name
from tests.congress.fuzz.known import KNOWN_SIGNATURES
from tests.factories import DepartmentFactory, DeputyFactory, LeaderFactory, StationFactory

ALLOWED_STATUSES = {200, 301, 302, 303, 400, 403, 404, 405, 409, 410, 413, 429}
PROJECT_ROOT = Path(__file__).resolve().parents[3]  # tests/congress/fuzz/world.py: the repository


@contextmanager
def rolled_back():
    """A savepoint undone at the end, whatever happened inside."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


@dataclass
class Target:
    path: str
    fields: dict[str, FieldSpec]
    headers: list[str] | None = None  # the register sheet's columns, for an import


class World:
    """Town A's rows and users as the access matrix builds them, town B's rows for foreign ids, and what each
    URL's forms post, read once per test from the pages."""

    def __init__(self, request: pytest.FixtureRequest) -> None:
        self.samples = TownASamples(request)
        self.town_a = request.getfixturevalue("town_a")
        # Every user exists before the first savepoint: a fixture first made inside one would be undone.
        self.users = {role: request.getfixturevalue(name) for role, name in ROLE_USERS.items() if name}
        self.town_b = town_b = request.getfixturevalue("town_b")
        deputy_b = DeputyFactory(township=town_b)
        foreign = [
            deputy_b.pk,
            deputy_b.small_group.pk,
            deputy_b.small_group.large_group.pk,
            StationFactory(township=town_b).pk,
            DepartmentFactory(township=town_b).pk,
            LeaderFactory(township=town_b).pk,
            town_b.pk,
        ]
        self.ids = sorted({str(pk) for pk in foreign} | {"0", "-1", "999999", "2147483648"})
        self._targets: dict[tuple[str, str, str], list[Target]] = {}

    def client(self, role: str) -> Client:
        client = Client(raise_request_exception=False)
        if ROLE_USERS[role] is not None:
            client.force_login(self.users[role])
        if role == "county":
            session = client.session
            session[SESSION_TOWNSHIP] = self.town_a.pk
            session.save()
        return client

    def _variants(self, label: str) -> list[str]:
        """The addresses of `label` to post to: the matrix's, then other slugs and other rows."""
        entry = ENTRY_BY_LABEL[label]
        base = URL_KWARGS[label](self.samples) if label in URL_KWARGS else {}
        rows = [base] + [build(self.samples) for build in OTHER_ROWS.get(label, [])]
        paths = [address(entry, self.samples)]
        for kwargs in rows:
            slugs = [kwargs]
            if label in SLUGS:
                key, values = SLUGS[label]
                slugs = [{**kwargs, key: value} for value in values]
            for values in slugs:
                path = reverse(label, kwargs=values or None)
                if path not in paths:
                    paths.append(path)
        return paths

    def targets(self, label: str, role: str, method: str) -> list[Target]:
        key = (label, role, method)
        if key not in self._targets:
            self._targets[key] = self._discover(label, role, method)
        return self._targets[key]

    def _discover(self, label: str, role: str, method: str) -> list[Target]:
        paths = self._variants(label)
        pages = [paths[0]] if MATRIX[label][role][0] == 200 else []
        if method == "POST":
            pages += [host(self.samples) for host in HOSTS.get(label, [])]
        wanted = "post" if method == "POST" else "get"
        found: dict[str, dict[str, FieldSpec]] = {}
        with rolled_back():
            client = self.client(role)
            for page in pages:
                response = client.get(page)
                if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
                    continue
                for form in page_forms(response.content.decode()):
                    if form.method != wanted:
                        continue
                    for action in form.actions:
                        path = urlsplit(action).path or page
                        if method == "GET" or view_name(path) == label:
                            key = path if method == "POST" else paths[0]  # a query goes to the page itself
                            found[key] = merge_specs(found.get(key, {}), form.fields)
        for path in found:
            if path not in paths:
                paths.append(path)
        hints = HINTS if method == "POST" else QUERY_HINTS
        targets = []
        for path in paths:
            match = resolve(path)
            slug = SLUGS[label][0] if label in SLUGS else None
            hinted = hints.get(label, []) + (hints.get(f"{label}:{match.kwargs[slug]}", []) if slug else [])
            generic = {}
            if method == "GET":
                generic = {name: FieldSpec(name, options=QUERY_OPTIONS.get(name, [])) for name in QUERY_NAMES}
            specs = merge_specs(found.get(path, {}), *[specs_from_hint(h) for h in hinted], generic)
            headers = None
            if label in ("register_import", "register_import_apply") and match.kwargs.get("kind") in KINDS:
                headers = list(KINDS[match.kwargs["kind"]].resource(township=self.town_a).headers())
            targets.append(Target(path, specs, headers))
        return targets


@pytest.fixture
def world(request, db) -> World:
    return World(request)


# --- Checking an answer ---------------------------------------------------------------------------------


def innermost_project_frame(tb) -> str:
    """file:function of the deepest frame in the project's own code (not a library, not the tests)."""
    frames = traceback.extract_tb(tb)
    for frame in reversed(frames):
        path = Path(frame.filename).resolve()
        own = path.is_relative_to(PROJECT_ROOT) and ".venv" not in path.parts and "tests" not in path.parts
        if own and not frame.name.startswith("<"):  # a <genexpr> or <lambda>: name the function around it
            return f"{path.relative_to(PROJECT_ROOT)}:{frame.name}"
    last = frames[-1] if frames else None
    return f"{Path(last.filename).name}:{last.name}" if last else "?"


def check(response: HttpResponse, *, label: str, method: str, role: str, path: str, payload: dict) -> None:
    """No 500; a 500 that KNOWN_500 lists passes. A new one re-raises the view's own exception, so that
    Hypothesis tells distinct errors apart and shows the view's traceback."""
    status = response.status_code
    if status == 500:
        exc_info = getattr(response, "exc_info", None)
        if not exc_info:
            raise AssertionError(f"500 without an exception: {role} {method} {path} {payload!r}")
        _type, error, tb = exc_info
        where = innermost_project_frame(tb)
        if (label, method, type(error).__name__, where) in KNOWN_SIGNATURES:
            return
        if currently_in_test_context():
            note(f"500 {type(error).__name__} in {where}: {role} {method} {path} data={payload!r}")
        raise error.with_traceback(tb)
    assert status in ALLOWED_STATUSES, f"{role} {method} {path} answered {status}; data={payload!r}"
