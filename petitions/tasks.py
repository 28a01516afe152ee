"""Background jobs of reception duty; thin: each calls one service, and each is safe to run twice."""

from celery import shared_task

from petitions.services.attendance import duty_days_close
from petitions.services.panel import panel_meetings_prepare
from petitions.services.reminders import duty_reminders_send, leave_pending_remind, missing_sign_in_alert
from petitions.services.visits import referral_reminders_send


@shared_task(ignore_result=True)
def close_duty_days() -> int:
    """Mark who neither signed in nor had leave as absent, once the sign-in window has closed."""
    return duty_days_close()


@shared_task(ignore_result=True)
def send_duty_reminders() -> int:
    """Remind each deputy of tomorrow's duty, from the town's reminder time on."""
    return duty_reminders_send()


@shared_task(ignore_result=True)
def remind_pending_leave() -> int:
    """Tell the office how many leave requests wait for a decision."""
    return leave_pending_remind()


@shared_task(ignore_result=True)
def alert_missing_sign_ins() -> int:
    """Tell the office, 15 minutes after the start, who has not signed in."""
    return missing_sign_in_alert()


@shared_task(ignore_result=True)
def remind_referral_deadlines() -> int:
    """Deadline in 3 days, once; overdue, once a week; to the unit and the office."""
    return referral_reminders_send()


@shared_task(ignore_result=True)
def prepare_panel_meetings() -> int:
    """Plan each month's supervision panel meeting; remind its members three days before."""
    return panel_meetings_prepare()
