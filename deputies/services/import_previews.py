"""The check of an uploaded register sheet (the preview) as a background job: the request only keeps the file and
starts the job, whose page shows the progress and then leads to the preview; the preview's file is removed when
the import is confirmed, cancelled, or left for IMPORT_FILE_HOURS."""

import logging
from dataclasses import asdict
from datetime import timedelta

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from congress.models import Job, JobKind, Township
from congress.services import JobProgress, job_claim, job_create, job_enqueue, job_fail, job_finish
from deputies.resources.plan import NewGroup
from deputies.resources.preview import Cell, Preview, PreviewRow
from deputies.selectors.register import large_group_choices
from deputies.services.imports import (
    KINDS,
    UPLOAD_FOLDER,
    ImportKind,
    preview_discard,
    preview_file_delete,
    preview_file_keep,
    register_import_preview,
)
from deputies.spreadsheets import SheetError

logger = logging.getLogger(__name__)


def register_preview_start(*, kind: ImportKind, township: Township, user, upload, address: str | None = None) -> Job:
    """Keep an uploaded sheet and start the job that checks each of its rows; the job's page shows the preview."""
    from deputies.tasks import run_register_preview

    token = preview_file_keep(upload=upload)
    with transaction.atomic():
        job = job_create(
            township=township,
            user=user,
            address=address,
            kind=JobKind.REGISTER_PREVIEW,
            title=_("Check %(what)s to import") % {"what": kind.label},
            params={"kind": kind.slug, "token": token},
            payload=upload.read(),
            filename=upload.name or "",
            retry_url=reverse("register_import", kwargs={"kind": kind.slug}),
        )
        job.done_url = f"{job.retry_url}?job={job.pk}"
        job.save(update_fields=["done_url"])
        job_enqueue(job=job, task=run_register_preview)
    return job


def register_preview_run(*, job_id: int) -> bool:
    """Run a preview job: the dry run of every row (rolled back), its outcome kept on the job for the preview
    page; False if the job was not there to take."""
    if not job_claim(job_id=job_id):
        return False
    job = Job.objects.select_related("township").get(pk=job_id)
    progress = JobProgress(job_id=job.pk)
    token = job.params["token"]
    with translation.override(job.language or settings.LANGUAGE_CODE):
        try:
            upload = SimpleUploadedFile(job.filename or "upload.xlsx", bytes(job.payload))
            kind = KINDS[job.params["kind"]]
            preview = register_import_preview(
                kind=kind, township=job.township, upload=upload, token=token, progress=progress
            )
            job_finish(job_id=job.pk, message=_("The file was checked."), result=preview_dump(preview), errors=[])
        except SheetError as error:
            preview_file_delete(token=token)
            job_fail(job_id=job.pk, message=str(error))
        except SoftTimeLimitExceeded:
            preview_file_delete(token=token)
            job_fail(job_id=job.pk, message=_("Checking the file took too long and was stopped. Split the file."))
        except Exception:
            logger.exception("Register preview job %s failed", job.pk)
            preview_file_delete(token=token)
            job_fail(job_id=job.pk, message=_("Checking the file stopped on an error of the system. Try again."))
        finally:
            progress.close()
    return True


def preview_dump(preview: Preview) -> dict:
    """A preview as the job keeps it (JSON): what the preview page shows, without the town's own choices."""
    return {
        "token": preview.token,
        "filename": preview.filename,
        "columns": preview.columns,
        "rows": [asdict(row) for row in preview.rows],
        "new_small_groups": [asdict(group) for group in preview.new_small_groups],
        "new_large_groups": preview.new_large_groups,
        "needs_large_group": preview.needs_large_group,
        "new_sectors": preview.new_sectors,
        "term_note": preview.term_note,
        "current_term": preview.current_term,
    }


def preview_load(*, kind: ImportKind, township: Township, data: dict) -> Preview:
    """The preview a job kept, with the town's large groups to choose from read now."""
    rows = [
        PreviewRow(
            file_row=row["file_row"],
            outcome=row["outcome"],
            cells=[Cell(**cell) for cell in row["cells"]],
            messages=row["messages"],
        )
        for row in data["rows"]
    ]
    return Preview(
        kind=kind,
        token=data["token"],
        filename=data["filename"],
        columns=data["columns"],
        rows=rows,
        new_small_groups=[NewGroup(**group) for group in data["new_small_groups"]],
        new_large_groups=data["new_large_groups"],
        needs_large_group=data["needs_large_group"],
        large_groups=large_group_choices(township=township) if data["needs_large_group"] else [],
        new_sectors=data["new_sectors"],
        term_note=data["term_note"],
        current_term=data["current_term"],
    )


def register_import_cancel(*, township: Township, token: str) -> None:
    """The office gave up the previewed sheet: its file and its preview are removed at once."""
    preview_discard(township=township, token=token)


def import_files_prune() -> int:
    """Remove the uploaded sheets and the preview jobs older than IMPORT_FILE_HOURS; the number of files removed."""
    cutoff = timezone.now() - timedelta(hours=settings.IMPORT_FILE_HOURS)
    removed = 0
    try:
        _folders, names = default_storage.listdir(UPLOAD_FOLDER)
    except FileNotFoundError:
        names = []
    for name in names:
        path = f"{UPLOAD_FOLDER}/{name}"
        if default_storage.get_modified_time(path) < cutoff:
            default_storage.delete(path)
            removed += 1
    # A finished preview job keeps the sheet's rows for its page; one whose worker died keeps the file itself.
    with transaction.atomic():
        Job.objects.filter(kind=JobKind.REGISTER_PREVIEW, created_at__lt=cutoff).delete()
    return removed
