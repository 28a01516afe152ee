"""A voter's matter in the browser, on a 375-px phone with no login: the contact point's QR code opens the form
with the point chosen; "Get code" texts a code without leaving the page (the photo chosen stays chosen); the
code read from the delivery record and the photo are sent; the private link shows the reference and the
steps; once the matter is answered, the voter rates it satisfied and it is closed."""

import os

import pytest
from django.core.cache import cache
from django.urls import reverse

try:
    from playwright.sync_api import expect
except ImportError:
    if os.environ.get("E2E_REQUIRED") == "1":
        raise
    pytest.skip("the python package `playwright` is not installed", allow_module_level=True)

from congress.sms import MemorySmsBackend
from petitions.models import MatterPhoto, MatterStatus, VoterMatter
from tests.petitions.voters_support import MOBILE, contact_point, photo


@pytest.fixture
def point(e2e_db, town_a):
    cache.clear()
    MemorySmsBackend.outbox.clear()
    MemorySmsBackend.sent.clear()
    return contact_point(town_a)


def test_a_voter_leaves_a_matter_with_a_photo_and_rates_the_answer(
    page, live_server, point, town_a, screenshot, tmp_path
):
    phone = page("phone")
    phone.goto(live_server.url + reverse("public_matter_create", args=[town_a.code]) + f"?station={point.pk}")
    expect(phone.locator("#id_station")).to_have_value(str(point.pk))
    phone.fill("#id_content", "村口的路灯坏了两个月，晚上出行不便。")
    phone.select_option("#id_village", "大莫古村")
    phone.fill("#id_phone", MOBILE)
    picture = tmp_path / "lamp.jpg"
    picture.write_bytes(photo().read())
    phone.set_input_files("#id_photos", str(picture))
    screenshot(phone, "form")

    phone.click("[data-code-button]")
    expect(phone.locator("[data-code-sent='1']")).to_be_visible()
    [sent] = [text for text in MemorySmsBackend.sent if text["kind"] == "matter-code"]
    assert sent["phone"] == MOBILE
    phone.fill("#id_code", sent["params"]["code"])
    phone.check("#id_public_allowed")
    phone.click("[data-send-matter]")

    matter = VoterMatter.objects.get()
    expect(phone.locator("[data-reference]")).to_have_text(matter.reference)
    assert MatterPhoto.objects.filter(matter=matter).count() == 1
    [receipt] = [text for text in MemorySmsBackend.sent if text["kind"] == "matter-received"]
    assert f"/m/{matter.token}" in receipt["text"]
    assert MOBILE not in phone.content()
    screenshot(phone, "tracking")

    matter.status = MatterStatus.ANSWERED
    matter.save()
    phone.reload()
    phone.locator("[data-rate-form] button[value=satisfied]").click()
    expect(phone.locator("[data-status]")).to_have_attribute("data-status", MatterStatus.CLOSED)
    screenshot(phone, "rated")
