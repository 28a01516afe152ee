"""The monthly bulletin as a Word document (assessments/views/bulletin.py bulletin_document)."""

import shutil
import subprocess
from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from assessments.models import Bulletin
from tests.documents import assert_official_layout, docx_of, texts

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]


def test_the_bulletin_downloads_as_an_official_document(login, alice, town_a, small_march, drafted):
    response = login(alice).get(reverse("bulletin_document", args=[drafted.pk]))

    document = docx_of(response)
    assert_official_layout(document, title=drafted.title, number=f"{town_a.name}人大〔2026〕3号")
    found = texts(document)
    assert f"{town_a.name}人民代表大会主席团" in found
    assert "二〇二六年四月十日" in found  # a draft is dated the day it is downloaded
    assert {"丁丹", "鲍勃", "闲人"} <= set(found)
    assert drafted.summary in found
    assert "filename*=utf-8''" in response["Content-Disposition"]


def test_a_bulletin_with_no_deputies_still_makes_a_document(login, alice, town_a):
    empty = Bulletin.objects.create(
        township=town_a, month=date(2026, 2, 1), title="二月通报", drafted_at=timezone.now(), figures={}
    )

    document = docx_of(login(alice).get(reverse("bulletin_document", args=[empty.pk])))

    assert_official_layout(document, title="二月通报", number=f"{town_a.name}人大〔2026〕2号")
    assert "本月没有代表参加考核。" in texts(document)


def test_users_text_stays_text_whatever_it_begins_with(login, alice, town_a, small_march, drafted):
    name, group = "长" * 50, "组" * 60  # the longest name a deputy may have; a group's name of 60
    small_march["dan"].name = name
    small_march["dan"].save()
    small_march["dan"].small_group.name = group
    small_march["dan"].small_group.save()
    lines = ["=SUM(A1:A9)", "+1", "-2", "@title 假标题", "# 不是标题", "| 不是 | 表格 |", "\\反斜杠"]
    Bulletin.objects.filter(pk=drafted.pk).update(
        title="标题\x07\x1b含控制字符", summary="\r\n".join(lines), praised="控制\x08字符\x0b"
    )

    document = docx_of(login(alice).get(reverse("bulletin_document", args=[drafted.pk])))

    found = texts(document)
    assert "标题含控制字符" in found and "控制字符" in found
    assert [line for line in lines if line in found] == lines
    assert name in found and group in found
    assert sum(t.startswith("假标题") for t in found) == 0


def test_a_deputy_cannot_download_a_draft_bulletin(login, bob, drafted):
    assert login(bob).get(reverse("bulletin_document", args=[drafted.pk])).status_code == 404


def test_another_towns_office_cannot_download_the_bulletin(login, dave, drafted):
    assert login(dave).get(reverse("bulletin_document", args=[drafted.pk])).status_code == 404


def test_the_bulletins_page_offers_the_word_download(login, alice, drafted):
    page = login(alice).get(reverse("bulletin_detail", args=[drafted.pk])).content.decode()

    assert reverse("bulletin_document", args=[drafted.pk]) in page


def test_the_published_bulletin_is_dated_the_day_it_was_published(login, alice, drafted):
    Bulletin.objects.filter(pk=drafted.pk).update(
        status="published", published_at=timezone.make_aware(timezone.datetime(2026, 4, 2, 23, 30))
    )

    assert "二〇二六年四月二日" in texts(docx_of(login(alice).get(reverse("bulletin_document", args=[drafted.pk]))))


@pytest.mark.slow
@pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdftotext") is None,
    reason="LibreOffice (soffice) or poppler (pdfinfo, pdftotext) is not installed",
)
def test_the_bulletin_prints_as_pdf_pages_with_its_text(login, alice, drafted, tmp_path):
    """LibreOffice opens the document and prints it: A4 pages, the title and the ranking on them, 28 characters
    to a line (the line of the summary is not set at half that, as with a character grid)."""
    source = tmp_path / "bulletin.docx"
    source.write_bytes(login(alice).get(reverse("bulletin_document", args=[drafted.pk])).content)

    subprocess.run(  # noqa: S603 - a fixed command on a file this test wrote
        ["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/profile", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(source)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip

    pdf = tmp_path / "bulletin.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout  # noqa: S603, S607
    assert "pts (A4)" in info
    assert 1 <= int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:"))) <= 3
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout  # noqa: S603, S607
    assert drafted.title.replace(" ", "") in text.replace(" ", "").replace("\n", "")
    assert "丁丹" in text and "二〇二六年四月十日" in text
    widest = max(len(line.strip().replace(" ", "")) for line in text.splitlines())
    assert widest >= 26
