"""Assess a month for every town and draft the bulletins, as beat does on the 1st: for cron or by hand."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from assessments.services.bulletin import month_assess_all


class Command(BaseCommand):
    help = "Assess last month (or --month YYYY-MM) for every town and draft each town's bulletin."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--month", help="The month to assess, YYYY-MM (default: last month).")

    def handle(self, *args, month: str | None = None, **options) -> None:
        chosen = None
        if month:
            try:
                chosen = date.fromisoformat(f"{month}-01")
            except ValueError:
                raise CommandError(f"--month must look like 2026-10, not {month!r}") from None
        result = month_assess_all(month=chosen)
        self.stdout.write(f"assessed: {result['rows']} deputies; bulletins drafted: {result['bulletins']}")
