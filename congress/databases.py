"""The databases, read from the environment: the primary (DATABASE_URL, SQLite by default) and, when
DATABASE_REPLICA_URL is set, a streaming replica for the report pages' reads (congress.db_routers). Both engines
are wrapped by django-prometheus, which counts queries, errors and connections for /metrics."""

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from congress.env import env_int, env_str

_WRAPPED = "django_prometheus.db.backends."


def _wrapped(engine: str) -> str:
    return engine.replace("django.db.backends.", _WRAPPED, 1)


def _primary(base_dir: Path) -> dict:
    url = env_str("DATABASE_URL") or f"sqlite:///{base_dir / 'db.sqlite3'}"
    try:
        database = dj_database_url.parse(url, conn_max_age=env_int("DJANGO_CONN_MAX_AGE", 60))
    except Exception as exc:  # dj-database-url raises several types for a malformed URL
        raise ImproperlyConfigured(
            f"DATABASE_URL is not a database URL we can use ({exc}). "
            "Examples: sqlite:///db.sqlite3, postgres://user:password@127.0.0.1:5432/congress"
        ) from None
    if not database.get("ENGINE"):
        raise ImproperlyConfigured("DATABASE_URL names no supported database engine (use sqlite:// or postgres://).")
    if database["ENGINE"] == "django.db.backends.sqlite3":
        # Several requests and an eager task may write at once on a developer's machine: wait, don't fail.
        database.setdefault("OPTIONS", {}).update({"timeout": 20, "transaction_mode": "IMMEDIATE"})
        database["CONN_MAX_AGE"] = 0
        # Tests in memory, as Django does for SQLite: said outright, because the engine's name is wrapped below
        # and pytest-django would otherwise take it for a server's and name a test database file after ours.
        database["TEST"] = {"NAME": ":memory:"}
    return database


def _replica(primary: dict) -> dict | None:
    url = env_str("DATABASE_REPLICA_URL")
    if not url:
        return None
    try:
        replica = dj_database_url.parse(url, conn_max_age=primary["CONN_MAX_AGE"], conn_health_checks=True)
    except Exception as exc:
        raise ImproperlyConfigured(f"DATABASE_REPLICA_URL is not a database URL we can use ({exc}).") from None
    if replica.get("ENGINE") != primary["ENGINE"]:
        raise ImproperlyConfigured("DATABASE_REPLICA_URL must name the same database engine as DATABASE_URL.")
    if replica["ENGINE"] == "django.db.backends.postgresql":
        # A replica that does not answer costs a page two seconds, once; then the pages read from the primary.
        replica.setdefault("OPTIONS", {}).setdefault("connect_timeout", 2)
    # Tests read the primary's test database through this alias: on a real replica, the copy streamed to it.
    replica["TEST"] = {"MIRROR": "default"}
    return replica


def databases(base_dir: Path) -> dict[str, dict]:
    """DATABASES: "default", and "replica" when one is configured; a value we cannot use stops the start."""
    primary = _primary(base_dir)
    found = {"default": primary, "replica": _replica(primary)}
    for database in found.values():
        if database:
            database["ENGINE"] = _wrapped(database["ENGINE"])
    return {alias: database for alias, database in found.items() if database}
