"""One item's life in the browser: the deputy files it on a phone, the office accepts and assigns it, the unit
records the meetings and replies, the deputy rates the reply satisfied."""

import os

import pytest
from django.utils import timezone

try:
    from playwright.sync_api import expect
except ImportError:
    if os.environ.get("E2E_REQUIRED") == "1":
        raise
    pytest.skip("the python package `playwright` is not installed", allow_module_level=True)

from proposals.models import Feedback, Meeting, Proposal, Reply, Status
from tests.factories import PASSWORD


def log_in(tab, base: str, username: str) -> None:
    tab.goto(f"{base}/login/")
    tab.locator("#id_username").fill(username)
    tab.locator("#id_password").fill(PASSWORD)
    tab.locator('main form[action="/login/"] button[type="submit"]').click()


def submit(tab, action: str) -> None:
    tab.locator(f'form[action$="/{action}/"] button[type="submit"]').last.click()
    expect(tab.locator(".alert-success").first).to_be_visible()


def test_an_item_goes_from_filing_to_satisfied_feedback(
    page, live_server, e2e_db, town_a, bob, alice, carol, department_a, screenshot
):
    today = timezone.localdate().isoformat()
    phone = page("phone")
    log_in(phone, live_server.url, "bob")
    phone.goto(f"{live_server.url}/proposals/new/")
    phone.locator("#id_title").fill("关于修复上坝村组道路的建议")
    phone.locator("#id_content").fill("道路雨季塌方，群众出行困难，建议列入年度计划修复。")
    phone.locator("#id_category").select_option("infrastructure")
    screenshot(phone, "filing")
    phone.locator('button[name="submit"][value="1"]').click()
    item = Proposal.objects.get()
    assert item.status == Status.SUBMITTED and item.lead_deputy == bob.deputy

    desk = page("desktop")
    log_in(desk, live_server.url, "alice")
    desk.goto(f"{live_server.url}/proposals/{item.pk}/")
    desk.locator('form[action$="/review/"] select[name="decision"]').select_option("accept")
    submit(desk, "review")
    desk.locator("#id_main").select_option(label=department_a.name)
    submit(desk, "assign")
    item.refresh_from_db()
    assert item.status == Status.ASSIGNED and item.number == 1

    unit = page("desktop")
    log_in(unit, live_server.url, "carol")
    unit.goto(f"{live_server.url}/proposals/{item.pk}/")
    for stage in ("consult", "handle"):
        form = unit.locator('form[action$="/meeting/"]')
        form.locator('select[name="stage"]').select_option(stage)
        form.locator('input[name="held_on"]').fill(today)
        form.locator('select[name="form"]').select_option("visit")
        form.locator('input[name="participants"]').fill("鲍勃、社会事务办公室")
        submit(unit, "meeting")
    form = unit.locator('form[action$="/reply/"]')
    form.locator('input[name="reply_class"][value="A"]').check()
    form.locator('textarea[name="text"]').fill("已安排资金，道路已修复。")
    form.locator('input[name="signer"]').fill("李正华")
    form.locator('input[name="contact"]').fill("王志强")
    form.locator('input[name="phone"]').fill("0873-6100001")
    form.locator('input[name="meeting_held_on"]').fill(today)
    form.locator('select[name="meeting_form"]').select_option("meeting")
    form.locator('input[name="meeting_participants"]').fill("鲍勃")
    submit(unit, "reply")
    assert Meeting.objects.filter(proposal=item).count() == 3
    assert Reply.objects.get(proposal=item).reply_class == "A"

    phone.goto(f"{live_server.url}/proposals/{item.pk}/")
    # Rated point by point: the form behind "rate each point", under the one-tap buttons that rate them all alike.
    phone.locator("main details:has(form[data-rating=each]) > summary").click()
    feedback = phone.locator('form[data-rating="each"]')
    for aspect in ("consultation", "attitude", "reply", "result", "overall"):
        feedback.locator(f'input[name="{aspect}"][value="satisfied"]').check()
    screenshot(phone, "feedback")
    submit(phone, "feedback")
    item.refresh_from_db()
    assert item.status == Status.CLOSED
    assert Feedback.objects.get(proposal=item).overall == "satisfied"
    screenshot(phone, "closed")
