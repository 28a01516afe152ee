"""What an import refuses in a deputies' sheet, and the words it accepts: phones shared between rows or taken by
another deputy, levels and sectors as offices write them; a refused import writes nothing."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import translation

from deputies.models import Deputy, DeputyLevel, SmallGroup
from deputies.resources.levels import level_of
from deputies.resources.township import ImportChoices
from deputies.sectors import SectorMatcher
from deputies.services.imports import KINDS, register_import_confirm, register_import_preview
from deputies.spreadsheets import SheetError
from tests.deputies.sheets import deputy_row, preview_page, upload, workbook
from tests.factories import DeputyFactory, SmallGroupFactory

pytestmark = pytest.mark.django_db
KIND = KINDS["deputies"]


@pytest.fixture
def group(town_a):
    return SmallGroupFactory(township=town_a, name="坝区代表小组")


def preview(town, rows, **kwargs):
    return register_import_preview(kind=KIND, township=town, upload=upload(workbook(rows, **kwargs)))


def confirm(town, result, **choices):
    return register_import_confirm(
        kind=KIND,
        township=town,
        token=result.token,
        filename=result.filename,
        only_valid=choices.pop("only_valid", False),
        choices=ImportChoices(**choices),
    )


def test_two_rows_with_the_same_phone_are_both_refused_each_naming_the_other(town_a, group):
    rows = [
        deputy_row("李文华", group.name, phone="13912345678"),
        deputy_row("王丽", group.name),
        deputy_row("赵强", group.name, phone="139 1234 5678"),
    ]
    result = preview(town_a, rows)
    assert [row.is_error for row in result.rows] == [True, False, True]
    first, second = result.rows[0].messages, result.rows[2].messages
    assert len(first) == 1 and "联系电话" in first[0] and "4" in first[0].split("联系电话")[1]
    assert len(second) == 1 and "联系电话" in second[0] and "2" in second[0].split("联系电话")[1]
    with pytest.raises(SheetError):
        confirm(town_a, result)
    assert not Deputy.objects.exists()


def test_a_phone_of_another_deputy_of_the_town_is_refused_naming_them(town_a, town_b, group):
    DeputyFactory(township=town_a, name="张三", phone="13912345678", small_group=group)
    DeputyFactory(township=town_b, name="李四", phone="13987654321")  # another town's: no matter
    rows = [deputy_row("李文华", group.name, phone="13912345678"), deputy_row("王丽", group.name, phone="13987654321")]
    result = preview(town_a, rows)
    assert [row.is_error for row in result.rows] == [True, False]
    assert "张三" in result.rows[0].messages[0] and "联系电话" in result.rows[0].messages[0]


def test_the_same_person_updated_keeps_their_phone(town_a, group):
    DeputyFactory(township=town_a, name="李文华", birth_date=date(1980, 5, 1), phone="13912345678", small_group=group)
    result = preview(town_a, [deputy_row("李文华", group.name, phone="13912345678", level="县级")])
    assert result.totals == {"new": 0, "update": 1, "unchanged": 0, "error": 0}
    confirm(town_a, result)
    assert Deputy.objects.get().level == DeputyLevel.COUNTY


@pytest.mark.parametrize(
    ("written", "level"),
    [
        ("县、镇人大代表", DeputyLevel.BOTH),
        ("县镇两级人大代表", DeputyLevel.BOTH),
        ("县级、镇级", DeputyLevel.BOTH),
        ("县/镇", DeputyLevel.BOTH),
        ("县／镇", DeputyLevel.BOTH),
        ("县镇两级", DeputyLevel.BOTH),
        ("两级", DeputyLevel.BOTH),
        ("县级人大代表、镇级人大代表", DeputyLevel.BOTH),
        ("县、乡两级", DeputyLevel.BOTH),
        ("县人大代表", DeputyLevel.COUNTY),
        ("县级", DeputyLevel.COUNTY),
        (" 县 级 ", DeputyLevel.COUNTY),
        ("镇人大代表", DeputyLevel.TOWN),
        ("镇级", DeputyLevel.TOWN),
        ("乡级", DeputyLevel.TOWN),
        ("乡镇人大代表", DeputyLevel.TOWN),
        ("镇\u3000人大代表", DeputyLevel.TOWN),
        ("乡人大代表", DeputyLevel.TOWN),
        ("县两级", None),
        ("市级", None),
        ("人大代表", None),
    ],
)
def test_levels_as_offices_write_them(written, level):
    assert level_of(written) == level


def test_an_unknown_level_is_refused_with_the_accepted_values_one_per_line(
    login, alice, town_a, group, django_capture_on_commit_callbacks
):
    with translation.override("en"):
        result = preview(town_a, [deputy_row("李文华", group.name, level="省级")])
    message = result.rows[0].messages[0]
    assert "代表层级" in message and "省级" in message
    lines = message.splitlines()
    assert {"县、镇人大代表", "县镇两级", "两级", "县人大代表", "镇人大代表", "乡级"} <= set(lines)
    assert "、县" not in message  # no list joined by 、, which the values hold themselves
    page = preview_page(
        login(alice), workbook([deputy_row("李文华", group.name, level="省级")]), django_capture_on_commit_callbacks
    )
    assert 'class="text-lines"' in page.content.decode()


def test_sectors_are_matched_with_their_other_names_and_the_towns_own_spelling_wins():
    matcher = SectorMatcher(["医卫"])
    assert matcher.match("医疗卫生") == ("医卫", False)  # the register's spelling
    assert matcher.match("工商") == ("工商企业", False)
    assert matcher.match("教育") == ("教育界", False)
    assert matcher.match(" 教育界 ") == ("教育界", False)
    assert matcher.match("农业") == ("农业", False)
    assert matcher.match("快递物流") == ("快递物流", True)


def test_a_new_sector_is_shown_and_its_rows_are_imported_only_when_confirmed(town_a, group):
    rows = [deputy_row("李文华", group.name), deputy_row("王丽", group.name)]
    rows[1][7] = "快递物流"
    result = preview(town_a, rows)
    assert result.new_sectors == {"快递物流": [3]}
    assert result.errors == 0
    assert any(cell.note for cell in result.rows[1].cells)
    with pytest.raises(SheetError) as refused:
        confirm(town_a, result)
    assert any("快递物流" in error and "第 3 行" in error for error in refused.value.errors)
    assert not Deputy.objects.exists()
    confirm(town_a, result, confirm_new_sectors=True)
    assert dict(Deputy.objects.values_list("name", "sector")) == {"李文华": "农业", "王丽": "快递物流"}


def test_a_preview_with_no_valid_row_offers_no_import(login, alice, town_a, group, django_capture_on_commit_callbacks):
    sheet = workbook([deputy_row("李文华", group.name, phone="12345"), deputy_row("王丽", group.name, level="省级")])
    page = preview_page(login(alice), sheet, django_capture_on_commit_callbacks)
    text = page.content.decode()
    assert page.context["preview"].valid == 0
    assert "data-no-valid-row" in text
    assert reverse("register_import_apply", kwargs={"kind": "deputies"}) not in text
    assert 'name="only_valid"' not in text and "只导入" not in text  # 只导入无误的…行


def test_a_refused_sheet_with_new_groups_writes_no_group(town_a, group):
    rows = [
        deputy_row("李文华", "第二代表小组", phone="13912345678"),
        deputy_row("王丽", "第三代表小组", phone="13912345678"),
    ]
    result = preview(town_a, rows)
    with pytest.raises(SheetError):
        confirm(town_a, result, large_group_id=group.large_group_id)
    assert list(SmallGroup.objects.values_list("name", flat=True)) == ["坝区代表小组"]


def test_a_word_in_a_number_column_is_a_row_error_not_a_crash(town_a):
    """Found by the form fuzzing: 是 in 排序 made the preview's cell display raise InvalidOperation (a 500)."""
    result = register_import_preview(
        kind=KINDS["large-groups"],
        township=town_a,
        upload=upload(workbook([["第一代表大组", "是"]], headers=["大组名称", "排序"])),
    )
    [row] = result.rows
    assert row.messages, "the row says what is wrong"
    assert [cell.raw for cell in row.cells][-1] == "是"
