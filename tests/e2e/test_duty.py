"""Reception duty in the browser: a deputy on a phone opens the station's QR link, signs in and asks leave
for a later day; the office approves; the public page shows the roster; the subsidy sheet adds up."""

import os
from datetime import date, datetime, time, timedelta

import pytest
from django.utils import timezone

try:
    from playwright.sync_api import expect
except ImportError:
    if os.environ.get("E2E_REQUIRED") == "1":
        raise
    pytest.skip("the python package `playwright` is not installed", allow_module_level=True)

from deputies.models import RuleKind, StationLevel
from deputies.services.rules import rule_create
from petitions.models import AttendanceStatus, DutyAssignment, LeaveRequest, LeaveStatus, ReceptionSettings, SignInProof
from petitions.services.duty import roster_generate, roster_publish
from tests.factories import PASSWORD, DeputyFactory, LeaderFactory, StationFactory

MONDAY = date(2026, 11, 30)


@pytest.fixture
def duty_town(e2e_db, town_a, bob):
    """Town A on a Monday morning: two published duty days of bob's group, today and in a week."""
    station = StationFactory(township=town_a, name="镇人大代表接待站", level=StationLevel.TOWN)
    ReceptionSettings.objects.create(township=town_a, station=station, sign_in_proof=SignInProof.NONE)
    rule_create(
        township=town_a,
        user=None,
        title="接待工作制度",
        kind=RuleKind.RECEPTION,
        text="每周一8:00签到。",
        in_force_on=MONDAY,
        published=True,
    )
    LeaderFactory(township=town_a, name="杨国栋", title="镇党委书记")
    group = bob.deputy.small_group
    DeputyFactory(township=town_a, name="罗国华", small_group=group, lives_far=True, phone="13900001111")
    roster_generate(township=town_a, start=MONDAY, end=MONDAY + timedelta(days=7), today=MONDAY)
    roster_publish(township=town_a, start=MONDAY, end=MONDAY + timedelta(days=7))
    return station


def test_a_deputy_signs_in_by_qr_asks_leave_and_the_office_approves(
    page, live_server, duty_town, town_a, bob, alice, time_machine, screenshot
):
    time_machine.move_to(timezone.make_aware(datetime.combine(MONDAY, time(7, 52))), tick=True)
    phone = page("phone")
    phone.goto(f"{live_server.url}/s/{duty_town.pk}/")  # what the printed QR code holds
    public_heading = phone.locator("h1")
    expect(public_heading).to_have_text(duty_town.name)  # not logged in: the station's public page

    # The QR path (issue #20): from the poster's page, one tap to the login, and after logging in the sign-in
    # page itself, where one more tap signs in: 1 tap after login, of the 3 allowed.
    phone.locator(f'main a[href^="/login/?next="][href*="{duty_town.pk}"]').click()
    phone.locator("#id_username").fill("bob")
    phone.locator("#id_password").fill(PASSWORD)
    phone.locator('main form[action^="/login/"] button[type="submit"]').click()
    phone.wait_for_url(f"{live_server.url}/duty/sign-in/{duty_town.pk}/")
    screenshot(phone, "sign-in")
    phone.locator(".sign-in-button").click()
    expect(phone.locator(".alert-success").first).to_be_visible()
    screenshot(phone, "signed-in")
    today = DutyAssignment.objects.get(deputy=bob.deputy, duty_day__date=MONDAY)
    assert today.status == AttendanceStatus.PRESENT
    assert not today.late

    phone.goto(f"{live_server.url}/duty/mine/")
    later = DutyAssignment.objects.get(deputy=bob.deputy, duty_day__date=MONDAY + timedelta(days=7))
    phone.locator(f'[data-duty="{later.pk}"] a[href$="/leave/"]').click()
    phone.locator("#id_reason").fill("参加县里培训")
    phone.locator("main form button[type=submit]").click()
    phone.wait_for_url(f"{live_server.url}/duty/mine/")
    screenshot(phone, "leave-asked")
    expect(phone.locator(f'[data-duty="{later.pk}"] a[href$="/leave/"]')).to_have_count(0)  # asked once
    leave = LeaveRequest.objects.get(assignment=later)
    assert leave.status == LeaveStatus.PENDING

    desk = page("desktop")
    desk.goto(f"{live_server.url}/login/")
    desk.locator("#id_username").fill("alice")
    desk.locator("#id_password").fill(PASSWORD)
    desk.locator('main form[action="/login/"] button[type="submit"]').click()
    desk.goto(f"{live_server.url}/duty/leave/")
    screenshot(desk, "leave-queue")
    desk.locator(f'form[action="/duty/leave/{leave.pk}/decide/"] button[value=approve]').click()
    expect(desk.locator(".alert-success").first).to_be_visible()
    leave.refresh_from_db()
    later.refresh_from_db()
    assert leave.status == LeaveStatus.APPROVED
    assert later.status == AttendanceStatus.LEAVE

    visitor = page("phone")
    visitor.goto(f"{live_server.url}/public/{town_a.code}/roster/")
    body = visitor.locator("main")
    expect(body).to_contain_text("鲍勃")
    expect(body).to_contain_text("杨国栋")
    assert "13900001111" not in visitor.content()
    screenshot(visitor, "public-roster")

    desk.goto(f"{live_server.url}/duty/subsidies/?year={MONDAY.year}&month={MONDAY.month}")
    present = DutyAssignment.objects.filter(status=AttendanceStatus.PRESENT, duty_day__date__month=MONDAY.month)
    expect(desk.locator('[data-total="days"]')).to_have_text(str(present.count()))
    expect(desk.locator('[data-total="amount"]')).to_have_text(f"{present.count() * 50}.00")
    screenshot(desk, "subsidy-sheet")
