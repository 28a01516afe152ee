"""The server every benchmark starts: the production settings on loopback, a throwaway database, the static files
collected, gunicorn on 127.0.0.1, waited for and stopped. One place for what pages.py, lighthouse.py and the
load scripts used to repeat.

A script calls `configure()` before it imports Django (the same settings then hold in its own process and in
gunicorn's), then `throwaway_database()` if it builds its own data, then `gunicorn()`:

    from bench import server
    server.configure()
    import django; django.setup()
    with server.throwaway_database():
        ...  # build the data
        with server.gunicorn(workers=4) as base:
            ...  # requests to base, always http://127.0.0.1:<port>
"""

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

# Production, on loopback: debug off, no TLS redirect or secure-only cookies (plain http on 127.0.0.1).
PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "congress.settings",
    "DJANGO_DEBUG": "0",
    "DJANGO_ALLOWED_HOSTS": "127.0.0.1,testserver",
    "DJANGO_SECURE_SSL_REDIRECT": "0",
    "DJANGO_SECURE_COOKIES": "0",
    "DJANGO_SECURE_HSTS_SECONDS": "0",
    "DJANGO_LOG_LEVEL": "WARNING",
}
SECRET_KEY = "bench-secret-key-for-loopback-only-7Hq2"  # noqa: S105 - throwaway runs on 127.0.0.1


def work_folder(prefix: str = "bench-") -> Path:
    """A temporary folder for this run (database file, media, collected static files)."""
    return Path(tempfile.mkdtemp(prefix=prefix))


def configure(*, database_url: str = "", media_root: str = "", static_root: str = "", broker: bool = True) -> None:
    """Set the production settings in this process's environment, before Django is imported; gunicorn and
    manage.py inherit them. `database_url` replaces DATABASE_URL (an embedded SQLite file, say); without a
    broker the jobs run in the request, as on the embedded default."""
    os.environ.update(PRODUCTION)
    os.environ.setdefault("DJANGO_SECRET_KEY", SECRET_KEY)
    os.environ["DJANGO_STATIC_ROOT"] = static_root or str(work_folder("bench-static-"))
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    if media_root:
        os.environ["DJANGO_MEDIA_ROOT"] = media_root
    if not broker:
        os.environ.pop("CELERY_BROKER_URL", None)
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))


def database_url() -> str:
    """The URL of the database Django's connection uses now (after a test database replaced the name)."""
    from django.db import connection

    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{settings['NAME']}"
    host, port = settings["HOST"] or "127.0.0.1", settings["PORT"] or 5432
    password = f":{settings['PASSWORD']}" if settings.get("PASSWORD") else ""
    return f"postgres://{settings['USER']}{password}@{host}:{port}/{settings['NAME']}"


@contextmanager
def throwaway_database() -> Iterator[None]:
    """A fresh database beside the configured one (PostgreSQL: test_<name>; SQLite: a file of its own),
    migrated, and dropped at the end. Django's test-database machinery, without the test runner."""
    from django.db import connection
    from django.test.utils import setup_test_environment, teardown_test_environment

    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    if connection.vendor == "sqlite":
        # The file configured is already a throwaway one (configure(database_url=…) in a work folder).
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        try:
            yield
        finally:
            teardown_test_environment()
        return
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        yield
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()


def manage(*args: str, env: dict | None = None, quiet: bool = True) -> str:
    """Run manage.py in a child process with this environment; its output."""
    done = subprocess.run(  # noqa: S603 - our own manage.py
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        check=True,
        capture_output=quiet,
        text=True,
    )
    return done.stdout or ""


_collected: set[str] = set()


def collectstatic() -> None:
    """Production serves the collected, hashed, compressed files (whitenoise); once a run."""
    if os.environ["DJANGO_STATIC_ROOT"] not in _collected:
        manage("collectstatic", "--noinput", "--verbosity", "0")
        _collected.add(os.environ["DJANGO_STATIC_ROOT"])


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(base: str, path: str = "/login/", seconds: float = 180) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(base + path, timeout=1)  # noqa: S310 - loopback
            return
        except urllib.error.HTTPError:
            return  # it answers
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"gunicorn did not answer on {base} within {seconds:.0f} s")


@contextmanager
def gunicorn(
    *, workers: int, app: str = "congress.wsgi", timeout: int = 30, env: dict | None = None, database: str = ""
) -> Iterator[str]:
    """gunicorn with the production settings on 127.0.0.1 and a free port, on the database Django uses now in
    this process (or `database`, a URL, for a script that does not load Django itself), the static files
    collected first; yields its base URL and stops it at the end."""
    collectstatic()
    port = free_port()
    log = work_folder("bench-gunicorn-") / "gunicorn.log"  # its request log (one JSON line each), kept off the screen
    server = subprocess.Popen(  # noqa: S603 - our own gunicorn, on loopback
        [sys.executable, "-m", "gunicorn", app, "--bind", f"127.0.0.1:{port}", "--workers", str(workers),
         "--timeout", str(timeout), "--log-level", "warning"],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": database or database_url(), **(env or {})},
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(base)
        yield base
    finally:
        server.terminate()
        try:
            server.wait(60)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        print(f"gunicorn's log: {log}", file=sys.stderr)
