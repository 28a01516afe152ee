"""Run the reception-duty jobs once, as beat would: for a machine without a broker (cron) or by hand."""

from django.core.management.base import BaseCommand, CommandError

from petitions.services.attendance import duty_days_close
from petitions.services.panel import panel_meetings_prepare
from petitions.services.reminders import duty_reminders_send, leave_pending_remind, missing_sign_in_alert
from petitions.services.visits import referral_reminders_send

JOBS = {
    "close": duty_days_close,
    "remind": duty_reminders_send,
    "leave": leave_pending_remind,
    "missing": missing_sign_in_alert,
    "referrals": referral_reminders_send,
    "panel": panel_meetings_prepare,
}


class Command(BaseCommand):
    help = "Run reception jobs: close, remind, leave, missing, referrals, panel (default: all)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("jobs", nargs="*", help="close, remind, leave, missing (default: all)")

    def handle(self, *args, jobs: list[str], **options) -> None:
        unknown = set(jobs) - set(JOBS)
        if unknown:
            raise CommandError(f"unknown jobs: {', '.join(sorted(unknown))}; choose from {', '.join(JOBS)}")
        for name in jobs or JOBS:
            self.stdout.write(f"{name}: {JOBS[name]()}")
