"""The demo built once per test worker and copied back for each test that reads it.

`load_demo` takes about 20 s; the tests that only read the demo (the browser tests, the figures that must agree,
printing, plausibility) restore the first build's rows instead. On PostgreSQL each table is copied out and back
with COPY in one transaction (foreign keys are deferred to its end), about a second; on SQLite the rows go
through a JSON dump and `loaddata`, as before. The tests of the loader itself (`tests/demo/`, `test_demo.py`)
still build it."""

import io
import os
from pathlib import Path

from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction

# What the copy leaves out: rows every flush makes again (content types and permissions, recreated after each
# flush with new ids) and rows no page reads (sessions, the admin's log).
EXCLUDED_APPS = ["contenttypes", "auth.permission", "sessions", "admin.logentry"]
EXCLUDED_TABLES = {"django_content_type", "auth_permission", "django_session", "django_admin_log"}


class DemoCopy:
    """One worker's copy of the demo: `restore()` brings it back, building it first if no test has yet."""

    def __init__(self, folder: Path):
        self.json = folder / "demo.json"
        self.tables: dict[str, bytes] = {}

    @property
    def taken(self) -> bool:
        return bool(self.tables) if connection.vendor == "postgresql" else self.json.exists()

    def restore(self) -> None:
        with open(os.devnull, "w") as quiet:
            if not self.taken:
                self._build(quiet)
            elif connection.vendor == "postgresql":
                self._copy_in()
            else:
                call_command("loaddata", str(self.json), stdout=quiet)

    def _build(self, quiet) -> None:
        from django.contrib.auth import get_user_model

        from congress.services import password_state_record
        from demo.organisation import DEMO_USERNAMES

        call_command("load_demo", force=True, stdout=quiet)
        # With debug off even the demo logins must choose their own password first; here they have (the pages
        # are tested, not the password form).
        for user in get_user_model().objects.filter(username__in=DEMO_USERNAMES):
            password_state_record(user=user)
        if connection.vendor == "postgresql":
            self._copy_out()
        else:
            call_command("dumpdata", exclude=EXCLUDED_APPS, output=str(self.json), stdout=quiet)

    @staticmethod
    def _table_names() -> list[str]:
        names = connection.introspection.django_table_names(only_existing=True, include_views=False)
        return sorted(set(names) - EXCLUDED_TABLES)

    def _copy_out(self) -> None:
        quote = connection.ops.quote_name
        with connection.cursor() as cursor:
            for table in self._table_names():
                out = io.BytesIO()
                cursor.cursor.copy_expert(f"COPY {quote(table)} TO STDOUT", out)
                self.tables[table] = out.getvalue()

    def _copy_in(self) -> None:
        from django.apps import apps

        quote = connection.ops.quote_name
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"TRUNCATE {', '.join(quote(t) for t in self.tables)} CASCADE")
            for table, rows in self.tables.items():
                cursor.cursor.copy_expert(f"COPY {quote(table)} FROM STDIN", io.BytesIO(rows))
            # The sequences follow the copied keys, so rows the test adds take the next numbers.
            for statement in connection.ops.sequence_reset_sql(no_style(), apps.get_models(include_auto_created=True)):
                cursor.execute(statement)
