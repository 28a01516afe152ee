"""The leadership dashboard and the county overview at scale: latency, queries and SQL time, warm and just
after a change, and the county overview for a county of 20 towns and for one of every town in the database.

Run against a PostgreSQL database filled by `seed_scale` (it adds one visit to the first town for each "after
a change" request, and rolls back the county it makes of every town):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/scale200 .venv/bin/python bench/dashboard.py --repeat 40

Measured through Django's test client in this process, logged in as the first scale town's leader and its
county's office: `--repeat` requests after two warm-up ones; median and p95 latency, the queries of one
request, and the SQL time of a request (every query timed on the connection; the median)."""

import argparse
import os
import statistics
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ["DJANGO_SETTINGS_MODULE"] = "congress.settings"
os.environ["DJANGO_DEBUG"] = "0"
os.environ.setdefault("DJANGO_SECRET_KEY", "bench-secret-key-for-loopback-only-7Hq2")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "127.0.0.1,testserver")
os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("DJANGO_SECURE_COOKIES", "0")
os.environ.setdefault("DJANGO_LOG_LEVEL", "WARNING")
os.environ["DJANGO_STATIC_ROOT"] = tempfile.mkdtemp(prefix="bench-static-")  # collected below, as in production

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

call_command("collectstatic", interactive=False, verbosity=0)

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from congress.models import County, Township  # noqa: E402
from petitions.models import Visit  # noqa: E402


@contextmanager
def sql_timer(times: list[float]):
    def wrapper(execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            times[-1] += time.perf_counter() - started

    with connection.execute_wrapper(wrapper):
        yield


def p95(values: list[float]) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(0.95 * (len(values) - 1)))]


def measure(client: Client, url: str, repeat: int, before_each=None) -> dict:
    for _ in range(2):
        client.get(url)
    if before_each:
        before_each()
    count = [0]  # counted by a wrapper: the debug cursor's log does not see the requests of this process
    with connection.execute_wrapper(lambda execute, *args: count.__setitem__(0, count[0] + 1) or execute(*args)):
        status = client.get(url).status_code
    latencies, sql = [], []
    with sql_timer(sql):
        for _ in range(repeat):
            sql.append(0.0)
            if before_each:
                before_each()
                sql[-1] = 0.0  # the change's own SQL is not the page's
            started = time.perf_counter()
            client.get(url)
            latencies.append(time.perf_counter() - started)
    ms = [x * 1000 for x in latencies]
    return {
        "status": status,
        "queries": count[0],
        "median": statistics.median(ms),
        "p95": p95(ms),
        "sql": statistics.median(sql) * 1000,
    }


def login(code: str) -> Client:
    client = Client()
    client.force_login(get_user_model().objects.get(username=code))
    return client


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=40)
    parser.add_argument(
        "--county-towns",
        type=int,
        default=None,
        help="The large county's towns (default: every town in the database), moved into one county and back.",
    )
    args = parser.parse_args()
    town = Township.objects.get(code="scale-0001")
    visit = Visit.objects.filter(township=town).order_by("-received_at").first()

    def a_change() -> None:
        # One visit recorded in the town this month, as the office does between two readings.
        Visit.objects.create(
            township=town,
            received_at=timezone.now(),
            station_id=visit.station_id,
            visitor_name="来访人",
            category_id=visit.category_id,
            content="村道破损",
            outcome="answered",
        )

    rows = []
    leader, county = login("leader-scale-0001"), login("county-scale-001")
    towns = Township.objects.count()
    rows.append(("dashboard, warm", measure(leader, reverse("dashboard"), args.repeat)))
    rows.append(("dashboard, after a change", measure(leader, reverse("dashboard"), args.repeat, a_change)))
    in_county = Township.objects.filter(county=town.county).count()
    rows.append((f"county overview, {in_county} towns", measure(county, reverse("county_overview"), args.repeat)))
    with transaction.atomic():
        moved = Township.objects.order_by("code")[: args.county_towns or towns].values_list("pk", flat=True)
        Township.objects.filter(pk__in=list(moved)).update(county=town.county)
        large = Township.objects.filter(county=town.county).count()
        rows.append((f"county overview, {large} towns", measure(county, reverse("county_overview"), args.repeat)))
        transaction.set_rollback(True)
    Visit.objects.filter(township=town, visitor_name="来访人", content="村道破损").delete()
    print(f"{towns} towns, {County.objects.count()} counties, {connection.vendor}, {args.repeat} requests a page")
    print("| page | status | queries | median | p95 | SQL (median) |")
    print("|---|---|---|---|---|---|")
    for name, m in rows:
        times = f"{m['median']:.1f} ms | {m['p95']:.1f} ms | {m['sql']:.1f} ms"
        print(f"| {name} | {m['status']} | {m['queries']} | {times} |")


if __name__ == "__main__":
    main()
