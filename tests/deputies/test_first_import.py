"""A town's first import of its roster, as offices write it: a title row, groups the town does not have yet,
levels in words, full-width spaces and digits, no 届别 column, sectors by their short names, one bad row."""

from datetime import date

import pytest
from django.urls import reverse

from congress.models import Job, JobKind, JobStatus
from deputies.models import Deputy, DeputyLevel, GroupMembership, LargeGroup, SmallGroup
from deputies.resources.township import ImportChoices
from deputies.services.imports import KINDS, register_import_confirm, register_import_preview
from deputies.services.terms import term_start
from deputies.spreadsheets import SheetError
from tests.deputies.sheets import GROUPS, deputy_row, preview_page, roster, upload, workbook
from tests.factories import LargeGroupFactory, SmallGroupFactory

pytestmark = pytest.mark.django_db
KIND = KINDS["deputies"]
IMPORT = reverse("register_import", kwargs={"kind": "deputies"})
APPLY = reverse("register_import_apply", kwargs={"kind": "deputies"})


@pytest.fixture
def term(town_a):
    return term_start(township=town_a, number=18, starts_on=date(2021, 9, 1))


def test_a_first_roster_goes_in_through_the_pages_with_its_groups_and_the_current_term(
    login, alice, town_a, term, django_capture_on_commit_callbacks
):
    client = login(alice)
    page = preview_page(client, roster(bad_row=20), django_capture_on_commit_callbacks)
    preview = page.context["preview"]
    text = page.content.decode()
    assert preview.totals == {"new": 40, "update": 0, "unchanged": 0, "error": 1}
    bad = next(row for row in preview.rows if row.is_error)
    assert bad.file_row == 23  # title, header, then the 21st deputy
    assert "23" in bad.messages[0] and "出生年月" in bad.messages[0]
    assert [group.name for group in preview.new_small_groups] == GROUPS
    assert "data-new-groups" in text and all(name in text for name in GROUPS)
    assert "data-term-note" in text and "18" in text.split("data-term-note")[1].split("</p>")[0]
    assert "data-large-group-choice" in text  # the sheet names no large group, the town has none: type one
    assert not SmallGroup.objects.exists() and not Deputy.objects.exists()  # a preview writes nothing

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(APPLY, {"token": preview.token, "only_valid": "on", "new_large_group": "第一代表大组"})
    job = Job.objects.get()  # the check's job ended with its preview
    assert response["Location"] == reverse("job_detail", kwargs={"pk": job.pk})
    assert job.status == JobStatus.DONE, job.message
    assert job.result == {"new": 40, "update": 0, "unchanged": 0, "skipped_errors": 1}
    assert any("23" in error for error in job.errors)

    assert Deputy.objects.filter(township=town_a).count() == 40
    assert set(Deputy.objects.values_list("term", flat=True)) == {18}
    groups = SmallGroup.objects.filter(township=town_a).order_by("order")
    assert [g.name for g in groups] == GROUPS
    assert {g.large_group.name for g in groups} == {"第一代表大组"}
    assert GroupMembership.objects.filter(end_date__isnull=True).count() == 40

    wang = Deputy.objects.get(name="王建国")  # written " 王建国 "
    li = Deputy.objects.get(name="李建国")  # written "李\u3000建国", phone in full-width digits
    assert (wang.level, wang.sector, wang.phone) == (DeputyLevel.BOTH, "工商企业", "13900000000")
    assert (li.level, li.sector, li.phone, li.small_group.name) == (
        DeputyLevel.TOWN,
        "医疗卫生",
        "13900000001",
        GROUPS[1],
    )
    assert not Deputy.objects.filter(name__contains="\u3000").exists()


def test_the_preview_shows_each_cell_as_stored_and_what_was_written_only_where_it_differs(
    login, alice, term, django_capture_on_commit_callbacks
):
    page = preview_page(login(alice), roster(count=2), django_capture_on_commit_callbacks)
    first, second = page.context["preview"].rows
    columns = page.context["preview"].columns
    name, phone = columns.index("姓名"), columns.index("联系电话")
    assert (first.cells[name].value, first.cells[name].changed) == ("王建国", True)
    assert (second.cells[name].value, second.cells[name].raw) == ("李建国", "李\u3000建国")
    assert (first.cells[phone].value, first.cells[phone].changed) == ("13900000000", False)
    assert (second.cells[phone].value, second.cells[phone].raw) == ("13900000001", "１３９０００００００１")
    text = page.content.decode()
    assert text.count("data-raw-value") == sum(
        cell.changed and bool(cell.raw) for r in (first, second) for cell in r.cells
    )
    assert "<s>１３９０００００００１</s>" in text


def test_new_groups_go_under_the_large_group_the_sheet_names(town_a, term):
    headers = ["姓名", "性别", "联系电话", "所属小组", "代表大组"]
    rows = [
        ["李文华", "男", "13911111111", "第二代表小组", "城区代表大组"],
        ["王丽", "女", "13922222222", "第三代表小组", "坝区大组"],
    ]
    result = register_import_preview(kind=KIND, township=town_a, upload=upload(workbook(rows, headers=headers)))
    assert not result.needs_large_group
    assert result.new_large_groups == ["城区代表大组", "坝区大组"]
    register_import_confirm(kind=KIND, township=town_a, token=result.token, filename=result.filename, only_valid=False)
    assert dict(SmallGroup.objects.values_list("name", "large_group__name")) == {
        "第二代表小组": "城区代表大组",
        "第三代表小组": "坝区大组",
    }


def test_the_office_may_put_new_groups_under_one_of_the_towns_large_groups(
    login, alice, town_a, term, django_capture_on_commit_callbacks
):
    large = LargeGroupFactory(township=town_a, name="第一代表大组")
    client = login(alice)
    page = preview_page(client, roster(count=3), django_capture_on_commit_callbacks)
    assert page.context["preview"].large_groups == [(large.pk, "第一代表大组")]
    assert f'<option value="{large.pk}">第一代表大组</option>' in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(APPLY, {"token": page.context["preview"].token, "large_group": large.pk})
    assert Deputy.objects.count() == 3
    assert set(SmallGroup.objects.values_list("large_group", flat=True)) == {large.pk}
    assert LargeGroup.objects.count() == 1


def test_the_confirmation_without_a_large_group_for_new_groups_is_refused_and_writes_nothing(
    login, alice, term, django_capture_on_commit_callbacks
):
    client = login(alice)
    page = preview_page(client, roster(count=3), django_capture_on_commit_callbacks)
    response = client.post(APPLY, {"token": page.context["preview"].token}, follow=True)
    assert "data-import-confirm" not in response.content.decode()
    assert [str(m) for m in response.context["messages"]]  # says to choose the large group
    assert not Job.objects.filter(kind=JobKind.REGISTER_IMPORT).exists() and not SmallGroup.objects.exists()


def test_a_group_that_exists_only_in_another_town_is_created_in_this_one_never_linked(town_a, town_b, term):
    theirs = SmallGroupFactory(township=town_b, name="第二代表小组")
    ours = SmallGroupFactory(township=town_a, name="第一代表小组")
    sheet = workbook([deputy_row("李文华", "第二代表小组")])
    result = register_import_preview(kind=KIND, township=town_a, upload=upload(sheet))
    assert [group.name for group in result.new_small_groups] == ["第二代表小组"]
    assert result.errors == 0
    register_import_confirm(
        kind=KIND,
        township=town_a,
        token=result.token,
        filename=result.filename,
        only_valid=False,
        choices=ImportChoices(large_group_id=ours.large_group_id),
    )
    deputy = Deputy.objects.get(name="李文华")
    assert deputy.small_group.township == town_a and deputy.small_group != theirs
    assert SmallGroup.objects.filter(name="第二代表小组").count() == 2


def test_a_refused_import_creates_no_group(town_a, term):
    rows = [deputy_row("李文华", "第二代表小组"), deputy_row("王丽", "第三代表小组", phone="12345")]
    result = register_import_preview(kind=KIND, township=town_a, upload=upload(workbook(rows)))
    assert result.errors == 1
    assert [g.name for g in result.new_small_groups] == ["第二代表小组"]  # 第三's only row is refused
    with pytest.raises(SheetError):
        register_import_confirm(
            kind=KIND, township=town_a, token=result.token, filename=result.filename, only_valid=False
        )
    assert not SmallGroup.objects.exists() and not LargeGroup.objects.exists() and not Deputy.objects.exists()


def test_without_a_current_term_the_preview_says_new_deputies_go_into_term_one(
    login, alice, town_a, django_capture_on_commit_callbacks
):
    page = preview_page(login(alice), roster(count=2), django_capture_on_commit_callbacks)
    assert page.context["preview"].current_term is None
    assert "data-term-note" in page.content.decode()
    register_import_confirm(
        kind=KIND,
        township=town_a,
        token=page.context["preview"].token,
        filename="roster.xlsx",
        only_valid=False,
        choices=ImportChoices(new_large_group="第一代表大组"),
    )
    assert set(Deputy.objects.values_list("term", flat=True)) == {1}


def test_a_sheet_with_a_term_column_keeps_its_terms(town_a, term):
    rows = [["李文华", "男", "第十七届"], ["王丽", "女", "１８"], ["赵强", "男", ""]]
    result = register_import_preview(
        kind=KIND, township=town_a, upload=upload(workbook(rows, headers=["姓名", "性别", "届别"]))
    )
    assert not result.term_note
    register_import_confirm(kind=KIND, township=town_a, token=result.token, filename=result.filename, only_valid=False)
    assert dict(Deputy.objects.values_list("name", "term")) == {"李文华": 17, "王丽": 18, "赵强": 18}
