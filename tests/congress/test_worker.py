"""Tasks through the real Redis broker to a real `celery worker` process, seen in the database.

Runs where CELERY_TEST_BROKER_URL names a Redis and the database is PostgreSQL (the worker is another
process and must see the test database); `.ci/run` does both."""

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.db import connection

from congress.celery import app
from congress.models import Notification, NotificationStatus
from congress.services import notification_create
from tests.factories import UserFactory

ROOT = Path(__file__).resolve().parents[2]
BROKER = os.environ.get("CELERY_TEST_BROKER_URL", "")

pytestmark = [
    pytest.mark.worker,
    pytest.mark.skipif(
        not BROKER and os.environ.get("WORKER_REQUIRED") != "1",
        reason="CELERY_TEST_BROKER_URL is not set (no Redis to test against)",
    ),
]


@pytest.fixture
def worker(transactional_db):
    if connection.vendor != "postgresql":
        if os.environ.get("WORKER_REQUIRED") == "1":
            pytest.fail("WORKER_REQUIRED=1 but the database is not PostgreSQL")
        pytest.skip("the worker process needs a database it can share with the tests (PostgreSQL)")
    settings = connection.settings_dict
    database_url = (
        f"postgres://{settings['USER']}:{settings['PASSWORD'] or ''}@{settings['HOST'] or '127.0.0.1'}:"
        f"{settings['PORT'] or 5432}/{settings['NAME']}"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "congress.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "worker-test-key",
        "DATABASE_URL": database_url,
        "CELERY_BROKER_URL": BROKER,
        "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
    }
    # A queue of this run's own: a worker left over from another run can never take these messages.
    queue = f"test-{uuid.uuid4().hex}"
    process = subprocess.Popen(
        [
            sys.executable,
            *("-m", "celery", "-A", "congress", "worker", "--concurrency=1", "--loglevel=INFO"),
            *("--queues", queue, "--hostname", f"{queue}@%h", "--without-mingle", "--without-gossip"),
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    previous = (app.conf.broker_url, app.conf.task_always_eager, app.conf.task_default_queue)
    _point_app_at(BROKER, eager=False, queue=queue)
    try:
        yield process
    finally:
        _point_app_at(previous[0], eager=previous[1], queue=previous[2])
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


def _point_app_at(broker_url: str, *, eager: bool, queue: str) -> None:
    """Send this process's tasks to another broker and queue: drop the connections made for the old one."""
    app.conf.broker_url = broker_url
    app.conf.task_always_eager = eager
    app.conf.task_default_queue = queue
    app._pool = None
    if "amqp" in app.__dict__:
        app.amqp._producer_pool = None


def _wait_for(predicate, *, seconds: float = 60.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.25)
    return False


def test_a_notification_is_delivered_by_the_real_worker(worker):
    user = UserFactory(email="deputy@example.com")
    notification = notification_create(recipient=user, key="worker-test:1", subject="值班提醒")
    # Outside a transaction on_commit runs at once: the task went to Redis, the worker process sends it.
    delivered = _wait_for(
        lambda: Notification.objects.filter(pk=notification.pk, status=NotificationStatus.SENT).exists()
    )
    if not delivered:
        os.killpg(worker.pid, signal.SIGTERM)
        pytest.fail("the worker did not deliver the notification; its log:\n" + worker.communicate(timeout=20)[0])
    assert Notification.objects.get(pk=notification.pk).attempts == 1


def test_the_sweep_task_runs_on_the_worker(worker):
    from congress.tasks import deliver_pending_notifications

    user = UserFactory(email="deputy@example.com")
    waiting = Notification.objects.create(recipient=user, key="worker-test:2", subject="待发送")
    deliver_pending_notifications.delay()
    assert _wait_for(lambda: Notification.objects.filter(pk=waiting.pk, status=NotificationStatus.SENT).exists())


def test_the_monthly_assessment_runs_on_the_worker(worker):
    """Beat's job of the 1st, sent through Redis: the worker assesses every town and drafts its bulletin."""
    from assessments.models import Assessment, Bulletin
    from assessments.tasks import assess_last_month
    from tests.factories import DeputyFactory, TownshipFactory

    town = TownshipFactory()
    deputies = [DeputyFactory(township=town) for _ in range(3)]
    assess_last_month.delay("2026-10-01")
    assert _wait_for(lambda: Assessment.objects.filter(township=town).count() == 3), (
        "the worker did not assess the month"
    )
    assert set(Assessment.objects.filter(township=town).values_list("deputy_id", flat=True)) == {d.pk for d in deputies}
    assert _wait_for(lambda: Bulletin.objects.filter(township=town, month="2026-10-01").exists())
