"""Deputies' portraits: added by the office on the deputy's form (re-encoded small, without metadata; a file that
is no image is refused with a message), shown on the public pages and sent by a view that serves only a serving
deputy's portrait of that town, cacheable."""

import re
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.translation import gettext as _
from PIL import Image

from deputies.models import Deputy, DeputyStatus
from deputies.services.register import deputy_end_term
from tests.factories import DeputyFactory

pytestmark = pytest.mark.django_db


def jpeg(width: int = 1200, height: int = 1600) -> bytes:
    out = BytesIO()
    image = Image.new("RGB", (width, height), (180, 40, 40))
    exif = Image.Exif()
    exif[0x010F] = "SecretCamera"  # Make: what the re-encoding must drop
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def _form_data(deputy: Deputy) -> dict:
    return {
        "name": deputy.name,
        "gender": deputy.gender,
        "ethnicity": deputy.ethnicity,
        "level": deputy.level,
        "term": deputy.term,
        "status": deputy.status,
        "small_group": deputy.small_group_id,
        "village": deputy.village,
        "phone": deputy.phone,
    }


def _upload(login, alice, deputy, content: bytes, name: str = "像.jpg"):
    data = _form_data(deputy) | {"photo": SimpleUploadedFile(name, content)}
    return login(alice).post(reverse("deputy_edit", args=[deputy.pk]), data)


@pytest.fixture
def deputy(town_a):
    return DeputyFactory(township=town_a, name="张三")


def test_the_office_adds_a_portrait_stored_small_without_metadata(login, alice, deputy):
    response = _upload(login, alice, deputy, jpeg())
    assert response.status_code == 302
    deputy.refresh_from_db()
    assert re.fullmatch(r"deputy-photos/\d{4}/[0-9a-f]{32}\.jpg", deputy.photo.name)
    with Image.open(deputy.photo.path) as stored:
        assert max(stored.size) == 600
        assert not stored.getexif()


def test_a_file_that_is_no_image_is_refused_with_a_message_and_nothing_is_stored(login, alice, deputy):
    response = _upload(login, alice, deputy, b"MZ\x90\x00 not a picture", name="像.jpg")
    assert response.status_code == 200
    assert str(_("This file is not an image, or it is damaged.")) in response.content.decode()
    deputy.refresh_from_db()
    assert not deputy.photo


def test_the_office_removes_a_portrait(login, alice, deputy):
    _upload(login, alice, deputy, jpeg())
    deputy.refresh_from_db()
    data = _form_data(deputy) | {"photo_remove": "on"}
    assert login(alice).post(reverse("deputy_edit", args=[deputy.pk]), data).status_code == 302
    deputy.refresh_from_db()
    assert not deputy.photo


def test_a_serving_deputys_portrait_is_sent_to_anyone_and_may_be_cached(client, login, alice, deputy, town_a):
    _upload(login, alice, deputy, jpeg())
    response = client.get(reverse("public_deputy_photo", kwargs={"code": town_a.code, "pk": deputy.pk}))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["Cache-Control"].startswith("public, max-age=")
    assert "no-cache" not in response["Cache-Control"]


def test_the_public_page_shows_the_portrait(client, login, alice, deputy, town_a):
    _upload(login, alice, deputy, jpeg())
    html = client.get(reverse("public_township", kwargs={"code": town_a.code})).content.decode()
    address = reverse("public_deputy_photo", kwargs={"code": town_a.code, "pk": deputy.pk})
    assert f'src="{address}?v=' in html


def test_a_deputy_whose_term_ended_has_no_public_portrait(client, login, alice, deputy, town_a):
    _upload(login, alice, deputy, jpeg())
    deputy.refresh_from_db()
    deputy_end_term(deputy=deputy)
    assert Deputy.objects.get(pk=deputy.pk).status == DeputyStatus.ENDED
    response = client.get(reverse("public_deputy_photo", kwargs={"code": town_a.code, "pk": deputy.pk}))
    assert response.status_code == 404


def test_a_portrait_is_not_found_under_another_towns_address(client, login, alice, deputy, town_b):
    _upload(login, alice, deputy, jpeg())
    response = client.get(reverse("public_deputy_photo", kwargs={"code": town_b.code, "pk": deputy.pk}))
    assert response.status_code == 404


def test_a_deputy_without_a_portrait_has_none_to_send(client, deputy, town_a):
    response = client.get(reverse("public_deputy_photo", kwargs={"code": town_a.code, "pk": deputy.pk}))
    assert response.status_code == 404
