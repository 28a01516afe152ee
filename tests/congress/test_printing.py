"""The workbooks and Word documents offices print, printed (issue #21, items 1 and 2): on the demo, the subsidy
sheet, the bulletin workbook, every list export and every Word document are converted to PDF by LibreOffice, as an
office's printer would lay them out, and their pages counted and read. With SHEETS_SHOTS set to a folder, the PDFs
are left there to be looked at."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.test import Client, override_settings
from django.urls import reverse

from assessments.models import Bulletin, BulletinStatus, Commendation
from assessments.services.assessment import assessment_compute
from assessments.services.bulletin import bulletin_draft
from assessments.services.record import commendation_add
from congress.dates import last_month
from congress.models import CongressSession, Township
from congress.services import password_state_record
from deputies.models import Deputy
from petitions.models import DutyAssignment, PanelMeeting, Referral
from proposals.models import Proposal

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdfinfo") is None, reason="no LibreOffice"),
]


def to_pdf(content: bytes, name: str, folder: Path, suffix: str = "xlsx") -> Path:
    """The workbook (every sheet) or the document printed to PDF by LibreOffice (headless)."""
    source = folder / f"{name}.{suffix}"
    source.write_bytes(content)
    profile = folder / "profile"  # its own profile: a LibreOffice already open for someone else does not block it
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return folder / f"{name}.pdf"


def pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def text_of(pdf: Path, first: int | None = None) -> str:
    """The text of the PDF, or of its page `first` alone."""
    only = ["-f", str(first), "-l", str(first)] if first else []
    return subprocess.run(["pdftotext", "-layout", *only, str(pdf), "-"], capture_output=True, text=True).stdout


@override_settings(DEBUG=True)
def test_the_workbooks_and_documents_print_on_few_pages(tmp_path, demo_rows):
    county = get_user_model().objects.get(username="county")
    password_state_record(user=county)
    client = Client()
    client.force_login(county)
    month = last_month()
    # The demo town with the most duty days attended last month: its subsidy sheet is the longest.
    town = max(
        Township.objects.order_by("code"),
        key=lambda t: DutyAssignment.objects.filter(township=t, duty_day__date__month=month.month).count(),
    )
    client.post("/switch/", {"township": town.pk})
    if not Bulletin.objects.filter(township=town, month=month).exists():
        assessment_compute(township_ids=[town.pk], month=month)
        bulletin_draft(township=town, month=month)
    bulletin = Bulletin.objects.get(township=town, month=month)
    # The county reads a bulletin only once published (a draft is the office's alone).
    Bulletin.objects.filter(pk=bulletin.pk).update(status=BulletinStatus.PUBLISHED)
    folder = Path(os.environ.get("SHEETS_SHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)

    subsidies = client.get("/duty/subsidies/", {"format": "xlsx", "year": month.year, "month": month.month})
    assert subsidies.status_code == 200
    sheet = to_pdf(subsidies.content, "subsidies", folder)
    count = pages(sheet)
    assert count <= 2
    # The total, the amount in words and the signature block once, on the last page; the header on every one.
    last = text_of(sheet, first=count)
    assert text_of(sheet).count("人民币") == 1 and "人民币" in last
    assert all("签名" in text_of(sheet, first=page) or "Signature" in text_of(sheet, first=page) for page in [1, count])

    workbook = client.get(f"/bulletins/{bulletin.pk}/export/")
    assert workbook.status_code == 200
    printed = to_pdf(workbook.content, "bulletin", folder)
    assert pages(printed) <= 2, "the bulletin workbook (ranking and text) prints on at most two pages"
    assert town.name in text_of(printed)
    # The lists an office prints: each converts, with the title row on its first page and on none after the
    # header rows (the header repeats, the title row with it).
    for name, url in {
        "visits": "/visits/export/",
        "proposals": "/proposals/export/",
        "activities": "/activities/export/",
        "unit rates": "/proposals/rates/?format=xlsx",
        "records": "/records/?format=xlsx",
    }.items():
        response = client.get(url)
        assert response.status_code == 200, name
        printed = to_pdf(response.content, name.replace(" ", "-"), folder)
        assert town.name in text_of(printed, first=1), name
        assert all(town.name in text_of(printed, first=page) for page in range(1, pages(printed) + 1)), name
    documents_print(town, month, folder)


def documents_print(town, month, folder: Path) -> None:
    """Every Word document the office downloads, printed: each opens in LibreOffice, lays out on A4 pages of a
    plausible count, and carries its title and the town's name."""
    office = get_user_model().objects.filter(memberships__township=town, memberships__role="office").first()
    password_state_record(user=office)
    client = Client()
    client.force_login(office)
    referral = Referral.objects.filter(township=town).order_by("pk").first()
    meeting = PanelMeeting.objects.filter(township=town).order_by("-month").first()
    assigned = Proposal.objects.filter(township=town, units__isnull=False).order_by("pk").first()
    replied = Proposal.objects.filter(township=town, replies__isnull=False).order_by("pk").first()
    session = CongressSession.objects.filter(township=town, proposals__isnull=False).order_by("-start_date").first()
    deputy = Deputy.objects.filter(township=town).order_by("pk").first()
    if not Commendation.objects.filter(township=town, year=month.year).exists():
        commendation_add(
            deputy=deputy, year=month.year, title="优秀人大代表", awarded_on=month, awarded_by="", user=office
        )
    bulletin = Bulletin.objects.get(township=town, month=month)
    documents = {
        "bulletin-document": (reverse("bulletin_document", args=[bulletin.pk]), "通报"),
        "referral-notice": (reverse("referral_notice", args=[referral.pk]), "交办"),
        "panel-report": (reverse("panel_meeting_report", args=[meeting.pk]), "报告"),
        "assignment-notice": (reverse("proposal_assignment_notice", args=[assigned.pk]), f"第{assigned.number}号"),
        "reply-letter": (reverse("proposal_reply_letter", args=[replied.pk]), "答复"),
        "collection": (reverse("proposal_collection", args=[session.pk]), "汇编"),
        "commendation": (reverse("commendation_decision") + f"?year={month.year}", "表彰"),
    }
    for name, (url, words) in documents.items():
        response = client.get(url)
        assert response.status_code == 200, (name, response.status_code)
        printed = to_pdf(response.content, name, folder, suffix="docx")
        count = pages(printed)
        assert 1 <= count <= 40, (name, count)
        text = "".join(text_of(printed).split())  # the lines of the 公文's grid break words
        assert town.name in text and words in text, name
