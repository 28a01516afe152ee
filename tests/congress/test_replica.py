"""Reads from the replica (congress/db_routers.py, congress/replica.py) without a real one: writes never go to it,
a user who has just written reads from the primary, and a replica that does not answer costs no error page.
test_replica_live.py checks the same against a real streaming replica."""

import logging
import time

import pytest
from django.db import OperationalError, router
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.urls import reverse

from congress import replica
from congress.db_routers import REPLICA, ReplicaRouter, reading_from
from congress.models import County
from tests.congress.test_settings import _start


class FakeReplica:
    """Stands in for connections["replica"]: answers or not, and counts how often it was tried."""

    def __init__(self, *, up: bool) -> None:
        self.up, self.attempts = up, 0

    @property
    def connection(self) -> object | None:
        return object() if self.up else None

    def close_if_health_check_failed(self) -> None:
        pass

    def ensure_connection(self) -> None:
        self.attempts += 1
        if not self.up:
            raise OperationalError("connection refused")

    def is_usable(self) -> bool:
        return self.up

    def close(self) -> None:
        pass


@pytest.fixture
def fake(monkeypatch):
    """A replica that is configured; the test says whether it answers."""

    def make(*, up: bool) -> FakeReplica:
        connection = FakeReplica(up=up)
        monkeypatch.setattr(replica, "configured", lambda: True)
        monkeypatch.setattr(replica, "connections", {REPLICA: connection})
        monkeypatch.setattr(replica, "_down_until", 0.0)
        return connection

    return make


@replica.reads_replica
def where_reads_go(request) -> HttpResponse:
    return HttpResponse(router.db_for_read(County))


def visit(cookies: dict | None = None) -> str:
    request = RequestFactory().get("/report/")
    request.COOKIES.update(cookies or {})
    return where_reads_go(request).content.decode()


# The router


def test_writes_go_to_the_primary_even_inside_a_report_view():
    token = reading_from.set(REPLICA)
    try:
        assert ReplicaRouter().db_for_write(County) == "default"
        assert router.db_for_write(County) == "default"
    finally:
        reading_from.reset(token)


def test_migrations_run_on_the_primary_only():
    assert ReplicaRouter().allow_migrate("default", "congress") is True
    assert ReplicaRouter().allow_migrate(REPLICA, "congress") is False


def test_reads_outside_a_report_view_go_to_the_primary():
    assert router.db_for_read(County) == "default"


def test_without_a_replica_a_report_view_reads_from_the_primary():
    assert visit() == "default"


# The report views


def test_a_report_view_reads_from_the_replica_that_answers(fake):
    fake(up=True)

    assert visit() == REPLICA
    assert router.db_for_read(County) == "default"  # and only while the view runs


def test_just_after_a_write_a_report_view_reads_from_the_primary(fake, settings):
    fake(up=True)
    settings.REPLICA_STICKY_SECONDS = 5

    assert visit({replica.WROTE_COOKIE: f"{time.time() - 1:.3f}"}) == "default"
    assert visit({replica.WROTE_COOKIE: f"{time.time() - 6:.3f}"}) == REPLICA
    assert visit({replica.WROTE_COOKIE: "not a time"}) == REPLICA


def test_a_replica_that_does_not_answer_sends_reads_to_the_primary_with_a_log_line(fake, caplog):
    connection = fake(up=False)

    with caplog.at_level(logging.WARNING, logger="congress.replica"):
        assert visit() == "default"

    assert "Replica unavailable" in caplog.text
    assert connection.attempts == 1


def test_a_replica_found_down_is_not_tried_again_for_a_while(fake, monkeypatch):
    connection = fake(up=False)
    visit()
    connection.up = True

    assert visit() == "default"
    assert connection.attempts == 1

    monkeypatch.setattr(replica, "_down_until", time.monotonic() - 1)
    assert visit() == REPLICA


def test_a_replica_lost_mid_page_runs_the_page_again_on_the_primary(fake):
    connection = fake(up=True)
    seen = []

    @replica.reads_replica
    def page(request) -> HttpResponse:
        seen.append(router.db_for_read(County))
        if len(seen) == 1:
            connection.up = False
            raise OperationalError("server closed the connection unexpectedly")
        return HttpResponse("ok")

    response = page(RequestFactory().get("/report/"))

    assert response.content == b"ok"
    assert seen == [REPLICA, "default"]


def test_an_error_of_the_primary_is_not_blamed_on_the_replica(fake):
    fake(up=True)

    @replica.reads_replica
    def page(request) -> HttpResponse:
        raise OperationalError("the primary is gone")

    with pytest.raises(OperationalError):
        page(RequestFactory().get("/report/"))
    assert replica._down_until == 0.0


# Through the site


@pytest.mark.django_db
def test_the_dashboard_answers_from_the_primary_when_the_replica_is_down(fake, login, leo, caplog):
    fake(up=False)

    client = login(leo)
    client.cookies.pop(replica.WROTE_COOKIE)  # past the seconds after logging in

    response = client.get(reverse("dashboard"))

    assert response.status_code == 200
    assert "Replica unavailable" in caplog.text


@pytest.mark.django_db
def test_a_refused_write_stamps_nothing(fake, login, leo):
    fake(up=True)
    client = Client()
    client.force_login(leo)

    response = client.post(reverse("dashboard"))  # the page takes no POST

    assert response.status_code == 405
    assert replica.WROTE_COOKIE not in client.cookies


@pytest.mark.django_db
def test_a_write_stamps_the_browser_when_there_is_a_replica(fake, leo):
    fake(up=True)
    client = Client()

    client.force_login(leo)
    client.get("/")  # a read
    assert replica.WROTE_COOKIE not in client.cookies
    response = client.post(reverse("set_language"), {"language": "en"})

    assert response.status_code == 302
    assert float(client.cookies[replica.WROTE_COOKIE].value) == pytest.approx(time.time(), abs=5)


@pytest.mark.django_db
def test_without_a_replica_a_write_stamps_nothing(leo):
    client = Client()
    client.force_login(leo)

    client.post(reverse("set_language"), {"language": "en"})

    assert replica.WROTE_COOKIE not in client.cookies


# Settings


def test_a_replica_of_another_engine_stops_the_start():
    result = _start(
        DJANGO_DEBUG="1",
        DATABASE_URL="postgres://u@127.0.0.1:5432/congress",
        DATABASE_REPLICA_URL="sqlite:///replica.sqlite3",
    )
    assert result.returncode != 0
    assert "DATABASE_REPLICA_URL must name the same database engine" in result.stderr
