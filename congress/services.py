"""Writes of the organisation core: the notification outbox and its delivery; background jobs."""

import logging
import secrets
from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.mail import send_mail
from django.db import IntegrityError, connections, router, transaction
from django.db.models import F, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from congress.models import Job, JobStatus, Notification, NotificationStatus, PasswordState, Role, Township
from congress.selectors import members_of
from congress.sms import get_sms_backend

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
# A claim older than this belongs to a worker that died mid-send: the row is taken up again.
STALE_CLAIM = timedelta(minutes=10)


def notification_create(
    *,
    recipient: AbstractBaseUser,
    key: str,
    subject: str,
    body: str = "",
    url: str = "",
    township: Township | None = None,
    phone: str = "",
) -> Notification | None:
    """Put a message in the outbox once per key; call it inside the transaction of the change it reports."""
    with transaction.atomic():
        try:
            with transaction.atomic():
                notification = Notification.objects.create(
                    recipient=recipient,
                    key=key,
                    subject=subject[:200],
                    body=body,
                    url=url,
                    township=township,
                    phone=phone,
                )
        except IntegrityError:
            # The same event was already reported (a job ran twice): nothing new to say.
            return None
        transaction.on_commit(lambda: _enqueue_delivery(notification.pk))
    return notification


def notify_deputy(deputy, *, key: str, subject: str, body: str = "", url: str = "") -> Notification | None:
    """Tell a deputy of their own business: in their inbox, and by text message to their phone."""
    if not deputy.user_id:
        return None
    return notification_create(
        recipient=deputy.user,
        key=key,
        subject=subject,
        body=body,
        url=url,
        township=deputy.township,
        phone=deputy.phone,
    )


def notify_members(
    *, township: Township, roles: Iterable[str], key: str, subject: str, body: str = "", url: str = ""
) -> int:
    """Tell every member of the town in `roles` once; each one's key is `key` and their user id. Returns how
    many messages are new."""
    sent = 0
    for membership in members_of(township=township, roles=roles):
        created = notification_create(
            recipient=membership.user,
            key=f"{key}:{membership.user_id}",
            subject=subject,
            body=body,
            url=url,
            township=township,
        )
        sent += created is not None
    return sent


def notify_office(*, township: Township, key: str, subject: str, body: str = "", url: str = "") -> int:
    """Tell the town's congress office (every office login) once per key."""
    return notify_members(township=township, roles=[Role.OFFICE], key=key, subject=subject, body=body, url=url)


def _enqueue_delivery(notification_id: int) -> None:
    from congress.tasks import deliver_notification

    try:
        deliver_notification.delay(notification_id)
    except Exception:
        # The broker is down: the row stays pending and the periodic sweep delivers it later.
        logger.warning("Could not enqueue delivery of notification %s; the sweep will retry.", notification_id)


def notification_deliver(*, notification_id: int) -> bool:
    """Send one pending message by email and text; claim it first so two workers never both send it."""
    now = timezone.now()
    claimed = Notification.objects.filter(
        Q(status=NotificationStatus.PENDING) | Q(status=NotificationStatus.SENDING, claimed_at__lt=now - STALE_CLAIM),
        pk=notification_id,
    ).update(status=NotificationStatus.SENDING, claimed_at=now)
    if claimed != 1:
        return False
    notification = Notification.objects.select_related("recipient").get(pk=notification_id)
    try:
        email = notification.recipient.email
        if email:
            text = notification.body
            if notification.url:
                text = f"{text}\n\n{notification.url}".strip()
            send_mail(notification.subject, text, settings.DEFAULT_FROM_EMAIL, [email])
        if notification.phone:
            get_sms_backend().send(phone=notification.phone, text=f"{notification.subject} {notification.body}".strip())
    except Exception as exc:  # any delivery failure is recorded and retried, never lost
        attempts = notification.attempts + 1
        Notification.objects.filter(pk=notification_id).update(
            status=NotificationStatus.FAILED if attempts >= MAX_ATTEMPTS else NotificationStatus.PENDING,
            attempts=attempts,
            last_error=str(exc)[:2000],
        )
        logger.exception("Delivery of notification %s failed (attempt %s)", notification_id, attempts)
        return False
    Notification.objects.filter(pk=notification_id).update(
        status=NotificationStatus.SENT, sent_at=timezone.now(), attempts=notification.attempts + 1
    )
    return True


def notifications_deliver_pending(*, limit: int = 500) -> int:
    """Deliver what waits in the outbox (the sweep behind every enqueue); returns how many were sent."""
    stale = timezone.now() - STALE_CLAIM
    ids = list(
        Notification.objects.filter(
            Q(status=NotificationStatus.PENDING) | Q(status=NotificationStatus.SENDING, claimed_at__lt=stale)
        )
        .order_by("created_at")
        .values_list("pk", flat=True)[:limit]
    )
    return sum(notification_deliver(notification_id=pk) for pk in ids)


def notification_mark_read(*, user: AbstractBaseUser, notification_id: int | None = None) -> int:
    """Mark one of the user's messages, or all of them, as read; returns how many changed."""
    rows = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if notification_id is not None:
        rows = rows.filter(pk=notification_id)
    return rows.update(read_at=timezone.now())


def notification_settle(*, keys: list[str]) -> int:
    """Mark the messages with these keys read: what they asked for has been done (their recipient did it)."""
    return Notification.objects.filter(key__in=keys, read_at__isnull=True).update(read_at=timezone.now())


# Letters and digits no one misreads on a printed slip or a phone's screen: no 0/O, 1/l/I.
READABLE = "23456789abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ"


def initial_password(length: int = 8) -> str:
    """A random password for a login someone else makes: handed out once, changed at the first login."""
    while True:
        password = "".join(secrets.choice(READABLE) for _ in range(length))
        if any(c.isdigit() for c in password) and any(c.isalpha() for c in password):
            return password


def password_state_record(*, user: AbstractBaseUser) -> None:
    """Remember that the user's current password is one they chose themselves (after they change it)."""
    PasswordState.objects.update_or_create(
        user=user, defaults={"own_password": user.password, "changed_at": timezone.now()}
    )


def password_change(*, user: AbstractBaseUser, raw_password: str) -> None:
    """Set the password the user chose themselves, and remember that it is their own, in one transaction."""
    with transaction.atomic():
        user.set_password(raw_password)
        user.save()
        password_state_record(user=user)


# --- Background jobs ------------------------------------------------------------------------------------

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
