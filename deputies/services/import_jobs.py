"""The register import as a background job: the confirmed preview's file handed to a job, and the job's run,
whose page shows the progress. The whole import and the job's outcome are one transaction, or nothing."""

import logging
from dataclasses import asdict

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from congress.audit import changes_made_by
from congress.models import Job, JobKind, Township
from congress.services import JobProgress, job_claim, job_create, job_enqueue, job_fail, job_finish
from deputies.resources.township import ImportChoices
from deputies.services.imports import (
    KINDS,
    ImportKind,
    preview_discard,
    preview_file_path,
    preview_sheet,
    register_import_write,
)
from deputies.spreadsheets import SheetError, sheet_dump, sheet_load

logger = logging.getLogger(__name__)

# Where each kind of import leads once done: the list it filled.
IMPORT_DONE = {
    "deputies": "deputy_list",
    "large-groups": "group_list",
    "small-groups": "group_list",
    "stations": "station_list",
    "units": "department_list",
}


def register_import_start(
    *,
    kind: ImportKind,
    township: Township,
    user,
    token: str,
    filename: str,
    only_valid: bool,
    choices: ImportChoices | None = None,
    address: str | None = None,
) -> Job:
    """Hand the previewed file to a background job that imports it, started once the job is saved."""
    from deputies.tasks import run_register_import

    # The job carries the sheet the preview read (parsed once), else the file to read it from.
    sheet = preview_sheet(token=token)
    if sheet is not None:
        content = sheet_dump(sheet)
    else:
        with default_storage.open(preview_file_path(token), "rb") as stored:
            content = stored.read()
    with transaction.atomic():
        job = job_create(
            township=township,
            user=user,
            address=address,
            kind=JobKind.REGISTER_IMPORT,
            title=_("Import %(what)s") % {"what": kind.label},
            params={
                "kind": kind.slug,
                "only_valid": only_valid,
                "choices": asdict(choices or ImportChoices()),
                "read": sheet is not None,
            },
            payload=content,
            filename=filename,
            done_url=reverse(IMPORT_DONE[kind.slug]),
            retry_url=reverse("register_import", kwargs={"kind": kind.slug}),
        )
        job_enqueue(job=job, task=run_register_import)
    # The file now lives in the job: a second click on the confirmation finds it gone, not a second import.
    preview_discard(township=township, token=token)
    return job


def register_import_run(*, job_id: int) -> bool:
    """Run a register import job: the whole import and the job's outcome in one transaction, or nothing and
    the job failed with the reason; False if the job was not there to take (another worker has it, or it ended)."""
    if not job_claim(job_id=job_id):
        return False
    job = Job.objects.select_related("township", "user").get(pk=job_id)
    progress = JobProgress(job_id=job.pk)
    language = job.language or settings.LANGUAGE_CODE
    with translation.override(language), changes_made_by(user=job.user, address=job.address):
        try:
            read = job.params.get("read", False)
            upload = None if read else SimpleUploadedFile(job.filename or "upload.xlsx", bytes(job.payload))
            kind = KINDS[job.params["kind"]]
            with transaction.atomic():
                outcome = register_import_write(
                    kind=kind,
                    township=job.township,
                    upload=upload,
                    only_valid=job.params.get("only_valid", False),
                    choices=ImportChoices(**job.params.get("choices", {})),
                    progress=progress,
                    sheet=sheet_load(bytes(job.payload)) if read else None,
                )
                job_finish(job_id=job.pk, message=outcome.summary, result=outcome.totals, errors=outcome.errors)
        except SheetError as error:
            job_fail(job_id=job.pk, message=str(error), errors=getattr(error, "errors", []))
        except SoftTimeLimitExceeded:
            job_fail(job_id=job.pk, message=_("The import took too long and was stopped; nothing was imported."))
        except Exception:
            logger.exception("Register import job %s failed", job.pk)
            job_fail(
                job_id=job.pk,
                message=_(
                    "The import stopped on an error of the system; nothing was imported. Try again, and tell the "
                    "administrator if it happens again."
                ),
            )
        finally:
            progress.close()
    return True
