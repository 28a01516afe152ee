"""Uploads too large, of the wrong type or empty: the register import, a proposal's attachment and the panel
meeting's report refuse them, and keep nothing."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import resolve, reverse

from deputies.spreadsheets import MAX_UPLOAD_BYTES
from proposals.services.filing import MAX_ATTACHMENT_BYTES
from tests.access.samples import proposal_rows as _proposals
from tests.congress.fuzz.cases import page_at
from tests.congress.fuzz.world import World


def _big(name: str, size: int) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"0" * size, "application/octet-stream")


@pytest.mark.parametrize(
    "upload",
    [
        pytest.param(lambda: _big("名册.csv", MAX_UPLOAD_BYTES + 1), id="over-5MB"),
        pytest.param(lambda: SimpleUploadedFile("名册.xls", b"\xd0\xcf\x11\xe0" + b"0" * 100), id="old-xls"),
        pytest.param(lambda: SimpleUploadedFile("名册.exe", b"MZ" + b"0" * 100), id="exe"),
        pytest.param(lambda: SimpleUploadedFile("名册.csv", b""), id="empty"),
    ],
)
def test_register_import_refuses_a_bad_upload(upload, world: World) -> None:
    from deputies.models import Deputy

    before = Deputy.objects.count()
    client = world.client("office")
    response = client.post(reverse("register_import", kwargs={"kind": "deputies"}), {"file": upload()})
    assert response.status_code == 200
    assert response.context["form"].errors.get("file"), "the form shows no error on the file"
    assert response.context["preview"] is None
    assert not client.session.get("register_imports"), "a refused file is kept for import"
    assert Deputy.objects.count() == before


@pytest.mark.parametrize(
    "upload",
    [
        pytest.param(lambda: _big("报告.pdf", MAX_ATTACHMENT_BYTES + 1), id="over-10MB"),
        pytest.param(lambda: SimpleUploadedFile("报告.exe", b"MZ" + b"0" * 100), id="exe"),
        pytest.param(lambda: SimpleUploadedFile("报告.html", b"<script>alert(1)</script>"), id="html"),
        pytest.param(lambda: SimpleUploadedFile("报告.pdf", b""), id="empty"),
    ],
)
def test_proposal_attach_refuses_a_bad_upload(upload, world: World) -> None:
    from proposals.models import Attachment

    draft = _proposals(world.samples)["draft"]
    before = Attachment.objects.count()
    response = world.client("office").post(reverse("proposal_attach", kwargs={"pk": draft.pk}), {"file": upload()})
    assert response.status_code == 302
    assert Attachment.objects.count() == before


def test_panel_meeting_refuses_a_report_over_10_mb(world: World) -> None:
    meeting = resolve(page_at("panel_meeting")(world.samples)).kwargs["pk"]
    path = reverse("panel_meeting_save", kwargs={"pk": meeting})
    from petitions.models import PanelMeeting

    before = PanelMeeting.objects.get(pk=meeting).report_file.name  # the sample meeting has its report attached
    data = {"held_on": "2026-10-30", "report_file": _big("报告.pdf", 10 * 1024 * 1024 + 1)}
    response = world.client("office").post(path, data)
    assert response.status_code == 200
    assert response.context["form"].errors.get("report_file")
    assert PanelMeeting.objects.get(pk=meeting).report_file.name == before


@pytest.mark.parametrize(
    "upload",
    [
        pytest.param(lambda: SimpleUploadedFile("报告.exe", b"MZ" + b"0" * 100), id="exe"),
        pytest.param(lambda: SimpleUploadedFile("报告.html", b"<script>alert(1)</script>", "text/html"), id="html"),
    ],
)
def test_panel_meeting_refuses_a_report_of_the_wrong_type(upload, world: World) -> None:
    from petitions.models import PanelMeeting

    meeting = resolve(page_at("panel_meeting")(world.samples)).kwargs["pk"]
    path = reverse("panel_meeting_save", kwargs={"pk": meeting})
    before = PanelMeeting.objects.get(pk=meeting).report_file.name
    response = world.client("office").post(path, {"held_on": "2026-10-30", "report_file": upload()})
    assert response.status_code in (200, 400)
    assert PanelMeeting.objects.get(pk=meeting).report_file.name == before, "a report of the wrong type is kept"
