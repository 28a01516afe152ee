"""The named users every access test checks: alice (office, town A), bob (deputy, town A), carol (unit
staff, town A), leo (leader, town A), dave (office, town B: must see nothing of town A), erin (county)."""

from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation

from congress.models import Role
from tests.demo_copy import DemoCopy
from tests.factories import (
    PASSWORD,
    CountyFactory,
    DepartmentFactory,
    DeputyFactory,
    LeaderFactory,
    MembershipFactory,
    NotificationFactory,
    StationFactory,
    TownshipFactory,
    UserFactory,
)


@pytest.fixture
def county(db):
    return CountyFactory(name="示范县", code="shifan")


@pytest.fixture
def town_a(county):
    return TownshipFactory(county=county, name="甲镇", code="jia")


@pytest.fixture
def town_b(county):
    return TownshipFactory(county=county, name="乙镇", code="yi")


@pytest.fixture
def department_a(town_a):
    return DepartmentFactory(township=town_a, name="社会事务办公室")


@pytest.fixture
def alice(town_a):
    user = UserFactory(username="alice")
    MembershipFactory(user=user, township=town_a, role=Role.OFFICE)
    return user


@pytest.fixture
def bob(town_a):
    user = UserFactory(username="bob")
    MembershipFactory(user=user, township=town_a, role=Role.DEPUTY)
    DeputyFactory(township=town_a, user=user, name="鲍勃")
    return user


@pytest.fixture
def carol(town_a, department_a):
    user = UserFactory(username="carol")
    MembershipFactory(user=user, township=town_a, role=Role.UNIT, department=department_a)
    return user


@pytest.fixture
def leo(town_a):
    user = UserFactory(username="leo")
    MembershipFactory(user=user, township=town_a, role=Role.LEADER)
    LeaderFactory(township=town_a, user=user, name="黎欧", title="镇人大主席")
    return user


@pytest.fixture
def dave(town_b):
    user = UserFactory(username="dave")
    MembershipFactory(user=user, township=town_b, role=Role.OFFICE)
    return user


@pytest.fixture
def erin(county, town_a, town_b):
    user = UserFactory(username="erin")
    MembershipFactory(user=user, township=None, county=county, role=Role.COUNTY)
    return user


@pytest.fixture
def login():
    """A client logged in as the given user."""

    def make(user) -> Client:
        client = Client()
        # Through the login page, as a person does (django-axes needs the request to count attempts).
        response = client.post("/login/", {"username": user.username, "password": PASSWORD})
        assert response.status_code == 302, f"{user.username} could not log in ({response.status_code})"
        return client

    return make


@pytest.fixture(autouse=True)
def site_language():
    """Each test starts in the site's language, as a request and a job do: a request earlier on the same worker
    that chose another language, or a management command (which leaves none active), no longer decides what a
    later test reads. A test that means another language says so (`translation.override("en")`)."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def town_a_objects(town_a, alice):
    """One row of each kind in town A, for tests that try to reach them from elsewhere."""
    return {
        "station": StationFactory(township=town_a),
        "deputy": DeputyFactory(township=town_a),
        "notification": NotificationFactory(recipient=alice, township=town_a),
    }


@pytest.fixture(scope="session")
def demo_copy(tmp_path_factory: pytest.TempPathFactory) -> DemoCopy:
    """This worker's copy of the demo, built by the first test that asks for it (tests/demo_copy.py)."""
    return DemoCopy(tmp_path_factory.mktemp("demo"))


@pytest.fixture
def demo_rows(db, demo_copy: DemoCopy) -> None:
    """The demo loaded as `make run` loads it (built once per worker, then copied back), in the test's
    transaction; the browser tests' `demo` does the same with rows committed for the live server."""
    demo_copy.restore()


# The long tier (`make test-all`, and CI): what drives a browser, builds the whole demo or fuzzes every form.
# `make test` leaves it out, to answer within minutes; every other test runs in both.
SLOW_PATHS = ("tests/e2e/", "tests/congress/fuzz/", "tests/demo/", "tests/congress/test_demo.py")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    root = Path(str(config.rootpath))
    for item in items:
        # The tests against a real Redis and celery worker share one broker database: one xdist worker runs them.
        if item.get_closest_marker("worker"):
            item.add_marker(pytest.mark.xdist_group("worker"))
        path = Path(str(item.path)).resolve().relative_to(root).as_posix()
        if path.startswith(SLOW_PATHS):
            item.add_marker(pytest.mark.slow)
