"""Every workbook the app makes opens and prints right (issue #21, item 2), and the lists an office works from
export with their filters (item 3): each .xlsx opened with openpyxl and its structure checked: a title row
above a frozen header repeated on every printed page, columns as wide as their text is displayed, A4 fitted to
the page width, page numbers in the footer, sheet names in words, and no formula from what a person typed."""

from datetime import date, timedelta
from decimal import Decimal
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from activities.models import Activity, ActivityAttendance
from congress.dates import format_day
from congress.responses import XLSX
from congress.spreadsheets import MAX_WIDTH, Sheet, display_width, rmb_capitals, workbook
from petitions.models import AttendanceStatus, DutyAssignment, DutyDay
from tests.access.samples import TownASamples, every_row, visit_rows
from tests.factories import DeputyFactory, SmallGroupFactory
from tests.pages import table_rows

LONG_NAME = "上坝村人大代表联络小组" * 6  # 66 Chinese characters
FORMULAS = ("=1+1", "+86-139", "-5+3", "@SUM(A1:A2)", '=HYPERLINK("http://x","y")')


def check_workbook(content: bytes) -> list:
    """The structure every exported workbook has; returns its sheets."""
    book = load_workbook(BytesIO(content))
    assert book.worksheets
    for sheet in book.worksheets:
        name = sheet.title
        assert name and "Tablib" not in name and not name.startswith("Sheet"), name
        title = sheet.cell(row=1, column=1).value
        assert title and _("Made on %(date)s") % {"date": format_day(timezone.localdate())} in title, name
        assert sheet.freeze_panes == "A3", name
        assert sheet.print_title_rows == "$1:$2", name
        setup = sheet.page_setup
        assert int(setup.paperSize) == 9 and setup.orientation in ("portrait", "landscape"), name
        assert sheet.sheet_properties.pageSetUpPr.fitToPage, name
        assert int(setup.fitToWidth) == 1 and int(setup.fitToHeight) in (0, 1), name
        if sheet.max_column > 8:
            assert setup.orientation == "landscape", name
        assert "&P" in sheet.oddFooter.center.text and "&N" in sheet.oddFooter.center.text, name
        widths = [sheet.column_dimensions[get_column_letter(i)].width for i in range(1, sheet.max_column + 1)]
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                assert cell.data_type != "f", (name, cell.coordinate, cell.value)
                if cell.value is None or cell.row < 3:
                    continue
                shown, width = display_width(cell.value), widths[cell.column - 1]
                if isinstance(cell.value, int | float):
                    assert width >= shown + 1, (name, cell.coordinate)  # never "###"
                elif shown > width and not cell.alignment.wrap_text:
                    # Not wrapped (a line under the table): it runs on over the empty cells to its right.
                    room = width
                    for right in row[cell.column :]:
                        if right.value not in (None, ""):
                            break
                        room += widths[right.column - 1]
                    assert room >= shown, (name, cell.coordinate, cell.value)
    return book.worksheets


def test_the_builder_sizes_columns_by_displayed_width_and_keeps_text_as_text(town_a):
    rows = [
        [1, LONG_NAME, 12345678, "短"],
        [2, "李文华", 10, "x" * 200],
        *[[n, f, n, ""] for n, f in enumerate(FORMULAS)],
    ]
    rows.append([9, "a\x01b\x1fc\x7f", 0, "line\nbreak"])
    content = workbook([Sheet(name="名单", headers=["序号", "姓名", "金额", "备注"], rows=rows)], township=town_a)
    [sheet] = check_workbook(content)
    widths = {c: sheet.column_dimensions[c].width for c in "ABCD"}
    assert display_width(LONG_NAME) == 132
    assert widths["B"] == MAX_WIDTH and sheet["B4"].alignment.wrap_text  # capped, wrapped
    assert widths["C"] >= len("12345678") + 1
    assert widths["D"] == MAX_WIDTH
    values = [row[1] for row in table_rows(sheet)[1:]]
    assert values[2:7] == list(FORMULAS)
    assert all(sheet.cell(row=r, column=2).data_type == "s" for r in range(3, 3 + len(rows)))
    assert sheet["B5"].quotePrefix
    assert values[-1] == "abc"  # control characters are dropped, not a 500
    assert sheet.title == "名单" and "甲镇" in sheet["A1"].value
    assert sheet.page_setup.orientation == "landscape"  # 4 columns, but wider than a portrait page


def test_a_narrow_sheet_prints_portrait_and_a_wide_one_landscape(town_a):
    narrow = Sheet(name="a", headers=["姓名", "人数"], rows=[["李文华", 3]])
    wide = Sheet(name="a", headers=[f"列{n}" for n in range(12)], rows=[list(range(12))])
    book = load_workbook(BytesIO(workbook([narrow, wide], township=town_a)))
    assert [s.page_setup.orientation for s in book.worksheets] == ["portrait", "landscape"]
    assert [s.title for s in book.worksheets] == ["a", "a (2)"]


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        (Decimal("1250"), "人民币壹仟贰佰伍拾元整"),
        (Decimal("0"), "人民币零元整"),
        (Decimal("10050"), "人民币壹万零伍拾元整"),
        (Decimal("100000"), "人民币壹拾万元整"),
        (Decimal("1005.07"), "人民币壹仟零伍元零柒分"),
        (Decimal("80.5"), "人民币捌拾元伍角"),
        (Decimal("0.05"), "人民币伍分"),
    ],
)
def test_amounts_in_capitals(amount, words):
    assert rmb_capitals(amount) == words


@pytest.fixture
def samples(request, db) -> TownASamples:
    return TownASamples(request)


@pytest.fixture
def awkward(samples, town_a, bob):
    """Town A's rows, and a deputy whose name is a formula in a small group with a 60-character name, with a
    control character in their work unit; they attended a duty day this month."""
    every_row(samples)
    group = SmallGroupFactory(township=town_a, name=LONG_NAME)
    deputy = DeputyFactory(township=town_a, name="=1+1", small_group=group, work_unit="@SUM(A1)\x01")
    bob.deputy.small_group = group
    bob.deputy.save()
    day = DutyDay.objects.for_township(town_a).first()
    DutyAssignment.objects.create(
        township=town_a, duty_day=day, deputy=deputy, status=AttendanceStatus.PRESENT, signed_in_at=timezone.now()
    )
    activity = Activity.objects.create(township=town_a, kind="inspection", title=LONG_NAME, date=date(2026, 3, 2))
    ActivityAttendance.objects.create(township=town_a, activity=activity, deputy=deputy, status="attended")
    return {"deputy": deputy, "day": day}


def export_urls(samples, awkward) -> dict[str, str]:
    day = awkward["day"].date
    bulletin = samples.cache["assessment"]["draft"]
    return {
        "register": reverse("deputy_export"),
        "register template": reverse("register_import_template", args=["deputies"]),
        "record": reverse("deputy_record_export", args=[awkward["deputy"].pk]),
        "records": reverse("record_overview") + f"?format=xlsx&year={timezone.localdate().year}",
        "bulletin": reverse("bulletin_export", args=[bulletin.pk]),
        "subsidies": reverse("subsidy_sheet") + f"?format=xlsx&year={day.year}&month={day.month}",
        "unit rates": reverse("proposal_rates") + "?format=xlsx",
        "referrals": reverse("referral_export"),
        "visits": reverse("visit_export"),
        "proposals": reverse("proposal_export"),
        "activities": reverse("activity_export"),
    }


def test_every_export_opens_and_prints_right(samples, awkward, login, alice):
    client = login(alice)
    for label, url in export_urls(samples, awkward).items():
        response = client.get(url)
        assert response.status_code == 200 and response["Content-Type"] == XLSX, label
        sheets = check_workbook(response.content)
        cells = [c for s in sheets for row in s.iter_rows() for c in row if c.value is not None]
        if label in ("register", "record", "records", "subsidies"):
            assert "=1+1" in [c.value for c in cells], label


def test_the_subsidy_sheet_has_a_signature_column_one_total_and_a_signature_block(samples, awkward, login, alice):
    day = awkward["day"].date
    response = login(alice).get(reverse("subsidy_sheet"), {"format": "xlsx", "year": day.year, "month": day.month})
    [sheet] = check_workbook(response.content)
    header, *rows = table_rows(sheet)
    assert header[-1] == _("Signature") and sheet.column_dimensions["G"].width >= 16
    assert sheet.row_dimensions[3].height >= 28  # room to sign
    totals = [r for r in rows if _("Total") in r]
    assert len(totals) == 1
    after = rows[rows.index(totals[0]) + 1 :]
    assert after[0][0].startswith(_("Amount in words: %(amount)s") % {"amount": ""}) and "人民币" in after[0][0]
    merged = [r for r in sheet.merged_cells.ranges if sheet.cell(r.min_row, 1).value == after[0][0]]
    assert [(r.min_col, r.max_col, r.min_row == r.max_row) for r in merged] == [(1, 7, True)]  # across the table
    closing = " ".join(str(c) for r in after for c in r if c)
    assert _("Prepared by") in closing and _("Checked by") in closing and _("Date") in closing
    assert sheet.title == f"{day:%Y-%m}"


def test_the_visits_export_follows_the_filters_and_never_holds_a_phone_or_address(samples, awkward, login, alice):
    visit = visit_rows(samples)["visit"]
    visit.visitor_address = "上坝村三组"
    visit.save()
    client = login(alice)
    [sheet] = check_workbook(client.get(reverse("visit_export")).content)
    text = " ".join(str(c) for row in sheet.iter_rows(values_only=True) for c in row if c)
    assert "王大妈" in text and "村道塌方" in text
    assert "13911112222" not in text and "1391" not in text and "上坝村三组" not in text
    month = timezone.localtime(visit.received_at) + timedelta(days=40)
    [empty] = check_workbook(client.get(reverse("visit_export"), {"month": f"{month:%Y-%m}"}).content)
    assert table_rows(empty)[1:] == []


def test_the_proposals_export_shows_main_unit_status_due_and_the_rates(samples, awkward, login, alice, leo):
    response = login(alice).get(reverse("proposal_export"), {"status": "assigned"})
    [sheet] = check_workbook(response.content)
    header, *rows = table_rows(sheet)
    assert [r[header.index(_("Main unit"))] for r in rows] == ["社会事务办公室"]
    assert _("Reply rate (办复率)") in header and _("Satisfaction rate (满意率)") in header
    assert rows[0][header.index(_("Reply due"))]
    assert "安装路灯" not in " ".join(str(c) for r in rows for c in r)  # the draft is filtered out
    assert login(leo).get(reverse("proposal_export")).status_code == 200


def test_the_activities_export_has_the_attendance_counts(samples, awkward, login, alice):
    response = login(alice).get(reverse("activity_export"), {"q": "视察河堤"})
    [sheet] = check_workbook(response.content)
    header, *rows = table_rows(sheet)
    [row] = rows
    assert row[header.index(_("Topic"))] == "视察河堤"
    assert row[header.index(_("Attended"))] == 1 and row[header.index(_("Invited"))] == 1


@pytest.mark.parametrize("url", ["/visits/", "/proposals/", "/activities/"])
def test_each_list_has_an_export_button_that_keeps_the_query(url, samples, awkward, login, alice):
    page = login(alice).get(url, {"category": "x", "q": "y"}).content.decode()
    assert "data-export" in page and "category=x" in page.split("data-export")[0].rsplit("href=", 1)[1]
