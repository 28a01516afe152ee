"""A visit whose matter a deputy turned into a suggestion becomes a draft suggestion, linked both ways."""

import pytest

from assessments.models import VisitProposal
from petitions.services.visits import visit_categories_for, visit_record
from proposals.models import Proposal, Status
from tests.factories import StationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def suggestion_visit(town_a, alice, bob):
    return visit_record(
        township=town_a,
        user=alice,
        station=StationFactory(township=town_a),
        category=visit_categories_for(township=town_a)[0],
        visitor_name="王大妈",
        content="村口路灯长期不亮",
        outcome="suggestion",
        deputies=[bob.deputy],
        suggestions=[(bob.deputy, "建议纳入亮化工程")],
    )


def test_the_office_drafts_the_suggestion_a_visit_became(login, alice, bob, suggestion_visit):
    response = login(alice).post(f"/visits/{suggestion_visit.pk}/to-suggestion/", {"deputy": bob.deputy.pk})
    proposal = Proposal.objects.get()
    assert response["Location"] == f"/proposals/{proposal.pk}/edit/"
    assert proposal.status == Status.DRAFT and proposal.lead_deputy == bob.deputy
    assert "村口路灯长期不亮" in proposal.content and "建议纳入亮化工程" in proposal.content
    link = VisitProposal.objects.get()
    assert link.visit == suggestion_visit and link.proposal == proposal
    assert f"/proposals/{proposal.pk}/" in login(alice).get(f"/visits/{suggestion_visit.pk}/").content.decode()
    assert f"/visits/{suggestion_visit.pk}/" in login(alice).get(f"/proposals/{proposal.pk}/").content.decode()


def test_a_visit_is_drafted_once(login, alice, bob, suggestion_visit):
    client = login(alice)
    client.post(f"/visits/{suggestion_visit.pk}/to-suggestion/", {"deputy": bob.deputy.pk})
    client.post(f"/visits/{suggestion_visit.pk}/to-suggestion/", {"deputy": bob.deputy.pk})
    assert Proposal.objects.count() == 1


def test_a_visit_answered_on_the_spot_is_not_drafted(login, alice, bob, town_a):
    visit = visit_record(
        township=town_a,
        user=alice,
        station=StationFactory(township=town_a),
        category=visit_categories_for(township=town_a)[0],
        visitor_name="李",
        content="咨询",
        outcome="answered",
        answer="已解释",
    )
    login(alice).post(f"/visits/{visit.pk}/to-suggestion/", {"deputy": bob.deputy.pk})
    assert not Proposal.objects.exists()
