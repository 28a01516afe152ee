"""The README's screenshots, taken from the demo on every run so they stay current: the office's home, the
roster, a visit with its referral, a proposal's life, the dashboard, and the deputy's phone pages. Each page is
also checked by axe-core (the screenshot fixture does it) before it is saved into docs/screenshots/."""

import os
from pathlib import Path

import pytest

try:
    from playwright.sync_api import expect
except ImportError:
    if os.environ.get("E2E_REQUIRED") == "1":
        raise
    pytest.skip("the python package `playwright` is not installed", allow_module_level=True)

from petitions.models import Referral
from proposals.models import Proposal, Status
from tests.e2e.conftest import accessibility_problems
from tests.e2e.test_roles import log_in

DOCS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def _save(tab, name: str) -> None:
    problems = accessibility_problems(tab)
    assert not problems, "\n".join(problems)
    DOCS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(DOCS / f"{name}.png"), full_page=False)


def test_the_readme_screenshots_of_the_office_and_the_leader(page, live_server, demo):
    tab = page("desktop")
    log_in(tab, live_server.url, "office", "demo1234")
    expect(tab.locator("main h1")).to_be_visible()
    _save(tab, "office-home")
    tab.goto(f"{live_server.url}/duty/roster/")
    _save(tab, "roster")
    referral = Referral.objects.filter(township__code="damogu", resolved=True).select_related("visit").first()
    tab.goto(f"{live_server.url}/visits/{referral.visit_id}/")
    _save(tab, "visit-with-referral")
    proposal = Proposal.objects.filter(township__code="damogu", status=Status.CLOSED).first()
    tab.goto(f"{live_server.url}/proposals/{proposal.pk}/")
    _save(tab, "proposal")

    leader = page("desktop")
    log_in(leader, live_server.url, "leader", "demo1234")
    leader.goto(f"{live_server.url}/dashboard/")
    expect(leader.locator("canvas[data-drawn=true]")).to_have_count(5)
    _save(leader, "dashboard")


def test_the_readme_screenshots_of_the_deputys_phone(page, live_server, demo):
    tab = page("phone")
    log_in(tab, live_server.url, "deputy", "demo1234")
    expect(tab.locator("main h1")).to_be_visible()
    _save(tab, "deputy-home")
    tab.goto(f"{live_server.url}/duty/mine/")
    _save(tab, "deputy-duties")
    tab.goto(f"{live_server.url}/assessment/mine/")
    _save(tab, "deputy-score")
