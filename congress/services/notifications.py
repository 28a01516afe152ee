"""Writes of the notification outbox: one message to one person per event, by text, email and inbox."""

import logging
from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.utils import timezone

from congress.messages import KINDS
from congress.models import (
    Department,
    Membership,
    Notification,
    Role,
    Township,
)
from congress.selectors import members_of
from congress.sms import mainland_mobile, sms_remote

logger = logging.getLogger(__name__)


def notification_create(
    *,
    recipient: AbstractBaseUser | None,
    key: str,
    subject: str,
    body: str = "",
    url: str = "",
    township: Township | None = None,
    phone: str = "",
    name: str = "",
    kind: str = "general",
    params: dict | None = None,
    urgent: bool = False,
) -> Notification | None:
    """Put a message to one person in the outbox once per key; call it inside the transaction of the change it
    reports. The person's inbox gets it when `recipient` is a login; their mobile gets a text when `phone` is
    a mainland mobile. `kind` and `params` fill the provider's template (congress/messages.py); `urgent`
    sends the text in quiet hours too (that morning's duty)."""
    if recipient is None and not phone:
        return None
    if kind not in KINDS:
        raise ValueError(f"Unknown message kind {kind!r}")
    with transaction.atomic():
        try:
            with transaction.atomic():
                notification = Notification.objects.create(
                    recipient=recipient,
                    recipient_name=(name or _login_name(recipient))[:100],
                    key=key,
                    kind=kind,
                    params=params if params is not None else {"subject": subject},
                    subject=subject[:200],
                    body=body,
                    url=url,
                    township=township,
                    phone=phone,
                    urgent=urgent,
                )
        except IntegrityError:
            # The same event was already reported (a job ran twice): nothing new to say.
            return None
        transaction.on_commit(lambda: _enqueue_delivery(notification.pk))
    return notification


def _login_name(user: AbstractBaseUser | None) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def notify_person(
    *,
    name: str,
    phone: str,
    user: AbstractBaseUser | None,
    township: Township | None,
    key: str,
    subject: str,
    body: str = "",
    url: str = "",
    kind: str = "general",
    params: dict | None = None,
    urgent: bool = False,
) -> Notification | None:
    """Tell a person of the register (a deputy, a leader, a unit's contact): by text to their mobile whether or
    not they have a login, and in their inbox when they have one."""
    return notification_create(
        recipient=user,
        key=key,
        subject=subject,
        body=body,
        url=url,
        township=township,
        phone=phone,
        name=name,
        kind=kind,
        params=params,
        urgent=urgent,
    )


def notify_deputy(
    deputy,
    *,
    key: str,
    subject: str,
    body: str = "",
    url: str = "",
    kind: str = "general",
    params: dict | None = None,
    urgent: bool = False,
    text: bool = True,
) -> Notification | None:
    """Tell a deputy of their own business: by text to the mobile in the register (unless `text` is False), and
    in their inbox when they have a login."""
    return notify_person(
        name=deputy.name,
        phone=deputy.phone if text else "",
        user=deputy.user if deputy.user_id else None,
        township=deputy.township,
        key=key,
        subject=subject,
        body=body,
        url=url,
        kind=kind,
        params=params,
        urgent=urgent,
    )


def notify_members(
    *, township: Township, roles: Iterable[str], key: str, subject: str, body: str = "", url: str = ""
) -> int:
    """Tell every member of the town in `roles` once, in their inbox; each one's key is `key` and their user id.
    Returns how many messages are new."""
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


def notify_unit(
    department: Department, *, key: str, subject: str, body: str = "", url: str = "", phone: str = ""
) -> int:
    """Tell a handling unit: every login of its staff in their inbox, and one text to `phone` (the person
    responsible for the case) or else the unit's contact phone. Returns how many messages are new."""
    sent = 0
    for membership in Membership.objects.filter(department=department, role=Role.UNIT).select_related("user"):
        created = notification_create(
            recipient=membership.user,
            key=f"{key}:{membership.user_id}",
            subject=subject,
            body=body,
            url=url,
            township=department.township,
        )
        sent += created is not None
    to = phone or department.phone
    if mainland_mobile(to):
        created = notification_create(
            recipient=None,
            key=f"{key}:text",
            subject=subject,
            body=body,
            url=url,
            township=department.township,
            phone=to,
            name=department.contact_person or department.name,
            params={"subject": f"{department.name}：{subject}"},
        )
        sent += created is not None
    return sent


def absolute_url(url: str) -> str:
    """A link as a text message carries it: the site's address in front of the page's path."""
    if not url or url.startswith(("http://", "https://")):
        return url or settings.SITE_URL + "/"
    return settings.SITE_URL + url


def _enqueue_delivery(notification_id: int, countdown: float | None = None) -> None:
    from congress.tasks import deliver_notification

    if settings.CELERY_TASK_ALWAYS_EAGER and sms_remote():
        # No broker: a provider that is slow to answer would hold the page that caused the message. The
        # every-minute delivery job (deliver_notifications) sends it instead.
        return
    try:
        deliver_notification.apply_async((notification_id,), countdown=countdown)
    except Exception:
        # The broker is down: the row stays pending and the periodic sweep delivers it later.
        logger.warning("Could not enqueue delivery of notification %s; the sweep will retry.", notification_id)


def notification_mark_read(*, user: AbstractBaseUser, notification_id: int | None = None) -> int:
    """Mark one of the user's messages, or all of them, as read; returns how many changed."""
    rows = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if notification_id is not None:
        rows = rows.filter(pk=notification_id)
    return rows.update(read_at=timezone.now())


def notification_settle(*, keys: list[str]) -> int:
    """Mark the messages with these keys read: what they asked for has been done (their recipient did it)."""
    return Notification.objects.filter(key__in=keys, read_at__isnull=True).update(read_at=timezone.now())
