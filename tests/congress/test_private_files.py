"""Uploaded files are private: no address serves the uploads folder, not even a file's real stored path, and
with nginx in front the download view hands the sending to nginx's internal location."""

import importlib
import re

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import Resolver404, URLResolver
from django.urls.resolvers import RegexPattern
from django_sendfile.utils import _get_sendfile

import congress.urls
from congress.storage import NoPublicAddress, RandomName
from proposals.models import Proposal
from proposals.services.filing import attachment_add, proposal_save

pytestmark = pytest.mark.django_db


@pytest.fixture
def attachment(town_a, alice, bob):
    draft = proposal_save(
        proposal=Proposal(title="修路", content="内容", category="infrastructure", lead_deputy=bob.deputy),
        township=town_a,
        cosigners=[],
        user=alice,
        by_office=True,
    )
    return attachment_add(proposal=draft, upload=SimpleUploadedFile("现场照片.pdf", b"%PDF-1.4 site"), user=alice)


@pytest.fixture
def nginx(settings):
    """The production setting: nginx sends the file from its internal location (the backend is cached)."""
    settings.SENDFILE_BACKEND = "django_sendfile.backends.nginx"
    settings.SENDFILE_URL = "/private-files"
    _get_sendfile.cache_clear()
    yield
    _get_sendfile.cache_clear()


@pytest.mark.parametrize("who", ["anonymous", "alice"])
def test_a_guessed_media_address_is_not_found(client, login, alice, who):
    browser = client if who == "anonymous" else login(alice)
    assert browser.get("/media/proposal-attachments/2026/x.pdf").status_code == 404


@pytest.mark.parametrize("who", ["anonymous", "alice", "bob"])
def test_the_real_stored_path_of_a_file_is_not_found(client, login, alice, bob, attachment, who):
    browser = {"anonymous": client, "alice": login(alice), "bob": login(bob)}[who]
    for address in (f"/media/{attachment.file.name}", f"/{attachment.file.name}"):
        assert browser.get(address).status_code == 404, address


def test_no_address_serves_the_uploads_folder_even_with_debug_on(settings, attachment):
    """Debug used to add a /media/ route; the URLs built with debug on have none."""
    settings.DEBUG = True
    try:
        resolver = URLResolver(RegexPattern(r"^/"), importlib.reload(congress.urls))
        for address in ("/media/proposal-attachments/2026/x.pdf", f"/media/{attachment.file.name}"):
            with pytest.raises(Resolver404):
                resolver.resolve(address)
    finally:
        settings.DEBUG = False
        importlib.reload(congress.urls)


def test_a_private_file_has_no_public_address(attachment):
    with pytest.raises(NoPublicAddress):
        default_storage.url(attachment.file.name)
    with pytest.raises(NoPublicAddress):
        _ = attachment.file.url


def test_with_nginx_the_download_is_an_internal_redirect_without_a_body(nginx, login, bob, attachment):
    response = login(bob).get(f"/proposals/attachments/{attachment.pk}/")
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == f"/private-files/{attachment.file.name}"
    assert re.fullmatch(r"/private-files/proposal-attachments/\d{4}/[0-9a-f]{32}\.pdf", response["X-Accel-Redirect"])
    assert response.content == b""
    assert "filename*=UTF-8''%E7%8E%B0%E5%9C%BA%E7%85%A7%E7%89%87.pdf" in response["Content-Disposition"]


def test_with_nginx_another_town_gets_no_redirect(nginx, login, dave, attachment):
    response = login(dave).get(f"/proposals/attachments/{attachment.pk}/")
    assert response.status_code == 404
    assert "X-Accel-Redirect" not in response


@pytest.mark.parametrize(
    ("uploaded", "suffix"), [("方案.PDF", ".pdf"), ("无扩展名", ""), ("a.tar.gz", ".gz"), ("x.p/../df", "")]
)
def test_a_random_name_keeps_only_a_plain_extension(uploaded, suffix):
    name = RandomName("proposal-attachments")(None, uploaded)
    assert re.fullmatch(r"proposal-attachments/\d{4}/[0-9a-f]{32}" + re.escape(suffix), name)
