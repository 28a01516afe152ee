"""Files filed with an item: the lead deputy or the office attaches them to a draft; only those who see the
item download them."""

import re

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from proposals.models import Attachment, Proposal
from proposals.services.filing import proposal_save
from tests.factories import DeputyFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(town_a, bob, alice):
    return proposal_save(
        proposal=Proposal(title="修路", content="内容", category="infrastructure", lead_deputy=bob.deputy),
        township=town_a,
        cosigners=[],
        user=alice,
        by_office=True,
    )


def test_the_lead_deputy_attaches_a_photo_to_a_draft(login, bob, draft):
    response = login(bob).post(f"/proposals/{draft.pk}/attach/", {"file": SimpleUploadedFile("现场.jpg", b"x" * 100)})
    assert response.status_code == 302
    assert Attachment.objects.get().name == "现场.jpg"


def test_another_deputy_cannot_attach_to_the_item(login, town_a, draft):
    user = UserFactory(username="zoe")
    MembershipFactory(user=user, township=town_a, role="deputy")
    DeputyFactory(township=town_a, user=user)
    draft.is_public = True
    draft.save()
    login(user).post(f"/proposals/{draft.pk}/attach/", {"file": SimpleUploadedFile("a.pdf", b"%PDF")})
    assert not Attachment.objects.exists()


@pytest.mark.parametrize(("name", "size"), [("病毒.exe", 100), ("大文件.pdf", 10 * 1024 * 1024 + 1), ("空.pdf", 0)])
def test_a_wrong_type_too_large_or_empty_file_is_refused(login, alice, draft, name, size):
    login(alice).post(f"/proposals/{draft.pk}/attach/", {"file": SimpleUploadedFile(name, b"x" * size)})
    assert not Attachment.objects.exists()


def _attach(client, draft, name="方案.pdf", content=b"%PDF-1.4") -> Attachment:
    client.post(f"/proposals/{draft.pk}/attach/", {"file": SimpleUploadedFile(name, content)})
    return Attachment.objects.latest("pk")


def test_the_file_downloads_only_for_those_who_see_the_item(login, alice, bob, carol, dave, draft):
    url = f"/proposals/attachments/{_attach(login(alice), draft).pk}/"
    response = login(bob).get(url)
    assert response.status_code == 200
    assert response.content == b"%PDF-1.4"
    assert login(alice).get(url).content == b"%PDF-1.4"
    assert login(carol).get(url).status_code == 404  # not assigned to carol's unit
    assert login(dave).get(url).status_code == 404  # another town


def test_a_deputy_who_cannot_see_the_item_gets_no_file(login, town_a, alice, draft):
    url = f"/proposals/attachments/{_attach(login(alice), draft).pk}/"
    user = UserFactory(username="zoe")
    MembershipFactory(user=user, township=town_a, role="deputy")
    DeputyFactory(township=town_a, user=user)
    assert login(user).get(url).status_code == 404


def test_an_anonymous_visitor_is_sent_to_the_login(client, login, alice, draft):
    url = f"/proposals/attachments/{_attach(login(alice), draft).pk}/"
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/login/?next=")


def test_the_download_is_named_as_uploaded_in_chinese(login, alice, draft):
    response = login(alice).get(f"/proposals/attachments/{_attach(login(alice), draft, '现场 方案.pdf').pk}/")
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment; ")
    assert "filename*=UTF-8''%E7%8E%B0%E5%9C%BA%20%E6%96%B9%E6%A1%88.pdf" in disposition
    assert response["Content-Type"] == "application/pdf"


def test_no_shared_cache_keeps_a_download(login, alice, draft):
    response = login(alice).get(f"/proposals/attachments/{_attach(login(alice), draft).pk}/")
    assert "private" in response["Cache-Control"]
    assert "no-cache" in response["Cache-Control"]


def test_the_file_is_stored_under_a_random_name_and_downloads_under_its_own(login, alice, draft):
    first, second = _attach(login(alice), draft), _attach(login(alice), draft)
    assert re.fullmatch(r"proposal-attachments/\d{4}/[0-9a-f]{32}\.pdf", first.file.name)
    assert first.file.name != second.file.name  # the same upload twice: two files, neither named after it
    assert "方案" not in first.file.name
    assert first.name == "方案.pdf"
    response = login(alice).get(f"/proposals/attachments/{first.pk}/")
    assert "%E6%96%B9%E6%A1%88.pdf" in response["Content-Disposition"]


def test_a_file_stored_under_its_uploaded_name_before_still_downloads(login, alice, bob, carol, draft):
    """Rows from before random names keep their files where they are; the view serves them the same way."""
    stored = default_storage.save("proposal-attachments/2026/旧照片.jpg", ContentFile(b"jpeg"))
    attachment = Attachment.objects.create(
        township=draft.township, proposal=draft, file=stored, name="旧照片.jpg", size=4, uploaded_by=alice
    )
    url = f"/proposals/attachments/{attachment.pk}/"
    assert login(bob).get(url).content == b"jpeg"
    assert login(carol).get(url).status_code == 404


def test_a_file_missing_from_the_disk_is_not_found(login, alice, draft):
    attachment = _attach(login(alice), draft)
    default_storage.delete(attachment.file.name)
    assert login(alice).get(f"/proposals/attachments/{attachment.pk}/").status_code == 404
