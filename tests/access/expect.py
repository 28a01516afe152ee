"""The words of the access tables (what a role gets from a URL) and the check that holds a response to them."""

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from django.contrib.messages import get_messages
from django.http import HttpResponse
from django.urls import reverse

from tests.access.samples import ROLES, TownASamples

SUCCESS = "success"
ERROR = "error"


@dataclass(frozen=True)
class Redirect:
    """A 302 to the page named `to`; with `with_next`, carrying ?next=<the page asked for> (a login);
    `kwargs` builds the target's arguments from town A's rows; `message`, when given, is the level of the
    flash message the redirect carries: SUCCESS (the action was done) or ERROR (a rule of the view refused it)."""

    to: str
    with_next: bool = False
    kwargs: Callable[[TownASamples], dict] | None = None
    message: str | None = None

    def __str__(self) -> str:
        return (
            f"302 → {self.to}" + (" ?next=…" if self.with_next else "") + (f" [{self.message}]" if self.message else "")
        )

    def done(self) -> "Redirect":
        return Redirect(self.to, self.with_next, self.kwargs, SUCCESS)

    def refused(self) -> "Redirect":
        return Redirect(self.to, self.with_next, self.kwargs, ERROR)


OK = 200
FORBIDDEN = 403
NOT_FOUND = 404
NOT_ALLOWED = 405
LOGIN = Redirect("login", with_next=True)  # not logged in: the login page, then back here
ADMIN_LOGIN = Redirect("admin:login", with_next=True)  # not staff: the admin's login page, then back here
TO_HOME = Redirect("home")
TO_INBOX = Redirect("inbox")
TO_LOGIN_PAGE = Redirect("login")  # after logging out: the login page, with no way back
TO_ADMIN_INDEX = Redirect("admin:index")

Expected = int | Redirect
GetPost = tuple[Expected, Expected]
METHODS = ("GET", "POST")


@dataclass(frozen=True)
class Variant:
    """One value of the slug that picks what a URL does (an action, a kind of import): what each role gets for
    GET and for POST, and what the POST carries — nothing, as in MATRIX, unless `data` fills in the form the
    page shows for it, so that a role the view lets through gets the action done (or refused by its rule)."""

    roles: dict[str, GetPost]
    data: Callable[[TownASamples], dict] | None = None


# A URL's slug name, and a Variant for each value the view knows (and one it does not).
Variants = tuple[str, dict[str, Variant]]


def is_refusal(expected: Expected) -> bool:
    """The request is turned away (by the role check, the town, the method or a rule): nothing may change."""
    if isinstance(expected, Redirect):
        return expected.with_next or expected.message == ERROR
    return expected in (FORBIDDEN, NOT_FOUND, NOT_ALLOWED)


# --- Rows of the tables: one (GET, POST) pair per role -------------------------------------------------


def row(get: dict[str, Expected], post: dict[str, Expected]) -> dict[str, GetPost]:
    return {role: (get[role], post[role]) for role in ROLES}


def everyone(expected: Expected) -> dict[str, Expected]:
    return {role: expected for role in ROLES}


def reader_page(*, other: Expected = OK) -> dict[str, GetPost]:
    """A read-only page of the town; `other` is what the other town's office gets."""
    get = {"anonymous": LOGIN, "office": OK, "leader": OK, "deputy": FORBIDDEN, "unit": FORBIDDEN}
    get |= {"county": OK, "other_office": other}
    post = everyone(NOT_ALLOWED) | {"county": FORBIDDEN}
    return row(get, post)


def office_form(*, other: Expected = OK) -> dict[str, GetPost]:
    """A form only the office may use (an empty POST shows the form again with its errors)."""
    get = {"anonymous": LOGIN, "office": OK, "leader": FORBIDDEN, "deputy": FORBIDDEN, "unit": FORBIDDEN}
    get |= {"county": FORBIDDEN, "other_office": other}
    return row(get, get)


def office_get(*, other: Expected = OK) -> dict[str, GetPost]:
    """A download only the office may fetch."""
    get = {"anonymous": LOGIN, "office": OK, "leader": FORBIDDEN, "deputy": FORBIDDEN, "unit": FORBIDDEN}
    get |= {"county": FORBIDDEN, "other_office": other}
    return row(get, everyone(NOT_ALLOWED) | {"county": FORBIDDEN})


def office_post(done: Expected, *, other: Expected) -> dict[str, GetPost]:
    """An action only the office may post; GET is not allowed."""
    post = {"anonymous": LOGIN, "office": done, "leader": FORBIDDEN, "deputy": FORBIDDEN, "unit": FORBIDDEN}
    post |= {"county": FORBIDDEN, "other_office": other}
    return row(everyone(NOT_ALLOWED), post)


def public_page(*, get: Expected = OK) -> dict[str, GetPost]:
    """A page for the public, no login: everyone reads it; nobody posts."""
    return row(everyone(get), everyone(NOT_ALLOWED) | {"county": FORBIDDEN})


def deputy_page(*, post: Expected) -> dict[str, GetPost]:
    """A page of the deputy's own (GET shows it; `post` is what an empty POST gets)."""
    get = everyone(FORBIDDEN) | {"anonymous": LOGIN, "deputy": OK}
    return row(get, everyone(FORBIDDEN) | {"anonymous": LOGIN, "deputy": post})


def deputy_post(done: Expected) -> dict[str, GetPost]:
    return row(everyone(NOT_ALLOWED), everyone(FORBIDDEN) | {"anonymous": LOGIN, "deputy": done})


# A page of the deputy's own, which nobody else opens; nobody posts to it.
MY_PAGE_ONLY = row(
    everyone(FORBIDDEN) | {"anonymous": LOGIN, "deputy": OK}, everyone(NOT_ALLOWED) | {"county": FORBIDDEN}
)


# --- Holding a response to what the table says ---------------------------------------------------------


def check(response: HttpResponse, expected: Expected, url: str, what: str, samples: TownASamples) -> None:
    got = response.status_code
    if isinstance(expected, Redirect):
        assert got == 302, f"{what}: expected {expected}, got {got}"
        location = urlsplit(response["Location"])
        target = reverse(expected.to, kwargs=expected.kwargs(samples) if expected.kwargs else None)
        assert location.path == target, f"{what}: expected {expected}, got 302 → {response['Location']}"
        if expected.with_next:
            assert parse_qs(location.query).get("next") == [url], f"{what}: the login does not lead back to {url}"
        if expected.message:
            shown = [(m.level_tag, str(m)) for m in get_messages(response.wsgi_request)]
            levels = {level for level, _text in shown}
            wrong = {SUCCESS: ERROR, ERROR: SUCCESS}[expected.message]
            assert expected.message in levels and wrong not in levels, f"{what}: expected {expected}, told {shown}"
        return
    assert got == expected, f"{what}: expected {expected}, got {got}" + (
        f" → {response['Location']}" if got in (301, 302) else ""
    )
