"""Load: 200 deputies sign in on their phones within one minute, through gunicorn on loopback, each with a
real session (log in, open the station's sign-in page, tap "sign in"). Prints requests per second, the
latencies, the errors (there must be none) and checks that each sign-in is recorded exactly once.

Run: DATABASE_URL=postgres://postgres@127.0.0.1:5432/congress .venv/bin/python bench/load_sign_in.py
     [--deputies 200] [--seconds 60] [--workers 4]
It works in a throwaway database; the traffic goes to 127.0.0.1 only, and stops by itself."""

import argparse
import http.cookiejar
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
# The production settings, as gunicorn will use them (the same password hasher on both sides).
os.environ["DJANGO_SETTINGS_MODULE"] = "congress.settings"
os.environ["DJANGO_DEBUG"] = "0"
os.environ.setdefault("DJANGO_SECRET_KEY", "load-test-secret-key-for-loopback-only-3kQ9")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.hashers import make_password  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.utils import timezone  # noqa: E402

from congress.models import County, Membership, PasswordState, Role, Township  # noqa: E402
from deputies.models import Deputy, LargeGroup, SmallGroup, Station  # noqa: E402
from petitions.models import AttendanceStatus, DutyAssignment, DutyDay, ReceptionSettings  # noqa: E402
from petitions.presence import day_code  # noqa: E402

PASSWORD = "Sign-in-load-2026"  # noqa: S105 - the throwaway users of this run
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


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


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Phone:
    """One deputy's phone: a cookie jar and the three steps, each request timed."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), NoRedirect()
        )
        self.timings: list[float] = []

    def request(self, path: str, data: dict | None = None) -> tuple[int, str]:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        url = self.base + path  # always http://127.0.0.1:<port>
        request = urllib.request.Request(url, data=body, headers={"Referer": url})  # noqa: S310
        started = time.perf_counter()
        try:
            with self.opener.open(request, timeout=30) as response:
                status, text = response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            status, text = error.code, error.read().decode(errors="replace")
        self.timings.append(time.perf_counter() - started)
        return status, text

    def sign_in(self, username: str, station: int) -> list[str]:
        problems = []
        status, page = self.request("/login/")
        if status != 200:
            return [f"{username}: login page answered {status}"]
        token = CSRF.search(page).group(1)
        status, _ = self.request("/login/", {"csrfmiddlewaretoken": token, "username": username, "password": PASSWORD})
        if status != 302:
            problems.append(f"{username}: login answered {status}")
        # As from the day's QR code on the station's screen: the code rides in the link and in the tap.
        code = day_code(station_id=station, day=timezone.localdate())
        status, page = self.request(f"/duty/sign-in/{station}/?code={code}")
        if status != 200:
            return [*problems, f"{username}: sign-in page answered {status}"]
        token = CSRF.search(page).group(1)
        status, _ = self.request(f"/duty/sign-in/{station}/", {"csrfmiddlewaretoken": token, "code": code})
        if status != 302:
            problems.append(f"{username}: sign-in answered {status}")
        return problems


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None

    def http_error_302(self, req, fp, code, msg, headers):
        return fp


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--deputies", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=60, help="the deputies arrive spread over this time")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes")
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("Run it against PostgreSQL (DATABASE_URL=postgres://…): gunicorn's processes share the database.")
    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    server = None
    try:
        station, day = build(args.deputies)
        settings = connection.settings_dict
        port = free_port()
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "congress.settings",
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": "load-test-secret-key-for-loopback-only-3kQ9",
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "DJANGO_SECURE_SSL_REDIRECT": "0",
            "DJANGO_SECURE_COOKIES": "0",
            "DJANGO_SECURE_HSTS_SECONDS": "0",
            "DJANGO_LOG_LEVEL": "WARNING",
            "DATABASE_URL": f"postgres://{settings['USER']}@{settings['HOST'] or '127.0.0.1'}:"
            f"{settings['PORT'] or 5432}/{settings['NAME']}",
        }
        static = tempfile.mkdtemp(prefix="load-static-")
        env["DJANGO_STATIC_ROOT"] = static
        subprocess.run(  # noqa: S603 - production serves collected, hashed files
            [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
            cwd=ROOT,
            env=env,
            check=True,
        )
        server = subprocess.Popen(  # noqa: S603 - our own gunicorn, on loopback
            [
                sys.executable,
                "-m",
                "gunicorn",
                "congress.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(args.workers),
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
        )
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/login/", timeout=1)  # noqa: S310 - loopback
                break
            except OSError:
                time.sleep(0.2)
        phones = [Phone(base) for _ in range(args.deputies)]
        problems: list[str] = []
        lock = threading.Lock()

        def arrive(n: int) -> None:
            found = phones[n].sign_in(f"load{n:04d}", station.pk)
            with lock:
                problems.extend(found)

        started = time.perf_counter()
        threads = []
        for n in range(args.deputies):
            # The deputies arrive spread over the minute, as on a Monday morning at 08:00.
            delay = started + n * args.seconds / args.deputies - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
            thread = threading.Thread(target=arrive, args=(n,))
            thread.start()
            threads.append(thread)
        for thread in threads:
            thread.join(120)
        elapsed = time.perf_counter() - started
        timings = sorted(t for phone in phones for t in phone.timings)
        recorded = DutyAssignment.objects.filter(duty_day_id=day, status=AttendanceStatus.PRESENT)
        print(f"database: {connection.vendor}; gunicorn workers: {args.workers}")
        print(f"deputies signing in: {args.deputies}, arriving over {args.seconds:.0f} s; all done in {elapsed:.1f} s")
        print(f"requests: {len(timings)}, {len(timings) / elapsed:.1f} per second")
        print(
            f"latency: median {1000 * statistics.median(timings):.0f} ms, "
            f"p95 {1000 * timings[int(0.95 * (len(timings) - 1))]:.0f} ms, max {1000 * timings[-1]:.0f} ms"
        )
        print(f"errors: {len(problems)}")
        for problem in problems[:10]:
            print("  ", problem)
        print(
            f"sign-ins recorded: {recorded.count()} of {args.deputies}, each once: "
            f"{recorded.filter(signed_in_at__isnull=False).count() == args.deputies}"
        )
        if problems or recorded.count() != args.deputies:
            sys.exit(1)
    finally:
        if server is not None:
            server.terminate()
            server.wait(20)
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
