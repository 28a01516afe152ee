"""A duty reminder's one-tap link in the browser, on a 375-px phone: a deputy with no login and no password is on
a published duty day; the reminder job runs the evening before and texts him; the office reads the text in its
record of messages; on the morning of the duty he opens the link from the text, inside the sign-in window, and
one tap signs him in."""

import os
import re
from datetime import date, datetime, time, timedelta
from urllib.parse import urlsplit

import pytest
from django.utils import timezone

try:
    from playwright.sync_api import expect
except ImportError:
    if os.environ.get("E2E_REQUIRED") == "1":
        raise
    pytest.skip("the python package `playwright` is not installed", allow_module_level=True)

from congress.models import Notification
from congress.sms import MemorySmsBackend
from deputies.models import StationLevel
from petitions.models import AttendanceStatus, DutyAssignment, ReceptionSettings, SignInProof
from petitions.services.duty import roster_generate, roster_publish
from petitions.services.reminders import duty_reminders_send
from tests.factories import PASSWORD, DeputyFactory, LeaderFactory, SmallGroupFactory, StationFactory

MONDAY = date(2026, 11, 30)


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


@pytest.fixture
def reminded(e2e_db, town_a, time_machine):
    """马国强 (no login) on Monday's published duty, reminded on Sunday evening: the path his text carries."""
    time_machine.move_to(at(MONDAY - timedelta(days=3), 10), tick=False)
    station = StationFactory(
        township=town_a, name="镇人大代表接待站", address="镇政府一楼东侧", level=StationLevel.TOWN
    )
    # Mondays 08:00, sign-in 07:30–08:30; a town of before the day's code (test_presence.py asks for it).
    ReceptionSettings.objects.create(township=town_a, station=station, sign_in_proof=SignInProof.NONE)
    LeaderFactory(township=town_a, name="杨国栋", title="镇党委书记")
    group = SmallGroupFactory(township=town_a, name="第一代表小组")
    DeputyFactory(township=town_a, small_group=group, name="马国强", phone="13900003333", user=None)
    roster_generate(township=town_a, start=MONDAY, end=MONDAY)
    roster_publish(township=town_a, start=MONDAY, end=MONDAY)
    MemorySmsBackend.outbox.clear()
    MemorySmsBackend.sent.clear()
    time_machine.move_to(at(MONDAY - timedelta(days=1), 18, 30), tick=False)

    assert duty_reminders_send() == 1

    reminder = Notification.objects.get(key__startswith="duty-reminder:")
    [(phone, text)] = MemorySmsBackend.outbox  # delivered on commit: the text as the provider sends it
    assert phone == "13900003333" and f"/d/{reminder.params['code']}" in text and "马国强代表" in text
    return text


def test_a_deputy_without_a_login_signs_in_with_one_tap_on_the_link_in_his_text(
    page, live_server, reminded, alice, time_machine, screenshot
):
    time_machine.move_to(at(MONDAY, 7, 45), tick=True)
    desk = page("desktop")
    desk.goto(f"{live_server.url}/login/")
    desk.locator("#id_username").fill("alice")
    desk.locator("#id_password").fill(PASSWORD)
    desk.locator('main form[action="/login/"] button[type="submit"]').click()
    desk.goto(f"{live_server.url}/messages/?kind=duty-reminder")
    row = desk.locator("tr[data-message]", has_text="马国强")
    expect(row.locator("[data-text]")).to_have_text(reminded)  # the record shows the text as it was sent
    screenshot(desk, "record")
    link = re.search(r"https?://\S+/d/[0-9A-Za-z]+", row.locator("[data-text]").inner_text()).group(0)

    time_machine.move_to(at(MONDAY, 7, 50), tick=True)
    phone = page("phone")
    phone.goto(f"{live_server.url}{urlsplit(link).path}")
    expect(phone.locator("h1")).to_contain_text("马国强")
    expect(phone.locator("main")).to_contain_text("镇政府一楼东侧")
    screenshot(phone, "link")
    phone.locator(".sign-in-button").click()

    expect(phone.locator(".alert-success").first).to_be_visible()
    expect(phone.locator('[data-state="present"]')).to_be_visible()
    screenshot(phone, "signed-in")
    assignment = DutyAssignment.objects.get(deputy__name="马国强")
    assert assignment.status == AttendanceStatus.PRESENT and not assignment.late
    assert assignment.deputy.user is None
