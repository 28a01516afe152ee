"""Record the SMS provider's delivery reports: the same job beat runs every 10 minutes, for a machine without a
broker."""

from django.core.management.base import BaseCommand

from congress.services import sms_reports_pull


class Command(BaseCommand):
    help = "Ask the SMS provider which texts were delivered or failed, and record it."

    def handle(self, *args, **options) -> None:
        changed = sms_reports_pull()
        self.stdout.write(f"recorded: {changed}")
