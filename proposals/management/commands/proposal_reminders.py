"""Send the proposal reminders once, as beat does daily: for a machine without a broker (cron) or by hand."""

from django.core.management.base import BaseCommand

from proposals.services.reminders import proposal_reminders_send


class Command(BaseCommand):
    help = "Remind units of reply deadlines and missing meetings, and lead deputies of replies awaiting feedback."

    def handle(self, *args, **options) -> None:
        self.stdout.write(f"sent: {proposal_reminders_send()}")
