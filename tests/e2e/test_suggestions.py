"""A deputy's handling suggestion carried through, in the browser: on the morning of his duty, bob (signed in)
adds a suggestion on his 375-px phone to a visit of the day; the leader who chaired the day confirms the referral
with a new deadline on his own login; the handling unit adopts the suggestion, finishes the case and marks the
suggestion carried out; bob sees the outcome on his phone."""

import os
import shutil
import tempfile
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from django.utils import timezone

try:
    from playwright.sync_api import expect
except ImportError:
    if os.environ.get("E2E_REQUIRED") == "1":
        raise
    pytest.skip("the python package `playwright` is not installed", allow_module_level=True)

from deputies.models import StationLevel
from petitions.models import DutyDay, HandlingSuggestion, ReceptionSettings, Referral, SignInProof, VisitOutcome
from petitions.services.attendance import duty_sign_in
from petitions.services.duty import roster_generate, roster_publish
from petitions.services.visits import ReferralPlan, visit_categories_for, visit_record
from tests.factories import PASSWORD, StationFactory

MONDAY = date(2026, 11, 30)
# Copies to look at, beside test-results/screenshots (kept by CI): /tmp/suggest-shots unless told otherwise.
SHOTS = Path(os.environ.get("SUGGEST_SHOTS") or Path(tempfile.gettempdir()) / "suggest-shots")


def log_in(tab, base: str, username: str) -> None:
    tab.goto(f"{base}/login/")
    tab.locator("#id_username").fill(username)
    tab.locator("#id_password").fill(PASSWORD)
    tab.locator('main form[action="/login/"] button[type="submit"]').click()


@pytest.fixture
def shot(screenshot):
    """The test's screenshot (checked by axe-core), copied to SHOTS to be looked at."""
    SHOTS.mkdir(parents=True, exist_ok=True)

    def take(tab, step: str) -> None:
        shutil.copy(screenshot(tab, step), SHOTS / f"{step}-{tab.e2e_viewport}.png")

    return take


@pytest.fixture
def duty_morning(e2e_db, town_a, bob, alice, carol, leo, department_a, time_machine):
    """MONDAY at 09:40: leo chairs the published duty day, bob signed in at 07:50, and the office recorded a visit
    of the day referred to carol's unit."""
    time_machine.move_to(timezone.make_aware(datetime.combine(MONDAY, time(9, 40))), tick=True)
    station = StationFactory(township=town_a, name="镇人大代表接待站", level=StationLevel.TOWN)
    ReceptionSettings.objects.create(township=town_a, station=station, sign_in_proof=SignInProof.NONE)
    roster_generate(township=town_a, start=MONDAY, end=MONDAY, today=MONDAY)
    roster_publish(township=town_a, start=MONDAY, end=MONDAY)
    day = DutyDay.objects.get(township=town_a, date=MONDAY)
    day.leaders.set([leo.leader])
    duty_sign_in(deputy=bob.deputy, station=station, now=timezone.make_aware(datetime.combine(MONDAY, time(7, 50))))
    visit = visit_record(
        township=town_a,
        user=alice,
        station=station,
        category=visit_categories_for(township=town_a)[4],
        visitor_name="王大妈",
        visitor_phone="13911112222",
        visitor_address="上坝村三组",
        content="村道雨季塌方，出行困难",
        outcome=VisitOutcome.REFERRED,
        received_at=timezone.make_aware(datetime.combine(MONDAY, time(9, 10))),
        duty_day=day,
        referral=ReferralPlan(department=department_a, responsible_name="张工", responsible_phone="13700002222"),
    )
    return {"day": day, "visit": visit}


def test_a_suggestion_from_the_phone_is_confirmed_adopted_carried_out_and_seen_by_its_deputy(
    page, live_server, duty_morning, bob, leo, carol, shot
):
    day, visit = duty_morning["day"], duty_morning["visit"]
    base = live_server.url

    # 1. bob, on duty and signed in, adds his suggestion on his phone.
    phone = page("phone")
    log_in(phone, base, "bob")
    phone.locator(f'a[href="/duty/mine/days/{day.pk}/"]').first.click()
    card = phone.locator(f'[data-visit="{visit.pk}"]')
    expect(card).to_contain_text("村道雨季塌方")
    expect(phone.locator("main")).not_to_contain_text("王大妈")
    expect(phone.locator("main")).not_to_contain_text("13911112222")
    shot(phone, "1-day-visits")
    card.locator("textarea").fill("建议交通部门一周内现场查看，先设警示牌")
    card.locator('button[type="submit"]').click()
    expect(phone.locator(".alert-success").first).to_be_visible()
    expect(card).to_contain_text("建议交通部门一周内现场查看")
    shot(phone, "2-suggestion-added")
    suggestion = HandlingSuggestion.objects.get(visit=visit)
    assert suggestion.deputy == bob.deputy

    # 2. leo, who chaired the day, confirms the referral with a later deadline.
    desk = page("desktop")
    log_in(desk, base, "leo")
    referral = Referral.objects.get(visit=visit)
    desk.locator(f'[data-to-confirm="{referral.pk}"] a').click()
    expect(desk.locator(f'[data-suggestion="{suggestion.pk}"]')).to_contain_text(bob.deputy.name)
    new_due = referral.due + timedelta(days=10)
    desk.locator("#confirm-form #id_due").fill(new_due.isoformat())
    shot(desk, "3-leader-confirms")
    desk.locator('#confirm-form button[type="submit"]').click()
    expect(desk.locator("[data-confirmation]")).to_contain_text(leo.leader.name)
    shot(desk, "4-confirmed")
    referral.refresh_from_db()
    assert (referral.confirmed_by, referral.due) == (leo.leader, new_due)

    # 3. carol's unit adopts it, finishes the case, then marks the suggestion carried out.
    unit = page("desktop")
    log_in(unit, base, "carol")
    unit.goto(f"{base}/visits/referrals/{referral.pk}/")
    item = unit.locator(f'[data-suggestion="{suggestion.pk}"]')
    item.locator('input[name="adopted"][value="yes"]').check()
    item.locator('textarea[name="response"]').fill("已设警示牌，并安排施工队本周修复")
    item.locator('button[type="submit"]').click()
    expect(item.locator('[data-state="adopted"]')).to_be_visible()
    shot(unit, "5-unit-adopted")
    unit.locator('form[action$="/finish/"] #id_result').fill("村道已修复通行")
    unit.locator('form[action$="/finish/"] button[type="submit"]').click()
    item.locator('form[action$="/carried-out/"] button[type="submit"]').click()
    expect(item.locator('[data-state="carried_out"]')).to_be_visible()
    shot(unit, "6-carried-out")
    suggestion.refresh_from_db()
    assert suggestion.adopted is True and suggestion.carried_out_at is not None

    # 4. bob sees the outcome on his phone.
    phone.goto(f"{base}/")
    mine = phone.locator(f'[data-my-suggestion="{suggestion.pk}"]')
    expect(mine.locator('[data-state="carried_out"]')).to_be_visible()
    expect(mine).to_contain_text("已设警示牌")
    expect(phone.locator("main")).not_to_contain_text("王大妈")
    mine.scroll_into_view_if_needed()
    shot(phone, "7-deputy-sees-outcome")
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"the deputy's home scrolls sideways on a phone ({width}px)"
