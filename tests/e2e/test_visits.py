"""A visit on a duty day in the browser: the office records it with two deputies' suggestions and a referral,
the handling unit resolves it, and the office finds it in the month's figures for the supervision panel."""

import os
from datetime import date, datetime, time

import pytest
from django.utils import timezone

try:
    from playwright.sync_api import expect
except ImportError:
    if os.environ.get("E2E_REQUIRED") == "1":
        raise
    pytest.skip("the python package `playwright` is not installed", allow_module_level=True)

from deputies.models import StationLevel
from petitions.models import HandlingSuggestion, ReceptionSettings, Referral, ReferralStatus, SignInProof, Visit
from petitions.services.attendance import duty_sign_in
from petitions.services.duty import roster_generate, roster_publish
from petitions.services.visits import visit_categories_for
from tests.factories import PASSWORD, DeputyFactory, LeaderFactory, StationFactory

MONDAY = date(2026, 11, 30)


def log_in(tab, base: str, username: str) -> None:
    tab.goto(f"{base}/login/")
    tab.locator("#id_username").fill(username)
    tab.locator("#id_password").fill(PASSWORD)
    tab.locator('main form[action="/login/"] button[type="submit"]').click()


@pytest.fixture
def duty_morning(e2e_db, town_a, bob, alice, carol, department_a, time_machine):
    time_machine.move_to(timezone.make_aware(datetime.combine(MONDAY, time(8, 40))), tick=True)
    station = StationFactory(township=town_a, name="镇人大代表接待站", level=StationLevel.TOWN)
    ReceptionSettings.objects.create(township=town_a, station=station, sign_in_proof=SignInProof.NONE)
    LeaderFactory(township=town_a, name="杨国栋", title="镇党委书记")
    second = DeputyFactory(township=town_a, name="罗国华", small_group=bob.deputy.small_group)
    roster_generate(township=town_a, start=MONDAY, end=MONDAY, today=MONDAY)
    roster_publish(township=town_a, start=MONDAY, end=MONDAY)
    at = timezone.make_aware(datetime.combine(MONDAY, time(7, 50)))
    for deputy in (bob.deputy, second):
        duty_sign_in(deputy=deputy, station=station, now=at)
    visit_categories_for(township=town_a)
    return {"station": station, "second": second}


def test_a_visit_with_two_suggestions_is_referred_resolved_and_counted(
    page, live_server, duty_morning, town_a, bob, department_a, screenshot
):
    desk = page("desktop")
    log_in(desk, live_server.url, "alice")
    desk.goto(f"{live_server.url}/duty/roster/?year=2026&month=11")
    desk.locator('a[href^="/duty/days/"]').first.click()
    desk.locator('a[href*="/visits/new/?duty_day="]').click()
    desk.locator("#id_visitor_name").fill("王大妈")
    desk.locator("#id_visitor_phone").fill("13911112222")
    desk.locator("#id_category").select_option(label="基础设施")
    desk.locator("#id_content").fill("村道雨季塌方，出行困难")
    desk.locator('details[data-fold="suggestions"] > summary').click()  # folded until it holds something
    desk.locator("#id_suggestion_1_deputy").select_option(label=bob.deputy.name)
    desk.locator("#id_suggestion_1").fill("建议交通部门一周内现场查看")
    desk.locator("#id_suggestion_2_deputy").select_option(label="罗国华")
    desk.locator("#id_suggestion_2").fill("建议纳入年度道路维修计划")
    desk.locator('input[name="outcome"][value="referred"]').check()
    desk.locator("#id_department").select_option(label=department_a.name)
    desk.locator("#id_responsible_name").fill("张工")
    screenshot(desk, "form")
    desk.locator('main form button[type="submit"]').click()
    desk.wait_for_url(f"{live_server.url}/visits/*/")
    visit = Visit.objects.get()
    assert visit.duty_day is not None and visit.duty_day.date == MONDAY
    assert set(visit.deputies.values_list("name", flat=True)) == {bob.deputy.name, "罗国华"}
    assert HandlingSuggestion.objects.filter(visit=visit).count() == 2
    referral = Referral.objects.get(visit=visit)
    assert referral.department == department_a

    unit = page("desktop")
    log_in(unit, live_server.url, "carol")
    unit.goto(f"{live_server.url}/visits/referrals/")
    unit.locator(f'a[href="/visits/referrals/{referral.pk}/"]').click()
    expect(unit.locator("main")).to_contain_text("13911112222")  # the unit handling the case sees the phone
    unit.locator('form[action$="/finish/"] select[name="outcome"]').select_option("resolved")
    unit.locator('form[action$="/finish/"] textarea[name="result"]').fill("已组织抢修，道路恢复通行")
    unit.locator('form[action$="/finish/"] button[type="submit"]').click()
    expect(unit.locator("[data-status]")).to_have_attribute("data-status", "resolved")
    screenshot(unit, "resolved")
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.RESOLVED

    desk.goto(f"{live_server.url}/visits/panel/")
    desk.locator("#plan-month").fill("2026-11")
    desk.locator('form[action="/visits/panel/plan/"] button').click()
    expect(desk.locator('[data-figure="visits"]')).to_have_text("1")
    expect(desk.locator('[data-figure="opened"]')).to_have_text("1")
    expect(desk.locator('[data-figure="resolved"]')).to_have_text("1")
    expect(desk.locator(f'tr[data-department="{department_a.name}"]')).to_be_visible()
    screenshot(desk, "panel-figures")
