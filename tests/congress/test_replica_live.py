"""The report pages against a real streaming replica (`.ci/replica`): run by `.ci/run` with DATABASE_REPLICA_URL
set, in a pytest run of its own; skipped without it. The sticky and fallback rules are unit-tested without a
replica in test_replica.py."""

import os
import time

import pytest
from django.core.management import call_command
from django.db import connections
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from assessments.selectors.dashboard import dashboard
from congress import replica
from congress.models import County, Role
from tests.assessments.conftest import Records, at
from tests.factories import CountyFactory, LeaderFactory, MembershipFactory, TownshipFactory, UserFactory

pytestmark = [
    pytest.mark.replica,
    pytest.mark.skipif(not os.environ.get("DATABASE_REPLICA_URL"), reason="needs a streaming replica"),
    pytest.mark.django_db(databases=["default", "replica"]),
]

# Tables the middleware reads on every request (the session, the login, its memberships): on the primary.
REQUEST_TABLES = ("django_session", "auth_user", "congress_membership", "congress_township", "congress_county")


def replayed() -> None:
    """Wait until the replica has replayed everything the primary has committed so far."""
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT pg_current_wal_lsn()")
        (target,) = cursor.fetchone()
    for _ in range(100):
        with connections["replica"].cursor() as cursor:
            cursor.execute("SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", [target])
            if cursor.fetchone()[0]:
                return
        time.sleep(0.05)
    raise AssertionError("the replica did not catch up within 5 s")


@pytest.fixture(scope="module")
def leo(django_db_setup, django_db_blocker):
    """A leader of a town with a visit, committed (a test's own transaction never reaches the replica) and
    emptied once at the end: cheaper than a transactional test's flush after every test."""
    with django_db_blocker.unblock():
        town = TownshipFactory(county=CountyFactory(name="示范县", code="shifan"), name="甲镇", code="jia")
        user = UserFactory(username="leo")
        MembershipFactory(user=user, township=town, role=Role.LEADER)
        LeaderFactory(township=town, user=user, name="黎欧", title="镇人大主席")
        Records(town).visit(at(timezone.localdate()))
        # The dashboard's twelve months, counted once and kept (on the primary, as the first reader of the day or
        # the nightly job does), so that the pages read them from the replica and write nothing.
        dashboard(township=town)
        replayed()
        yield user
        connections["replica"].close()
        if County.objects.exists():  # the transactional test last in the module has already emptied them
            call_command("flush", interactive=False, verbosity=0)


@pytest.fixture(autouse=True)
def replica_up():
    replica._down_until = 0.0
    yield
    replica._down_until = 0.0
    connections["replica"].close()


@pytest.fixture
def reader(login, leo):
    client = login(leo)
    # Logging in is a write: the next seconds read from the primary; this test looks past them.
    client.cookies.pop(replica.WROTE_COOKIE)
    return client


def test_the_replica_is_a_standby_of_the_primary():
    with connections["replica"].cursor() as cursor:
        cursor.execute("SELECT pg_is_in_recovery()")
        assert cursor.fetchone()[0] is True


def test_a_row_written_on_the_primary_appears_on_the_replica_within_seconds(leo):
    # Committed by the module's fixture, outside this test's transaction.
    assert County.objects.using("replica").filter(name="示范县").exists()


def test_the_dashboard_reads_from_the_replica(reader):
    with CaptureQueriesContext(connections["replica"]) as on_replica:
        with CaptureQueriesContext(connections["default"]) as on_primary:
            response = reader.get(reverse("dashboard"))

    assert response.status_code == 200
    # Its kept months (one read), the overdue referrals and proposals and their count: every read of the page.
    tables = " ".join(query["sql"] for query in on_replica.captured_queries)
    assert all(
        f'"{table}"' in tables for table in ("assessments_townmonth", "petitions_referral", "proposals_proposal")
    )
    assert on_primary.captured_queries
    for query in on_primary.captured_queries:
        assert any(f'"{table}"' in query["sql"] for table in REQUEST_TABLES), query["sql"]


@pytest.mark.parametrize("page", ["bulletin_list", "record_overview", "proposal_rates"])
def test_the_other_report_pages_read_from_the_replica(reader, page):
    with CaptureQueriesContext(connections["replica"]) as on_replica:
        response = reader.get(reverse(page))

    assert response.status_code == 200
    assert on_replica.captured_queries


def test_just_after_a_write_the_dashboard_reads_from_the_primary(login, leo):
    client = login(leo)  # the login's POST stamps the browser

    with CaptureQueriesContext(connections["replica"]) as on_replica:
        response = client.get(reverse("dashboard"))

    assert response.status_code == 200
    assert not on_replica.captured_queries


# Transactional, so that the replica's connection is not held open in the test's transaction and can be
# closed and reopened at a port where nothing listens. Last in the module: its flush empties the module's rows.
@pytest.mark.django_db(transaction=True, databases=["default", "replica"])
def test_with_the_replica_unreachable_the_dashboard_answers_from_the_primary(reader, caplog, monkeypatch):
    connections["replica"].close()
    monkeypatch.setitem(connections["replica"].settings_dict, "PORT", "1")  # nothing listens there

    with CaptureQueriesContext(connections["default"]) as on_primary:
        response = reader.get(reverse("dashboard"))

    assert response.status_code == 200
    assert any('"petitions_visit"' in query["sql"] for query in on_primary.captured_queries)
    assert "Replica unavailable" in caplog.text
