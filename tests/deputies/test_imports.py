"""Importing the office's sheets: every bad file gets a clear message and writes nothing."""

from datetime import date, datetime

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from deputies.models import Deputy, GroupMembership
from deputies.services.imports import KINDS, register_export, register_import_confirm, register_import_preview
from deputies.spreadsheets import SheetError
from tests.deputies.sheets import HEADERS, deputy_row, upload, workbook
from tests.factories import DeputyFactory, SmallGroupFactory
from tests.pages import table_rows

pytestmark = pytest.mark.django_db
KIND = KINDS["deputies"]


@pytest.fixture
def group(town_a):
    return SmallGroupFactory(township=town_a, name="坝区代表小组")


def preview(town, content: bytes, name: str = "代表名册.xlsx"):
    return register_import_preview(kind=KIND, township=town, upload=upload(content, name))


def confirm(town, result, *, only_valid=False):
    return register_import_confirm(
        kind=KIND, township=town, token=result.token, filename=result.filename, only_valid=only_valid
    )


def test_a_valid_sheet_previews_as_new_rows_and_writes_nothing_until_confirmed(town_a, group):
    result = preview(town_a, workbook([deputy_row("李文华", group.name), deputy_row("王丽", group.name)]))
    assert result.totals == {"new": 2, "update": 0, "unchanged": 0, "error": 0}
    assert not Deputy.objects.exists()
    totals = confirm(town_a, result)
    assert totals["new"] == 2
    assert set(Deputy.objects.values_list("name", flat=True)) == {"李文华", "王丽"}
    assert GroupMembership.objects.filter(small_group=group, end_date__isnull=True).count() == 2


def test_what_real_sheets_hold_is_understood(town_a, group):
    rows = [
        [
            "  李　文华 ",
            "女",
            "汉",
            datetime(1975, 3, 1),  # noqa: DTZ001  (Excel date cells are naive)
            "县级",
            "第２选区",
            " 上坝村 ",
            "农业",
            13912345678,
            group.name,
        ],
        ["王丽", "男", "彝", "1982.07", "镇级", "", "下坝村", "", "0873-１２３４５６７", group.name],
        [None] * 10,
        [None] * 10,
    ]
    result = preview(town_a, workbook(rows, title="大莫古镇人大代表名册（2026年）"))
    assert result.errors == 0, [r.messages for r in result.rows]
    confirm(town_a, result)
    li = Deputy.objects.get(name="李文华")
    assert (li.gender, li.ethnicity, li.birth_date, li.level) == ("F", "汉族", date(1975, 3, 1), "county")
    assert (li.phone, li.village, li.constituency) == ("13912345678", "上坝村", "第2选区")
    wang = Deputy.objects.get(name="王丽")
    assert (wang.ethnicity, wang.birth_date, wang.phone) == ("彝族", date(1982, 7, 1), "0873-1234567")


def test_an_excel_serial_date_is_read_as_a_date(town_a, group):
    row = deputy_row("李文华", group.name, birth=29342)  # Excel's serial for 1980-05-01
    result = preview(town_a, workbook([row]))
    confirm(town_a, result)
    assert Deputy.objects.get().birth_date == date(1980, 5, 1)


def test_a_file_that_is_not_a_spreadsheet_is_refused(town_a):
    with pytest.raises(SheetError, match="Excel"):  # 不是可读取的 Excel 工作簿
        preview(town_a, b"PK\x03\x04 this is not really a zip", "名册.xlsx")
    with pytest.raises(SheetError, match=r"\.xlsx"):
        preview(town_a, b"%PDF-1.4", "名册.pdf")


def test_an_empty_file_is_refused(town_a):
    with pytest.raises(SheetError, match="文件为空"):
        preview(town_a, b"")


def test_a_sheet_with_a_header_and_no_rows_is_refused(town_a):
    with pytest.raises(SheetError, match="没有数据行"):
        preview(town_a, workbook([[None] * 10]))


def test_a_file_over_five_megabytes_is_refused_before_reading(town_a, login, alice):
    big = SimpleUploadedFile("名册.xlsx", b"PK\x03\x04" + b"0" * (5 * 1024 * 1024))
    response = login(alice).post("/register/import/deputies/", {"file": big})
    assert response.status_code == 200
    assert "5 MB" in response.content.decode()
    assert response.context["preview"] is None


def test_unknown_headers_are_named(town_a):
    with pytest.raises(SheetError) as error:
        preview(town_a, workbook([["李文华", "男"]], headers=["姓名", "性别", "爱好"]))
    assert "爱好" in str(error.value)


def test_a_sheet_without_the_name_column_is_refused(town_a):
    with pytest.raises(SheetError, match="姓名"):
        preview(town_a, workbook([["男"]], headers=["性别"]))


def test_a_person_twice_in_the_file_is_an_error_naming_the_row(town_a, group):
    twice = [deputy_row("李文华", group.name), deputy_row("李文华", group.name, phone="13700000000")]
    result = preview(town_a, workbook(twice))
    assert result.errors == 1
    assert result.rows[1].file_row == 3
    assert "第 3 行" in result.rows[1].messages[0] or "Row 3" in result.rows[1].messages[0]


def test_a_phone_that_is_no_phone_is_an_error(town_a, group):
    result = preview(town_a, workbook([deputy_row("李文华", group.name, phone="12345")]))
    assert result.errors == 1
    assert "联系电话" in result.rows[0].messages[0]


def test_a_file_with_errors_writes_nothing_unless_only_valid_rows_are_chosen(town_a, group):
    rows = [deputy_row("李文华", group.name), deputy_row("王丽", group.name, phone="not a phone")]
    result = preview(town_a, workbook(rows))
    with pytest.raises(SheetError):
        confirm(town_a, result)
    assert not Deputy.objects.exists()
    totals = confirm(town_a, result, only_valid=True)
    assert totals == {"new": 1, "update": 0, "unchanged": 0, "skipped_errors": 1}
    assert list(Deputy.objects.values_list("name", flat=True)) == ["李文华"]


def test_an_import_never_touches_another_towns_deputies(town_a, town_b, group):
    DeputyFactory(township=town_b, name="李文华", birth_date=date(1980, 5, 1))
    result = preview(town_a, workbook([deputy_row("李文华", group.name)]))
    assert result.totals["new"] == 1
    confirm(town_a, result)
    assert Deputy.objects.filter(name="李文华").count() == 2


def test_a_changed_row_is_an_update_and_an_unchanged_one_is_reported(town_a, group):
    confirm(town_a, preview(town_a, workbook([deputy_row("李文华", group.name), deputy_row("王丽", group.name)])))
    result = preview(
        town_a, workbook([deputy_row("李文华", group.name, phone="13800000000"), deputy_row("王丽", group.name)])
    )
    assert result.totals == {"new": 0, "update": 1, "unchanged": 1, "error": 0}


def test_the_export_reimports_with_every_row_unchanged(town_a, group):
    for n in range(5):
        DeputyFactory(township=town_a, small_group=group, name=f"代表{n}", birth_date=date(1970 + n, 1, 1))
    content = register_export(
        kind=KIND, township=town_a, queryset=Deputy.objects.for_township(town_a), mask_phones=False
    )
    result = preview(town_a, content, "export.xlsx")
    assert result.totals == {"new": 0, "update": 0, "unchanged": 5, "error": 0}


def test_the_export_escapes_cells_a_spreadsheet_would_run(town_a, group):
    DeputyFactory(township=town_a, small_group=group, name="李文华", work_unit='=HYPERLINK("http://x")')
    content = register_export(
        kind=KIND, township=town_a, queryset=Deputy.objects.for_township(town_a), mask_phones=False
    )
    sheet = openpyxl.load_workbook(__import__("io").BytesIO(content)).active
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert '=HYPERLINK("http://x")' in [cell.value for cell in cells]
    assert not any(cell.data_type == "f" for cell in cells)


def test_the_export_masks_phones_for_readers(town_a, group):
    DeputyFactory(township=town_a, small_group=group, phone="13912345678")
    content = register_export(kind=KIND, township=town_a, queryset=Deputy.objects.all(), mask_phones=True)
    sheet = openpyxl.load_workbook(__import__("io").BytesIO(content)).active
    column = HEADERS.index("联系电话")
    headers, first, *_rest = table_rows(sheet)
    phone = first[headers.index("联系电话")]
    assert column >= 0 and phone == "139****5678"
