"""/metrics: Prometheus' address only; requests, the task counters and the outbox backlog in it."""

import re

import pytest
from django.db import connection

from congress.tasks import deliver_pending_notifications
from tests.factories import NotificationFactory

pytestmark = pytest.mark.django_db


def sample(text: str, name: str) -> float:
    match = re.search(rf"^{re.escape(name)} (\S+)$", text, re.MULTILINE)
    assert match, f"{name} is not in the metrics"
    return float(match.group(1))


def test_it_is_not_found_from_an_address_not_allowed(client):
    assert client.get("/metrics", REMOTE_ADDR="10.0.0.7").status_code == 404


def test_it_is_not_opened_by_a_forwarded_for_header(client):
    response = client.get("/metrics", REMOTE_ADDR="10.0.0.7", HTTP_X_FORWARDED_FOR="127.0.0.1")
    assert response.status_code == 404


def test_a_request_through_the_proxy_is_not_found_even_from_loopback(client):
    # Behind nginx every request arrives from 127.0.0.1, with the client's address in X-Forwarded-For.
    response = client.get("/metrics", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert response.status_code == 404


def test_an_address_added_to_the_setting_is_allowed(client, settings):
    settings.METRICS_ALLOWED_IPS = ["10.0.0.7"]
    assert client.get("/metrics", REMOTE_ADDR="10.0.0.7").status_code == 200


def test_it_shows_requests_tasks_and_the_outbox_to_loopback(client, alice, town_a):
    NotificationFactory.create_batch(3, recipient=alice, township=town_a)
    client.get("/login/")
    response = client.get("/metrics")  # the test client's REMOTE_ADDR is 127.0.0.1
    assert response.status_code == 200
    text = response.content.decode()
    assert "django_http_requests_total_by_view_transport_method_total" in text
    assert 'django_http_requests_latency_seconds_by_view_method_count{method="GET",view="login"}' in text
    vendor = connection.vendor  # sqlite for `make test`, postgresql in CI
    assert f'django_db_execute_total{{alias="default",vendor="{vendor}"}}' in text  # the login page's queries
    assert sample(text, "congress_outbox_pending") == 3
    assert "# TYPE congress_task_runs_total counter" in text
    assert "# TYPE congress_task_failures_total counter" in text


def count(client, name: str) -> float:
    text = client.get("/metrics").content.decode()
    return sample(text, name) if name in text else 0


def test_a_task_run_is_counted(client):
    name = 'congress_task_runs_total{task="congress.tasks.deliver_pending_notifications"}'
    before = count(client, name)
    deliver_pending_notifications.delay()  # eager here: run in this process, with Celery's signals
    assert count(client, name) == before + 1


def test_a_task_failure_is_counted(client, monkeypatch):
    name = 'congress_task_failures_total{task="congress.tasks.deliver_pending_notifications"}'
    before = count(client, name)
    monkeypatch.setattr("congress.tasks.notifications_deliver_pending", lambda: 1 / 0)
    # As a worker runs it: the error recorded, not raised into the caller (eager mode re-raises before the signal).
    result = deliver_pending_notifications.apply(throw=False)
    assert isinstance(result.result, ZeroDivisionError)
    assert count(client, name) == before + 1


def test_it_refuses_a_post(client):
    assert client.post("/metrics").status_code == 405
