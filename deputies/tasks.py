"""Background jobs of the register; thin: a job id in, a service call, safe to run twice."""

from celery import shared_task

from congress.services import job_seconds_until_stale
from deputies.services.import_jobs import register_import_run
from deputies.services.import_previews import import_files_prune, register_preview_run


@shared_task(bind=True, acks_late=True, ignore_result=True, max_retries=3)
def run_register_import(self, job_id: int) -> bool:
    """Import the sheet of a confirmed register import job, writing its progress and outcome on the job."""
    if register_import_run(job_id=job_id):
        return True
    # The job is marked running: a worker has it, or had it and was killed, and the message came straight back
    # (acks_late with reject_on_worker_lost). Look again once such a claim counts as abandoned.
    wait = job_seconds_until_stale(job_id=job_id)
    if wait is not None:
        raise self.retry(countdown=wait)
    return False


@shared_task(bind=True, acks_late=True, ignore_result=True, max_retries=3)
def run_register_preview(self, job_id: int) -> bool:
    """Check every row of an uploaded register sheet (a dry run), keeping the preview on the job."""
    if register_preview_run(job_id=job_id):
        return True
    wait = job_seconds_until_stale(job_id=job_id)
    if wait is not None:
        raise self.retry(countdown=wait)
    return False


@shared_task(ignore_result=True)
def prune_import_files() -> int:
    """Remove uploaded register sheets never confirmed nor cancelled, and their previews (hourly)."""
    return import_files_prune()
