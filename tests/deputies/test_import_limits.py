"""Imports that cannot hurt the server: a sheet past the row limit is given up as soon as the limit is passed, a
workbook that would unpack too large or declares entities is refused before parsing, and the uploaded file is
removed once the import is confirmed, cancelled, or left for a day."""

import time
from datetime import timedelta
from unittest import mock

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone, translation

from congress.models import Job, JobKind, JobStatus
from deputies.models import Deputy
from deputies.services.import_previews import import_files_prune
from deputies.services.imports import KINDS, UPLOAD_FOLDER, register_import_preview
from deputies.spreadsheets import SheetError, read_sheet
from tests.deputies.sheets import (
    csv_of,
    deputy_row,
    inline_row,
    million_rows,
    preview_page,
    raw_workbook,
    upload,
    workbook,
    xml_bomb,
)
from tests.factories import SmallGroupFactory

pytestmark = pytest.mark.django_db
KIND = KINDS["deputies"]
IMPORT = reverse("register_import", kwargs={"kind": "deputies"})


@pytest.fixture
def group(town_a):
    return SmallGroupFactory(township=town_a, name="坝区代表小组")


def read(content: bytes, name: str = "代表名册.xlsx"):
    return read_sheet(upload(content, name), required={"姓名", "性别"}, aliases={}, known={"姓名", "性别"})


def kept_files() -> set[str]:
    try:
        return set(default_storage.listdir(UPLOAD_FOLDER)[1])
    except FileNotFoundError:
        return set()


def test_a_million_row_workbook_is_refused_at_the_limit_without_reading_on(
    login, alice, town_a, django_capture_on_commit_callbacks
):
    content = million_rows()
    assert len(content) < 200 * 1024  # a small file, as the office's was
    before = kept_files()
    started = time.perf_counter()
    with translation.override("en"):
        page = preview_page(login(alice), content, django_capture_on_commit_callbacks)
    elapsed = time.perf_counter() - started
    job = Job.objects.get(kind=JobKind.REGISTER_PREVIEW)
    assert job.status == JobStatus.FAILED
    assert "超过 5000 行" in job.message  # the limit named, in the page's Chinese
    assert 'data-job-status="failed"' in page.content.decode()
    assert elapsed < 10  # about 0.2 s here; a generous bound for a shared machine (bench/ prints the figure)
    assert not Deputy.objects.exists()
    assert kept_files() == before  # the refused file is not kept
    assert bytes(Job.objects.get(pk=job.pk).payload) == b""


@override_settings(IMPORT_MAX_ROWS=3)
def test_the_row_limit_is_a_setting_and_a_sheet_at_it_passes(town_a, group):
    rows = [deputy_row(f"代表{n}", group.name) for n in range(3)]
    assert register_import_preview(kind=KIND, township=town_a, upload=upload(workbook(rows))).valid == 3
    with translation.override("en"), pytest.raises(SheetError, match="4 rows; at most 3"):
        register_import_preview(
            kind=KIND, township=town_a, upload=upload(workbook([*rows, deputy_row("代表9", group.name)]))
        )


def test_an_xml_bomb_is_refused_with_a_clear_message_and_nothing_is_kept(login, alice, town_a):
    with translation.override("en"):
        with pytest.raises(SheetError, match="DTD or entities"):
            read(xml_bomb())
        before = kept_files()
        response = login(alice).post(IMPORT, {"file": upload(xml_bomb())})
    assert response.status_code == 200
    assert "DTD 或实体" in " ".join(response.context["form"].errors["file"])
    assert not Job.objects.exists() and not Deputy.objects.exists()
    assert kept_files() == before


def test_a_workbook_that_unpacks_beyond_the_limit_is_refused_before_parsing(login, alice):
    # 60 MB of sheet XML in a zip of about 60 KB; the office's was 1.1 GB in 1 MB.
    row = b'<row><c t="inlineStr"><is><t>x</t></is></c></row>'
    content = raw_workbook([inline_row("姓名", "性别"), *([row * 10_000] * 120)])
    assert len(content) < 1024 * 1024
    with translation.override("en"), mock.patch("openpyxl.load_workbook") as load:
        with pytest.raises(SheetError, match="more than 50 MB once unpacked"):
            read(content)
        response = login(alice).post(IMPORT, {"file": upload(content)})
    load.assert_not_called()
    assert "超过 50 MB" in " ".join(response.context["form"].errors["file"])
    assert not Job.objects.exists()


def test_a_csv_of_20000_rows_is_refused_saying_the_limit_and_its_count(
    login, alice, town_a, group, django_capture_on_commit_callbacks
):
    content = csv_of(20_000)
    with translation.override("en"):
        page = preview_page(login(alice), content, django_capture_on_commit_callbacks, name="代表名册.csv")
    job = Job.objects.get(kind=JobKind.REGISTER_PREVIEW)
    assert job.status == JobStatus.FAILED
    assert "共 20001 行；一次最多导入 5000 行" in job.message  # the header and 20,000 deputies
    assert job.message in page.content.decode()
    assert not Deputy.objects.exists()


def preview_of(client, group, capture):
    page = preview_page(client, workbook([deputy_row("李文华", group.name)]), capture)
    token = page.context["preview"].token
    assert default_storage.exists(f"{UPLOAD_FOLDER}/{token}")
    return token


def test_the_preview_file_is_gone_once_the_import_is_confirmed(login, alice, group, django_capture_on_commit_callbacks):
    client = login(alice)
    token = preview_of(client, group, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("register_import_apply", kwargs={"kind": "deputies"}), {"token": token})
    assert not default_storage.exists(f"{UPLOAD_FOLDER}/{token}")
    assert Deputy.objects.count() == 1
    assert not Job.objects.filter(kind=JobKind.REGISTER_PREVIEW).exists()  # its rows went with it


def test_the_preview_file_is_gone_once_the_import_is_cancelled(login, alice, group, django_capture_on_commit_callbacks):
    client = login(alice)
    token = preview_of(client, group, django_capture_on_commit_callbacks)
    response = client.post(reverse("register_import_cancel", kwargs={"kind": "deputies"}), {"token": token})
    assert response["Location"] == IMPORT
    assert not default_storage.exists(f"{UPLOAD_FOLDER}/{token}")
    assert not Job.objects.exists() and not Deputy.objects.exists()
    assert token not in client.session["register_imports"]


def test_a_stranger_cannot_cancel_another_towns_preview(login, alice, dave, group, django_capture_on_commit_callbacks):
    token = preview_of(login(alice), group, django_capture_on_commit_callbacks)
    login(dave).post(reverse("register_import_cancel", kwargs={"kind": "deputies"}), {"token": token})
    assert default_storage.exists(f"{UPLOAD_FOLDER}/{token}")
    assert Job.objects.filter(kind=JobKind.REGISTER_PREVIEW).exists()


def test_a_stranger_cannot_open_another_towns_preview(login, alice, dave, group, django_capture_on_commit_callbacks):
    preview_of(login(alice), group, django_capture_on_commit_callbacks)
    job = Job.objects.get(kind=JobKind.REGISTER_PREVIEW)
    page = login(dave).get(f"{IMPORT}?job={job.pk}", follow=True)
    assert "李文华" not in page.content.decode()


def test_a_preview_file_left_for_a_day_is_removed_by_the_hourly_job(
    login, alice, group, django_capture_on_commit_callbacks, time_machine
):
    time_machine.move_to(timezone.now(), tick=False)
    token = preview_of(login(alice), group, django_capture_on_commit_callbacks)
    time_machine.shift(timedelta(hours=23))
    import_files_prune()
    assert default_storage.exists(f"{UPLOAD_FOLDER}/{token}")
    time_machine.shift(timedelta(hours=2))
    call_command("import_prune", stdout=open("/dev/null", "w"))  # noqa: SIM115 - the command's own report
    assert not default_storage.exists(f"{UPLOAD_FOLDER}/{token}")
    assert not Job.objects.exists()  # the preview's rows hold personal data too


def test_a_preview_in_parts_finds_what_a_preview_in_one_finds(town_a, group, monkeypatch):
    rows = [
        deputy_row("李文华", group.name),
        deputy_row("王丽", "新建代表小组"),
        deputy_row("赵强", group.name, phone="13900000001"),
        deputy_row("李文华", group.name),  # twice in the file, in another part
        deputy_row("钱多", group.name, phone="13900000001"),  # the phone of row 5, in another part
        deputy_row("孙平", group.name, level="省级"),
    ]
    content = workbook(rows)
    whole = register_import_preview(kind=KIND, township=town_a, upload=upload(content))
    monkeypatch.setattr("deputies.services.imports.PREVIEW_PART_ROWS", 2)
    monkeypatch.setattr("deputies.services.imports.SQLITE_PAUSE_SECONDS", 0)
    parts = register_import_preview(kind=KIND, township=town_a, upload=upload(content))
    assert [(r.file_row, r.outcome, r.messages) for r in parts.rows] == [
        (r.file_row, r.outcome, r.messages) for r in whole.rows
    ]
    assert parts.totals == whole.totals
    assert whole.totals["error"] >= 4  # the second 李文华, both phones, the unknown level
    assert [g.name for g in parts.new_small_groups] == ["新建代表小组"]
    assert not Deputy.objects.exists()
