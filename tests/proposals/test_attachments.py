"""Files filed with an item: the lead deputy or the office attaches them to a draft; only those who see the
item download them."""

import pytest
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


def test_the_file_downloads_only_for_those_who_see_the_item(login, alice, bob, carol, dave, draft):
    login(alice).post(f"/proposals/{draft.pk}/attach/", {"file": SimpleUploadedFile("方案.pdf", b"%PDF-1.4")})
    attachment = Attachment.objects.get()
    url = f"/proposals/attachments/{attachment.pk}/"
    assert b"".join(login(bob).get(url).streaming_content) == b"%PDF-1.4"
    assert login(carol).get(url).status_code == 404  # not assigned to carol's unit
    assert login(dave).get(url).status_code == 404  # another town
