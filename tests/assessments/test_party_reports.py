"""The presidium's reports and requests to the town's party committee (重大事项及时向镇党委请示报告) and the
committee's assessment of the year (党委满意): recorded by the office, answered, listed and printed by year,
read by the leaders and the county; an answer before the report was sent is refused and changes nothing."""

import re
from datetime import date

import pytest
from django.contrib import messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.translation import gettext as _

from assessments.models import PartyReport, PartyReportKind, YearReview
from tests.factories import TownshipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to("2026-11-20 10:00:00+08:00")


REFUSED_EARLY = "The committee cannot answer before the report was sent."


def report_data(**override) -> dict:
    data = {
        "kind": PartyReportKind.REQUEST,
        "subject": "关于调整代表小组的请示",
        "sent_on": "2026-03-02",
        "text": "拟将第三代表小组分为两个小组。\n妥否，请批示。",
        "answer": "",
        "answered_on": "",
    }
    return data | override


def errors_of(response) -> list[str]:
    return [str(m) for m in messages.get_messages(response.wsgi_request) if m.level == messages.ERROR]


def test_the_office_records_a_request_then_its_answer(login, alice, town_a):
    client = login(alice)
    response = client.post("/party-reports/new/", report_data())
    assert response.status_code == 302 and response.url == "/party-reports/?year=2026"
    report = PartyReport.objects.get()
    assert (report.township, report.recorded_by, report.kind, report.answered_on) == (
        town_a,
        alice,
        PartyReportKind.REQUEST,
        None,
    )

    answered = report_data(answer="同意。", answered_on="2026-03-09")
    assert client.post(f"/party-reports/{report.pk}/", answered).status_code == 302
    report.refresh_from_db()
    assert (report.answer, report.answered_on) == ("同意。", date(2026, 3, 9))
    assert report.history.count() == 2  # who recorded it, who added the answer: in the audit trail

    page = client.get("/party-reports/?year=2026").content.decode()
    assert "关于调整代表小组的请示" in page and "同意。" in page and "2026-03-09" in page


@pytest.mark.parametrize(
    ("override", "field", "message"),
    [
        ({"answer": "同意。", "answered_on": "2026-03-01"}, "answered_on", REFUSED_EARLY),
        ({"answer": "同意。"}, "answered_on", "Enter the date of the committee's answer."),
        ({"answered_on": "2026-03-09"}, "answer", "Enter the committee's answer, or leave its date empty."),
        ({"sent_on": "2026-12-01"}, "sent_on", None),  # the range of what has happened: to today
        ({"subject": ""}, "subject", "This field is required."),
    ],
)
def test_a_report_that_cannot_be_is_refused_and_nothing_is_stored(login, alice, override, field, message):
    response = login(alice).post("/party-reports/new/", report_data(**override))
    assert response.status_code == 200  # the form again, with its errors
    shown = " ".join(str(e) for e in response.context["form"].errors[field])
    assert shown and (message is None or _(message) in shown), shown
    assert not PartyReport.objects.exists()


def test_an_answer_before_the_report_is_refused_on_an_existing_report_too(login, alice, town_a):
    report = PartyReport.objects.create(township=town_a, subject="关于年度工作的报告", sent_on=date(2026, 5, 6))
    response = login(alice).post(
        f"/party-reports/{report.pk}/", report_data(sent_on="2026-05-06", answer="好", answered_on="2026-05-05")
    )
    assert response.status_code == 200  # the form again, with its errors
    report.refresh_from_db()
    assert (report.subject, report.answer, report.answered_on) == ("关于年度工作的报告", "", None)


def test_the_year_lists_its_reports_counted_and_prints_them(login, alice, leo, erin, town_a):
    PartyReport.objects.create(township=town_a, subject="二〇二五年的报告", sent_on=date(2025, 12, 30))
    PartyReport.objects.create(
        township=town_a,
        kind=PartyReportKind.REQUEST,
        subject="关于召开人代会的请示",
        sent_on=date(2026, 1, 5),
        answer="同意召开。",
        answered_on=date(2026, 1, 8),
    )
    PartyReport.objects.create(township=town_a, subject="关于代表视察的报告", sent_on=date(2026, 6, 1))
    for user in (alice, leo):
        page = login(user).get("/party-reports/?year=2026").content.decode()
        assert "关于召开人代会的请示" in page and "关于代表视察的报告" in page and "二〇二五年的报告" not in page
    listed = login(alice).get("/party-reports/?year=2026")
    figure = listed.content.decode().split('data-figure="party-reports">')[1].split("</p>")[0]
    assert [int(n) for n in re.findall(r"\d+", figure)] == [2, 1, 1]  # sent, requests, answered
    printed = login(leo).get("/party-reports/print/?year=2026").content.decode()
    assert printed.index("关于召开人代会的请示") < printed.index("关于代表视察的报告")  # in the order sent
    assert "同意召开。" in printed and "2026-01-08" in printed


def test_other_roles_and_towns_cannot_reach_a_report(login, bob, dave, town_a):
    report = PartyReport.objects.create(township=town_a, subject="关于代表联络站的报告", sent_on=date(2026, 4, 1))
    assert login(bob).get("/party-reports/").status_code == 403  # deputies: not theirs to read
    assert login(dave).get(f"/party-reports/{report.pk}/").status_code == 404  # another town's office
    assert "关于代表联络站的报告" not in login(dave).get("/party-reports/?year=2026").content.decode()
    other = TownshipFactory(county=town_a.county)
    assert not PartyReport.objects.filter(township=other).exists()


def test_the_committee_assesses_the_year_on_the_year_end_page(login, alice, leo, town_a):
    client = login(alice)
    data = {
        "year": "2026",
        "rating": "satisfied",
        "assessment": "主席团工作扎实，代表满意、群众满意。",
        "assessed_on": "2026-11-18",
    }
    response = client.post("/assessment/year/review/", data)
    assert response.status_code == 302 and response.url == "/assessment/year/?year=2026"
    review = YearReview.objects.get()
    assert (review.township, review.year, review.rating, review.assessed_on) == (
        town_a,
        2026,
        "satisfied",
        date(2026, 11, 18),
    )
    client.post("/assessment/year/review/", data | {"rating": "basically"})  # corrected: still one a year
    assert YearReview.objects.get().rating == "basically"
    page = login(leo).get("/assessment/year/?year=2026").content.decode()
    assert "主席团工作扎实" in page and 'data-review="basically"' in page


def test_an_assessment_of_a_year_dated_before_it_began_is_refused(login, alice):
    data = {"year": "2026", "rating": "satisfied", "assessment": "好", "assessed_on": "2025-12-31"}
    response = login(alice).post("/assessment/year/review/", data, follow=True)
    assert errors_of(response) == [_("The committee assesses a year once it has begun, not before.")]
    assert not YearReview.objects.exists()


# --- The report as sent: a file -------------------------------------------------------------------------------


def pdf(name: str = "关于调整代表小组的请示.pdf", size: int = 0) -> SimpleUploadedFile:
    body = b"%PDF-1.4\n" + b"0" * size
    return SimpleUploadedFile(name, body, content_type="application/pdf")


def test_the_report_as_sent_is_filed_and_read_by_the_towns_readers_only(login, alice, leo, bob, dave, town_a):
    response = login(alice).post("/party-reports/new/", report_data(attachment=pdf()))
    assert response.status_code == 302
    report = PartyReport.objects.get()
    assert report.file_name == "关于调整代表小组的请示.pdf"
    assert "关于调整代表小组的请示" not in report.file.name  # stored under a random name
    listing = login(leo).get("/party-reports/?year=2026").content.decode()
    assert f'href="/party-reports/{report.pk}/file/"' in listing
    for reader in (alice, leo):
        download = login(reader).get(f"/party-reports/{report.pk}/file/")
        assert download.status_code == 200
        assert b"".join(download.streaming_content if download.streaming else [download.content]).startswith(b"%PDF")
        assert "filename*=utf-8''" in download["Content-Disposition"].lower()
    assert login(bob).get(f"/party-reports/{report.pk}/file/").status_code == 403
    assert login(dave).get(f"/party-reports/{report.pk}/file/").status_code == 404


def test_a_report_without_a_file_has_nothing_to_download(login, alice, town_a):
    report = PartyReport.objects.create(township=town_a, subject="报告", sent_on=date(2026, 3, 2))
    assert login(alice).get(f"/party-reports/{report.pk}/file/").status_code == 404


@pytest.mark.parametrize(
    ("upload", "said"),
    [
        (SimpleUploadedFile("工具.exe", b"MZ"), "Attach a PDF, Word, Excel, JPEG, PNG or text file."),
        (SimpleUploadedFile("空.pdf", b""), None),
        (pdf(size=10 * 1024 * 1024), "The attachment is larger than 10 MB."),
    ],
    ids=["not-a-document", "empty", "over-10MB"],
)
def test_a_file_that_is_not_a_document_is_refused_and_nothing_is_recorded(login, alice, town_a, upload, said):
    response = login(alice).post("/party-reports/new/", report_data(attachment=upload))
    assert response.status_code == 200
    assert not PartyReport.objects.exists()
    if said:
        assert _(said) in response.content.decode()
