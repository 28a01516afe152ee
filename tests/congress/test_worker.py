"""Tasks through the real Redis broker to a real `celery worker` process, seen in the database.

Runs where CELERY_TEST_BROKER_URL names a Redis and the database is PostgreSQL (the worker is another
process and must see the test database); `.ci/run` does both."""

import os
import signal

import pytest
from django.db import connection

from congress.celery import app
from congress.models import Notification, NotificationStatus
from congress.services import notification_create
from tests.congress.workers import point_app_at, start_worker, stop, wait_for
from tests.factories import UserFactory

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
    # A queue of this run's own: a worker left over from another run can never take these messages.
    process = start_worker(BROKER)
    previous = (app.conf.broker_url, app.conf.task_always_eager, app.conf.task_default_queue)
    point_app_at(BROKER, eager=False, queue=process.queue)
    try:
        yield process
    finally:
        point_app_at(previous[0], eager=previous[1], queue=previous[2])
        stop(process)


_wait_for = wait_for


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


def test_a_register_import_job_runs_on_the_worker(worker):
    """The sheet travels in the job's row: a worker on another machine needs no shared folder."""
    from congress.models import Job, JobStatus
    from deputies.models import Deputy
    from deputies.services.import_jobs import register_import_start
    from deputies.services.imports import KINDS, register_import_preview
    from tests.deputies.sheets import deputy_row, upload, workbook
    from tests.factories import SmallGroupFactory, TownshipFactory

    town = TownshipFactory()
    group = SmallGroupFactory(township=town)
    rows = [deputy_row(f"代表{n:03d}", group.name, phone=f"139{n:08d}") for n in range(250)]
    preview = register_import_preview(kind=KINDS["deputies"], township=town, upload=upload(workbook(rows)))
    job = register_import_start(
        kind=KINDS["deputies"],
        township=town,
        user=UserFactory(),
        token=preview.token,
        filename=preview.filename,
        only_valid=False,
    )
    assert _wait_for(lambda: not Job.objects.filter(pk=job.pk, status__in=["queued", "running"]).exists()), (
        "the worker did not finish the import job"
    )
    job.refresh_from_db()
    assert (job.status, job.total, job.done) == (JobStatus.DONE, 250, 250), job.message
    assert Deputy.objects.filter(township=town).count() == 250


def test_the_health_page_finds_the_real_worker_and_redis(worker, client):
    # The worker answers the ping and takes its queue; beat is not running in the tests, so the page as a whole
    # may fail: only these two checks are this test's.
    def results() -> dict[str, str]:
        return client.get("/healthz", {"format": "json"}).json()

    # The worker process takes a few seconds to start answering.
    answered = _wait_for(lambda: results()["Worker"] == "OK", seconds=30)
    assert answered, "the worker did not answer the ping; its log:\n" + stop(worker)
    assert results()["Redis"] == "OK"
