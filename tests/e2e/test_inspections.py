"""A special inspection on a key item's page, in the browser (issue #25, "Done when"): the office, at 1280 px,
records on a key item what the town's special inspection found and who took part (a town leader, the unit, a
deputy); the item's page lists the inspection with its findings and the three participations; the item's leading
leader reads it on a 375-px phone."""

import os
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

try:
    from playwright.sync_api import expect
except ImportError:
    if os.environ.get("E2E_REQUIRED") == "1":
        raise
    pytest.skip("the python package `playwright` is not installed", allow_module_level=True)

from activities.models import Activity
from congress.models import CongressSession
from proposals.models import ItemInspection, Proposal
from proposals.services.filing import proposal_assign, proposal_review, proposal_save, proposal_submit
from tests.e2e.conftest import accessibility_problems
from tests.factories import PASSWORD, ActivityFactory

FINDINGS = "道路硬化已完成八成，排水沟尚未动工。"


def log_in(tab, base: str, username: str) -> None:
    tab.goto(f"{base}/login/")
    tab.locator("#id_username").fill(username)
    tab.locator("#id_password").fill(PASSWORD)
    tab.locator('main form[action^="/login/"] button[type="submit"]').click()


@pytest.fixture
def key_item(e2e_db, town_a, alice, bob, leo, department_a):
    """A key item of town A led by leo (黎欧), assigned to department_a; a special inspection held last week."""
    today = timezone.localdate()
    session = CongressSession.objects.create(
        township=town_a, term=1, number=1, start_date=today - timedelta(days=30), end_date=today - timedelta(days=28)
    )
    draft = proposal_save(
        proposal=Proposal(
            title="关于修复上坝村组道路的建议",
            content="一、情况；二、理由；三、建议。",
            category="infrastructure",
            session=session,
            lead_deputy=bob.deputy,
        ),
        township=town_a,
        cosigners=[],
        user=alice,
        by_office=True,
    )
    item = proposal_review(proposal=proposal_submit(proposal=draft), decision="accept")
    item = proposal_assign(proposal=item, main=department_a, assisting=[], due=None, key_leader=leo.leader)
    ActivityFactory(township=town_a, kind="special", title="专题视察重点建议办理情况", date=today - timedelta(days=7))
    return item


def test_a_special_inspection_shows_on_the_key_items_page(page, live_server, key_item, screenshot):
    base = live_server.url
    item_page = base + reverse("proposal_detail", args=[key_item.pk])
    desk = page("desktop")
    log_in(desk, base, "alice")
    desk.goto(item_page)
    form = desk.locator(f'form[action="{reverse("proposal_inspection_add", args=[key_item.pk])}"]')
    special = Activity.objects.get(kind="special")
    form.locator('select[name="activity"]').select_option(str(special.pk))
    form.locator('textarea[name="findings"]').fill(FINDINGS)
    form.locator('select[name="leaders"]').select_option(str(key_item.key_leader_id), force=True)
    form.locator('button[type="submit"]').click()
    expect(desk.locator(".alert-success").first).to_be_visible()
    found = desk.locator("[data-inspection]")
    expect(found).to_contain_text("专题视察重点建议办理情况")
    expect(found).to_contain_text(FINDINGS)
    expect(found).to_contain_text("黎欧")
    assert ItemInspection.objects.get(proposal=key_item).findings == FINDINGS
    screenshot(desk, "item")

    phone = page("phone")
    log_in(phone, base, "leo")
    phone.goto(item_page)
    expect(phone.locator("[data-inspection]")).to_contain_text(FINDINGS)
    assert not accessibility_problems(phone)
    screenshot(phone, "leader")
