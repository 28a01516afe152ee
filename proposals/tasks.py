"""Background jobs of proposals; thin: one service call, safe to run twice."""

from celery import shared_task

from proposals.services.reminders import proposal_overdue_escalate, proposal_reminders_send


@shared_task(ignore_result=True)
def send_proposal_reminders() -> int:
    """Reply due in 14 and 3 days, overdue weekly (to the office and leading leader too), a missing meeting,
    feedback awaited: each once."""
    return proposal_reminders_send() + proposal_overdue_escalate()
