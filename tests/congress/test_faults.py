"""Faults, with a real Redis and a real worker: Redis stopped while the office works (pages answer, messages
wait in the outbox, and are delivered once when Redis is back); a worker killed in the middle of the monthly
assessment, the moment the task says it has started (the killed worker's log shows it started and never
finished; the month is whole after the retry, never half written).

Runs where the database is PostgreSQL (the worker is another process) and redis-server is on the machine;
`.ci/run` runs it with WORKER_REQUIRED=1."""

import importlib.util
import os
import shutil
import signal
import threading
import time
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from activities.models import Activity
from assessments.models import Assessment, Bulletin
from assessments.services.assessment import assessment_compute
from congress.celery import app
from congress.models import Notification, NotificationStatus, Township
from deputies.models import Deputy
from tests.congress.workers import ROOT, free_port, point_app_at, start_redis, start_worker, stop, wait_for
from tests.factories import PASSWORD

pytestmark = [
    pytest.mark.worker,
    pytest.mark.skipif(
        shutil.which("redis-server") is None and os.environ.get("WORKER_REQUIRED") != "1",
        reason="redis-server is not installed",
    ),
]


@pytest.fixture
def own_redis(transactional_db):
    """A Redis of this test's own (the test stops it), this process's tasks pointed at it, not eager."""
    if connection.vendor != "postgresql":
        if os.environ.get("WORKER_REQUIRED") == "1":
            pytest.fail("WORKER_REQUIRED=1 but the database is not PostgreSQL")
        pytest.skip("the worker process needs a database it can share with the tests (PostgreSQL)")
    port = free_port()
    state = {"redis": start_redis(port), "port": port, "url": f"redis://127.0.0.1:{port}/0"}
    previous = (app.conf.broker_url, app.conf.task_always_eager, app.conf.task_default_queue)
    yield state
    point_app_at(previous[0], eager=previous[1], queue=previous[2])
    stop(state["redis"])


def test_with_redis_down_pages_answer_and_messages_wait_then_go_once(own_redis, alice, bob, town_a):
    worker = start_worker(own_redis["url"])
    point_app_at(own_redis["url"], eager=False, queue=worker.queue)
    try:
        activity = Activity.objects.create(
            township=town_a, kind="inspection", title="视察", date=timezone.localdate() + timedelta(days=3)
        )
        stop(own_redis["redis"])  # Redis is down

        client = Client()
        assert client.post(reverse("login"), {"username": "alice", "password": PASSWORD}).status_code == 302
        started = time.monotonic()
        response = client.post(reverse("activity_invite", args=[activity.pk]), {"everyone": "on", "confirmed": "1"})
        took = time.monotonic() - started
        assert response.status_code == 302, "inviting must work with Redis down"
        assert took < 10, f"the page waited {took:.1f} s for the broker"
        for name in ("home", "activity_list", "inbox", "roster", "visit_list", "proposal_list"):
            assert client.get(reverse(name)).status_code == 200, name
        waiting = Notification.objects.get(recipient=bob, key__startswith=f"activity-invited:{activity.pk}:")
        assert waiting.status == NotificationStatus.PENDING

        own_redis["redis"] = start_redis(own_redis["port"])  # Redis is back
        point_app_at(own_redis["url"], eager=False, queue=worker.queue)
        from congress.tasks import deliver_pending_notifications

        def sent() -> bool:
            return Notification.objects.filter(pk=waiting.pk, status=NotificationStatus.SENT).exists()

        # Beat sends the sweep every minute; here we send it until the worker, reconnecting, has taken one.
        deadline = time.monotonic() + 90
        while not sent() and time.monotonic() < deadline:
            deliver_pending_notifications.delay()
            wait_for(sent, seconds=5)
        assert sent(), "the waiting message was not delivered once Redis was back:\n" + stop(worker)
        deliver_pending_notifications.delay()  # a sweep more: nothing is sent twice
        time.sleep(3)
        assert Notification.objects.get(pk=waiting.pk).attempts == 1
    finally:
        stop(worker)


def _build_towns(count: int) -> tuple[int, date]:
    """Towns of demo size with a month of records, from the assessment benchmark's builder."""
    spec = importlib.util.spec_from_file_location("assess_bench", ROOT / "bench" / "assess_month.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    return bench.build(count), bench.MONTH


# The task's own log lines (assessments/tasks.py) at its start and at its end.
# Enough towns that the month takes the worker a few seconds, so the kill, a few milliseconds after the task says
# it has started, lands inside it.
TOWNS = 20
STARTED = "assess_last_month started"
FINISHED = "assess_last_month finished"


def _kill_once_started(worker, log: list[str]) -> None:
    """Read the worker's log; the moment the task says it has started, kill the worker (SIGKILL, its whole
    group: no chance to finish the task or to acknowledge it); then read what it wrote before it died."""
    for line in worker.stdout:
        log.append(line)
        if STARTED in line:
            os.killpg(worker.pid, signal.SIGKILL)
            break
    log.extend(worker.stdout)


def test_a_worker_killed_during_the_monthly_assessment_leaves_the_month_whole(own_redis):
    deputies, month = _build_towns(TOWNS)
    towns = Township.objects.count()
    from assessments.tasks import assess_last_month

    first = start_worker(own_redis["url"], CELERY_VISIBILITY_TIMEOUT="5")
    point_app_at(own_redis["url"], eager=False, queue=first.queue)
    log: list[str] = []
    killer = threading.Thread(target=_kill_once_started, args=(first, log), daemon=True)
    killer.start()
    assess_last_month.delay(f"{month:%Y-%m-%d}")
    killer.join(timeout=120)
    first.wait(timeout=30)
    told = "".join(log)
    # The kill fell inside the task: it had started, and it never said it had finished, nor did Celery.
    assert any(STARTED in line for line in log), "the worker never started the task:\n" + told
    assert first.returncode == -signal.SIGKILL, f"the worker ended by itself ({first.returncode}):\n{told}"
    assert FINISHED not in told and "succeeded" not in told, "the task had finished before the kill:\n" + told
    # Its last step, drafting each town's bulletin, had not been done for every town.
    assert Bulletin.objects.filter(month=month).count() < towns, "every bulletin was drafted before the kill"
    # Killed mid-way, the month is all or nothing: its one transaction was never committed, or was whole.
    written = Assessment.objects.filter(month=month).count()
    assert written in (0, deputies), f"half a month written: {written} of {deputies}"

    # A new worker on the same queue takes the unacknowledged message again once its visibility time is out.
    second = start_worker(
        own_redis["url"],
        queue=first.queue,
        CELERY_VISIBILITY_TIMEOUT="5",
        CELERY_RESTORE_INTERVAL="1",
        CELERY_RESTORE_THROTTLE="1",
    )
    try:
        done = wait_for(
            lambda: (
                Assessment.objects.filter(month=month).count() == deputies
                and Bulletin.objects.filter(month=month).count() == towns
            ),
            seconds=120,
        )
        assert done, "the month was not assessed after the retry:\n" + stop(second)
    finally:
        retold = stop(second)
    assert STARTED in retold and FINISHED in retold, "the new worker did not run the task to its end:\n" + retold
    assert Assessment.objects.filter(month=month).values("deputy").distinct().count() == deputies
    assert Deputy.objects.count() == deputies and towns == TOWNS
    # The month as the retry left it is exactly what computing it again gives.
    before = sorted(Assessment.objects.filter(month=month).values_list("deputy_id", "total", "rank"))
    assessment_compute(township_ids=list(Township.objects.values_list("pk", flat=True)), month=month)
    assert sorted(Assessment.objects.filter(month=month).values_list("deputy_id", "total", "rank")) == before
