"""The leader opens the dashboard with its charts drawn, then the published bulletin and its A4 print view;
the office publishes a drafted bulletin; a deputy sees their score and rank on a phone."""

import os
import re

import pytest

try:
    from playwright.sync_api import expect
except ImportError:
    if os.environ.get("E2E_REQUIRED") == "1":
        raise
    pytest.skip("the python package `playwright` is not installed", allow_module_level=True)

from assessments.models import Assessment, Bulletin, BulletinStatus
from assessments.services.assessment import assessment_compute
from assessments.services.bulletin import bulletin_draft, bulletin_publish
from congress.dates import last_month
from congress.models import Notification
from tests.e2e.test_roles import assert_no_horizontal_scroll, log_in, month_as_shown, tr
from tests.factories import PASSWORD, DeputyFactory, SmallGroupFactory


@pytest.fixture
def month_done(e2e_db, town_a, alice, bob, leo):
    """Last month assessed for town A, with a few deputies; its bulletin drafted."""
    group = SmallGroupFactory(township=town_a, name="第一代表小组")
    bob.deputy.small_group = group
    bob.deputy.save()
    for n in range(5):
        DeputyFactory(township=town_a, small_group=group, name=f"代表{n}")
    month = last_month()
    assessment_compute(township_ids=[town_a.pk], month=month)
    return bulletin_draft(township=town_a, month=month)


def test_leader_reads_the_dashboard_then_the_published_bulletin_and_prints_it(
    page, live_server, month_done, alice, screenshot
):
    bulletin_publish(bulletin=month_done, user=alice)
    tab = page("desktop")
    log_in(tab, live_server.url, "leo", PASSWORD)
    tab.goto(f"{live_server.url}/dashboard/")
    assert tab.url == f"{live_server.url}/dashboard/", f"the dashboard answered {tab.url}"
    expect(tab.locator("canvas[data-drawn=true]")).to_have_count(5)
    screenshot(tab, "dashboard")

    tab.goto(f"{live_server.url}/bulletins/")
    tab.locator(f"a[href='/bulletins/{month_done.pk}/']").click()
    tab.wait_for_url(f"{live_server.url}/bulletins/{month_done.pk}/")
    expect(tab.locator("main h1")).to_have_text(month_done.title)
    expect(tab.locator(".bulletin-ranking tbody tr")).to_have_count(6)
    screenshot(tab, "bulletin")

    tab.locator(f"a[href='/bulletins/{month_done.pk}/print/']").click()
    tab.wait_for_url(f"{live_server.url}/bulletins/{month_done.pk}/print/")
    expect(tab.locator(".bulletin-print h1")).to_have_text(month_done.title)
    expect(tab.locator(".bulletin-print .bulletin-ranking tbody tr")).to_have_count(6)
    tab.emulate_media(media="print")
    expect(tab.locator("nav.navbar")).to_be_hidden()
    screenshot(tab, "bulletin-print")
    pdf = tab.pdf(format="A4")
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) >= 1


def test_office_publishes_the_drafted_bulletin_and_everyone_is_told(page, live_server, month_done, screenshot):
    tab = page("desktop")
    log_in(tab, live_server.url, "alice", PASSWORD)
    tab.goto(f"{live_server.url}/bulletins/{month_done.pk}/")
    tab.fill("#id_praised", "表扬：鲍勃同志按时参加接访。")
    tab.locator(f"form[action='/bulletins/{month_done.pk}/edit/'] button[type=submit]").click()
    expect(tab.locator(".alert-success")).to_be_visible()
    tab.locator(f"form[action='/bulletins/{month_done.pk}/publish/'] button[type=submit]").click()
    expect(tab.locator(".alert-success")).to_be_visible()
    screenshot(tab, "published")
    bulletin = Bulletin.objects.get(pk=month_done.pk)
    assert bulletin.status == BulletinStatus.PUBLISHED
    assert bulletin.praised == "表扬：鲍勃同志按时参加接访。"
    # bob (deputy) and leo (leader) are told; the office is not.
    assert set(
        Notification.objects.filter(key__startswith=f"bulletin:{bulletin.pk}:").values_list(
            "recipient__username", flat=True
        )
    ) == {"bob", "leo"}


def test_deputy_sees_their_score_and_rank_on_a_phone(page, live_server, month_done, alice, screenshot):
    bulletin_publish(bulletin=month_done, user=alice)
    mine = Assessment.objects.get(deputy__user__username="bob", month=month_done.month)
    tab = page("phone")
    log_in(tab, live_server.url, "bob", PASSWORD)
    card = tab.locator("main a[href='/assessment/mine/']")
    expect(card).to_contain_text(str(mine.total))
    card.click()
    tab.wait_for_url(f"{live_server.url}/assessment/mine/")
    latest = tab.locator("main .card").first
    expect(latest.locator("h2")).to_have_text(month_as_shown(tab, month_done.month))
    expect(latest).to_contain_text(str(mine.total))
    # bob and the five deputies of the fixture are ranked: six in the town.
    expect(latest).to_contain_text(tr(tab, "Rank %(rank)s of %(of)s in the town", rank=mine.rank, of=6))
    assert_no_horizontal_scroll(tab)
    screenshot(tab, "my-score")
