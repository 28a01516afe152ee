"""Settings that cannot work stop the start with a clear message, never a traceback shown to a user."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _start(**env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_", "CELERY_"))}
    clean.update(env)
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='congress.settings'; django.setup()",
        ],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_a_missing_secret_with_debug_off_stops_the_start():
    result = _start(DJANGO_DEBUG="0")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is required" in result.stderr


def test_a_malformed_database_url_stops_the_start():
    result = _start(DJANGO_DEBUG="1", DATABASE_URL="not-a-database")
    assert result.returncode != 0
    assert "DATABASE_URL" in result.stderr


def test_a_debug_value_that_is_no_boolean_stops_the_start():
    result = _start(DJANGO_DEBUG="maybe")
    assert result.returncode != 0
    assert "DJANGO_DEBUG='maybe' is not a boolean" in result.stderr


@pytest.mark.parametrize("url", ["sqlite:///tmp-check.sqlite3", "postgres://postgres@127.0.0.1:5432/congress"])
def test_a_good_database_url_starts(url):
    result = _start(DJANGO_DEBUG="1", DATABASE_URL=url)
    assert result.returncode == 0, result.stderr


def test_without_a_broker_tasks_run_in_process():
    from django.conf import settings

    assert settings.CELERY_TASK_ALWAYS_EAGER is True


def test_an_unknown_sendfile_backend_stops_the_start():
    result = _start(DJANGO_DEBUG="1", DJANGO_SENDFILE_BACKEND="apache")
    assert result.returncode != 0
    assert "DJANGO_SENDFILE_BACKEND='apache' is not one of" in result.stderr
