"""A proposal (议案) is put during the session by the town's number of deputies jointly (five by default, 地方组织法
第二十二条); a suggestion (建议) by one deputy at any time. The proposal form's period follows the session calendar."""

import re
from datetime import date

import pytest
from django.utils.translation import gettext

from congress.models import CongressSession
from proposals.forms import ProposalForm
from proposals.models import HandlingSettings, Kind, Period, Status
from proposals.services.filing import proposal_submit
from proposals.services.rules import ProposalError
from tests.factories import DeputyFactory
from tests.proposals.conftest import START, snapshot

pytestmark = pytest.mark.django_db


def test_a_proposal_with_four_cosigners_is_submitted(flow):
    item = flow.submitted(kind=Kind.PROPOSAL)
    assert item.status == Status.SUBMITTED and item.cosigners.count() == 4


def test_a_proposal_of_two_deputies_is_refused_and_told_the_number(flow):
    item = flow.draft(kind=Kind.PROPOSAL, cosigners=[DeputyFactory(township=flow.town)])
    before = snapshot(item)
    with pytest.raises(ProposalError) as told:
        proposal_submit(proposal=item)
    told_numbers = re.findall(r"\d+", told.value.messages[0])
    assert told_numbers == ["5", "4", "1"]  # five jointly, the lead and four co-signers, one so far
    assert snapshot(item) == before


def test_the_lead_deputy_is_not_counted_twice_as_a_cosigner(flow, refused):
    others = flow.joint_signers()[:3]
    item = flow.draft(kind=Kind.PROPOSAL, cosigners=[*others, flow.lead])
    with refused(item):
        proposal_submit(proposal=item)


def test_a_town_asking_three_deputies_accepts_a_proposal_of_three(flow, town_a):
    HandlingSettings.objects.create(township=town_a, proposal_min_signers=3)
    item = flow.submitted(kind=Kind.PROPOSAL, cosigners=flow.joint_signers()[:2])
    assert item.status == Status.SUBMITTED


def test_a_suggestion_needs_no_cosigner(flow):
    assert flow.submitted(kind=Kind.SUGGESTION).status == Status.SUBMITTED


def test_a_proposal_in_the_recess_is_refused_even_as_a_draft(flow, refused):
    with refused():
        flow.draft(kind=Kind.PROPOSAL, period=Period.RECESS, session=None)


def test_a_suggestion_in_the_recess_is_filed(flow):
    item = flow.submitted(period=Period.RECESS, session=None)
    assert (item.period, item.status) == (Period.RECESS, Status.SUBMITTED)


def test_the_form_files_in_the_recess_outside_a_session(town_a, session_a):
    form = ProposalForm(township=town_a)  # START (2 March) is after session_a (20–22 February)
    assert form.initial["period"] == Period.RECESS and "session" not in form.initial


def test_the_form_files_during_the_session_in_its_days(town_a, clock, session_a):
    sitting = CongressSession.objects.create(township=town_a, term=1, number=3, start_date=START, end_date=START)
    form = ProposalForm(township=town_a)
    assert (form.initial["period"], form.initial["session"]) == (Period.SESSION, sitting.pk)


def test_another_towns_session_does_not_make_it_session_time(town_a, town_b):
    CongressSession.objects.create(township=town_b, term=1, number=1, start_date=START, end_date=date(2026, 3, 3))
    assert ProposalForm(township=town_a).initial["period"] == Period.RECESS


def test_the_office_sets_the_number_of_deputies_on_the_rules_page(login, alice, town_a):
    client = login(alice)
    assert client.post("/proposals/rules/", {"proposal_min_signers": "3"}).status_code == 302
    assert HandlingSettings.objects.get(township=town_a).proposal_min_signers == 3
    client.post("/proposals/rules/", {"phone_third_meeting": "on"})
    assert HandlingSettings.objects.get(township=town_a).proposal_min_signers == 3


def test_a_number_of_deputies_below_one_is_refused_and_changes_nothing(login, alice, town_a):
    response = login(alice).post("/proposals/rules/", {"proposal_min_signers": "0"})
    assert response.status_code == 200 and not HandlingSettings.objects.filter(township=town_a).exists()
    assert gettext("Handling rules saved.") not in response.text
