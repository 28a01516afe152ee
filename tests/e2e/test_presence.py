"""Presence at sign-in in the browser (issue #22, part 5): the office opens the station's code of the day; a deputy's
phone (375 px), logged out, opens the day's QR link, logs in and is signed in as present in one tap after the
login; without the code the phone says plainly that the sign-in is remote and the office confirms it."""

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

from deputies.models import StationLevel
from petitions.models import AttendanceStatus, DutyAssignment, ReceptionSettings, SignInProof
from petitions.presence import day_code
from petitions.services.duty import roster_generate, roster_publish
from tests.factories import PASSWORD, StationFactory

MONDAY = date(2026, 11, 30)
MAX_TAPS_AFTER_LOGIN = 3


@pytest.fixture
def code_town(e2e_db, town_a, alice, bob, time_machine):
    """Town A asks for the day's code; today (a Monday, 07:50) is bob's group's published duty day."""
    station = StationFactory(township=town_a, name="镇人大代表接待站", level=StationLevel.TOWN)
    ReceptionSettings.objects.create(township=town_a, station=station, sign_in_proof=SignInProof.DAILY_CODE)
    roster_generate(township=town_a, start=MONDAY, end=MONDAY, today=MONDAY)
    roster_publish(township=town_a, start=MONDAY, end=MONDAY)
    time_machine.move_to(timezone.make_aware(datetime.combine(MONDAY, time(7, 50))), tick=True)
    return station


def log_in(phone, username: str) -> None:
    phone.locator("#id_username").fill(username)
    phone.locator("#id_password").fill(PASSWORD)
    phone.locator('main form[action^="/login/"] button[type="submit"]').click()


def test_from_the_days_qr_link_logged_out_a_deputy_is_present_one_tap_after_login(
    page, live_server, code_town, screenshot
):
    office = page("desktop")
    office.goto(f"{live_server.url}/login/")
    log_in(office, "alice")
    office.goto(f"{live_server.url}/duty/stations/{code_town.pk}/code/")
    expect(office.locator("[data-day-code]")).to_have_text(day_code(station_id=code_town.pk, day=MONDAY))
    screenshot(office, "code-page")
    qr_link = office.locator("[data-sign-in-url]").inner_text().strip()  # what the QR code on the screen holds
    assert qr_link.startswith(f"{live_server.url}/duty/sign-in/{code_town.pk}/?code=")
    office.locator('main a[href="?screen=1"]').click()
    expect(office.locator("nav.navbar")).to_be_hidden()  # full screen: the code and its QR code alone
    expect(office.locator("[data-reload-after]")).to_be_visible()
    screenshot(office, "station-screen")

    phone = page("phone")
    phone.goto(qr_link)
    expect(phone.locator("#id_username")).to_be_visible()  # logged out: the login, which returns to the link
    log_in(phone, "bob")
    phone.wait_for_url(qr_link)
    taps = 0
    phone.locator(".sign-in-button").click()
    taps += 1
    expect(phone.locator(".alert-success").first).to_be_visible()
    screenshot(phone, "signed-in")
    assert taps <= MAX_TAPS_AFTER_LOGIN
    assert DutyAssignment.objects.get(duty_day__date=MONDAY, deputy__user__username="bob").status == (
        AttendanceStatus.PRESENT
    )


def test_without_the_code_the_phone_says_the_sign_in_is_remote(page, live_server, code_town, screenshot):
    phone = page("phone")
    phone.goto(f"{live_server.url}/login/?next=/duty/sign-in/{code_town.pk}/")
    log_in(phone, "bob")
    phone.wait_for_url(f"{live_server.url}/duty/sign-in/{code_town.pk}/")
    expect(phone.locator("#sign-in-code")).to_be_visible()
    phone.locator(".sign-in-button").click()
    expect(phone.locator('main [data-state="remote"]')).to_be_visible()
    screenshot(phone, "remote")
    assignment = DutyAssignment.objects.get(duty_day__date=MONDAY, deputy__user__username="bob")
    assert assignment.status == AttendanceStatus.REMOTE
    assert assignment.signed_in_at > timezone.make_aware(datetime.combine(MONDAY, time(7, 50))) - timedelta(minutes=1)
