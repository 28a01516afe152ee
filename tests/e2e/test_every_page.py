"""Every page each role can reach, at 1280 px and at 375 px, checked by axe-core (issue #20): on the demo, the
browser starts at the role's home (a voter at the town's public page) and follows the links it finds there and
on each page after, one page of each address shape (/visits/12/ and /visits/13/ are one), until none is left.
A page that fails (5xx) or has a serious or critical accessibility violation fails the test, which names them
all. Downloads (spreadsheets, Word, calendars) are left to the tests that open them."""

import os
import re
from urllib.parse import urlsplit

import pytest

try:
    from playwright.sync_api import Error as PlaywrightError
except ImportError:
    if os.environ.get("E2E_REQUIRED") == "1":
        raise
    pytest.skip("the python package `playwright` is not installed", allow_module_level=True)

from tests.e2e.conftest import accessibility_problems
from tests.e2e.test_roles import log_in

pytestmark = pytest.mark.slow

# Addresses the crawl does not open: downloads, feeds, the switch of language or town, leaving, and the admin.
NOT_PAGES = re.compile(
    r"/logout/|/export/|/template/|/document/|/notice/|/report/|/assignment-notice/|/reply-letter/"
    r"|/collection/\d|/decision/|\.ics|/feed|/i18n/|/admin/|/switch/|/static/|/media/|/files?/|/slips/"
    r"|/attachments/\d|/poster/"
)
ROLES = {
    "office": ("office", "/"),
    "leader": ("leader", "/"),
    "deputy": ("deputy", "/"),
    "unit": ("unit", "/"),
    "county": ("county", "/"),
    "voter": (None, "/public/damogu/"),
}
LIMIT = 160  # address shapes per role: far more than any role has, a stop should a link ever loop


def shape(path: str) -> str:
    """The address with its numbers and codes taken out: one page of each shape is enough."""
    return re.sub(r"/[A-Za-z0-9_-]*\d[A-Za-z0-9_-]*(?=/|$)", "/N", path)


def links_of(tab, base: str) -> list[str]:
    hrefs = tab.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
    found = []
    for href in hrefs:
        parts = urlsplit(href)
        if f"{parts.scheme}://{parts.netloc}" != base or NOT_PAGES.search(parts.path):
            continue
        found.append(parts.path + (f"?{parts.query}" if parts.query and not parts.query.startswith("page=") else ""))
    return found


def crawl(tab, base: str, start: str) -> tuple[list[str], list[str]]:
    """Every page shape reachable from `start`: the pages opened, and what went wrong on them."""
    queue, seen, opened, problems = [start], set(), [], []
    while queue and len(opened) < LIMIT:
        path = queue.pop(0)
        key = shape(path.split("?")[0]) + ("?" if "?" in path else "")
        if key in seen:
            continue
        seen.add(key)
        try:
            response = tab.goto(base + path)
        except PlaywrightError as error:  # a link that turned out to be a download
            if "Download is starting" in str(error):
                continue
            raise
        if response is None or not tab.url.startswith(base):
            continue
        opened.append(path)
        if response.status >= 500:
            problems.append(f"{path}: HTTP {response.status}")
            continue
        problems += accessibility_problems(tab)
        queue += [link for link in links_of(tab, base) if link not in queue]
    return opened, problems


@pytest.mark.parametrize("role", list(ROLES))
def test_every_page_of_each_role_passes_axe(page, live_server, demo, role):
    username, start = ROLES[role]
    for viewport in ("desktop", "phone"):  # one test for both sizes: the demo is restored once
        tab = page(viewport)
        if username:
            log_in(tab, live_server.url, username, "demo1234")
            tab.wait_for_url(f"{live_server.url}/")
        opened, problems = crawl(tab, live_server.url, start)
        print(f"{role} at {viewport}: {len(opened)} pages", *opened, sep="\n  ")  # noqa: T201 (shown with -s)
        assert len(opened) >= (3 if role == "voter" else 8), opened  # the crawl did reach the role's pages
        assert not problems, f"{len(problems)} problems on {len(opened)} pages at {viewport}:\n" + "\n".join(problems)
