"""The voters' pages, as a phone without a login uses them: the form (its contact point from the QR code, its
villages), the code button with and without the script, the final submit and its bad inputs, the private link
(404 for a guessed token, no phone, no caching, no referrer), its photos, and the rating."""

from io import BytesIO

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext
from PIL import Image

from congress.models import Notification
from petitions.forms.voters import MatterForm
from petitions.models import BlockedPhone, MatterPhoto, MatterStatus, PhoneCode, VoterMatter
from petitions.services.matter_updates import matter_tell
from petitions.services.voters import phone_code_send
from tests.factories import VoterMatterFactory
from tests.pages import select_options
from tests.petitions.voters_support import MOBILE, contact_point, matter_data, photo, sent_code

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_limits():
    """The per-address counts of one test do not spill into the next (all come from 127.0.0.1)."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def voter(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.fixture
def point(town_a):
    return contact_point(town_a)


def _create_url(town) -> str:
    return reverse("public_matter_create", kwargs={"code": town.code})


def _code_url(town) -> str:
    return reverse("public_matter_code", kwargs={"code": town.code})


def _send(voter, town, point, **changes):
    """Ask for a code, then send the form with it (and `changes`)."""
    voter.post(_code_url(town), {"phone": MOBILE}, HTTP_HX_REQUEST="true")
    return voter.post(_create_url(town), matter_data(point, code=sent_code()) | changes)


def test_the_form_preselects_the_contact_point_of_the_qr_code(voter, town_a, point):
    page = voter.get(_create_url(town_a) + f"?station={point.pk}")
    assert page.status_code == 200
    chosen = [attrs["value"] for _group, _text, attrs in select_options(page.content.decode()) if "selected" in attrs]
    assert str(point.pk) in chosen


def test_a_station_of_another_town_in_the_qr_code_is_ignored(voter, town_a, town_b, point):
    other = contact_point(town_b, name="乙村联络点", village="乙村")
    html = voter.get(_create_url(town_a) + f"?station={other.pk}").content.decode()
    assert "乙村联络点" not in html and "乙村" not in html


def test_the_villages_are_the_towns_contact_points_and_deputies_villages(voter, town_a, town_b, point):
    contact_point(town_b, name="乙村联络点", village="乙村")
    values = {
        attrs["value"] for _group, _text, attrs in select_options(voter.get(_create_url(town_a)).content.decode())
    }
    assert {"大莫古村联络点", "大莫古村"} <= values and "乙村" not in values


def test_an_unknown_town_is_404(voter):
    assert voter.get(reverse("public_matter_create", kwargs={"code": "nowhere"})).status_code == 404


def test_the_code_button_with_the_script_answers_in_place(voter, town_a, point):
    answer = voter.post(_code_url(town_a), {"phone": "138 0013 8000"}, HTTP_HX_REQUEST="true")
    assert answer.status_code == 200 and b"<form" not in answer.content
    assert b'data-code-sent="1"' in answer.content
    assert PhoneCode.objects.get().phone == MOBILE


def test_the_code_button_without_the_script_shows_the_form_as_typed(voter, town_a, point):
    page = voter.post(_code_url(town_a), matter_data(point, content="水渠堵了"))
    html = page.content.decode()
    assert page.status_code == 200 and "水渠堵了" in html and 'data-code-sent="1"' in html
    assert not VoterMatter.objects.exists()


def test_a_wrong_mobile_gets_no_code(voter, town_a):
    answer = voter.post(_code_url(town_a), {"phone": "12345"}, HTTP_HX_REQUEST="true")
    assert b"mainland mobile" in answer.content and not PhoneCode.objects.exists()


def test_the_right_code_stores_the_matter_and_opens_its_private_link(voter, town_a, point):
    response = _send(voter, town_a, point)
    matter = VoterMatter.objects.get()
    assert response.status_code == 302 and response.url == reverse("public_matter_track", args=[matter.token])
    page = voter.get(response.url).content.decode()
    assert matter.reference in page and matter.token in page and "Thank you" in page


def test_a_wrong_code_keeps_what_was_typed_and_stores_nothing(voter, town_a, point):
    voter.post(_code_url(town_a), {"phone": MOBILE}, HTTP_HX_REQUEST="true")
    wrong = "000000" if sent_code() != "000000" else "111111"
    page = voter.post(_create_url(town_a), matter_data(point, code=wrong, content="桥栏杆断了"))
    html = page.content.decode()
    assert page.status_code == 200 and "The code is wrong" in html and "桥栏杆断了" in html
    assert not VoterMatter.objects.exists() and PhoneCode.objects.get().attempts == 1


def test_three_wrong_codes_then_a_new_one_is_needed(voter, town_a, point):
    voter.post(_code_url(town_a), {"phone": MOBILE}, HTTP_HX_REQUEST="true")
    wrong = "000000" if sent_code() != "000000" else "111111"
    for _ in range(3):
        page = voter.post(_create_url(town_a), matter_data(point, code=wrong))
    assert "Request a new code" in page.content.decode()
    page = voter.post(_create_url(town_a), matter_data(point, code=sent_code()))
    assert "Request a new code" in page.content.decode() and not VoterMatter.objects.exists()


def test_a_village_of_another_town_is_refused(voter, town_a, town_b, point):
    contact_point(town_b, name="乙村联络点", village="乙村")
    page = _send(voter, town_a, point, village="乙村")
    assert "Choose a village or community of this town" in page.content.decode()
    assert not VoterMatter.objects.exists()


def test_a_station_of_another_town_is_refused(voter, town_a, town_b, point):
    other = contact_point(town_b, name="乙村联络点", village="乙村")
    page = _send(voter, town_a, point, station=other.pk)
    assert "Choose a station or contact point of this town" in page.content.decode()
    assert not VoterMatter.objects.exists()


def test_a_matter_over_a_thousand_characters_is_refused(voter, town_a, point):
    page = _send(voter, town_a, point, content="路" * 1001)
    assert page.status_code == 200 and not VoterMatter.objects.exists()
    assert "1000" in page.content.decode()


def test_control_characters_in_the_matter_are_refused(voter, town_a, point):
    page = _send(voter, town_a, point, content="路灯\x07坏了")
    assert page.status_code == 200 and not VoterMatter.objects.exists()


def test_a_script_in_the_matter_is_stored_as_text_and_shown_escaped(voter, town_a, point):
    script = "<script>alert('x')</script>路灯坏了"
    response = _send(voter, town_a, point, content=script)
    assert VoterMatter.objects.get().content == script
    html = voter.get(response.url).content.decode()
    assert "<script>alert" not in html and "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html


def test_photos_are_stored_without_their_metadata(voter, town_a, point):
    response = _send(voter, town_a, point, photos=[photo("a.jpg", size=(3000, 2000)), photo("b.jpg")])
    assert response.status_code == 302
    photos = list(MatterPhoto.objects.all())
    assert len(photos) == 2 and max(photos[0].width, photos[0].height) == 1600
    with photos[0].image.open("rb") as stored:
        data = stored.read()
    assert b"SecretCam" not in data
    assert not Image.open(BytesIO(data)).getexif()


def test_more_than_three_photos_are_refused(voter, town_a, point):
    page = _send(voter, town_a, point, photos=[photo(f"{n}.jpg") for n in range(4)])
    assert "At most 3 photos" in page.content.decode()
    assert not VoterMatter.objects.exists() and not MatterPhoto.objects.exists()


def test_a_file_that_is_not_an_image_is_refused(voter, town_a, point):
    fake = SimpleUploadedFile("photo.jpg", b"MZ\x90\x00 not a picture", content_type="image/jpeg")
    page = _send(voter, town_a, point, photos=[fake])
    assert "not an image" in page.content.decode()
    assert not VoterMatter.objects.exists() and not MatterPhoto.objects.exists()


def test_a_thirty_megabyte_image_is_refused_with_its_size(town_a, point):
    # Cheap: a small file that says it is 30 MB, as an upload of that size would.
    big = photo("big.jpg")
    big.size = 30 * 1024 * 1024
    form = MatterForm(matter_data(point, code="123456"), MultiValueDict({"photos": [big]}), township=town_a)
    assert not form.is_valid()
    assert "30.0 MB" in " ".join(form.errors["photos"])


@override_settings(MAX_REQUEST_BYTES=2048)
def test_a_request_larger_than_the_limit_gets_the_413_page(voter, town_a, point):
    big = SimpleUploadedFile("big.jpg", b"\xff" * 4096, content_type="image/jpeg")
    page = voter.post(_create_url(town_a), matter_data(point, code="123456", photos=[big]))
    with translation.override(settings.LANGUAGE_CODE):  # the page is in the site's language: no request chose one
        said = gettext("File too large")
    assert page.status_code == 413 and said in page.content.decode()
    assert "-1" not in page.content.decode()  # a limit under 2 MB still says 1 MB, never a negative size


def test_a_blocked_mobile_is_refused_without_saying_more(voter, town_a, point):
    BlockedPhone.objects.create(township=town_a, phone=MOBILE)
    answer = voter.post(_code_url(town_a), {"phone": MOBILE}, HTTP_HX_REQUEST="true").content.decode()
    assert "cannot leave a matter here" in answer and "spam" not in answer.lower()
    assert not PhoneCode.objects.exists()


def test_one_address_asking_codes_without_end_is_stopped(voter, town_a):
    for n in range(20):
        voter.post(_code_url(town_a), {"phone": f"1370000{n:04d}"}, HTTP_HX_REQUEST="true")
    answer = voter.post(_code_url(town_a), {"phone": "13600000000"}, HTTP_HX_REQUEST="true")
    assert b"this network" in answer.content and PhoneCode.objects.count() == 20


def test_a_guessed_token_is_404_like_none(voter, town_a, point):
    VoterMatterFactory(township=town_a, station=point)
    for token in ("x" * 32, "nothing", "A" * 64):
        assert voter.get(reverse("public_matter_track", args=[token])).status_code == 404
        assert voter.post(reverse("public_matter_rate", args=[token]), {"rating": "satisfied"}).status_code == 404


def test_a_matter_hidden_as_spam_is_404_on_its_link(voter, town_a, point):
    matter = VoterMatterFactory(township=town_a, station=point, status=MatterStatus.SPAM)
    assert voter.get(reverse("public_matter_track", args=[matter.token])).status_code == 404


def test_the_private_link_shows_no_phone_and_is_neither_cached_nor_referred(voter, town_a, point):
    response = _send(voter, town_a, point)
    page = voter.get(response.url)
    html = page.content.decode()
    assert MOBILE not in html and "138****8000" in html
    assert page["Referrer-Policy"] == "same-origin" and "noindex" in page["X-Robots-Tag"]
    assert "no-cache" in page["Cache-Control"] and "no-store" in page["Cache-Control"]
    assert "张三" not in html


def test_a_photo_is_served_only_through_its_own_matters_link(voter, town_a, point):
    _send(voter, town_a, point, photos=[photo()])
    mine = MatterPhoto.objects.get()
    other = VoterMatterFactory(township=town_a, station=point)
    assert voter.get(reverse("public_matter_photo", args=[mine.matter.token, mine.pk])).status_code == 200
    assert voter.get(reverse("public_matter_photo", args=[other.token, mine.pk])).status_code == 404


def test_the_rating_closes_an_answered_matter(voter, town_a, point):
    matter = VoterMatterFactory(township=town_a, station=point, status=MatterStatus.ANSWERED)
    page = voter.get(reverse("public_matter_track", args=[matter.token]))
    assert b"data-rate-form" in page.content
    voter.post(reverse("public_matter_rate", args=[matter.token]), {"rating": "satisfied"})
    matter.refresh_from_db()
    assert matter.status == MatterStatus.CLOSED and matter.rating == "satisfied"


def test_a_rating_before_the_answer_is_refused_with_a_message(voter, town_a, point):
    matter = VoterMatterFactory(township=town_a, station=point, status=MatterStatus.HANDLING)
    response = voter.post(reverse("public_matter_rate", args=[matter.token]), {"rating": "satisfied"}, follow=True)
    assert "not waiting for your rating" in response.content.decode()
    matter.refresh_from_db()
    assert matter.status == MatterStatus.HANDLING and not matter.rating


def test_the_code_is_sent_even_in_quiet_hours(voter, town_a, point, settings):
    settings.SMS_QUIET_FROM, settings.SMS_QUIET_UNTIL = 0, 24
    phone_code_send(township=town_a, phone=MOBILE, ip_address=None)
    assert Notification.objects.get(kind="matter-code").urgent


def test_a_form_too_large_for_django_gets_a_clear_page_not_a_server_error(voter, town_a, point, settings):
    # Over DATA_UPLOAD_MAX_MEMORY_SIZE (the form's text, files aside) but under the request's own limit.
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024
    page = voter.post(_create_url(town_a), matter_data(point, code="123456", content="路" * 2000))
    assert page.status_code == 400 and not VoterMatter.objects.exists()


@pytest.mark.parametrize("station", ["abc", "99999999999999999999", "-1", ""])
def test_a_station_that_is_not_an_id_in_the_qr_code_is_ignored(voter, town_a, point, station):
    page = voter.get(_create_url(town_a) + f"?station={station}")
    assert page.status_code == 200
    assert not [attrs for _group, _text, attrs in select_options(page.content.decode()) if "selected" in attrs]


def test_the_answer_is_shown_once_the_matter_is_answered(voter, town_a, point):
    matter = VoterMatterFactory(township=town_a, station=point, status=MatterStatus.HANDLING)
    url = reverse("public_matter_track", args=[matter.token])
    assert b"data-answer" not in voter.get(url).content
    matter.status, matter.answered_at = MatterStatus.ANSWERED, timezone.now()
    matter.save()
    matter_tell(matter=matter, kind="answered", text="路灯已修好。", step="已答复", at=matter.answered_at)
    html = voter.get(url).content.decode()
    assert "data-answer" in html and "路灯已修好。" in html
