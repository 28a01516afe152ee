"""Send the proposal reminders once, as beat does daily: for a machine without a broker (cron) or by hand."""

from django.core.management.base import BaseCommand

from proposals.services.reminders import proposal_overdue_escalate, proposal_reminders_send


class Command(BaseCommand):
    help = (
        "Remind units of reply deadlines and missing meetings, lead deputies of replies awaiting feedback, and "
        "the office and leading leaders of overdue items."
    )

    def handle(self, *args, **options) -> None:
        self.stdout.write(f"sent: {proposal_reminders_send() + proposal_overdue_escalate()}")
