"""Background jobs: recorded, claimed once, their progress and outcome written for the page polling them."""

import logging
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import connections, router, transaction
from django.db.models import F, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from congress.models import (
    Job,
    JobStatus,
    Township,
)

logger = logging.getLogger(__name__)


# A job still marked running this long after it started lost its worker (the hard time limit stops any task
# sooner): the message that Redis gives back to another worker may take it up again.
JOB_STALE_AFTER = timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 60)


def job_create(
    *,
    township: Township,
    user: AbstractBaseUser,
    address: str | None = None,
    kind: str,
    title: str,
    params: dict | None = None,
    payload: bytes = b"",
    filename: str = "",
    done_url: str = "",
    retry_url: str = "",
) -> Job:
    """Record a job to run in the background; its messages will be in the language active now."""
    return Job.objects.create(
        township=township,
        user=user,
        address=address,
        kind=kind,
        title=title[:200],
        language=translation.get_language() or settings.LANGUAGE_CODE,
        params=params or {},
        payload=payload,
        filename=filename[:200],
        done_url=done_url,
        retry_url=retry_url,
    )


def job_enqueue(*, job: Job, task) -> None:
    """Send the job to the workers once the transaction that created it commits (at once when tasks run
    in-process); if the broker cannot be reached, the job fails at once with a message saying so."""

    def send() -> None:
        try:
            task.delay(job.pk)
        except Exception:
            logger.exception("Could not start background job %s", job.pk)
            job_fail(
                job_id=job.pk,
                message=_("The job could not be started, so nothing was changed. Try again in a few minutes."),
            )

    transaction.on_commit(send)


def job_claim(*, job_id: int) -> bool:
    """Take a waiting job (or one whose worker died) for this worker; False when another has it or it ended."""
    now = timezone.now()
    claimed = Job.objects.filter(
        Q(status=JobStatus.QUEUED) | Q(status=JobStatus.RUNNING, started_at__lt=now - JOB_STALE_AFTER),
        pk=job_id,
    ).update(status=JobStatus.RUNNING, started_at=now, done=0)
    return claimed == 1


def job_seconds_until_stale(*, job_id: int) -> float | None:
    """How long until a running job counts as abandoned by its worker; None when it is not running."""
    started = Job.objects.filter(pk=job_id, status=JobStatus.RUNNING).values_list("started_at", flat=True).first()
    if started is None:
        return None
    return max((started + JOB_STALE_AFTER - timezone.now()).total_seconds(), 0) + 1


def job_finish(*, job_id: int, message: str, result: dict, errors: list[str]) -> None:
    """Mark a running job done with its outcome; call it inside the transaction of the work it reports."""
    Job.objects.filter(pk=job_id, status=JobStatus.RUNNING).update(
        status=JobStatus.DONE,
        done=F("total"),
        message=message,
        result=result,
        errors=errors,
        payload=b"",
        finished_at=timezone.now(),
    )


def job_fail(*, job_id: int, message: str, errors: list[str] | None = None) -> None:
    """Mark a job that has not ended as failed, saying why; its uploaded file is dropped."""
    Job.objects.filter(pk=job_id, status__in=[JobStatus.QUEUED, JobStatus.RUNNING]).update(
        status=JobStatus.FAILED,
        message=message,
        errors=errors or [],
        payload=b"",
        finished_at=timezone.now(),
    )


class JobProgress:
    """Writes how many rows of a running job are done, one UPDATE every `every` rows.

    The work runs in one transaction (all or nothing), so a count written in it would show only once it
    commits: the count goes through a second database connection of its own, committed at once, which the
    page polling the job reads. Where that cannot work — SQLite allows one writer at a time, and a job
    claimed inside a transaction still open (the test suite) is invisible to another connection — the count
    is written in the work's own transaction, and the page sees it at the end."""

    def __init__(self, *, job_id: int, every: int = 100) -> None:
        self.job_id = job_id
        self.every = every
        self.total = 0
        self.written = 0
        alias = router.db_for_write(Job)
        self._connection = connections[alias]
        self._own = None
        if self._connection.vendor != "sqlite" and not self._connection.in_atomic_block:
            self._own = self._connection.copy()

    def start(self, total: int) -> None:
        """A pass over `total` rows begins (an import of only the valid rows makes a second pass)."""
        self.total, self.written = total, 0
        self._write(total=total, done=0)

    def __call__(self, done: int) -> None:
        if done - self.written >= self.every or done == self.total:
            self.written = done
            self._write(done=min(done, self.total))

    def close(self) -> None:
        if self._own is not None:
            self._own.close()

    def _write(self, **values: int) -> None:
        db = self._own or self._connection
        quote = db.ops.quote_name
        columns = ", ".join(f"{quote(Job._meta.get_field(name).column)} = %s" for name in values)
        sql = (
            f"UPDATE {quote(Job._meta.db_table)} SET {columns} "  # noqa: S608 (names from the model, quoted)
            f"WHERE {quote(Job._meta.pk.column)} = %s AND {quote(Job._meta.get_field('status').column)} = %s"
        )
        with db.cursor() as cursor:
            cursor.execute(sql, [*values.values(), self.job_id, JobStatus.RUNNING])
