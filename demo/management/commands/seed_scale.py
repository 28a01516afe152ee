"""Add N towns of demo size with five years of work, in bulk, and print rows per second.

On PostgreSQL the rows go in with COPY, month by month for all the towns of the run (as real arrivals
interleave towns); a run of 100 towns or more drops the big tables' secondary indexes first and builds them
after loading, then ANALYZE. Interrupted (Ctrl-C, a crash), the same command again completes the run: towns
already set up are skipped by code, months already written are not written again, indexes dropped are rebuilt.

For measuring (bench/pages.py) and for sizing a server: never on a database people use. The towns are coded
`scale-0001`…; each has the logins office-scale-0001, leader-scale-0001, deputy-scale-0001 and each county
county-scale-001, with the --password given (without one they cannot log in)."""

import time

from django.core.management.base import BaseCommand, CommandError

from demo.scale import scale_build


class Command(BaseCommand):
    help = (
        "Add N towns of demo size (five years of duty, visits, proposals, activities and assessments) in bulk: "
        "COPY on PostgreSQL, month by month across the towns. On PostgreSQL a run of 100 towns or more drops the "
        "big tables' secondary indexes while loading and builds them after (then ANALYZE). Interrupted, run it "
        "again with the same arguments: it completes the run and doubles nothing. Once a run has finished, the "
        "same arguments add N more towns."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--towns", type=int, required=True, help="How many towns to add.")
        parser.add_argument("--per-county", type=int, default=20, help="Towns in each county (default 20).")
        parser.add_argument("--years", type=int, default=5, help="Years of work in each town (default 5).")
        parser.add_argument("--password", default=None, help="The password of the logins made (default: none).")
        parser.add_argument("--seed", type=int, default=7, help="The random seed (the same seed, the same towns).")
        parser.add_argument(
            "--assessed-months",
            type=int,
            default=None,
            help="Assess only the last N months (default: every month from the first January). The busy pages "
            "read the last twelve; a province's five years of assessments would take as long as the loading.",
        )

    def handle(
        self, *args, towns: int, per_county: int, years: int, password, seed: int, assessed_months, **options
    ) -> None:
        if not 1 <= towns <= 5000:
            raise CommandError("--towns must be between 1 and 5000")
        if assessed_months is not None and not 1 <= assessed_months <= 240:
            raise CommandError("--assessed-months must be between 1 and 240")
        if not 1 <= per_county <= 500 or not 1 <= years <= 20:
            raise CommandError("--per-county must be between 1 and 500, --years between 1 and 20")
        started = time.perf_counter()

        def progress(message: str) -> None:
            self.stdout.write(f"[{time.perf_counter() - started:7.1f} s] {message}")

        built = scale_build(
            towns=towns,
            per_county=per_county,
            years=years,
            password=password,
            seed=seed,
            assessed_months=assessed_months,
            progress=progress,
        )
        elapsed = time.perf_counter() - started
        for label, count in sorted(built.rows.items(), key=lambda kv: -kv[1]):
            self.stdout.write(f"  {label:<40} {count:>12,}")
        self.stdout.write(
            f"{built.towns} towns, {built.total:,} rows in {elapsed:.1f} s: {built.total / elapsed:,.0f} rows/s"
        )
