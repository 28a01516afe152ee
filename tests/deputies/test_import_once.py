"""A sheet is parsed once: the preview keeps what it read and the import uses it; the rows are written in bulk,
with their history rows and group memberships as one by one."""

from datetime import date, datetime, time

import pytest
import tablib

from congress.models import JobStatus
from deputies.models import Deputy, GroupMembership
from deputies.services import imports
from deputies.services.import_jobs import register_import_run, register_import_start
from deputies.spreadsheets import Sheet, sheet_dump, sheet_load
from tests.deputies.sheets import deputy_row, upload, workbook
from tests.factories import SmallGroupFactory

pytestmark = pytest.mark.django_db
KIND = imports.KINDS["deputies"]


@pytest.fixture
def group(town_a):
    return SmallGroupFactory(township=town_a, name="坝区代表小组")


def preview_of(town, group, count=3):
    content = workbook([deputy_row(f"代表{n:02d}", group.name) for n in range(count)])
    return imports.register_import_preview(kind=KIND, township=town, upload=upload(content))


def test_a_kept_sheet_reads_back_with_its_cell_types():
    naive = datetime(1980, 5, 1, 0, 0)  # noqa: DTZ001 (a workbook's cell, as openpyxl reads it)
    rows = [("李文华", naive, date(1990, 1, 2), time(8, 30), 13900000000, 1.5, None, True)]
    sheet = Sheet(dataset=tablib.Dataset(*rows, headers=list("abcdefgh")), header_row=3)
    back = sheet_load(sheet_dump(sheet))
    assert back.header_row == 3
    assert back.dataset.headers == list("abcdefgh")
    assert list(back.dataset[0]) == list(rows[0])


def test_the_confirmation_does_not_parse_the_file_again(town_a, group, monkeypatch):
    preview = preview_of(town_a, group)

    def no_second_parse(*args, **kwargs):
        raise AssertionError("parsed twice")

    monkeypatch.setattr(imports, "read_sheet", no_second_parse)
    totals = imports.register_import_confirm(
        kind=KIND, township=town_a, token=preview.token, filename=preview.filename, only_valid=False
    )
    assert totals["new"] == 3


def test_the_import_job_carries_the_sheet_the_preview_read(town_a, alice, group, monkeypatch):
    preview = preview_of(town_a, group)
    job = register_import_start(
        kind=KIND, township=town_a, user=alice, token=preview.token, filename=preview.filename, only_valid=False
    )
    assert job.params["read"] is True
    monkeypatch.setattr(imports, "read_sheet", lambda *a, **k: pytest.fail("parsed twice"))
    register_import_run(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == JobStatus.DONE
    assert Deputy.objects.for_township(town_a).filter(name__startswith="代表").count() == 3


def test_a_preview_without_its_kept_sheet_is_read_from_the_file(town_a, group):
    preview = preview_of(town_a, group)
    imports.default_storage.delete(f"{imports.UPLOAD_FOLDER}/{preview.token}.sheet.json")
    totals = imports.register_import_confirm(
        kind=KIND, township=town_a, token=preview.token, filename=preview.filename, only_valid=False
    )
    assert totals["new"] == 3


def test_the_kept_sheet_goes_with_the_preview(town_a, group):
    preview = preview_of(town_a, group)
    imports.preview_file_delete(token=preview.token)
    assert not imports.default_storage.exists(f"{imports.UPLOAD_FOLDER}/{preview.token}.sheet.json")


def test_a_preview_writes_nothing(town_a, group):
    preview_of(town_a, group)
    assert not Deputy.objects.for_township(town_a).filter(name__startswith="代表").exists()
    assert not Deputy.history.filter(name__startswith="代表").exists()


def test_bulk_written_deputies_have_history_a_membership_and_sort_keys(town_a, group):
    preview = preview_of(town_a, group)
    imports.register_import_confirm(
        kind=KIND, township=town_a, token=preview.token, filename=preview.filename, only_valid=False
    )
    deputies = list(Deputy.objects.for_township(town_a).filter(name__startswith="代表"))
    assert len(deputies) == 3
    assert all(deputy.name_sort and deputy.name_initials for deputy in deputies)
    assert Deputy.history.filter(name__startswith="代表", history_type="+").count() == 3
    memberships = GroupMembership.objects.filter(deputy__in=deputies, end_date__isnull=True)
    assert {m.small_group_id for m in memberships} == {group.pk}
    assert memberships.count() == 3
    assert GroupMembership.history.filter(deputy_id__in=[d.pk for d in deputies], history_type="+").count() == 3


def test_an_updated_deputy_is_written_with_a_changed_history_row(town_a, group):
    preview = preview_of(town_a, group, count=1)
    imports.register_import_confirm(
        kind=KIND, township=town_a, token=preview.token, filename=preview.filename, only_valid=False
    )
    content = workbook([deputy_row("代表00", group.name, phone="13911112222")])
    again = imports.register_import_preview(kind=KIND, township=town_a, upload=upload(content))
    totals = imports.register_import_confirm(
        kind=KIND, township=town_a, token=again.token, filename=again.filename, only_valid=False
    )
    assert totals["update"] == 1
    deputy = Deputy.objects.get(township=town_a, name="代表00")
    assert deputy.phone == "13911112222"
    assert deputy.history.filter(history_type="~", phone="13911112222").exists()
    assert GroupMembership.objects.filter(deputy=deputy, end_date__isnull=True).count() == 1
