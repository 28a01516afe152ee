"""The panel meeting's report attachment: uploaded by the office, stored under a random name, downloaded only by
those who see the meeting's page (the office, leaders, the county), under the name it was uploaded with."""

import re
from datetime import date

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from petitions.models import PanelMeeting
from petitions.services.panel import panel_meeting_plan

pytestmark = pytest.mark.django_db

REPORT = b"%PDF-1.4 report"


@pytest.fixture
def meeting(town_a, login, alice) -> PanelMeeting:
    meeting = panel_meeting_plan(township=town_a, month=date(2026, 10, 1))
    response = login(alice).post(
        f"/visits/panel/{meeting.pk}/save/",
        {"held_on": "2026-10-30", "place": "会议室", "report_file": SimpleUploadedFile("十月报告.pdf", REPORT)},
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    return meeting


def test_the_report_is_stored_under_a_random_name_and_keeps_its_own(meeting):
    assert re.fullmatch(r"panel-reports/\d{4}/[0-9a-f]{32}\.pdf", meeting.report_file.name)
    assert meeting.report_name == "十月报告.pdf"


def test_readers_of_the_meeting_download_the_report_under_its_chinese_name(login, alice, leo, meeting):
    for user in (alice, leo):
        response = login(user).get(f"/visits/panel/{meeting.pk}/file/")
        assert response.status_code == 200
        assert response.content == REPORT
        assert "filename*=UTF-8''%E5%8D%81%E6%9C%88%E6%8A%A5%E5%91%8A.pdf" in response["Content-Disposition"]


def test_the_county_reads_the_report_once_it_has_chosen_the_town(login, erin, town_a, meeting):
    client = login(erin)
    client.post("/switch/", {"township": town_a.pk})
    assert client.get(f"/visits/panel/{meeting.pk}/file/").content == REPORT


@pytest.mark.parametrize("who", ["bob", "carol"])
def test_a_deputy_or_a_unit_does_not_get_the_report(request, login, meeting, who):
    assert login(request.getfixturevalue(who)).get(f"/visits/panel/{meeting.pk}/file/").status_code == 403


def test_another_towns_office_does_not_get_the_report(login, dave, meeting):
    assert login(dave).get(f"/visits/panel/{meeting.pk}/file/").status_code == 404


def test_an_anonymous_visitor_is_sent_to_the_login(client, meeting):
    response = client.get(f"/visits/panel/{meeting.pk}/file/")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/?next=")


def test_a_meeting_without_a_report_has_nothing_to_download(town_a, login, alice):
    meeting = panel_meeting_plan(township=town_a, month=date(2026, 9, 1))
    assert login(alice).get(f"/visits/panel/{meeting.pk}/file/").status_code == 404


def test_the_meeting_page_links_the_download_not_the_file(login, leo, meeting):
    page = login(leo).get(f"/visits/panel/{meeting.pk}/").content.decode()
    assert f'href="/visits/panel/{meeting.pk}/file/"' in page
    assert "十月报告.pdf" in page
    assert meeting.report_file.name not in page


def test_a_report_stored_before_names_were_kept_downloads_under_its_stored_name(town_a, login, alice):
    meeting = panel_meeting_plan(township=town_a, month=date(2026, 8, 1))
    meeting.report_file = default_storage.save("panel-reports/八月报告.docx", ContentFile(b"docx"))
    meeting.save()
    response = login(alice).get(f"/visits/panel/{meeting.pk}/file/")
    assert response.content == b"docx"
    assert "%E5%85%AB%E6%9C%88%E6%8A%A5%E5%91%8A.docx" in response["Content-Disposition"]


@override_settings(SENDFILE_BACKEND="django_sendfile.backends.nginx", SENDFILE_URL="/private-files")
def test_with_nginx_the_report_is_an_internal_redirect(login, alice, meeting):
    from django_sendfile.utils import _get_sendfile

    _get_sendfile.cache_clear()
    try:
        response = login(alice).get(f"/visits/panel/{meeting.pk}/file/")
    finally:
        _get_sendfile.cache_clear()
    assert response["X-Accel-Redirect"] == f"/private-files/{meeting.report_file.name}"
    assert response.content == b""
