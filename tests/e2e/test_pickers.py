"""People pickers in the browser: the visit form of a duty day in a town of about a hundred deputies stays short,
offers the day's group first, finds a deputy by pinyin initials, says so when nothing matches, and saves the
deputies chosen."""

import os
from datetime import date, datetime, time

import pytest
from django.utils import timezone, translation
from django.utils.translation import gettext

try:
    from playwright.sync_api import expect
except ImportError:
    if os.environ.get("E2E_REQUIRED") == "1":
        raise
    pytest.skip("the python package `playwright` is not installed", allow_module_level=True)

from deputies.models import StationLevel
from petitions.models import DutyDay, ReceptionSettings, SignInProof, Visit
from petitions.services.attendance import duty_sign_in
from petitions.services.duty import roster_generate, roster_publish
from petitions.services.visits import visit_categories_for
from tests.factories import PASSWORD, DeputyFactory, LeaderFactory, SmallGroupFactory, StationFactory

MONDAY = date(2026, 11, 30)
DAY_GROUP = ["陈建国", "李秀英", "张伟", "刘芳", "杨勇", "赵敏", "黄磊", "周娟"]
NO_MATCH = "No deputy matches what you typed. Type part of the name or its pinyin initials."
# The issue: about 100 deputies listed as checkboxes made the visit form 4,000 px tall.
DESKTOP_MAX_PX = 1500
# On a phone too (375 px): two short fields a line, the seldom-filled ones folded under "more".
PHONE_MAX_PX = 1500


def log_in(tab, base: str, username: str) -> None:
    tab.goto(f"{base}/login/")
    tab.locator("#id_username").fill(username)
    tab.locator("#id_password").fill(PASSWORD)
    tab.locator("#id_password").press("Enter")
    tab.wait_for_url(lambda url: "/login/" not in url)


@pytest.fixture
def duty_day(e2e_db, town_a, alice, time_machine) -> DutyDay:
    """A duty day of a town with a hundred deputies in eleven small groups, two of the day's group signed in."""
    time_machine.move_to(timezone.make_aware(datetime.combine(MONDAY, time(8, 40))), tick=True)
    station = StationFactory(township=town_a, name="镇人大代表接待站", level=StationLevel.TOWN)
    ReceptionSettings.objects.create(township=town_a, station=station, sign_in_proof=SignInProof.NONE)
    LeaderFactory(township=town_a, name="杨国栋", title="镇党委书记")
    first = SmallGroupFactory(township=town_a, name="坝区代表小组", order=0)
    for name in DAY_GROUP:
        DeputyFactory(township=town_a, name=name, small_group=first)
    for n in range(10):
        group = SmallGroupFactory(
            township=town_a, large_group=first.large_group, name=f"第{n + 2}代表小组", order=n + 1
        )
        DeputyFactory.create_batch(9, township=town_a, small_group=group)
    DeputyFactory(township=town_a, name="高萍", small_group=group)
    DeputyFactory(township=town_a, name="王平", small_group=group)  # "wangping" holds "gp", its initials do not
    roster_generate(township=town_a, start=MONDAY, end=MONDAY, today=MONDAY)
    roster_publish(township=town_a, start=MONDAY, end=MONDAY)
    day = DutyDay.objects.get(township=town_a, date=MONDAY)
    assert day.small_group == first
    at = timezone.make_aware(datetime.combine(MONDAY, time(7, 50)))
    for assignment in day.assignments.select_related("deputy").filter(deputy__name__in=DAY_GROUP[:2]):
        duty_sign_in(deputy=assignment.deputy, station=station, now=at)
    visit_categories_for(township=town_a)
    return day


def height(tab) -> int:
    return tab.evaluate("document.documentElement.scrollHeight")


def test_the_visit_form_of_a_duty_day_is_short_and_its_picker_finds_deputies_by_initials(
    page, live_server, duty_day, screenshot
):
    desk = page("desktop")
    log_in(desk, live_server.url, "alice")
    desk.goto(f"{live_server.url}/visits/new/?duty_day={duty_day.pk}")
    picker = desk.locator("#id_deputies-ts-control")
    expect(picker).to_be_visible()
    assert height(desk) < DESKTOP_MAX_PX
    # The day's group first, and the two who signed in already chosen.
    first_group = desk.locator("#id_deputies optgroup").first
    assert first_group.get_attribute("label") == "坝区代表小组"
    expect(desk.locator("#id_deputies + .ts-wrapper .item")).to_have_count(2)

    picker.fill("gp")
    options = desk.locator(".ts-dropdown:visible .option")
    expect(options.filter(has_text="高萍")).to_be_visible()
    expect(options.filter(has_text="王平")).to_have_count(0)
    screenshot(desk, "initials")
    options.filter(has_text="高萍").click()

    picker.fill("qqxx")
    with translation.override("zh-hans"):
        expect(desk.locator(".ts-dropdown:visible [data-picker-empty]")).to_have_text(gettext(NO_MATCH))
    picker.press("Escape")

    desk.locator("#id_visitor_name").fill("王大妈")
    desk.locator("#id_category").select_option(index=1)
    desk.locator("#id_content").fill("村道雨季塌方，出行困难")
    desk.locator('input[name="outcome"][value="answered"]').check()
    desk.locator("#id_answer").fill("已向村委会了解情况，雨季前修复")
    desk.locator('main form button[type="submit"]').click()
    desk.wait_for_url(f"{live_server.url}/visits/*/")
    visit = Visit.objects.get()
    assert visit.duty_day == duty_day
    assert set(visit.deputies.values_list("name", flat=True)) == {*DAY_GROUP[:2], "高萍"}


def test_on_a_phone_the_visit_form_of_a_duty_day_has_no_column_of_names(page, live_server, duty_day, screenshot):
    phone = page("phone")
    log_in(phone, live_server.url, "alice")
    phone.goto(f"{live_server.url}/visits/new/?duty_day={duty_day.pk}")
    expect(phone.locator("#id_deputies-ts-control")).to_be_visible()
    assert height(phone) < PHONE_MAX_PX
    screenshot(phone, "form")
