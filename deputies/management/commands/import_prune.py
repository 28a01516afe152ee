"""Remove uploaded register sheets left unconfirmed, as beat does hourly: for cron or by hand."""

from django.conf import settings
from django.core.management.base import BaseCommand

from deputies.services.import_previews import import_files_prune


class Command(BaseCommand):
    help = "Remove uploaded register sheets and their previews older than DJANGO_IMPORT_FILE_HOURS (24)."

    def handle(self, *args, **options) -> None:
        removed = import_files_prune()
        self.stdout.write(f"removed: {removed} (older than {settings.IMPORT_FILE_HOURS} hours)")
