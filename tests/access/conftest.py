"""Fixtures of the access tests: a logged-in client for a role by name, a superuser, a user with no
membership, and town A's sample rows, built lazily so that each test pays only for what it opens."""

import pytest
from django.test import Client

from congress.access import SESSION_TOWNSHIP
from tests.access.samples import ROLE_USERS, TownASamples
from tests.factories import UserFactory


@pytest.fixture
def client_as(request, db):
    """A client for a role of ROLE_USERS: anonymous, or logged in as that role's user."""

    def make(role: str) -> Client:
        client = Client()
        fixture = ROLE_USERS[role]
        if fixture is not None:
            client.force_login(request.getfixturevalue(fixture))
        if role == "county":
            # The county reader looks at town A, as after choosing it in the town switch.
            session = client.session
            session[SESSION_TOWNSHIP] = request.getfixturevalue("town_a").pk
            session.save()
        return client

    return make


@pytest.fixture
def samples(request, db) -> TownASamples:
    """Town A's rows, each made on first use."""
    return TownASamples(request)


@pytest.fixture
def superuser(db):
    return UserFactory(username="root", is_staff=True, is_superuser=True)


@pytest.fixture
def nomad(db):
    """A user who can log in but was never given a membership anywhere."""
    return UserFactory(username="nomad")
