"""Background jobs of the organisation core; thin: ids in, a service call."""

from celery import shared_task

from congress.audit import audit_prune
from congress.services import notification_deliver, notifications_deliver_pending, sms_reports_pull


@shared_task(ignore_result=True)
def deliver_notification(notification_id: int) -> bool:
    """Deliver one message from the outbox."""
    return notification_deliver(notification_id=notification_id)


@shared_task(ignore_result=True)
def deliver_pending_notifications() -> int:
    """Deliver every message still waiting in the outbox (runs every minute)."""
    return notifications_deliver_pending()


@shared_task(ignore_result=True)
def pull_sms_reports() -> int:
    """Record the SMS provider's delivery reports: which texts reached the phone, which failed (every 10 min)."""
    return sms_reports_pull()


@shared_task(ignore_result=True)
def prune_audit() -> int:
    """Remove login records and record histories older than the retention period (daily)."""
    return audit_prune()
