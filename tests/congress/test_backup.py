"""Backup and restore as the README documents them: pg_dump of a database holding the demo, pg_restore into an
empty database, and every table comes back whole, row for row."""

import os
import shutil
import subprocess
import uuid

import psycopg2
import pytest
from django.db import connection

pytestmark = pytest.mark.django_db(transaction=True)


def _counts(cursor, tables: list[str]) -> dict[str, int]:
    counts = {}
    for table in tables:
        cursor.execute(f'SELECT count(*) FROM "{table}"')  # noqa: S608 - table names from the catalogue
        counts[table] = cursor.fetchone()[0]
    return counts


def _tables() -> list[str]:
    return sorted(connection.introspection.table_names())


def test_a_dump_restored_into_an_empty_database_holds_the_demo_whole(tmp_path, demo_copy):
    if connection.vendor != "postgresql":
        pytest.skip("pg_dump and pg_restore are for PostgreSQL (.ci/run runs this on it)")
    if shutil.which("pg_dump") is None:
        if os.environ.get("WORKER_REQUIRED") == "1":
            pytest.fail("pg_dump is not installed")
        pytest.skip("pg_dump is not installed")
    demo_copy.restore()  # the demo, its rows committed
    settings = connection.settings_dict
    auth = ["--host", settings["HOST"] or "127.0.0.1", "--port", str(settings["PORT"] or 5432)]
    auth += ["--username", settings["USER"]]
    env = {**os.environ, "PGPASSWORD": settings["PASSWORD"] or ""}
    dump = tmp_path / "congress.dump"
    subprocess.run(  # noqa: S603, S607 - the documented command
        ["pg_dump", *auth, "--format=custom", f"--file={dump}", settings["NAME"]], env=env, check=True
    )
    restored = f"{settings['NAME']}_restore_{uuid.uuid4().hex[:8]}"
    subprocess.run(["createdb", *auth, restored], env=env, check=True)  # noqa: S603, S607
    try:
        subprocess.run(  # noqa: S603, S607 - the documented command, into an empty database
            ["pg_restore", *auth, "--no-owner", f"--dbname={restored}", str(dump)], env=env, check=True
        )
        tables = _tables()
        with connection.cursor() as cursor:
            original = _counts(cursor, tables)
        copy = psycopg2.connect(
            dbname=restored,
            host=settings["HOST"] or "127.0.0.1",
            port=settings["PORT"] or 5432,
            user=settings["USER"],
            password=settings["PASSWORD"] or None,
        )
        try:
            with copy.cursor() as cursor:
                assert _counts(cursor, tables) == original
                cursor.execute(
                    "SELECT count(*) FROM deputies_deputy d JOIN congress_township t ON t.id = d.township_id "
                    "WHERE t.code = 'damogu' AND d.status = 'serving'"
                )
                assert cursor.fetchone()[0] == 94
        finally:
            copy.close()
        assert original["deputies_deputy"] >= 94 and original["petitions_visit"] > 1000
        assert original["assessments_assessment"] > 0 and original["activities_activity"] > 0
    finally:
        subprocess.run(["dropdb", *auth, restored], env=env, check=False)  # noqa: S603, S607
