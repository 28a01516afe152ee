"""Each role logs in through the real login page, sees its own home page, and logs out, on desktop and phone.

Assertions lean on data-* attributes, form actions and data values (names of towns, deputies, departments).
Where a label is checked, the expected text is computed with Django's gettext in the language the page
declares (<html lang>), so the tests hold whether or not the Chinese catalogue is complete or compiled."""

import os
import re
from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm
from django.utils import translation
from django.utils.translation import gettext

try:
    from playwright.sync_api import Page, expect
except ImportError:  # the conftest's browser fixture explains; here only collection must not break
    if os.environ.get("E2E_REQUIRED") == "1":
        raise
    pytest.skip("the python package `playwright` is not installed", allow_module_level=True)

from congress.dates import format_month
from congress.models import Township
from deputies.selectors.register import register_counts, register_counts_by_township
from tests.e2e.conftest import VIEWPORTS
from tests.factories import PASSWORD, DeputyFactory

ROLES = {
    "office": "alice",
    "leader": "leo",
    "deputy": "bob",
    "unit": "carol",
    "county": "erin",
}


@pytest.fixture
def register(e2e_db, town_a, town_b):
    """A few deputies, so that the figures on the home pages are not all zero."""
    DeputyFactory.create_batch(2, township=town_a)
    DeputyFactory(township=town_b)


def page_language(pg: Page) -> str:
    return pg.locator("html").get_attribute("lang") or "zh-hans"


def tr(pg: Page, message: str, **values) -> str:
    """`message` translated as the page's language translates it, with %(name)s values filled in."""
    with translation.override(page_language(pg)):
        text = gettext(message)
    return text % values if values else text


def month_as_shown(pg: Page, month: date) -> str:
    """`month` as the page's language writes it (2026年10月)."""
    with translation.override(page_language(pg)):
        return format_month(month)


def assert_no_horizontal_scroll(pg: Page) -> None:
    widths = pg.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], f"{pg.url} scrolls sideways: scrollWidth {widths[0]} > innerWidth {widths[1]}"


def log_in(pg: Page, base_url: str, username: str, password: str) -> None:
    pg.goto(f"{base_url}/login/")
    pg.locator("#id_username").fill(username)
    pg.locator("#id_password").fill(password)
    pg.locator('main form[action="/login/"] button[type="submit"]').click()


def log_out(pg: Page, viewport: str, base_url: str, screenshot=None) -> None:
    menu = pg.locator("#nav-main")
    toggler = pg.locator("button.navbar-toggler")
    if viewport == "phone":
        # The menu is collapsed at this width: the user's dropdown sits behind the toggler.
        expect(menu).to_be_hidden()
        expect(toggler).to_be_visible()
        toggler.click()
        expect(menu).to_have_class(re.compile(r"\bshow\b"))
    else:
        expect(toggler).to_be_hidden()
    menu.locator("#user-menu").click()
    logout = menu.locator('form[action="/logout/"] button[type="submit"]')
    expect(logout).to_be_visible()
    if screenshot is not None:
        screenshot(pg, "menu")
    logout.click()
    pg.wait_for_url(f"{base_url}/login/")


def check_home(role: str, pg: Page, fixtures: dict) -> None:
    """What only this role's home page shows."""
    main = pg.locator("main")
    town_a = fixtures["town_a"]
    figures = register_counts(township=fixtures["active_town"])
    if role in ("office", "leader", "county"):
        # The register's four counts; a leader's home also has the month's four figures beside last month's.
        expect(main.locator("[data-figure]")).to_have_count(12 if role == "leader" else 4)
        for key in ("deputies", "large_groups", "small_groups", "stations_and_points"):
            expect(main.locator(f'[data-figure="{key}"]')).to_have_text(str(figures[key]))
        assert figures["deputies"] >= 1
    else:
        expect(main.locator("[data-figure]")).to_have_count(0)

    if role == "office":
        expect(main.locator("h1")).to_have_text(tr(pg, "%(town)s congress office", town=town_a.name))
    elif role == "leader":
        expect(main.locator("h1")).to_have_text(tr(pg, "%(town)s this month", town=town_a.name))
    elif role == "deputy":
        expect(main.locator("h1")).to_have_text(tr(pg, "Hello, %(name)s", name="鲍勃"))
        expect(main.get_by_role("heading", name=tr(pg, "My next duty"))).to_be_visible()
    elif role == "unit":
        expect(main.locator("h1")).to_have_text(fixtures["department_a"].name)
    elif role == "county":
        county = fixtures["county"]
        expect(main.locator("h1")).to_have_text(tr(pg, "%(county)s: the townships", county=county.name))
        rows = main.locator("table tbody th[scope=row]")
        expected = [row["township"].name for row in register_counts_by_township(county=county)]
        assert sorted(expected) == sorted(["甲镇", "乙镇"])
        expect(rows).to_have_text(expected)
        deputies = {row["township"].name: row["deputies"] for row in register_counts_by_township(county=county)}
        active = fixtures["active_town"]
        for name, n in deputies.items():
            row = main.locator("table tbody tr", has=pg.locator("th", has_text=name))
            expect(row.locator("td").first).to_have_text(str(n))
            # Every other town has a button to open it; the open one has none.
            expect(row.locator('form[action="/switch/"]')).to_have_count(0 if name == active.name else 1)
        expect(main.locator("h2").first).to_have_text(tr(pg, "%(town)s at a glance", town=active.name))


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("role", list(ROLES))
def test_role_logs_in_sees_home_and_logs_out(role, viewport, register, live_server, page, screenshot, request):
    user = request.getfixturevalue(ROLES[role])
    fixtures = {name: request.getfixturevalue(name) for name in ("county", "town_a", "department_a")}
    # A county reader starts on the county's first town by name (乙镇 sorts before 甲镇 by code point).
    fixtures["active_town"] = (
        Township.objects.filter(county=fixtures["county"]).order_by("name").first()
        if role == "county"
        else fixtures["town_a"]
    )
    pg = page(viewport)

    log_in(pg, live_server.url, user.username, PASSWORD)
    pg.wait_for_url(f"{live_server.url}/")
    assert page_language(pg) == "zh-hans", "Chinese is the default language for a zh-CN browser"
    # The user menu names who is logged in (full name, else the username).
    expect(pg.locator("#user-menu")).to_contain_text(user.get_full_name() or user.username)
    expect(pg.locator("a.navbar-brand")).to_contain_text(fixtures["active_town"].name)
    check_home(role, pg, fixtures)
    screenshot(pg, "home")
    if viewport == "phone":
        assert_no_horizontal_scroll(pg)

    log_out(pg, viewport, live_server.url, screenshot)
    expect(pg.locator("#id_username")).to_be_visible()
    expect(pg.locator("#user-menu")).to_have_count(0)
    screenshot(pg, "logged-out")
    if viewport == "phone":
        assert_no_horizontal_scroll(pg)
    # The session is gone: home sends us back to the login page.
    pg.goto(f"{live_server.url}/")
    pg.wait_for_url(re.compile(re.escape(f"{live_server.url}/login/") + r"\?next=/$"))


def test_wrong_password_shows_error_and_stays_on_login(e2e_db, alice, live_server, page, screenshot):
    pg = page("desktop")
    log_in(pg, live_server.url, "alice", "not-the-password")

    error = pg.locator("main .alert-danger")
    expect(error).to_be_visible()
    with translation.override(page_language(pg)):
        username_label = get_user_model()._meta.get_field("username").verbose_name
        message = str(AuthenticationForm.error_messages["invalid_login"]) % {"username": username_label}
    expect(error).to_contain_text(message)
    assert pg.url == f"{live_server.url}/login/"
    expect(pg.locator("#id_username")).to_have_value("alice")
    expect(pg.locator("#id_password")).to_have_value("")
    expect(pg.locator("#user-menu")).to_have_count(0)
    screenshot(pg, "error")
