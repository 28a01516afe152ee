"""The tables a phone opens, at 375 px, on the demo: no text squeezed to a character or two per line, status
badges on one line, and on the deputy's pages every link, button and choice at least 44 px tall.

A text is "squeezed" when it wraps and its widest line still holds fewer than MIN_LINE characters, or when a
short unbroken text (a date, a number, a status, a name: no space, at most SHORT characters) wraps at all.
The lines are measured in the browser, one character at a time (Range.getClientRects), as they are drawn."""

import os
import re

import pytest

try:
    from playwright.sync_api import expect
except ImportError:
    if os.environ.get("E2E_REQUIRED") == "1":
        raise
    pytest.skip("the python package `playwright` is not installed", allow_module_level=True)

from assessments.models import Bulletin, BulletinStatus
from congress.models import Township
from deputies.models import Deputy, SmallGroup
from deputies.services.imports import KINDS, register_export
from petitions.models import DutyDay, DutyDayStatus, PanelMeeting, Referral
from proposals.models import Proposal
from tests.e2e.test_roles import assert_no_horizontal_scroll, log_in

MIN_LINE = 6
SHORT = 12
TAP = 44

# [{text, lines}] for each text node in `selector` that is squeezed; `strict`: any wrap at all is squeezed.
SQUEEZED_JS = """
([selector, strict, minLine, short]) => {
  const clipped = (el) => {
    for (; el; el = el.parentElement) {
      const s = getComputedStyle(el);
      if (s.clip !== "auto" || s.display === "none" || s.visibility === "hidden") return true;
    }
    return false;
  };
  const lines = (node) => {
    const range = document.createRange();
    const counts = [];
    let top = null;
    for (let i = 0; i < node.textContent.length; i++) {
      if (/\\s/.test(node.textContent[i])) continue;
      range.setStart(node, i);
      range.setEnd(node, i + 1);
      const r = range.getClientRects()[0];
      if (!r || (r.width === 0 && r.height === 0)) continue;
      if (top === null || r.top > top + r.height / 2) { counts.push(0); top = r.top; }
      counts[counts.length - 1] += 1;
    }
    return counts;
  };
  const found = [];
  for (const element of document.querySelectorAll(selector)) {
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent.trim();
      if (text.length < 2 || clipped(node.parentElement)) continue;
      const counts = lines(node);
      if (counts.length < 2) continue;
      const unbroken = !/\\s/.test(text) && text.length <= short;
      if (strict || unbroken || Math.max(...counts) < minLine) found.push({text, lines: counts});
    }
  }
  return found;
}
"""

# [{what, height}] for each visible tap target lower than `tap` px; a radio's or checkbox's label counts.
SMALL_TARGETS_JS = """
(tap) => {
  const shown = (el) => {
    const r = el.getBoundingClientRect();
    if (r.width <= 1 || r.height <= 1) return false;
    for (let e = el; e; e = e.parentElement) {
      const s = getComputedStyle(e);
      if (s.clip !== "auto" || s.display === "none" || s.visibility === "hidden") return false;
    }
    return true;
  };
  const selector = "a[href], button, summary, input[type=radio], input[type=checkbox], input[type=submit]";
  const found = [];
  for (const el of document.querySelectorAll(selector)) {
    if (!shown(el)) continue;
    let height = el.getBoundingClientRect().height;
    if (el.matches("input[type=radio], input[type=checkbox]")) {
      const labels = [...(el.labels || [])].filter(shown);
      height = Math.max(height, ...labels.map((l) => l.getBoundingClientRect().height));
    }
    if (height < tap - 0.5) {
      const what = el.outerHTML.slice(0, 120);
      found.push({what, height: Math.round(height)});
    }
  }
  return found;
}
"""


def squeezed(tab, selector: str, strict: bool = False) -> list[dict]:
    return tab.evaluate(SQUEEZED_JS, [selector, strict, MIN_LINE, SHORT])


def assert_tables_readable(tab) -> None:
    """Every cell of every table in the page's main part, and every badge, reads in lines, not in characters."""
    expect(tab.locator("main table:visible").first).to_be_visible()
    cells = squeezed(tab, "main table td, main table th")
    assert not cells, f"{tab.url}: cells squeezed to a few characters a line: {cells}"
    badges = squeezed(tab, "main .badge", strict=True)
    assert not badges, f"{tab.url}: badges broken across lines: {badges}"
    assert_no_horizontal_scroll(tab)


def assert_tap_targets(tab) -> None:
    small = tab.evaluate(SMALL_TARGETS_JS, TAP)
    assert not small, f"{tab.url}: tap targets lower than {TAP} px: {small}"


def _open(tab, base: str, path: str) -> None:
    tab.goto(base + path)
    assert tab.url.startswith(base + path.split("?")[0]), f"asked for {path}, got {tab.url}"


@pytest.fixture
def town(demo):
    return Township.objects.get(code="damogu")


def test_the_public_roster_reads_as_one_card_a_day_on_a_phone(page, live_server, town, screenshot):
    published = DutyDay.objects.filter(township=town, status=DutyDayStatus.PUBLISHED)
    assert published.count() >= 3, "the demo publishes reception days"
    tab = page("phone")
    _open(tab, live_server.url, f"/public/{town.code}/roster/")
    assert_tables_readable(tab)
    rows = tab.locator("main table tbody tr")
    expect(rows.first.locator("td[data-label]")).to_have_count(4)
    # A row is a card of a few lines, not a column of single characters (before: about 830 px a row).
    heights = [box["height"] for box in (rows.nth(i).bounding_box() for i in range(min(rows.count(), 5)))]
    assert max(heights) < 400, heights
    screenshot(tab)


def test_the_bulletin_and_the_record_read_on_the_deputys_phone(page, live_server, town, screenshot):
    deputy = Deputy.objects.get(user__username="deputy")
    bulletin = Bulletin.objects.filter(township=town, status=BulletinStatus.PUBLISHED).order_by("-month").first()
    assert bulletin is not None, "the demo publishes a bulletin"
    tab = page("phone")
    log_in(tab, live_server.url, "deputy", "demo1234")
    tab.wait_for_url(f"{live_server.url}/")

    _open(tab, live_server.url, f"/bulletins/{bulletin.pk}/")
    assert_tables_readable(tab)
    screenshot(tab, "bulletin")

    _open(tab, live_server.url, f"/records/{deputy.pk}/")
    assert_tables_readable(tab)
    statuses = tab.locator("main .record-part .badge[data-status]")
    assert statuses.count() >= 1, "the record shows attendance and proposals' statuses as badges"
    for i in range(statuses.count()):
        assert "status-" in (statuses.nth(i).get_attribute("class") or "")
    screenshot(tab, "record")


LEADER_TABLES = [
    "/dashboard/",
    "/duty/roster/",
    "/visits/",
    "/visits/referrals/",
    "/visits/counts/",
    "/activities/",
    "/activities/plans/",
    "/records/",
    "/register/stations/",
    "/register/units/",
    "/register/deputies/",
    "/register/leaders/",
    "/assessment/",
    "/assessment/year/",
    "/proposals/rates/",
    "/visits/panel/",
]


def test_the_tables_a_leader_reads_on_a_phone_read_in_lines(page, live_server, town):
    assert Referral.objects.filter(township=town, resolved=False).exists(), "the demo has open referrals"
    meeting = PanelMeeting.objects.filter(township=town).order_by("-month").first()
    group = SmallGroup.objects.filter(township=town).order_by("pk").first()
    assert meeting is not None and group is not None, "the demo has a panel meeting and small groups"
    tab = page("phone")
    log_in(tab, live_server.url, "leader", "demo1234")
    tab.wait_for_url(f"{live_server.url}/")
    for path in [*LEADER_TABLES, f"/visits/panel/{meeting.pk}/", f"/register/groups/small/{group.pk}/"]:
        _open(tab, live_server.url, path)
        # What a figure counts, opened: the explanation must not squeeze the figure's name beside it.
        tab.evaluate("document.querySelectorAll('main details').forEach(d => d.open = true)")
        assert_tables_readable(tab)
    _open(tab, live_server.url, "/")
    assert_tap_targets(tab)


COUNTY_TABLES = ["/", "/county/"]  # the county's home (its townships), then every town's month


def test_the_tables_a_county_reader_opens_on_a_phone_read_in_lines(page, live_server, demo, screenshot):
    tab = page("phone")
    log_in(tab, live_server.url, "county", "demo1234")
    tab.wait_for_url(f"{live_server.url}/")
    for path in COUNTY_TABLES:
        _open(tab, live_server.url, path)
        tab.evaluate("document.querySelectorAll('main details').forEach(d => d.open = true)")
        assert_tables_readable(tab)
    screenshot(tab, "county-overview")


DEPUTY_PAGES = ["/", "/duty/mine/", "/activities/mine/", "/assessment/mine/", "/proposals/", "/proposals/new/"]


def test_every_tap_target_on_the_deputys_pages_is_44_px_tall(page, live_server, town):
    deputy = Deputy.objects.get(user__username="deputy")
    led = Proposal.objects.filter(township=town, lead_deputy=deputy).order_by("-pk").values_list("pk", flat=True)
    bulletin = Bulletin.objects.filter(township=town, status=BulletinStatus.PUBLISHED).order_by("-month").first()
    paths = [*DEPUTY_PAGES, f"/records/{deputy.pk}/", f"/bulletins/{bulletin.pk}/"]
    paths += [f"/proposals/{pk}/" for pk in led[:3]]
    tab = page("phone")
    log_in(tab, live_server.url, "deputy", "demo1234")
    tab.wait_for_url(f"{live_server.url}/")
    for path in paths:
        _open(tab, live_server.url, path)
        if path == "/":  # the menu, opened, and the user's part of it
            tab.locator("button.navbar-toggler").click()
            expect(tab.locator("#nav-main")).to_have_class(re.compile(r"\bshow\b"))
            tab.locator("#user-menu").click()
            expect(tab.locator("#user-menu + .dropdown-menu")).to_be_visible()
        tab.evaluate("document.querySelectorAll('main details').forEach(d => d.open = true)")  # the choices inside
        assert_tap_targets(tab)
        badges = squeezed(tab, "main .badge", strict=True)
        assert not badges, f"{tab.url}: badges broken across lines: {badges}"


OFFICE_TABLES = ["/accounts/", "/audit/", "/messages/", "/register/terms/"]


def test_the_office_s_desk_tables_read_in_lines_on_a_phone(page, live_server, town):
    tab = page("phone")
    log_in(tab, live_server.url, "office", "demo1234")
    tab.wait_for_url(f"{live_server.url}/")
    for path in OFFICE_TABLES:
        _open(tab, live_server.url, path)
        assert_tables_readable(tab)
    # An import's preview: the town's own deputies exported, then checked again as an upload.
    workbook = register_export(
        kind=KINDS["deputies"], township=town, queryset=Deputy.objects.filter(township=town)[:5], mask_phones=False
    )
    _open(tab, live_server.url, "/register/import/deputies/")
    tab.locator("main input[type=file]").set_input_files(
        files=[{"name": "代表名册.xlsx", "mimeType": "application/octet-stream", "buffer": workbook}]
    )
    tab.locator("main form button[type=submit]").first.click()
    expect(tab.locator("[data-import-totals]")).to_be_visible()
    assert_tables_readable(tab)
