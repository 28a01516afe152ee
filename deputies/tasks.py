"""Background jobs of the register; thin: a job id in, a service call, safe to run twice."""

from celery import shared_task

from congress.services import job_seconds_until_stale
from deputies.services.import_jobs import register_import_run


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
