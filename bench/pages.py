"""The busy pages of each role at scale: queries, latency, SQL time, and the Django admin on the same rows.

Run against a PostgreSQL database filled by `seed_scale` (it reads, and adds only a superuser for the admin):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/scale200 .venv/bin/python manage.py migrate
    DATABASE_URL=… .venv/bin/python manage.py seed_scale --towns 200 --password scale1234
    DATABASE_URL=… .venv/bin/python bench/pages.py --password scale1234 [--repeat 40] [--json out.json]

For each page, logged in as the role that uses it in the first scale town (scale-0001; the county office of
its county), it measures:
- queries: the number of SQL queries of one request;
- through Django's test client, in this process, `--repeat` requests after two warm-up ones: the median and
  p95 latency, and the time of the page's SQL alone (the sum of its queries' execution times, timed around
  each query on the connection), median over the same requests;
- through gunicorn (production settings, 2 workers) on 127.0.0.1, the same requests with a logged-in
  session: median and p95;
- the Django admin's changelist for the same model and filter (as a superuser), by the test client as it is
  (Django's defaults: 100 rows and the full count), sequentially after the page: the old ratio;
- a fair race of each list with its changelist (bench/fair_admin.py: the admin at our page size, 50, without
  the full count; the same filters), both warmed, the requests of both interleaved in a random order, by the
  test client and through gunicorn: the fair ratio, admin median ÷ page median.
It prints a markdown table and writes the figures as JSON."""

import argparse
import json
import os
import random
import re
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench import server  # noqa: E402

server.configure()  # the production settings, here and in gunicorn

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.hashers import make_password  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench.fair_admin import make_fair  # noqa: E402
from congress.models import PasswordState, Township  # noqa: E402
from demo.scale import Page, busy_pages  # noqa: E402
from deputies.models import Deputy  # noqa: E402

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
ADMIN = "bench-admin"


@dataclass
class Measure:
    status: int = 0
    queries: int = 0
    bytes: int = 0
    client_median_ms: float = 0
    client_p95_ms: float = 0
    sql_ms: float = 0
    http_median_ms: float = 0
    http_p95_ms: float = 0


@dataclass
class Race:
    """A list and its fair changelist, their requests interleaved in a random order: each side's median."""

    admin_queries: int = 0
    client_site_ms: float = 0
    client_admin_ms: float = 0
    http_site_ms: float = 0
    http_admin_ms: float = 0

    @property
    def client_ratio(self) -> float:
        return self.client_admin_ms / self.client_site_ms if self.client_site_ms else 0

    @property
    def http_ratio(self) -> float:
        return self.http_admin_ms / self.http_site_ms if self.http_site_ms else 0


@dataclass
class Row:
    page: Page
    site: Measure = field(default_factory=Measure)
    admin: Measure | None = None
    race: Race | None = None


@contextmanager
def sql_timer(times: list[float]):
    """Sum the execution time of every query run inside, into times[-1]."""

    def wrapper(execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            times[-1] += time.perf_counter() - started

    with connection.execute_wrapper(wrapper):
        yield


def _p95(values: list[float]) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(0.95 * (len(values) - 1)))]


def measure_client(client: Client, url: str, repeat: int) -> Measure:
    for _ in range(2):
        response = client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    result = Measure(status=response.status_code, queries=len(captured.captured_queries), bytes=len(response.content))
    latencies, sql = [], []
    with sql_timer(sql):
        for _ in range(repeat):
            sql.append(0.0)
            started = time.perf_counter()
            client.get(url)
            latencies.append(time.perf_counter() - started)
    result.client_median_ms = round(1000 * statistics.median(latencies), 1)
    result.client_p95_ms = round(1000 * _p95(latencies), 1)
    result.sql_ms = round(1000 * statistics.median(sql), 1)
    return result


class Browser:
    """A logged-in session against gunicorn, through urllib with a cookie jar."""

    def __init__(self, base: str, username: str, password: str) -> None:
        import http.cookiejar

        self.base = base
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        status, page = self.get("/login/")
        if not (found := CSRF.search(page)):
            raise SystemExit(f"gunicorn's login page answered {status} without a form")
        token = found.group(1)
        body = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "username": username, "password": password})
        request = urllib.request.Request(  # noqa: S310 - loopback
            base + "/login/", data=body.encode(), headers={"Referer": base + "/login/"}
        )
        try:
            with self.opener.open(request, timeout=30) as response:
                url = response.url
        except urllib.error.HTTPError as error:  # the superuser has no town: its home page is refused
            url = error.url
        if "/login/" in url:
            raise SystemExit(f"{username} could not log in to gunicorn")

    def get(self, path: str) -> tuple[int, str]:
        try:
            with self.opener.open(self.base + path, timeout=60) as response:  # noqa: S310 - loopback
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, ""


def measure_http(browser: Browser, url: str, repeat: int, result: Measure) -> None:
    for _ in range(2):
        browser.get(url)
    latencies = []
    for _ in range(repeat):
        started = time.perf_counter()
        status, _ = browser.get(url)
        latencies.append(time.perf_counter() - started)
        if status != 200:
            raise SystemExit(f"gunicorn answered {status} for {url}")
    result.http_median_ms = round(1000 * statistics.median(latencies), 1)
    result.http_p95_ms = round(1000 * _p95(latencies), 1)


def interleaved(get: Callable[[str], object], site: str, admin: str, repeat: int, seed: int) -> tuple[float, float]:
    """Both warmed (two requests each), then `repeat` of each in a random order: the two medians, in ms."""
    for url in (site, admin, site, admin):
        get(url)
    order = [site] * repeat + [admin] * repeat
    random.Random(seed).shuffle(order)
    times: dict[str, list[float]] = {site: [], admin: []}
    for url in order:
        started = time.perf_counter()
        get(url)
        times[url].append(time.perf_counter() - started)
    return round(1000 * statistics.median(times[site]), 1), round(1000 * statistics.median(times[admin]), 1)


def race_client(site_client: Client, admin_client: Client, page: Page, repeat: int) -> Race:
    queries = [0.0]
    with sql_timer(queries):  # counted by the wrapper, not the debug cursor's log
        count = [0]
        with connection.execute_wrapper(lambda execute, *args: count.__setitem__(0, count[0] + 1) or execute(*args)):
            admin_client.get(page.admin)
    clients = {page.url: site_client, page.admin: admin_client}
    site_ms, admin_ms = interleaved(lambda url: clients[url].get(url), page.url, page.admin, repeat, seed=repeat)
    return Race(admin_queries=count[0], client_site_ms=site_ms, client_admin_ms=admin_ms)


def _commit() -> str:
    """The commit measured, marked when the tree has changes that are not committed."""

    def git(*args: str) -> str:
        command = ["git", "-C", str(ROOT), *args]
        return subprocess.run(command, capture_output=True, text=True, check=False).stdout.strip()  # noqa: S603,S607

    changed = git("status", "--porcelain", "-uno", "--", ".", ":!bench/results")  # this script's own output aside
    return git("rev-parse", "--short", "HEAD") + (" (with changes)" if changed else "")


def _user(username: str):
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise SystemExit(f"no login {username}: run `manage.py seed_scale --towns N --password …` first")
    return user


def through_gunicorn(rows: list[Row], logins: dict, password: str, workers: int, repeat: int, progress) -> None:
    """The same pages through gunicorn (the admin made fair there too), each list raced with its changelist."""
    with server.gunicorn(workers=workers, app="bench.fair_admin:fair_application()") as base:
        browsers = {role: Browser(base, username, password) for role, username in logins.items()}
        browsers["admin"] = Browser(base, ADMIN, password)
        for row in rows:
            progress(f"{row.page.name}: gunicorn")
            measure_http(browsers[row.page.role], row.page.url, repeat, row.site)
            if row.race:
                get = {row.page.url: browsers[row.page.role].get, row.page.admin: browsers["admin"].get}
                row.race.http_site_ms, row.race.http_admin_ms = interleaved(
                    lambda url, get=get: get[url](url), row.page.url, row.page.admin, repeat, seed=repeat + 1
                )


def run(repeat: int, password: str, workers: int, progress: Callable[[str], None]) -> tuple[dict, list[Row]]:
    server.collectstatic()  # production serves collected, hashed files (the test client too)
    town = Township.objects.filter(code="scale-0001").select_related("county").first()
    if town is None:
        raise SystemExit("no scale towns here: run `manage.py seed_scale --towns N --password …` first")
    logins = {
        "office": f"office-{town.code}",
        "leader": f"leader-{town.code}",
        "deputy": f"deputy-{town.code}",
        "county": f"county-{town.county.code}",
    }
    admin, created = get_user_model().objects.get_or_create(
        username=ADMIN, defaults={"is_staff": True, "is_superuser": True}
    )
    if created or not admin.check_password(password):
        admin.password = make_password(password)
        admin.save(update_fields=["password"])
    PasswordState.objects.update_or_create(
        user=admin, defaults={"own_password": admin.password, "changed_at": timezone.now()}
    )
    clients = {}
    for role, username in [*logins.items(), ("admin", ADMIN)]:
        clients[role] = Client()
        clients[role].force_login(_user(username))
    rows = []
    for page in busy_pages(town):
        row = Row(page)
        progress(f"{page.name}: test client")
        row.site = measure_client(clients[page.role], page.url, repeat)
        if page.admin:
            row.admin = measure_client(clients["admin"], page.admin, repeat)  # the admin as it is: the old ratio
        rows.append(row)
    make_fair()  # from here on, the admin at our page size and without the full count
    for row in rows:
        if row.page.admin:
            progress(f"{row.page.name}: the fair race, test client")
            row.race = race_client(clients[row.page.role], clients["admin"], row.page, repeat)
    through_gunicorn(rows, logins, password, workers, repeat, progress)
    towns = Township.objects.filter(code__startswith="scale-").count()
    context = {
        "load_average": " ".join(f"{x:.1f}" for x in os.getloadavg()),
        "towns": towns,
        "deputies": Deputy.objects.count(),
        "database": f"{connection.vendor} {connection.pg_version // 10000}"
        if connection.vendor == "postgresql"
        else "",
        "repeat": repeat,
        "gunicorn_workers": workers,
        "cores": os.cpu_count(),
        "commit": _commit(),
        "measured": timezone.localtime().strftime("%Y-%m-%d %H:%M"),
    }
    return context, rows


def table(context: dict, rows: list[Row]) -> str:
    lines = [
        f"N = {context['towns']} towns ({context['deputies']:,} deputies), {context['database']}, "
        f"{context['cores']} cores, commit {context['commit']}, {context['measured']}; {context['repeat']} requests "
        f"a page; gunicorn {context['gunicorn_workers']} workers; load average at the end {context['load_average']}",
        "",
        "| page | queries | client median | client p95 | SQL | page ÷ SQL | gunicorn median | gunicorn p95 "
        "| admin ÷ page, old | fair admin queries | fair: page / admin median | fair ratio | fair ratio, gunicorn |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        s, a, r = row.site, row.admin, row.race
        ratio = f"{s.client_median_ms / s.sql_ms:.1f}×" if s.sql_ms else "—"
        old = f"{a.client_median_ms / s.client_median_ms:.1f}×" if a else "—"
        fair = (
            f"{r.admin_queries} | {r.client_site_ms} / {r.client_admin_ms} ms | **{r.client_ratio:.1f}×** "
            f"| {r.http_ratio:.1f}×"
            if r
            else "— | — | — | —"
        )
        lines.append(
            f"| {row.page.name} | {s.queries} | {s.client_median_ms} ms | {s.client_p95_ms} ms | {s.sql_ms} ms "
            f"| {ratio} | {s.http_median_ms} ms | {s.http_p95_ms} ms | {old} | {fair} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=40, help="requests a page (after two warm-up ones)")
    parser.add_argument("--password", required=True, help="the password given to seed_scale")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    parser.add_argument("--json", help="write the figures here as JSON")
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("Run it against PostgreSQL (DATABASE_URL=postgres://…), filled by seed_scale.")
    context, rows = run(args.repeat, args.password, args.workers, lambda m: print(m, file=sys.stderr))
    problems = [f"{r.page.name}: {r.site.status}" for r in rows if r.site.status != 200]
    problems += [f"{r.page.name} (admin): {r.admin.status}" for r in rows if r.admin and r.admin.status != 200]
    print(table(context, rows))
    if args.json:
        Path(args.json).write_text(
            json.dumps({"context": context, "pages": [asdict(r) for r in rows]}, ensure_ascii=False, indent=2) + "\n"
        )
    if problems:
        sys.exit("pages that did not answer 200: " + ", ".join(problems))


if __name__ == "__main__":
    main()
