"""The dashboard's four rates and its units' reply rates are kept with this month's figures
(assessments.selectors.town_months): read again without counting, they read as the rates page counts them, and
a meeting, a reply, feedback or a unit recorded after a read is counted by the next read."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from assessments.selectors.dashboard import county_overview, dashboard
from proposals.figures import proposal_figures
from proposals.models import Proposal, Rating
from proposals.services.filing import proposal_assign
from tests.factories import DepartmentFactory

pytestmark = pytest.mark.django_db


def counted(town) -> dict:
    """The four rates counted on the spot, as the rates page counts them."""
    return {f.key: (f.numerator, f.denominator) for f in proposal_figures(items=Proposal.objects.for_township(town))}


def shown(town) -> dict:
    return {f.key: (f.numerator, f.denominator) for f in dashboard(township=town)["rates"]}


def units(town) -> dict:
    chart = dashboard(township=town)["charts"]["units"]
    return dict(zip(chart["labels"], chart["values"], strict=True))


@pytest.fixture
def item(flow):
    flow.go(date(2026, 4, 1))
    assigned = flow.assigned(due=date(2026, 6, 1))
    flow.go(date(2026, 9, 1))
    return assigned


def test_a_second_read_counts_no_item(item, town_a):
    dashboard(township=town_a)

    with CaptureQueriesContext(connection) as second:
        dashboard(township=town_a)

    tables = ("proposals_reply", "proposals_meeting", "proposals_feedback", "proposals_handlingunit")
    assert not [q["sql"] for q in second.captured_queries if any(t in q["sql"] for t in tables)]


def test_each_step_of_an_item_is_read_at_once(flow, item, town_a, department_a):
    none_yet = {"reply": (0, 1), "meeting": (0, 1), "implementation": (0, 0), "satisfaction": (0, 0)}
    assert shown(town_a) == counted(town_a) == none_yet
    assert units(town_a) == {department_a.name: 0.0}

    flow.meetings(item)
    assert shown(town_a)["meeting"] == counted(town_a)["meeting"] == (1, 1)

    flow.reply(item)
    assert shown(town_a) == counted(town_a)
    assert shown(town_a)["reply"] == (1, 1)
    assert shown(town_a)["implementation"] == (1, 1)
    assert units(town_a) == {department_a.name: 100.0}

    flow.feedback(item, Rating.NOT)
    assert shown(town_a)["satisfaction"] == counted(town_a)["satisfaction"] == (0, 1)


def test_a_unit_assigned_after_a_read_is_charted(flow, item, town_a, department_a):
    assert set(units(town_a)) == {department_a.name}
    other = DepartmentFactory(township=town_a, name="经济发展办公室")

    proposal_assign(proposal=flow.accepted(), main=other, assisting=[], due=date(2026, 12, 1), key_leader=None)

    assert units(town_a) == {department_a.name: 0.0, other.name: None}  # none of its items due yet: "—"


def test_the_county_overview_reads_the_kept_reply_rate(flow, item, town_a, erin):
    def reply_of_town_a():
        rows = county_overview(county=town_a.county)
        return next(row["reply"] for row in rows if row["town"] == town_a)

    assert (reply_of_town_a().numerator, reply_of_town_a().denominator) == (0, 1)
    flow.replied(item)
    assert (reply_of_town_a().numerator, reply_of_town_a().denominator) == counted(town_a)["reply"] == (1, 1)
