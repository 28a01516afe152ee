"""The workbooks offices print, printed (issue #21, item 2): on the demo, the subsidy sheet and the bulletin
workbook of last month are converted to PDF by LibreOffice, as an office's printer would lay them out, and
their pages counted. With SHEETS_SHOTS set to a folder, the PDFs are left there to be looked at."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client, override_settings

from assessments.models import Bulletin
from assessments.services.assessment import assessment_compute
from assessments.services.bulletin import bulletin_draft
from congress.dates import last_month
from congress.models import Township
from congress.services import password_state_record
from petitions.models import DutyAssignment

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdfinfo") is None, reason="no LibreOffice"),
]


def to_pdf(content: bytes, name: str, folder: Path) -> Path:
    """The workbook printed to PDF by LibreOffice (headless), every sheet."""
    source = folder / f"{name}.xlsx"
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
def test_the_subsidy_sheet_and_the_bulletin_workbook_print_on_few_pages(tmp_path):
    with open(os.devnull, "w") as quiet:
        call_command("load_demo", stdout=quiet)
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
