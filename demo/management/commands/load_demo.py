"""Build the demo: 大莫古镇 as the article describes it, a second town, and the demo logins."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from demo.activities import build_activities
from demo.assessments import build_assessments
from demo.duty import build_duty
from demo.notices import build_notices
from demo.organisation import DEMO_PASSWORD, build_organisation, demo_deputy_user
from demo.proposals import build_proposals
from demo.register import MAIN_VILLAGES, SECOND_VILLAGES, build_register
from demo.rules import build_rules
from demo.visits import build_panel, build_visits
from deputies.selectors.register import register_counts


class Command(BaseCommand):
    help = "Create (or bring up to date) the demo towns and logins. Refuses to run when debug is off."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--force", action="store_true", help="Run even with debug off (a staging copy, never production)."
        )

    def handle(self, *args, force: bool = False, **options) -> None:
        if not settings.DEBUG and not force:
            raise CommandError(
                "load_demo creates logins with a published password; it runs only with DJANGO_DEBUG=1 "
                "(or --force on a staging copy)."
            )
        # One day for every part, even when the run passes midnight: the demo is built around it.
        today = timezone.localdate()
        with transaction.atomic():
            main, second = build_organisation(
                main_villages=MAIN_VILLAGES, second_villages=SECOND_VILLAGES[:1], today=today
            )
            build_register(main=main.township, second=second.township, deputy_user=demo_deputy_user(), today=today)
            build_rules(township=main.township, today=today)
            build_rules(township=second.township, today=today, full=False)
            for town in (main, second):
                build_duty(township=town.township, today=today)
            build_visits(township=main.township, today=today)
            build_visits(township=second.township, per_year=300, today=today)
            build_panel(township=main.township, today=today)
            for town in (main, second):
                build_activities(township=town.township, today=today)
            build_proposals(township=main.township, today=today)
            build_notices(township=main.township)
            build_assessments(townships=[main.township, second.township], today=today)
        counts = register_counts(township=main.township)
        self.stdout.write(
            self.style.SUCCESS(
                f"{main.township.name}: {counts['deputies']} deputies "
                f"({counts['county_level']} county-level, {counts['town_level']} town-level), "
                f"{counts['large_groups']} large and {counts['small_groups']} small groups, "
                f"{counts['stations']} stations and {counts['contact_points']} contact points."
            )
        )
        self.stdout.write(
            f"Logins (password {DEMO_PASSWORD}): office, leader, deputy, unit, county, "
            f"office2 ({second.township.name})."
        )
