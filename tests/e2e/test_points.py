"""A contact point's own reception day in the browser (issue #25, "Done when"): the office sets the point's rule
and its deputies at 1280 px, makes and publishes the days; on the morning of the point's day a deputy attached to
it finds the day in their duty list on a 375-px phone, taps "Sign in" and is present; the point's page then counts
the day as signed in."""

import os
from datetime import date, datetime, time

import pytest
from django.urls import reverse
from django.utils import timezone

try:
    from playwright.sync_api import expect
except ImportError:
    if os.environ.get("E2E_REQUIRED") == "1":
        raise
    pytest.skip("the python package `playwright` is not installed", allow_module_level=True)

from deputies.models import StationLevel
from petitions.models import AttendanceStatus, DutyAssignment, PointSchedule, ReceptionSettings, SignInProof
from tests.e2e.conftest import accessibility_problems
from tests.factories import PASSWORD, StationFactory

POINT_DAY = date(2026, 12, 1)  # the first working day of December 2026, a Tuesday


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def log_in(tab, base: str, username: str) -> None:
    tab.goto(f"{base}/login/")
    tab.locator("#id_username").fill(username)
    tab.locator("#id_password").fill(PASSWORD)
    tab.locator('main form[action^="/login/"] button[type="submit"]').click()


@pytest.fixture
def point(e2e_db, town_a, alice, bob, time_machine):
    """Town A's station and its 上坝村 contact point; bob (鲍勃) is a serving deputy with a login."""
    time_machine.move_to(at(date(2026, 11, 25), 10), tick=False)
    station = StationFactory(township=town_a, name="镇人大代表接待站", level=StationLevel.TOWN)
    ReceptionSettings.objects.create(township=town_a, station=station, sign_in_proof=SignInProof.NONE)
    return StationFactory(
        township=town_a, name="上坝村人大代表联络点", level=StationLevel.VILLAGE, address="上坝村委会"
    )


def test_a_deputy_attached_to_a_contact_point_signs_in_there_on_its_day(
    page, live_server, point, time_machine, screenshot
):
    base = live_server.url
    desk = page("desktop")
    log_in(desk, base, "alice")
    desk.goto(base + reverse("station_detail", args=[point.pk]))
    desk.locator(f'a[href="{reverse("point_schedule", args=[point.pk])}"]').click()
    # The rule: the first working day of each month at 09:00, one deputy a day, 鲍勃 taking turns.
    desk.select_option("#id_ordinal", "1")
    desk.select_option("#id_weekday", "7")
    desk.fill("#id_start_time", "09:00")
    desk.fill("#id_per_day", "1")
    desk.select_option("#id_deputies", label="鲍勃")
    desk.locator(f'form[action$="/points/{point.pk}/"] button[type="submit"]').click()
    expect(desk.locator("[data-rule]")).to_contain_text("09:00")
    assert PointSchedule.objects.get(station=point).deputies.get().name == "鲍勃"
    desk.fill("#id_start", "2026-12-01")
    desk.fill("#id_end", "2026-12-31")
    desk.locator('button[name="make"]').click()
    expect(desk.locator('[data-point-day="2026-12-01"]')).to_contain_text("鲍勃")
    desk.fill("#id_start", "2026-12-01")
    desk.fill("#id_end", "2026-12-31")
    desk.locator('button[name="publish"]').click()
    expect(desk.locator('[data-point-day="2026-12-01"] [data-status]')).to_have_attribute("data-status", "published")
    assert DutyAssignment.objects.get(duty_day__station=point).duty_day.status == "published"
    assert not accessibility_problems(desk)
    screenshot(desk, "point")

    # The point's morning, on the deputy's phone: the day in the duty list, one tap to sign in.
    time_machine.move_to(at(POINT_DAY, 8, 50), tick=True)
    phone = page("phone")
    log_in(phone, base, "bob")
    phone.goto(base + reverse("my_duties"))
    card = phone.locator("[data-duty]", has_text="上坝村人大代表联络点")
    expect(card).to_contain_text("09:00")
    screenshot(phone, "duty-list")
    card.locator(f'a[href="{reverse("sign_in", args=[point.pk])}"]').click()
    phone.locator('main form[method="post"] button[type="submit"]').first.click()
    expect(phone.locator(".alert-success").first).to_be_visible()
    assert DutyAssignment.objects.get(duty_day__station=point).status == AttendanceStatus.PRESENT
    assert not accessibility_problems(phone)
    screenshot(phone, "signed-in")

    log_in(desk, base, "alice")  # six days on, the office's idle session has ended
    desk.goto(base + reverse("point_schedule", args=[point.pk]))
    expect(desk.locator('[data-point-day="2026-12-01"]')).to_contain_text("鲍勃")
