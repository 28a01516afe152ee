"""Start a real town on a fresh installation: `python manage.py create_town --county 示范县 --county-code shifan
--town 大莫古镇 --code damogu --term 18 --term-start 2021-10-01`. Prints the office's login and a one-time password,
once; the office changes it at the first login, then imports its roster and makes everyone's logins."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from deputies.services.towns import TownError, town_create


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--term-start {value!r} is not a date (YYYY-MM-DD).") from None


class Command(BaseCommand):
    help = "Create a town (and its county the first time), its current term and the office's first login."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--county", required=True, help="the county's name, e.g. 示范县")
        parser.add_argument("--county-code", required=True, help="the county's short code (letters), e.g. shifan")
        parser.add_argument("--town", required=True, help="the town's name, e.g. 大莫古镇")
        parser.add_argument("--code", required=True, help="the town's code in public addresses, e.g. damogu")
        parser.add_argument("--term", type=int, required=True, help="the current term's number, e.g. 18 (第十八届)")
        parser.add_argument("--term-start", default="", help="when the current term began (YYYY-MM-DD); today")
        parser.add_argument("--office-login", default="", help="the office's first login name; <code>-office")

    def handle(self, *args, **options) -> None:
        try:
            new = town_create(
                county_name=options["county"].strip(),
                county_code=options["county_code"].strip(),
                town_name=options["town"].strip(),
                code=options["code"].strip(),
                term_number=options["term"],
                term_starts_on=_date(options["term_start"]) if options["term_start"] else timezone.localdate(),
                office_login=options["office_login"].strip() or f"{options['code'].strip()}-office",
            )
        except TownError as error:
            raise CommandError(error.text) from None
        town = new.township
        self.stdout.write(f"{town.county.name} {town.name} ({town.code}): term {new.term.number} is current.")
        self.stdout.write(f"Office login:       {new.office.username}")
        self.stdout.write(f"One-time password:  {new.password}")
        self.stdout.write("It is shown this once; the office chooses its own password at the first login.")
