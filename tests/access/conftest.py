"""Fixtures of the access tests: a logged-in client for a role by name, a superuser, a user with no
membership, town A's sample rows, built lazily so that each test pays only for what it opens, and town B's
members of every role with a few rows of their own."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from congress.access import SESSION_TOWNSHIP
from proposals.models import Proposal
from proposals.services.filing import proposal_assign, proposal_review, proposal_save, proposal_submit
from tests.access.samples import ROLE_USERS, TownASamples
from tests.factories import (
    ActivityFactory,
    DepartmentFactory,
    DeputyFactory,
    LeaderFactory,
    MembershipFactory,
    StationFactory,
    UserFactory,
)


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


# --- Town B: a member of each role, and rows of its own -------------------------------------------------


@pytest.fixture
def town_b_members(dave, town_b) -> dict:
    """Town B's office (dave), a leader, a deputy and a handling unit's staff, by role."""
    department = DepartmentFactory(township=town_b, name="乙镇农业服务中心")
    members = {"office": dave}
    for role, username in (("leader", "yi_leader"), ("deputy", "yi_deputy"), ("unit", "yi_unit")):
        user = UserFactory(username=username)
        MembershipFactory(user=user, township=town_b, role=role, department=department if role == "unit" else None)
        members[role] = user
    LeaderFactory(township=town_b, user=members["leader"], name="乙镇领导乔峰", title="镇长")
    DeputyFactory(township=town_b, user=members["deputy"], name="乙镇代表段誉")
    return members


# The names and titles of town B's rows (town_b_rows): its own pages must show them, town A's none of them.
TOWN_B_MARKERS = ("乙镇领导乔峰", "乙镇代表段誉", "乙镇农业服务中心", "乙镇便民接待站", "乙镇植树活动", "乙镇修桥")


@pytest.fixture
def town_b_rows(town_b, town_b_members) -> tuple[str, ...]:
    """A station, an activity and a proposal of town B's deputy assigned to its unit; returns TOWN_B_MARKERS."""
    deputy = town_b_members["deputy"].deputy
    department = town_b_members["unit"].memberships.get().department
    StationFactory(township=town_b, name="乙镇便民接待站")
    ActivityFactory(township=town_b, title="乙镇植树活动", date=timezone.localdate() - timedelta(days=2))
    item = proposal_save(
        proposal=Proposal(title="乙镇修桥", content="桥面破损", category="infrastructure", lead_deputy=deputy),
        township=town_b,
        cosigners=[],
        user=town_b_members["office"],
        by_office=True,
    )
    proposal_submit(proposal=item)
    proposal_review(proposal=item, decision="accept")
    proposal_assign(proposal=item, main=department, assisting=[])
    return TOWN_B_MARKERS
