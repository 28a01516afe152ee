"""What offices print, printed by the browser to A4 PDF from the demo: the day's sign-in sheet, the month's
subsidy sheet, the bulletin, a deputy's record, a station's QR poster and a proposal with its reply. Each must
fit its pages, carry no menu, and is turned into PNG (test-results/print/) for a person to look at."""

import os
import re
import shutil
import subprocess
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

try:
    from playwright.sync_api import expect
except ImportError:
    if os.environ.get("E2E_REQUIRED") == "1":
        raise
    pytest.skip("the python package `playwright` is not installed", allow_module_level=True)

from assessments.models import Bulletin, BulletinStatus
from deputies.models import Deputy, Station
from petitions.models import AttendanceStatus, DutyAssignment, DutyDay
from proposals.models import Proposal, Status
from tests.e2e.test_roles import log_in

OUT = Path(__file__).resolve().parents[2] / "test-results" / "print"


@pytest.fixture
def printed(demo, page, live_server):
    tab = page("desktop")
    log_in(tab, live_server.url, "office", "demo1234")
    OUT.mkdir(parents=True, exist_ok=True)

    def to_pdf(name: str, path: str, part: str, texts: list[str]) -> int:
        """Print `path` after checking it is that page (not the login page it would redirect to): its own URL,
        and in `part` of it every text of `texts`, data only that page shows."""
        tab.goto(live_server.url + path)
        assert tab.url == live_server.url + path, f"{name}: asked for {path}, got {tab.url}"
        for text in texts:
            expect(tab.locator(part)).to_contain_text(text)
        tab.emulate_media(media="print")
        expect(tab.locator("nav.navbar")).to_be_hidden()
        pdf = OUT / f"{name}.pdf"
        pdf.write_bytes(tab.pdf(format="A4", prefer_css_page_size=True))
        tab.emulate_media(media="screen")
        if shutil.which("pdftoppm"):
            subprocess.run(["pdftoppm", "-png", "-r", "100", str(pdf), str(OUT / name)], check=True)  # noqa: S603, S607
        return len(re.findall(rb"/Type\s*/Page[^s]", pdf.read_bytes()))

    return to_pdf


def test_what_offices_print_fits_a4(printed):
    town = "damogu"
    day = DutyDay.objects.filter(township__code=town, date__lte=timezone.localdate()).order_by("-date").first()
    last_month = (timezone.localdate().replace(day=1) - timedelta(days=1)).replace(day=1)
    bulletin = Bulletin.objects.filter(township__code=town, status=BulletinStatus.PUBLISHED).first()
    deputy = Deputy.objects.get(user__username="deputy")
    station = Station.objects.filter(township__code=town).first()
    proposal = Proposal.objects.filter(township__code=town, status=Status.CLOSED).first()
    on_duty = [a.deputy.name for a in day.assignments.select_related("deputy")]
    assert on_duty, "the demo's last duty day has deputies on its sheet"
    paid = DutyAssignment.objects.filter(
        duty_day__township__code=town,
        duty_day__date__year=last_month.year,
        duty_day__date__month=last_month.month,
        duty_day__schedule__isnull=True,  # the station's reception days: a contact point's own are not paid
        status=AttendanceStatus.PRESENT,
    ).select_related("deputy")
    assert paid, "the demo has deputies who attended a duty day last month"
    # (path, at most this many A4 pages, the part of the page to look in, texts only that page shows)
    pages = {
        "sign-in-sheet": (f"/duty/days/{day.pk}/sign-in-sheet/", 1, "main table.sheet", on_duty),
        "subsidy-sheet": (
            f"/duty/subsidies/?year={last_month.year}&month={last_month.month}",
            2,
            "main table.sheet",
            sorted({a.deputy.name for a in paid}),
        ),
        "bulletin": (f"/bulletins/{bulletin.pk}/print/", 4, ".bulletin-print h1", [bulletin.title]),
        "record": (f"/records/{deputy.pk}/print/", 3, ".record-print .record-facts", [deputy.name]),
        "poster": (f"/register/stations/{station.pk}/poster/", 1, ".poster h1", [station.name]),
        "proposal": (f"/proposals/{proposal.pk}/", 3, "main h1", [proposal.title]),
    }
    counts = {name: printed(name, path, part, texts) for name, (path, _most, part, texts) in pages.items()}
    for name, (_path, most, _part, _texts) in pages.items():
        assert 1 <= counts[name] <= most, f"{name} prints on {counts[name]} A4 pages (at most {most})"
