"""The rules library in the browser: the office records a new version of the 代表建议落实制度 at 1280 px, and a deputy
reads the new text from the home page of a 375-px phone, with the earlier versions a tap away."""

import os
import shutil
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from demo.rules import build_rules
from deputies.models import Rule
from tests.e2e.test_roles import assert_no_horizontal_scroll, log_in
from tests.factories import PASSWORD

# Where to copy the screenshots too, when asked (they are always in test-results/screenshots).
SHOTS_COPY = os.environ.get("E2E_SHOTS_COPY")
NEW_TEXT = (
    "第一条 为保证代表建议得到落实，制定本制度。\n"
    "第二条 代表建议由当天接访的镇领导协调落实，明确责任人和解决时限。\n"
    "第三条 承办单位在十五日内答复，六十日内办结，并告知提出建议的代表。"
)


@pytest.fixture
def library(e2e_db, town_a, alice, bob):
    """Town A's library as the demo keeps it: the 代表建议落实制度 in two versions, all published."""
    build_rules(township=town_a, today=timezone.localdate())
    return Rule.objects.get(township=town_a, title="代表建议落实制度")


def keep(path: Path, name: str) -> None:
    if SHOTS_COPY:
        Path(SHOTS_COPY).mkdir(parents=True, exist_ok=True)
        shutil.copy(path, Path(SHOTS_COPY) / name)


def test_the_office_publishes_a_new_version_and_a_deputy_reads_it_on_a_phone(page, live_server, library, screenshot):
    office = page("desktop")
    log_in(office, live_server.url, "alice", PASSWORD)
    office.wait_for_url(f"{live_server.url}/")
    office.locator("nav .dropdown-toggle").first.click()  # the register's menu
    office.locator('nav a.dropdown-item[href="/rules/"]').click()
    office.locator(f'[data-rule="{library.pk}"] a').click()
    expect(office.locator("[data-version-row]")).to_have_count(2)
    office.locator(f'a[href="/rules/{library.pk}/versions/new/"]').click()
    office.locator("#id_text").fill(NEW_TEXT)
    office.locator("#id_in_force_on").fill(timezone.localdate().isoformat())
    office.locator("main form button[type=submit]").click()
    office.wait_for_url(f"{live_server.url}/rules/{library.pk}/")
    expect(office.locator("article[data-version]")).to_have_attribute("data-version", "3")
    expect(office.locator(".rule-text")).to_contain_text("六十日内办结")
    expect(office.locator("[data-version-row]")).to_have_count(3)
    assert_no_horizontal_scroll(office)
    keep(screenshot(office, "office"), "office-rule-1280.png")
    office.locator(f'a[href="/rules/{library.pk}/print/"]').click()
    expect(office.locator(".rule-print-text")).to_contain_text("六十日内办结")
    keep(screenshot(office, "print"), "office-print-1280.png")

    phone = page("phone")
    log_in(phone, live_server.url, "bob", PASSWORD)
    phone.wait_for_url(f"{live_server.url}/")
    phone.locator('main a[href="/rules/"]').click()
    phone.wait_for_url(f"{live_server.url}/rules/")  # measured once the list has loaded, not mid-navigation
    expect(phone.locator(f'[data-rule="{library.pk}"]')).to_be_visible()
    assert_no_horizontal_scroll(phone)
    keep(screenshot(phone, "deputy-list"), "deputy-list-375.png")
    phone.locator(f'[data-rule="{library.pk}"] a').click()
    expect(phone.locator("article[data-version]")).to_have_attribute("data-version", "3")
    expect(phone.locator(".rule-text")).to_contain_text("第三条 承办单位在十五日内答复")
    assert_no_horizontal_scroll(phone)
    keep(screenshot(phone, "deputy"), "deputy-rule-375.png")
    # The first version is kept and readable, marked as no longer in force.
    phone.locator(f'a[href="/rules/{library.pk}/versions/1/"]').click()
    expect(phone.locator("article[data-version]")).to_have_attribute("data-version", "1")
    expect(phone.locator("article .alert-warning")).to_be_visible()
    assert_no_horizontal_scroll(phone)
    keep(screenshot(phone, "deputy-old"), "deputy-old-version-375.png")
