"""Count each town's figures of this month and last as they stand today, as beat does just after midnight."""

from django.core.management.base import BaseCommand

from assessments.selectors.town_months import town_months_count_all


class Command(BaseCommand):
    help = "Count every town's figures of this month and last (kept for the dashboard and the county overview)."

    def handle(self, *args, **options) -> None:
        towns = town_months_count_all()
        self.stdout.write(f"towns counted: {towns}")
