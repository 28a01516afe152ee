"""Writes of the organisation core: the notification outbox and its delivery."""

import logging
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from congress.models import Notification, NotificationStatus, PasswordState, Township
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


def password_state_record(*, user: AbstractBaseUser) -> None:
    """Remember that the user's current password is one they chose themselves (after they change it)."""
    PasswordState.objects.update_or_create(
        user=user, defaults={"own_password": user.password, "changed_at": timezone.now()}
    )
