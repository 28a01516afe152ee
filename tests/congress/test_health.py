"""/healthz: every check named, healthy on the test setup, a failure named without a host or a password."""

import datetime
import socket
from unittest import mock

import pytest
from asgiref.sync import async_to_sync
from django.utils import timezone
from django_celery_beat.models import CrontabSchedule, PeriodicTask
from health_check.exceptions import ServiceUnavailable

from congress import health

pytestmark = pytest.mark.django_db


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def result_of(check):
    # async_to_sync from the test's thread: the checks' database reads run in it, inside the test's transaction.
    return async_to_sync(check.get_result)()


def test_it_is_healthy_on_the_test_setup_without_a_login(client):
    response = client.get("/healthz")
    assert response.status_code == 200


def test_its_json_lists_the_checks_and_skips_the_broker_in_eager_mode(client):
    response = client.get("/healthz", {"format": "json"})
    assert response.status_code == 200
    assert response.json() == {"Database(alias='default')": "OK", "Disk": "OK"}


def test_it_answers_json_to_an_accept_header(client):
    response = client.get("/healthz", HTTP_ACCEPT="application/json")
    assert response["Content-Type"] == "application/json"
    assert "Disk" in response.json()


def test_a_failing_database_is_named_without_its_host(client):
    # What the library raises from a PostgreSQL driver's error: the server's name and address in it.
    leak = ServiceUnavailable('connection to server at "db.internal" (10.1.2.3), port 5432 failed')
    with mock.patch("health_check.checks.Database.run", side_effect=leak):
        response = client.get("/healthz", {"format": "json"})
    assert response.status_code == 500
    assert response.json()["Database(alias='default')"] == "Unavailable: The database does not answer"
    assert response.json()["Disk"] == "OK"
    assert b"db.internal" not in response.content
    assert b"10.1.2.3" not in response.content


def test_a_broker_on_a_closed_port_fails_redis_and_the_worker_without_the_password(client, settings):
    settings.HEALTH_WORKER_PING_SECONDS = 1
    url = f"redis://:hunter2-secret@127.0.0.1:{closed_port()}/0"
    with mock.patch("congress.health.broker_url", return_value=url):
        response = client.get("/healthz", {"format": "json"})
    assert response.status_code == 500
    results = response.json()
    assert results["Redis"].startswith("Unavailable")
    assert results["Worker"] != "OK"
    assert results["Beat"] != "OK"  # no beat has ever run here either
    assert b"hunter2" not in response.content
    assert b"127.0.0.1" not in response.content


def test_the_html_page_lets_its_own_inline_style_through_the_policy(client):
    response = client.get("/healthz", HTTP_ACCEPT="text/html")
    assert response.status_code == 200
    assert "'unsafe-inline'" in response["Content-Security-Policy"]
    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_the_most_frequent_job_is_the_outbox_delivery_every_minute():
    assert health.most_frequent_job().name == "deliver-pending-notifications"


def beat_ran(ago: datetime.timedelta) -> None:
    every_minute, _ = CrontabSchedule.objects.get_or_create(minute="*", hour="*")
    job = health.most_frequent_job()
    PeriodicTask.objects.create(name=job.name, task=job.task, crontab=every_minute, last_run_at=timezone.now() - ago)


def test_beat_that_last_ran_long_ago_is_unhealthy():
    beat_ran(datetime.timedelta(hours=2))
    result = result_of(health.BeatLastRun())
    assert str(result.error) == "Unavailable: beat last sent deliver-pending-notifications 120 min ago"


def test_beat_that_ran_a_minute_ago_is_healthy():
    beat_ran(datetime.timedelta(minutes=1))
    assert result_of(health.BeatLastRun()).error is None


def test_beat_that_never_ran_is_unhealthy():
    assert "never" in str(result_of(health.BeatLastRun()).error)


def test_the_replica_is_checked_only_when_configured(settings):
    assert not any(isinstance(check, health.ReplicaLag) for check in health.HealthView().get_checks())
    with mock.patch.dict(settings.DATABASES, replica=settings.DATABASES["default"]):
        assert any(isinstance(check, health.ReplicaLag) for check in health.HealthView().get_checks())


@pytest.mark.parametrize(("lag", "expected"), [(5.0, None), (600.0, "Warning: The replica is 600 s behind")])
def test_a_replica_behind_the_threshold_is_reported(settings, lag, expected):
    settings.HEALTH_REPLICA_LAG_SECONDS = 60
    with mock.patch.object(health.ReplicaLag, "seconds_behind", return_value=lag):
        error = result_of(health.ReplicaLag()).error
    assert (str(error) if error else None) == expected


def test_a_full_disk_fails(settings):
    settings.HEALTH_DISK_MIN_FREE_MB = 10**12  # more than any disk has
    assert "MB free" in str(result_of(health.Disk()).error)
