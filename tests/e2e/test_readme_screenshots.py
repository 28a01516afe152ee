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

from django.utils import timezone

from assessments.models import Assessment
from congress.models import Township
from deputies.models import Deputy
from petitions.models import DutyDay, Referral
from proposals.models import Proposal, Status
from tests.e2e.conftest import accessibility_problems
from tests.e2e.test_roles import log_in, month_as_shown, tr

DOCS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def _save(tab, name: str) -> None:
    problems = accessibility_problems(tab)
    assert not problems, "\n".join(problems)
    DOCS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(DOCS / f"{name}.png"), full_page=False)


def _open(tab, base_url: str, path: str) -> None:
    """Go to `path` and check the browser stayed there: a page that redirects to the login is not that page."""
    tab.goto(base_url + path)
    assert tab.url == base_url + path, f"asked for {path}, got {tab.url}"


def test_the_readme_screenshots_of_the_office_and_the_leader(page, live_server, demo):
    town = Township.objects.get(code="damogu")
    tab = page("desktop")
    log_in(tab, live_server.url, "office", "demo1234")
    tab.wait_for_url(f"{live_server.url}/")
    expect(tab.locator("main h1")).to_have_text(tr(tab, "%(town)s congress office", town=town.name))
    _save(tab, "office-home")

    _open(tab, live_server.url, "/duty/roster/")
    expect(tab.locator("main h1")).to_contain_text(tr(tab, "Reception roster"))
    this_month = (
        DutyDay.objects.station_days()
        .filter(township=town, date__year=timezone.localdate().year, date__month=timezone.localdate().month)
        .select_related("small_group")
    )
    assert this_month, "the demo plans duty days this month"
    for day in this_month:
        expect(tab.locator("main table.roster-calendar")).to_contain_text(day.small_group.name)
    _save(tab, "roster")

    referral = Referral.objects.filter(township=town, resolved=True).select_related("visit", "department").first()
    _open(tab, live_server.url, f"/visits/{referral.visit_id}/")
    expect(tab.locator("main h1")).to_contain_text(referral.visit.visitor_name)
    expect(tab.locator("main")).to_contain_text(referral.department.name)
    _save(tab, "visit-with-referral")

    proposal = Proposal.objects.filter(township=town, status=Status.CLOSED).first()
    _open(tab, live_server.url, f"/proposals/{proposal.pk}/")
    expect(tab.locator("main h1")).to_contain_text(proposal.title)
    _save(tab, "proposal")

    leader = page("desktop")
    log_in(leader, live_server.url, "leader", "demo1234")
    leader.wait_for_url(f"{live_server.url}/")
    _open(leader, live_server.url, "/dashboard/")
    month = month_as_shown(leader, timezone.localdate())
    expect(leader.locator("main h1")).to_have_text(tr(leader, "Dashboard · %(m)s", m=month))
    expect(leader.locator("canvas[data-drawn=true]")).to_have_count(5)
    _save(leader, "dashboard")


def test_the_readme_screenshots_of_the_deputys_phone(page, live_server, demo):
    deputy = Deputy.objects.get(user__username="deputy")
    tab = page("phone")
    log_in(tab, live_server.url, "deputy", "demo1234")
    tab.wait_for_url(f"{live_server.url}/")
    expect(tab.locator("main h1")).to_have_text(tr(tab, "Hello, %(name)s", name=deputy.name))
    _save(tab, "deputy-home")

    _open(tab, live_server.url, "/duty/mine/")
    expect(tab.locator("main h1")).to_have_text(tr(tab, "My duty days"))
    expect(tab.locator("#feed-heading")).to_have_text(tr(tab, "My duty days in my phone's calendar"))
    _save(tab, "deputy-duties")

    _open(tab, live_server.url, "/assessment/mine/")
    expect(tab.locator("main h1")).to_have_text(tr(tab, "My score"))
    latest = Assessment.objects.filter(deputy=deputy).order_by("-month").first()
    month = tab.locator("main .card").first
    expect(month.locator("h2")).to_have_text(month_as_shown(tab, latest.month))
    expect(month).to_contain_text(str(latest.total))
    _save(tab, "deputy-score")
