"""A voter's public pages at phone and desktop widths, without a login: the town's deputies by village or sector,
the search filtering as they type (and, without a script, as a GET search), a station's page with its "Leave a
matter", no personal data; axe finds no serious violation on any of them. The office's A4 poster with its two
captioned QR codes prints on one page."""

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

try:
    from playwright.sync_api import expect
except ImportError:
    if os.environ.get("E2E_REQUIRED") == "1":
        raise
    pytest.skip("the python package `playwright` is not installed", allow_module_level=True)

from django.core.files.base import ContentFile

from tests.access.tables.deputies import PORTRAIT
from tests.deputies.conftest import ADDRESSES, PHONES, build_public_town
from tests.e2e.conftest import TIMEOUT_MS, accessibility_problems
from tests.e2e.test_roles import log_in
from tests.factories import PASSWORD

FIRST_LOAD_MS = 60_000
OUT = Path(__file__).resolve().parents[2] / "test-results" / "print"


@pytest.fixture
def public_town(e2e_db, town_a):
    rows = build_public_town(town_a)
    zhang = rows["deputies"]["张三"]
    zhang.photo = ContentFile(PORTRAIT, name="portrait.jpg")
    zhang.save(update_fields=["photo"])
    return rows


def _no_personal_data(tab) -> None:
    html = tab.content()
    for secret in PHONES + ADDRESSES:
        assert secret not in html


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_a_voter_finds_their_deputies_and_a_station(page, live_server, public_town, viewport, screenshot):
    town, station = public_town["town"], public_town["station"]
    tab = page(viewport)
    # The live server's first request loads the site's code; on a busy machine that outlasts the usual timeout.
    tab.goto(f"{live_server.url}/public/{town.code}/", timeout=FIRST_LOAD_MS)
    cards = tab.locator("[data-finder-item]")
    expect(cards).to_have_count(3)
    expect(tab.locator("main")).to_contain_text("上坝村")
    expect(tab.locator("main")).to_contain_text("医疗卫生")
    portrait = tab.locator("img.deputy-portrait")
    expect(portrait).to_have_count(1)
    # The portrait arrives after the page: wait for it to be drawn (a broken image never is, and times out).
    tab.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=portrait.element_handle())
    _no_personal_data(tab)
    screenshot(tab, "town")

    # Typing filters at once, without a reload (a marker set on the page survives).
    tab.evaluate("window.finderMarker = 1")
    tab.fill("#finder-q", "下坝")
    expect(cards.filter(has_text="李四")).to_be_visible()
    expect(cards.filter(has_text="张三")).to_be_hidden()
    expect(cards.filter(has_text="王医生")).to_be_hidden()
    expect(tab.locator("#finder-count")).to_contain_text("1")
    assert tab.evaluate("window.finderMarker") == 1
    screenshot(tab, "search")
    tab.fill("#finder-q", "")
    expect(cards.filter(has_text="张三")).to_be_visible()

    cards.filter(has_text="张三").get_by_role("link", name=station.name).click()
    tab.wait_for_url(f"{live_server.url}/public/{town.code}/stations/{station.pk}/")
    expect(tab.locator("main h1")).to_have_text(station.name)
    expect(tab.locator("main")).to_contain_text("每周一上午8:00—12:00")
    expect(tab.locator("main [data-finder-item]")).to_have_count(2)
    _no_personal_data(tab)
    screenshot(tab, "station")


def test_without_a_script_the_search_is_a_get_form(browser, live_server, public_town):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 375, "height": 740})
    context.set_default_timeout(TIMEOUT_MS)
    try:
        tab = context.new_page()
        tab.goto(f"{live_server.url}/public/{public_town['town'].code}/", timeout=FIRST_LOAD_MS)
        tab.fill("#finder-q", "医疗")
        tab.locator("form[data-finder] button[type=submit]").click()
        tab.wait_for_url(re.compile(r".*\?q=.+"))
        expect(tab.locator("[data-finder-item]:visible")).to_have_count(1)
        expect(tab.locator("[data-finder-item]:visible")).to_contain_text("王医生")
    finally:
        context.close()


def test_the_station_poster_prints_both_captioned_codes_on_one_a4_page(page, live_server, public_town, alice):
    station = public_town["station"]
    tab = page("desktop")
    log_in(tab, live_server.url, "alice", PASSWORD)
    tab.goto(f"{live_server.url}/register/stations/{station.pk}/poster/")
    expect(tab.locator(".poster-code svg")).to_have_count(2)
    expect(tab.locator(".poster-code-public figcaption")).to_be_visible()
    expect(tab.locator(".poster-code-deputies figcaption")).to_be_visible()
    assert not accessibility_problems(tab)
    tab.emulate_media(media="print")
    expect(tab.locator("nav.navbar")).to_be_hidden()
    # Side by side: the two codes on one line.
    boxes = [tab.locator(f".poster-code-{kind}").bounding_box() for kind in ("public", "deputies")]
    assert abs(boxes[0]["y"] - boxes[1]["y"]) < 2 and boxes[0]["x"] < boxes[1]["x"]
    OUT.mkdir(parents=True, exist_ok=True)
    pdf = OUT / "poster-two-codes.pdf"
    pdf.write_bytes(tab.pdf(format="A4", prefer_css_page_size=True))
    if shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-png", "-r", "60", str(pdf), str(OUT / "poster-two-codes")], check=True)  # noqa: S603, S607
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf.read_bytes())) == 1
