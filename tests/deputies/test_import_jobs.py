"""A confirmed register import runs as a background job: its page shows the progress, then the outcome;
the import stays all or nothing, and the job runs once."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from congress.models import Job, JobStatus
from congress.services import JobProgress
from deputies.models import Deputy
from deputies.services.import_jobs import register_import_run, register_import_start
from deputies.services.imports import KINDS, register_import_preview
from tests.deputies.sheets import deputy_row, preview_page, upload, workbook
from tests.factories import SmallGroupFactory

pytestmark = pytest.mark.django_db
KIND = KINDS["deputies"]


@pytest.fixture
def group(town_a):
    return SmallGroupFactory(township=town_a, name="坝区代表小组")


def sheet_of(count: int, group, *, bad_rows: tuple[int, ...] = ()) -> bytes:
    rows = [
        deputy_row(f"代表{n:04d}", group.name, phone="not a phone" if n in bad_rows else f"139{n:08d}")
        for n in range(count)
    ]
    return workbook(rows)


def start_job(town, user, content: bytes, *, only_valid=False, address=None) -> Job:
    """Preview a sheet and confirm it, as the pages do; the job is queued, not run (no commit in a test)."""
    preview = register_import_preview(kind=KIND, township=town, upload=upload(content))
    return register_import_start(
        kind=KIND,
        township=town,
        user=user,
        token=preview.token,
        filename=preview.filename,
        only_valid=only_valid,
        address=address,
    )


def confirm_through_the_pages(client, content: bytes, capture, *, only_valid=False):
    """Upload, then confirm with the transaction committed (the task runs in-process, as under `make run`)."""
    preview = preview_page(client, content, capture)
    data = {"token": preview.context["preview"].token} | ({"only_valid": "on"} if only_valid else {})
    with capture(execute=True):
        response = client.post(reverse("register_import_apply", kwargs={"kind": "deputies"}), data)
    return response


def test_a_confirmed_import_runs_as_a_job_whose_page_shows_the_outcome(
    login, alice, group, django_capture_on_commit_callbacks
):
    client = login(alice)
    response = confirm_through_the_pages(client, sheet_of(3, group), django_capture_on_commit_callbacks)
    job = Job.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("job_detail", kwargs={"pk": job.pk})
    assert (job.status, job.total, job.done) == (JobStatus.DONE, 3, 3)
    assert job.result == {"new": 3, "update": 0, "unchanged": 0, "skipped_errors": 0}
    assert Deputy.objects.count() == 3
    page = client.get(response["Location"])
    text = page.content.decode()
    assert "导入完成：新增 3 条" in text
    assert 'data-job-status="done"' in text and "hx-trigger" not in text  # nothing left to poll for
    assert f'href="{reverse("deputy_list")}"' in text


def test_the_uploaded_file_leaves_the_job_once_it_ended(alice, group, town_a, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = start_job(town_a, alice, sheet_of(2, group))
    job.refresh_from_db()
    assert job.status == JobStatus.DONE
    assert bytes(job.payload) == b""  # a register sheet holds personal data


def test_a_second_click_on_the_confirmation_starts_no_second_job(
    login, alice, group, django_capture_on_commit_callbacks
):
    client = login(alice)
    preview = preview_page(client, sheet_of(2, group), django_capture_on_commit_callbacks)
    apply = reverse("register_import_apply", kwargs={"kind": "deputies"})
    token = preview.context["preview"].token
    with django_capture_on_commit_callbacks(execute=True):
        client.post(apply, {"token": token})
        again = client.post(apply, {"token": token})
    assert again["Location"] == reverse("register_import", kwargs={"kind": "deputies"})
    assert Job.objects.count() == 1
    assert Deputy.objects.count() == 2


def test_the_job_writes_its_progress_every_hundred_rows(alice, group, town_a):
    job = start_job(town_a, alice, sheet_of(250, group))
    with CaptureQueriesContext(connection) as queries:
        assert register_import_run(job_id=job.pk)
    written = [
        int(match.group(1))
        for query in queries.captured_queries
        if (match := re.search(r'UPDATE "congress_job" SET "done" = (\d+)', query["sql"]))
    ]
    assert written == [100, 200, 250]
    job.refresh_from_db()
    assert (job.status, job.total, job.done) == (JobStatus.DONE, 250, 250)


def test_the_audit_trail_names_who_confirmed_the_import_and_from_where(alice, group, town_a):
    job = start_job(town_a, alice, sheet_of(2, group), address="10.0.0.5")
    register_import_run(job_id=job.pk)  # as a worker runs it: no request around
    history = Deputy.history.all()
    assert history.count() == 2
    assert {(row.history_user, row.history_ip) for row in history} == {(alice, "10.0.0.5")}


def test_a_sheet_with_errors_fails_the_job_naming_the_rows_and_imports_nothing(
    login, alice, group, django_capture_on_commit_callbacks
):
    client = login(alice)
    response = confirm_through_the_pages(client, sheet_of(5, group, bad_rows=(3,)), django_capture_on_commit_callbacks)
    job = Job.objects.get()
    assert job.status == JobStatus.FAILED
    assert "未导入任何数据" in job.message
    assert len(job.errors) == 1 and "第 5 行" in job.errors[0] and "联系电话" in job.errors[0]
    assert not Deputy.objects.exists()
    text = client.get(response["Location"]).content.decode()
    assert 'data-job-status="failed"' in text and "第 5 行" in text
    assert f'href="{reverse("register_import", kwargs={"kind": "deputies"})}"' in text


def test_only_the_valid_rows_are_imported_when_chosen_and_the_others_are_named(
    alice, group, town_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        job = start_job(town_a, alice, sheet_of(4, group, bad_rows=(1,)), only_valid=True)
    job.refresh_from_db()
    assert job.status == JobStatus.DONE
    assert job.result == {"new": 3, "update": 0, "unchanged": 0, "skipped_errors": 1}
    assert "第 3 行" in job.errors[0]
    assert (job.total, job.done) == (3, 3)  # the second pass, over the valid rows
    assert Deputy.objects.count() == 3


def test_a_failure_after_the_rows_were_written_rolls_them_back(alice, group, town_a, monkeypatch):
    with translation.override("en"):
        job = start_job(town_a, alice, sheet_of(3, group))

    def broken(**kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr("deputies.services.import_jobs.job_finish", broken)
    register_import_run(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert "nothing was imported" in job.message
    assert not Deputy.objects.exists()


def test_a_job_runs_once(alice, group, town_a):
    job = start_job(town_a, alice, sheet_of(2, group))
    assert register_import_run(job_id=job.pk)
    finished = Job.objects.values_list("finished_at", flat=True).get(pk=job.pk)
    assert not register_import_run(job_id=job.pk)  # the message delivered again: nothing to do
    assert Job.objects.values_list("finished_at", flat=True).get(pk=job.pk) == finished
    assert Deputy.objects.count() == 2


def test_a_job_held_by_a_live_worker_is_not_taken_twice(alice, group, town_a):
    job = start_job(town_a, alice, sheet_of(2, group))
    Job.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING, started_at=timezone.now())
    assert not register_import_run(job_id=job.pk)
    assert not Deputy.objects.exists()


def test_a_job_whose_worker_died_is_taken_up_again(alice, group, town_a):
    job = start_job(town_a, alice, sheet_of(2, group))
    Job.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING, started_at=timezone.now() - timedelta(hours=1))
    assert register_import_run(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == JobStatus.DONE
    assert Deputy.objects.count() == 2


def test_the_outcome_is_written_in_the_language_of_the_user_who_started_it(alice, group, town_a):
    with translation.override("en"):
        job = start_job(town_a, alice, sheet_of(2, group, bad_rows=(0,)))
    register_import_run(job_id=job.pk)
    job.refresh_from_db()
    assert job.message.startswith("Some rows have errors")
    assert job.errors[0].startswith("Row 2")


@pytest.mark.django_db(transaction=True)
def test_the_progress_is_seen_by_others_while_the_import_is_still_open(town_a, alice, group, monkeypatch):
    """On PostgreSQL the count is committed through a connection of its own while the import's transaction is
    open; the page, reading from another connection, sees it move."""
    if connection.vendor == "sqlite":
        pytest.skip("SQLite allows one writer at a time: the count shows once the import commits")
    monkeypatch.setattr("deputies.services.import_jobs.job_enqueue", lambda **kwargs: None)  # run below, watched
    job = start_job(town_a, alice, sheet_of(250, group))  # outside a transaction: committed at once
    reader = connection.copy()
    seen = []
    write = JobProgress._write

    def watched(self, **values):
        write(self, **values)
        with reader.cursor() as cursor:
            cursor.execute('SELECT "done", "total" FROM "congress_job" WHERE "id" = %s', [job.pk])
            seen.append(cursor.fetchone())

    monkeypatch.setattr(JobProgress, "_write", watched)
    try:
        assert register_import_run(job_id=job.pk)
    finally:
        reader.close()
    assert seen == [(0, 250), (100, 250), (200, 250), (250, 250)]
