"""Delivery of the outbox: texts through the SMS backend and emails, in working hours and within the town's
daily cap; temporary failures tried again later, the provider's delivery reports recorded."""

import logging
from collections.abc import Iterable
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from congress.errors import RuleViolation
from congress.messages import message_text
from congress.models import (
    Notification,
    NotificationStatus,
    Township,
)
from congress.services.notifications import _enqueue_delivery, absolute_url, notify_office
from congress.sms import SentText, SmsError, SmsReport, get_sms_backend, mainland_mobile

logger = logging.getLogger(__name__)

# A text the provider could not take for a passing reason is tried at most this often, the waits between
# the tries growing: the third try comes about 50 minutes after the first.
MAX_ATTEMPTS = 3
RETRY_AFTER = (timedelta(minutes=10), timedelta(minutes=40))
# A claim older than this belongs to a worker that died mid-send: the row is taken up again.
STALE_CLAIM = timedelta(minutes=10)
# Delivery reports are asked for texts taken this recently, at most this many a pull (every 10 minutes).
REPORT_WINDOW = timedelta(hours=48)
REPORT_BATCH = 200


def _quiet_until(now: datetime) -> datetime | None:
    """The end of the quiet hours when `now` falls in them (local time), else None."""
    local = timezone.localtime(now)
    start, end = settings.SMS_QUIET_FROM, settings.SMS_QUIET_UNTIL
    hour = local.hour
    quiet = (start <= hour or hour < end) if start > end else (start <= hour < end)
    if not quiet:
        return None
    until = local.replace(hour=end, minute=0, second=0, microsecond=0)
    if until <= local:
        until += timedelta(days=1)
    return until


def _cap_reached(notification: Notification, now) -> bool:
    """Whether the town has already sent its day's cap of texts (the office is told once a day)."""
    if notification.township_id is None:
        return False
    day_start = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
    texted = Notification.objects.filter(township_id=notification.township_id, texted_at__gte=day_start).count()
    if texted < settings.SMS_DAILY_CAP:
        return False
    notify_office(
        township=notification.township,
        key=f"sms-cap:{notification.township_id}:{day_start:%Y-%m-%d}",
        subject=_("Today's %(cap)s text messages are used up: the rest will be sent tomorrow from %(hour)s:00")
        % {"cap": settings.SMS_DAILY_CAP, "hour": f"{settings.SMS_QUIET_UNTIL:02d}"},
        url=reverse("message_record"),
    )
    return True


def _hold(notification_id: int, until) -> None:
    Notification.objects.filter(pk=notification_id).update(
        status=NotificationStatus.PENDING, claimed_at=None, not_before=until
    )


def notification_deliver(*, notification_id: int, now=None) -> bool:
    """Send one waiting message by text and email; claim it first so two workers never both send it. Outside
    quiet hours and the town's daily cap only, unless urgent; a temporary failure is tried again later."""
    now = now or timezone.now()
    claimed = Notification.objects.filter(
        Q(status=NotificationStatus.PENDING) | Q(status=NotificationStatus.SENDING, claimed_at__lt=now - STALE_CLAIM),
        Q(not_before__isnull=True) | Q(not_before__lte=now),
        pk=notification_id,
    ).update(status=NotificationStatus.SENDING, claimed_at=now)
    if claimed != 1:
        return False
    notification = Notification.objects.select_related("recipient", "township").get(pk=notification_id)
    text_due = bool(notification.phone) and notification.texted_at is None
    if text_due and not notification.urgent:
        until = _quiet_until(now)
        if until is None and _cap_reached(notification, now):
            until = _next_morning(now)
        if until is not None:
            _hold(notification_id, until)
            return False
    try:
        if text_due:
            _send_text(notification, now)
        email = notification.recipient.email if notification.recipient_id else ""
        if email and notification.mailed_at is None:
            text = notification.body
            if notification.url:
                text = f"{text}\n\n{absolute_url(notification.url)}".strip()
            send_mail(notification.subject, text, settings.DEFAULT_FROM_EMAIL, [email])
            Notification.objects.filter(pk=notification_id).update(mailed_at=timezone.now())
    except Exception as exc:  # any delivery failure is recorded and retried, never lost
        _record_failure(notification, exc, now)
        return False
    Notification.objects.filter(pk=notification_id).update(
        status=NotificationStatus.SENT,
        sent_at=timezone.now(),
        attempts=notification.attempts + 1,
        last_error="",
        error_code="",
        not_before=None,
    )
    return True


def _next_morning(now):
    local = timezone.localtime(now)
    return (local + timedelta(days=1)).replace(hour=settings.SMS_QUIET_UNTIL, minute=0, second=0, microsecond=0)


def _send_text(notification: Notification, now) -> None:
    mobile = mainland_mobile(notification.phone)
    if not mobile:
        raise SmsError(
            "InvalidNumber",
            _("%(phone)s is not a mainland mobile number.") % {"phone": notification.phone},
            permanent=True,
        )
    kind, params, text = message_text(kind=notification.kind, params=notification.params, subject=notification.subject)
    provider_id = get_sms_backend().send(phone=mobile, kind=kind, params=params, text=text)
    Notification.objects.filter(pk=notification.pk).update(texted_at=timezone.now(), provider_id=provider_id or "")


def _record_failure(notification: Notification, exc: Exception, now) -> None:
    attempts = notification.attempts + 1
    permanent = isinstance(exc, SmsError) and exc.permanent
    final = permanent or attempts >= MAX_ATTEMPTS
    retry_at = None if final else now + RETRY_AFTER[min(attempts, len(RETRY_AFTER)) - 1]
    Notification.objects.filter(pk=notification.pk).update(
        status=NotificationStatus.FAILED if final else NotificationStatus.PENDING,
        attempts=attempts,
        last_error=(exc.message if isinstance(exc, SmsError) else str(exc))[:2000],
        error_code=exc.code[:100] if isinstance(exc, SmsError) else type(exc).__name__[:100],
        not_before=retry_at,
        claimed_at=None,
    )
    logger.warning("Delivery of notification %s failed (attempt %s): %s", notification.pk, attempts, exc)
    if retry_at is not None:
        transaction.on_commit(lambda: _enqueue_delivery(notification.pk, countdown=(retry_at - now).total_seconds()))


def notifications_deliver_pending(*, limit: int = 500, now=None) -> int:
    """Deliver what waits in the outbox and is due (the sweep behind every enqueue); returns how many were sent."""
    now = now or timezone.now()
    stale = now - STALE_CLAIM
    ids = list(
        Notification.objects.filter(
            Q(status=NotificationStatus.PENDING) | Q(status=NotificationStatus.SENDING, claimed_at__lt=stale),
            Q(not_before__isnull=True) | Q(not_before__lte=now),
        )
        .order_by("created_at")
        .values_list("pk", flat=True)[:limit]
    )
    return sum(notification_deliver(notification_id=pk, now=now) for pk in ids)


def notification_resend(*, township: Township, notification_id: int) -> Notification:
    """The office sends a failed message again: it waits for delivery as if new, its tries counted afresh."""
    with transaction.atomic():
        changed = Notification.objects.filter(
            pk=notification_id, township=township, status=NotificationStatus.FAILED
        ).update(
            status=NotificationStatus.PENDING,
            attempts=0,
            not_before=None,
            claimed_at=None,
            last_error="",
            error_code="",
        )
        if changed != 1:
            raise RuleViolation(_("Only a message that failed can be sent again."))
        transaction.on_commit(lambda: _enqueue_delivery(notification_id))
    return Notification.objects.get(pk=notification_id)


def notifications_apply_reports(*, reports: Iterable[SmsReport]) -> int:
    """Record what the provider says became of the texts it took: delivered, or failed with its reason."""
    changed = 0
    for report in reports:
        rows = Notification.objects.filter(provider_id=report.provider_id).exclude(provider_id="")
        if report.delivered:
            changed += rows.exclude(status=NotificationStatus.DELIVERED).update(
                status=NotificationStatus.DELIVERED, delivered_at=report.at or timezone.now()
            )
        else:
            changed += rows.update(
                status=NotificationStatus.FAILED, error_code=report.code[:100], last_error=report.message[:2000]
            )
    return changed


def sms_reports_pull(*, now=None) -> int:
    """Ask the provider for delivery reports and record them (periodic). A provider asked text by text is
    given the texts it took in the last REPORT_WINDOW that have no report yet, the oldest first."""
    now = now or timezone.now()
    rows = (
        Notification.objects.filter(status=NotificationStatus.SENT, texted_at__gte=now - REPORT_WINDOW)
        .exclude(provider_id="")
        .order_by("texted_at", "pk")
        .values_list("provider_id", "phone", "texted_at")[:REPORT_BATCH]
    )
    pending = [SentText(provider_id, mainland_mobile(phone), texted_at) for provider_id, phone, texted_at in rows]
    return notifications_apply_reports(reports=get_sms_backend().reports(pending))
