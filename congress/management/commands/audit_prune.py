"""Remove audit records older than the retention period, as beat does daily: for cron or by hand."""

from django.conf import settings
from django.core.management.base import BaseCommand

from congress.audit import audit_prune


class Command(BaseCommand):
    help = "Remove login records and record histories older than DJANGO_AUDIT_RETENTION_DAYS (at least 180)."

    def handle(self, *args, **options) -> None:
        removed = audit_prune()
        self.stdout.write(f"removed: {removed} (older than {settings.AUDIT_RETENTION_DAYS} days)")
