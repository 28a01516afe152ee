"""A voter's matter from the contact point's QR code to its rating, in the browser (issue #24, "Done when"): on a
375-px phone, without a login, the voter opens the contact point's public page, finds its deputies, leaves a
matter with a photo and the code read from the delivery record, and gets the private link; a deputy of that
point takes it on the phone as their handling suggestion; the office, at its desk, refers the visit to a unit; the
unit resolves it; the voter, told by text, reads the result on the private link and rates it satisfied; the town's
public figures count it."""

import os
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

try:
    from playwright.sync_api import expect
except ImportError:
    if os.environ.get("E2E_REQUIRED") == "1":
        raise
    pytest.skip("the python package `playwright` is not installed", allow_module_level=True)

from congress.models import Notification, Role
from congress.sms import MemorySmsBackend
from petitions.models import MatterStatus, Referral, VisitOutcome, VoterMatter
from tests.e2e.conftest import accessibility_problems
from tests.factories import PASSWORD
from tests.petitions.voters_support import MOBILE, contact_point, photo


def log_in(tab, base: str, username: str) -> None:
    tab.goto(f"{base}/login/")
    tab.locator("#id_username").fill(username)
    tab.locator("#id_password").fill(PASSWORD)
    tab.locator('main form[action^="/login/"] button[type="submit"]').click()


@pytest.fixture
def point(e2e_db, town_a, bob, carol):
    """Town A's contact point with bob's small group attached; carol's unit takes the referrals."""
    cache.clear()
    MemorySmsBackend.outbox.clear()
    MemorySmsBackend.sent.clear()
    point = contact_point(town_a)
    point.small_groups.add(bob.deputy.small_group)
    return point


def test_a_voters_matter_goes_from_the_qr_code_to_a_satisfied_rating(
    page, live_server, point, town_a, alice, bob, carol, screenshot, tmp_path
):
    base = live_server.url
    voter = page("phone")
    # The QR code on the contact point's poster: its public page, the deputies who receive there.
    voter.goto(base + reverse("public_station", kwargs={"code": town_a.code, "pk": point.pk}))
    expect(voter.locator("main")).to_contain_text("李梅")
    assert "13900000001" not in voter.content()
    assert not accessibility_problems(voter)
    screenshot(voter, "point")
    voter.locator(f'a[href*="{reverse("public_matter_create", args=[town_a.code])}"]').first.click()
    expect(voter.locator("#id_station")).to_have_value(str(point.pk))
    voter.fill("#id_content", "村口的路灯坏了两个月，晚上出行不便。")
    voter.select_option("#id_village", "大莫古村")
    voter.fill("#id_phone", MOBILE)
    picture = tmp_path / "lamp.jpg"
    picture.write_bytes(photo().read())
    voter.set_input_files("#id_photos", str(picture))
    voter.click("[data-code-button]")
    expect(voter.locator("[data-code-sent='1']")).to_be_visible()
    code = Notification.objects.filter(kind="matter-code", phone=MOBILE).latest("id").params["code"]
    voter.fill("#id_code", code)
    voter.click("[data-send-matter]")
    matter = VoterMatter.objects.get()
    expect(voter.locator("[data-reference]")).to_have_text(matter.reference)
    track = voter.url
    assert track.endswith(reverse("public_matter_track", args=[matter.token]))
    screenshot(voter, "received")

    # A deputy of the point, on the phone: the matter waits in their list; they take it as their handling suggestion.
    deputy = page("phone")
    log_in(deputy, base, "bob")
    deputy.goto(base + reverse("matter_list"))
    deputy.locator(f'a[href="{reverse("matter_detail", args=[matter.pk])}"]').first.click()
    expect(deputy.locator("[data-voter-phone]")).to_contain_text(MOBILE)
    deputy.select_option("#id_category", index=1)
    deputy.locator("details.form-more > summary").click()  # folded until it holds something
    deputy.locator("#id_suggestion_1_deputy").select_option(label=bob.deputy.name)
    deputy.fill("#id_suggestion_1", "建议由镇社会事务办联系供电所更换路灯")
    deputy.locator('input[name="outcome"][value="suggestion"]').check()
    expect(deputy.locator("#id_department")).to_be_hidden()
    screenshot(deputy, "take")
    deputy.locator('form[action$="/take/"] button[type="submit"]').click()
    expect(deputy.locator(".alert-success")).to_be_visible()
    matter.refresh_from_db()
    assert matter.status == MatterStatus.HANDLING and matter.visit is not None
    visit = matter.visit
    assert visit.outcome == VisitOutcome.SUGGESTION and not Referral.objects.exists()
    assert visit.suggestions.get().text == "建议由镇社会事务办联系供电所更换路灯"

    # The office, at its desk: from the matter to its visit, which it refers to carol's unit.
    office = page("desktop")
    log_in(office, base, "alice")
    office.goto(base + reverse("matter_detail", args=[matter.pk]))
    office.locator(f'main a[href="{reverse("visit_detail", args=[visit.pk])}"]').click()
    refer = office.locator(f'form[action="{reverse("visit_refer", args=[visit.pk])}"]')
    expect(refer).to_be_visible()
    unit = carol.memberships.get(role=Role.UNIT).department
    refer.locator("#id_department").select_option(str(unit.pk))
    refer.locator("#id_responsible_name").fill("王主任")
    due = timezone.localdate() + timedelta(days=20)
    refer.locator("#id_answer_due").fill((due - timedelta(days=10)).isoformat())
    refer.locator("#id_due").fill(due.isoformat())
    screenshot(office, "refer")
    refer.locator('button[type="submit"]').click()
    expect(office.locator(".alert-success")).to_be_visible()
    expect(refer).to_have_count(0)
    assert not accessibility_problems(office)
    screenshot(office, "referred")
    referral = Referral.objects.get(visit=visit)
    assert referral.department == unit and referral.due == due
    visit.refresh_from_db()
    assert visit.outcome == VisitOutcome.REFERRED
    assert matter.updates.filter(kind="referred").exists()

    # The unit resolves it at its desk.
    desk = page("desktop")
    log_in(desk, base, "carol")
    desk.goto(base + reverse("referral_detail", args=[referral.pk]))
    desk.locator('form[action$="/finish/"] select[name="outcome"]').select_option("resolved")
    desk.locator('form[action$="/finish/"] textarea[name="result"]').fill("已更换路灯两盏，恢复照明")
    desk.locator('form[action$="/finish/"] button[type="submit"]').click()
    expect(desk.locator("[data-status]")).to_have_attribute("data-status", "resolved")

    # The voter is told by text, reads the result on the private link and rates it.
    told = [text for text in MemorySmsBackend.sent if text["kind"] == "matter-update"]
    assert told and all(text["phone"] == MOBILE for text in told)
    voter.goto(track)
    expect(voter.locator("main")).to_contain_text("已更换路灯两盏")
    voter.locator("[data-rate-form] button[value=satisfied]").click()
    expect(voter.locator("[data-status]")).to_have_attribute("data-status", MatterStatus.CLOSED)
    screenshot(voter, "rated")

    # The town's public figures count it.
    voter.goto(base + reverse("public_matter_figures", args=[town_a.code]))
    figures = voter.locator("[data-year-figures]")
    expect(figures.locator('[data-figure="received"]')).to_have_text("1")
    expect(figures.locator('[data-figure="resolved"]')).to_have_text("1")
    assert MOBILE not in voter.content()
    assert not accessibility_problems(voter)
    screenshot(voter, "figures")
