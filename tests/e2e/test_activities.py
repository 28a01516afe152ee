"""The office records an activity and who came; a deputy asks leave from the next one on a phone; the leader
opens a deputy's performance record and its A4 print view."""

import os
import re
from datetime import date, timedelta

import pytest
from django.utils import timezone

try:
    from playwright.sync_api import expect
except ImportError:
    if os.environ.get("E2E_REQUIRED") == "1":
        raise
    pytest.skip("the python package `playwright` is not installed", allow_module_level=True)

from activities.models import Activity, ActivityAttendance, Attendance, LeaveState
from activities.services import activity_attendance_record, activity_invite, activity_save
from tests.e2e.test_roles import assert_no_horizontal_scroll, log_in
from tests.factories import PASSWORD, DeputyFactory, SmallGroupFactory


@pytest.fixture
def history(e2e_db, town_a, alice, bob, leo):
    """Bob and his group: a held inspection, a training, a coming research trip."""
    group = SmallGroupFactory(township=town_a, name="第一代表小组")
    deputy = bob.deputy
    deputy.small_group = group
    deputy.save()
    others = [DeputyFactory(township=town_a, small_group=group) for _ in range(4)]
    today = timezone.localdate()
    # This year's record lists them: early in January they are held on New Year's Day, not last December.
    new_year = date(today.year, 1, 1)
    held = []
    for days, kind, form, title in [
        (40, "inspection", "", "视察春耕生产"),
        (20, "training", "full", "代表全员培训"),
        (10, "research", "", "调研农村饮水安全"),
    ]:
        activity = activity_save(
            activity=Activity(
                kind=kind, training_form=form, title=title, date=max(today - timedelta(days=days), new_year)
            ),
            township=town_a,
            user=alice,
        )
        activity_invite(activity=activity, deputies=[deputy, *others])
        activity_attendance_record(
            activity=activity, statuses={d.pk: Attendance.ATTENDED for d in [deputy, *others]}, user=alice
        )
        held.append(activity)
    coming = activity_save(
        activity=Activity(kind="check", title="检查食品安全", date=today + timedelta(days=6), places="农贸市场"),
        township=town_a,
        user=alice,
    )
    activity_invite(activity=coming, deputies=[deputy, *others])
    return {"deputy": deputy, "others": others, "coming": coming, "group": group}


def test_office_records_an_activity_and_who_attended(page, live_server, history, screenshot):
    tab = page("desktop")
    log_in(tab, live_server.url, "alice", PASSWORD)
    tab.goto(f"{live_server.url}/activities/new/")
    tab.select_option("#id_kind", "evaluation")
    tab.fill("#id_title", "评议社会事务办公室工作")
    tab.fill("#id_date", f"{timezone.localdate() - timedelta(days=1):%Y-%m-%d}")
    tab.fill("#id_places", "镇政府会议室")
    tab.locator("main form button[type=submit]").click()
    expect(tab.locator(".alert-success")).to_be_visible()
    activity = Activity.objects.get(title="评议社会事务办公室工作")

    tab.select_option("#id_small_groups", str(history["group"].pk))
    tab.locator("form[action$='/invite/'] button[type=submit]").click()
    expect(tab.locator(".alert-success")).to_contain_text("5")
    absent = history["others"][0]
    tab.select_option(f"#status-{absent.pk}", "absent")
    tab.fill(f"#note-{absent.pk}", "未到")
    tab.locator("button[form=attendance-sheet]").last.click()
    expect(tab.locator(".alert-success")).to_be_visible()
    screenshot(tab, "attendance")
    rows = ActivityAttendance.objects.filter(activity=activity)
    assert rows.filter(status=Attendance.ATTENDED).count() == 4
    assert rows.get(deputy=absent).status == Attendance.ABSENT


def test_deputy_asks_leave_from_the_next_activity_on_a_phone(page, live_server, history, screenshot):
    tab = page("phone")
    log_in(tab, live_server.url, "bob", PASSWORD)
    tab.get_by_role("link", name=re.compile("我的活动|My activities")).first.click()
    expect(tab.locator("main")).to_contain_text("检查食品安全")
    assert_no_horizontal_scroll(tab)
    screenshot(tab, "my-activities")
    tab.locator("main a[href*='/leave/']").first.click()
    tab.fill("#id_reason", "外出务工")
    tab.locator("main form button[type=submit]").click()
    expect(tab.locator(".alert-success")).to_be_visible()
    row = ActivityAttendance.objects.get(activity=history["coming"], deputy=history["deputy"])
    assert row.leave_state == LeaveState.PENDING
    assert row.leave_reason == "外出务工"


def test_leader_opens_a_deputys_record_and_prints_it_on_a4(page, live_server, history, screenshot, tmp_path):
    tab = page("desktop")
    log_in(tab, live_server.url, "leo", PASSWORD)
    record = f"/records/{history['deputy'].pk}/"
    tab.goto(f"{live_server.url}{record}")
    assert tab.url == f"{live_server.url}{record}", f"the record answered {tab.url}"
    main = tab.locator("main")
    for text in ("视察春耕生产", "代表全员培训", "调研农村饮水安全", history["deputy"].name):
        expect(main).to_contain_text(text)
    screenshot(tab, "record")

    tab.locator(f"a[href^='/records/{history['deputy'].pk}/print/']").click()
    tab.wait_for_url(re.compile(re.escape(f"{live_server.url}{record}print/") + r"(\?.*)?$"))
    expect(tab.locator(".record-print h1")).to_be_visible()
    facts = tab.locator(".record-print .record-facts")
    expect(facts).to_contain_text(history["deputy"].name)
    expect(facts).to_contain_text(history["group"].name)
    for text in ("视察春耕生产", "代表全员培训", "调研农村饮水安全"):
        expect(tab.locator(".record-print")).to_contain_text(text)
    tab.emulate_media(media="print")
    expect(tab.locator("nav.navbar")).to_be_hidden()
    screenshot(tab, "record-print")
    pdf = tab.pdf(format="A4", print_background=False)
    (tmp_path / "record.pdf").write_bytes(pdf)
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert 1 <= pages <= 2, f"a year's record should print on one or two A4 pages, got {pages}"


def test_the_record_fits_a_phone(page, live_server, history, screenshot):
    tab = page("phone")
    log_in(tab, live_server.url, "bob", PASSWORD)
    tab.goto(f"{live_server.url}/records/mine/")
    tab.wait_for_url(f"{live_server.url}/records/{history['deputy'].pk}/")  # "mine" is the deputy's own record
    expect(tab.locator("main h1")).to_contain_text(history["deputy"].name)
    assert_no_horizontal_scroll(tab)
    screenshot(tab, "record-phone")
