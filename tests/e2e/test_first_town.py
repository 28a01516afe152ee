"""A real town from zero, in the browser: `create_town` on an empty database; the office logs in with the printed
one-time password and must choose its own; imports its roster spreadsheet as offices write it (a title row,
groups that do not exist yet, 县、镇人大代表, full-width characters, one bad row), creating its groups; makes
everyone's logins and prints the slips; sets up reception and publishes a roster. A deputy then logs in with a
slip's phone and password on a phone, must choose a password, and sees the next duty day on the home page."""

import os
import re
import time
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

try:
    from playwright.sync_api import expect
except ImportError:
    if os.environ.get("E2E_REQUIRED") == "1":
        raise
    pytest.skip("the python package `playwright` is not installed", allow_module_level=True)

from deputies.models import Deputy, SmallGroup
from petitions.models import DutyAssignment
from tests.deputies.sheets import GROUPS, roster

OWN_PASSWORD = "Our-own-pass-2026"  # noqa: S105 (a test's password)


def log_in(tab, base: str, login: str, password: str) -> None:
    tab.goto(f"{base}/login/")
    tab.locator("#id_username").fill(login)
    tab.locator("#id_password").fill(password)
    tab.locator('main form[action="/login/"] button[type="submit"]').click()


def choose_own_password(tab, base: str, given: str) -> None:
    """The first page after a login with a password someone else set: the password form, nothing else."""
    tab.wait_for_url(re.compile(r"/password/"))
    tab.goto(f"{base}/")  # any other page leads back here
    tab.wait_for_url(f"{base}/password/")
    tab.locator("#id_old_password").fill(given)
    tab.locator("#id_new_password1").fill(OWN_PASSWORD)
    tab.locator("#id_new_password2").fill(OWN_PASSWORD)
    tab.locator('main form button[type="submit"]').click()
    tab.wait_for_url(f"{base}/password/done/")


def test_a_town_starts_from_zero_to_a_deputys_next_duty_day(page, live_server, e2e_db, screenshot, tmp_path):
    started = time.monotonic()
    base = live_server.url
    printed = StringIO()
    call_command(
        "create_town",
        *["--county", "示范县", "--county-code", "shifan", "--town", "大莫古镇", "--code", "damogu", "--term", "18"],
        stdout=printed,
    )
    one_time = re.search(r"One-time password:\s+(\S+)", printed.getvalue()).group(1)

    office = page("desktop")
    log_in(office, base, "damogu-office", one_time)
    choose_own_password(office, base, one_time)

    # The roster as the office keeps it: 41 rows, one with a birth date no calendar has.
    sheet = tmp_path / "大莫古镇代表花名册.xlsx"
    sheet.write_bytes(roster(bad_row=20))
    office.goto(f"{base}/register/import/deputies/")
    office.locator('main input[type="file"]').set_input_files(str(sheet))
    office.locator("main form button[type=submit]").first.click()
    expect(office.locator("[data-import-totals]")).to_contain_text("40")
    expect(office.locator("[data-new-groups]")).to_contain_text(GROUPS[-1])
    expect(office.locator("[data-term-note]")).to_contain_text("18")
    screenshot(office, "preview")
    office.locator('[data-import-confirm] input[name="new_large_group"]').fill("第一代表大组")
    office.locator("[data-import-confirm] button[type=submit]").click()
    office.wait_for_url(re.compile(r"/jobs/\d+/"))
    expect(office.locator("main")).to_contain_text("23")  # the bad row, by its row in the file
    assert Deputy.objects.filter(township__code="damogu", term=18).count() == 40
    assert sorted(SmallGroup.objects.values_list("name", flat=True)) == sorted(GROUPS)

    # Everyone's logins, and the slips to cut and hand out.
    office.goto(f"{base}/accounts/")
    office.get_by_role("button", name="为所有没有账号的人员创建账号").click()
    slips = office.locator(".slip")
    expect(slips).to_have_count(40)
    screenshot(office, "slips")
    first = slips.first
    name = first.locator("dd").nth(0).inner_text().strip()
    phone_login, slip_password = (first.locator(".slip-code").nth(i).inner_text().strip() for i in (0, 1))
    deputy = Deputy.objects.get(name=name)
    assert phone_login == deputy.phone
    office.goto(f"{base}/accounts/")
    expect(office.locator("main")).to_contain_text("待修改初始密码")
    screenshot(office, "accounts")
    office.goto(f"{base}/register/terms/")
    expect(office.locator('[data-figure="current_term"]')).to_contain_text("18")
    screenshot(office, "terms")

    # A station, the reception settings, and a published roster for the next ten weeks.
    office.goto(f"{base}/register/stations/new/")
    office.locator("#id_name").fill("大莫古镇人大代表接待站")
    office.locator("#id_level").select_option("town")
    office.locator("#id_address").fill("镇政府一楼")
    office.locator("main form button[type=submit]").first.click()
    office.wait_for_url(re.compile(r"/register/stations/\d+/$"))
    office.goto(f"{base}/duty/settings/")
    office.locator("#id_station").select_option(label="大莫古镇人大代表接待站")
    office.locator('input[name="weekday_list"][value="0"]').check()
    office.locator("main form button[type=submit]").first.click()
    expect(office.locator(".alert-success").first).to_be_visible()
    today = timezone.localdate()
    office.goto(f"{base}/duty/roster/")
    office.locator("#id_start").fill((today + timedelta(days=1)).isoformat())
    office.locator("#id_end").fill((today + timedelta(days=70)).isoformat())
    office.get_by_role("button", name="生成值班日（草稿）").click()
    expect(office.locator(".alert-success").first).to_be_visible()
    office.locator("#id_start").fill((today + timedelta(days=1)).isoformat())
    office.locator("#id_end").fill((today + timedelta(days=70)).isoformat())
    office.get_by_role("button", name="公布草稿").click()
    office.locator("#confirm-publish").click()  # the page that says how many deputies are told
    expect(office.locator(".alert-success").first).to_be_visible()
    duty = DutyAssignment.objects.filter(deputy=deputy).order_by("duty_day__date").first()
    assert duty is not None, "the roster puts every small group on duty within ten weeks"

    # The deputy, on a phone, with the slip.
    phone = page("phone")
    log_in(phone, base, phone_login, slip_password)
    choose_own_password(phone, base, slip_password)
    phone.goto(f"{base}/")
    card = phone.locator(f'main [data-duty="{duty.pk}"]')
    expect(card).to_be_visible()
    expect(card).to_contain_text("大莫古镇人大代表接待站")
    screenshot(phone, "deputy-home")
    print(f"\nfrom create_town to the deputy's next duty day: {time.monotonic() - started:.1f} s")
