"""The office's queues in the browser: a group of eight all present in two clicks; publishing the roster and
inviting to a coming activity ask first and say how many deputies they tell."""

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

from activities.models import Activity, ActivityKind
from deputies.models import StationLevel
from petitions.models import AttendanceStatus, DutyAssignment, DutyDay, DutyDayStatus, ReceptionSettings
from petitions.services.duty import roster_generate, roster_publish
from petitions.services.panel import panel_meeting_plan, panel_members_set
from tests.factories import PASSWORD, DeputyFactory, LargeGroupFactory, SmallGroupFactory, StationFactory

MONDAY = date(2026, 11, 30)


def sign_in(tab, live_server, username: str) -> None:
    tab.goto(f"{live_server.url}/login/")
    tab.locator("#id_username").fill(username)
    tab.locator("#id_password").fill(PASSWORD)
    tab.locator("#id_password").press("Enter")
    tab.wait_for_url(f"{live_server.url}/")


@pytest.fixture
def group_of_eight(e2e_db, town_a):
    """Town A with one small group of eight serving deputies on reception duty."""
    station = StationFactory(township=town_a, name="镇人大代表接待站", level=StationLevel.TOWN)
    ReceptionSettings.objects.create(township=town_a, station=station)
    large = LargeGroupFactory(township=town_a, name="第一代表大组")
    group = SmallGroupFactory(township=town_a, large_group=large, name="第一代表小组", order=1)
    for name in ("张建国", "李秀英", "王志强", "刘海燕", "陈永福", "杨丽华", "赵德明", "黄美玲"):
        DeputyFactory(township=town_a, small_group=group, name=name)
    return group


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_a_group_of_eight_all_present_takes_two_clicks(
    page, live_server, group_of_eight, town_a, alice, time_machine, screenshot, viewport
):
    roster_generate(township=town_a, start=MONDAY, end=MONDAY, today=MONDAY)
    roster_publish(township=town_a, start=MONDAY, end=MONDAY)
    day = DutyDay.objects.get(township=town_a, date=MONDAY)
    time_machine.move_to(timezone.make_aware(datetime.combine(MONDAY, time(11, 0))), tick=True)
    tab = page(viewport)
    sign_in(tab, live_server, "alice")
    tab.goto(f"{live_server.url}/duty/days/{day.pk}/")
    expect(tab.locator("select[data-attendance]")).to_have_count(8)
    screenshot(tab, "sheet")

    tab.locator("#all-present").click()
    tab.locator("#save-attendance").click()

    expect(tab.locator(".alert-success").first).to_be_visible()
    screenshot(tab, "saved")
    statuses = list(DutyAssignment.objects.filter(duty_day=day).values_list("status", flat=True))
    assert statuses == [AttendanceStatus.PRESENT] * 8


def test_publishing_the_roster_asks_first_and_names_how_many_deputies_are_told(
    page, live_server, group_of_eight, town_a, alice, time_machine, screenshot
):
    time_machine.move_to(timezone.make_aware(datetime.combine(MONDAY - timedelta(days=3), time(10, 0))), tick=True)
    roster_generate(township=town_a, start=MONDAY, end=MONDAY + timedelta(days=30))
    tab = page("desktop")
    sign_in(tab, live_server, "alice")
    tab.goto(f"{live_server.url}/duty/roster/?year=2026&month=12")
    tab.locator("#id_start").fill("2026-12-01")
    tab.locator("#id_end").fill("2026-12-31")
    tab.locator("button[formaction$='/publish/']").click()

    expect(tab.locator("[data-told]")).to_have_attribute("data-told", "8")
    expect(tab.locator("[data-earlier-drafts]")).to_have_count(1)  # 30 November is still a draft
    screenshot(tab, "confirm")
    assert not DutyDay.objects.filter(status=DutyDayStatus.PUBLISHED).exists()

    tab.locator("#confirm-publish").click()
    expect(tab.locator(".alert-success").first).to_be_visible()
    assert set(DutyDay.objects.filter(date__month=12).values_list("status", flat=True)) == {DutyDayStatus.PUBLISHED}
    assert DutyDay.objects.get(date=MONDAY).status == DutyDayStatus.DRAFT


def test_inviting_a_group_to_a_coming_activity_asks_first_and_names_how_many_are_told(
    page, live_server, group_of_eight, town_a, alice, screenshot
):
    coming = timezone.localdate() + timedelta(days=5)
    activity = Activity.objects.create(township=town_a, kind=ActivityKind.INSPECTION, title="视察农村公路", date=coming)
    tab = page("phone")
    sign_in(tab, live_server, "alice")
    tab.goto(f"{live_server.url}/activities/{activity.pk}/")
    tab.select_option("#id_small_groups", str(group_of_eight.pk))
    tab.locator("form[action$='/invite/'] button[type=submit]").click()

    expect(tab.locator("[data-told]")).to_have_attribute("data-told", "8")
    screenshot(tab, "confirm")
    assert not activity.attendances.exists()

    tab.locator("#confirm-invite").click()
    expect(tab.locator(".alert-success").first).to_be_visible()
    assert activity.attendances.count() == 8


def test_the_panel_meetings_members_all_present_take_two_clicks(
    page, live_server, group_of_eight, town_a, alice, screenshot
):
    members = list(group_of_eight.deputies.all())
    panel_members_set(township=town_a, deputies=members)
    meeting = panel_meeting_plan(township=town_a, month=MONDAY)
    tab = page("phone")
    sign_in(tab, live_server, "alice")
    tab.goto(f"{live_server.url}/visits/panel/{meeting.pk}/")
    boxes = tab.locator("input[name=attendees]")
    expect(boxes).to_have_count(8)
    assert all(box.bounding_box()["height"] >= 24 for box in boxes.all())
    assert all(label.bounding_box()["height"] >= 44 for label in tab.locator("#div_id_attendees label").all())

    tab.locator("[data-check-all=attendees]").click()
    tab.locator("form[action$='/save/'] button[type=submit]").click()

    expect(tab.locator(".alert-success").first).to_be_visible()
    screenshot(tab, "saved")
    assert set(meeting.attendees.all()) == set(members)
