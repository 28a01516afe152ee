"""Load: 200 deputies sign in on their phones within one minute, through gunicorn on loopback, each with a
real session (log in, open the station's sign-in page, tap "sign in"), driven by locust
(bench/locustfiles/sign_in.py). Prints requests per second, the latencies, the errors (there must be none) and
checks that each sign-in is recorded exactly once.

Run: DATABASE_URL=postgres://postgres@127.0.0.1:5432/congress .venv/bin/python bench/load_sign_in.py
     [--deputies 200] [--seconds 60] [--workers 4]
It works in a throwaway database; the traffic goes to 127.0.0.1 only, bounded in users (--deputies) and time
(the arrivals' --seconds and two minutes more at most)."""

import argparse
import statistics
import sys
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import server  # noqa: E402

server.configure()  # the production settings, as gunicorn will use them (the same password hasher on both sides)

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.hashers import make_password  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench.locust_run import locust, percentile  # noqa: E402
from congress.models import County, Membership, PasswordState, Role, Township  # noqa: E402
from deputies.models import Deputy, LargeGroup, SmallGroup, Station  # noqa: E402
from petitions.models import AttendanceStatus, DutyAssignment, DutyDay, ReceptionSettings  # noqa: E402
from petitions.presence import day_code  # noqa: E402

PASSWORD = "Sign-in-load-2026"  # noqa: S105 - the throwaway users of this run


def build(deputies: int) -> tuple[Station, int]:
    """A town whose reception day is today, now, with every deputy on it."""
    county = County.objects.create(name="负载县", code="load")
    town = Township.objects.create(county=county, name="负载镇", code="load-town")
    large = LargeGroup.objects.create(township=town, name="第一代表大组")
    group = SmallGroup.objects.create(township=town, large_group=large, name="第一代表小组")
    station = Station.objects.create(township=town, name="镇接待站", level="town", address="镇政府")
    now = timezone.localtime()
    ReceptionSettings.objects.create(
        township=town,
        station=station,
        start_time=(now + timedelta(minutes=30)).time(),
        window_opens=(now - timedelta(minutes=5)).time(),
        window_closes=(now + timedelta(minutes=40)).time(),
    )
    hashed = make_password(PASSWORD)
    users = get_user_model().objects.bulk_create(
        get_user_model()(username=f"load{n:04d}", password=hashed) for n in range(deputies)
    )
    PasswordState.objects.bulk_create(PasswordState(user=u, own_password=hashed) for u in users)
    Membership.objects.bulk_create(Membership(user=u, township=town, role=Role.DEPUTY) for u in users)
    rows = Deputy.objects.bulk_create(
        Deputy(township=town, name=f"代表{n:04d}", gender="M", small_group=group, user=u) for n, u in enumerate(users)
    )
    day = DutyDay.objects.create(
        township=town,
        date=now.date(),
        start_time=(now + timedelta(minutes=30)).time(),
        station=station,
        small_group=group,
        status="published",
        published_at=timezone.now(),
    )
    DutyAssignment.objects.bulk_create(DutyAssignment(township=town, duty_day=day, deputy=d) for d in rows)
    return station, day.pk


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--deputies", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=60, help="the deputies arrive spread over this time")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes")
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("Run it against PostgreSQL (DATABASE_URL=postgres://…): gunicorn's processes share the database.")
    with server.throwaway_database():
        station, day = build(args.deputies)
        with server.gunicorn(workers=args.workers) as base:
            # As from the day's QR code on the station's screen: the code rides in the link and in the tap.
            code = day_code(station_id=station.pk, day=timezone.localdate())
            run = locust(
                "sign_in.py",
                host=base,
                users=args.deputies,
                spawn_rate=args.deputies / args.seconds,
                limit=args.seconds + 120,
                env={"BENCH_PASSWORD": PASSWORD, "BENCH_STATION": str(station.pk), "BENCH_CODE": code},
            )
        recorded = DutyAssignment.objects.filter(duty_day_id=day, status=AttendanceStatus.PRESENT)
        timings = [r.ms for r in run.requests]
        problems = [f"{r.who}: {r.error}" for r in run.requests if r.error]
        signed = len({r.who for r in run.requests if r.name == "sign in" and not r.error})
        print(f"database: {connection.vendor}; gunicorn workers: {args.workers}; load: locust")
        print(
            f"deputies signing in: {args.deputies}, arriving over {args.seconds:.0f} s; all done in {run.seconds:.1f} s"
        )
        print(f"requests: {len(timings)}, {len(timings) / run.seconds:.1f} per second")
        if timings:
            print(
                f"latency: median {statistics.median(timings):.0f} ms, p95 {percentile(timings, 0.95):.0f} ms, "
                f"max {max(timings):.0f} ms"
            )
        print(f"errors: {len(problems)}; deputies who got to the end: {signed} of {args.deputies}")
        for problem in problems[:10]:
            print("  ", problem)
        once = recorded.filter(signed_in_at__isnull=False).count() == args.deputies
        print(f"sign-ins recorded: {recorded.count()} of {args.deputies}, each once: {once}")
        if problems or recorded.count() != args.deputies:
            sys.exit(1)


if __name__ == "__main__":
    main()
