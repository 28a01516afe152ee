"""Who sees which items, asked of the selectors with the viewer's membership and the town (never the request);
and filing with submission in one step."""

import pytest
from django.core.exceptions import ObjectDoesNotExist

from congress.models import Membership, Notification
from proposals.models import Proposal, Status
from proposals.selectors import proposal_detail, visible_proposals
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def viewer(user) -> Membership:
    return user.memberships.get()


def test_the_office_sees_every_item_of_its_town_and_a_stranger_none(flow, alice, dave, town_a):
    items = {flow.draft().pk, flow.accepted().pk}

    assert set(visible_proposals(viewer=viewer(alice), township=town_a).values_list("pk", flat=True)) == items
    assert not visible_proposals(viewer=viewer(dave), township=dave.memberships.get().township).exists()


def test_a_units_viewer_sees_only_the_items_of_its_department(flow, carol, town_a, department_b):
    mine = flow.assigned()
    flow.assigned(main=department_b)

    assert list(visible_proposals(viewer=viewer(carol), township=town_a)) == [mine]


def test_a_deputys_viewer_sees_own_cosigned_and_public_items(flow, bob, cathy, dan, town_a):
    own = flow.draft()
    cosigned = flow.draft(lead=cathy.deputy, cosigners=[bob.deputy])
    public = flow.accepted(lead=cathy.deputy)
    flow.draft(lead=cathy.deputy)

    seen = set(visible_proposals(viewer=viewer(bob), township=town_a))

    assert seen == {own, cosigned, public}
    assert set(visible_proposals(viewer=viewer(dan), township=town_a)) == {public}


def test_a_deputy_login_without_a_deputy_record_sees_nothing(flow, town_a):
    flow.accepted()
    nobody = UserFactory(username="nobody")
    membership = MembershipFactory(user=nobody, township=town_a, role="deputy")

    assert not visible_proposals(viewer=membership, township=town_a).exists()


def test_the_detail_of_an_item_the_viewer_may_not_see_does_not_exist(flow, carol, alice, town_a):
    draft = flow.draft()

    assert proposal_detail(viewer=viewer(alice), township=town_a, pk=draft.pk) == draft
    with pytest.raises(ObjectDoesNotExist):
        proposal_detail(viewer=viewer(carol), township=town_a, pk=draft.pk)


def test_a_deputy_filing_and_submitting_at_once_gets_one_submitted_item(login, alice, bob, town_a, session_a):
    data = {
        "kind": "suggestion",
        "title": "关于修缮村道的建议",
        "content": "一、情况；二、理由；三、建议。",
        "category": "infrastructure",
        "period": "session",
        "session": session_a.pk,
        "submit": "1",
    }

    response = login(bob).post("/proposals/new/", data)

    item = Proposal.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/proposals/{item.pk}/"
    assert (item.status, item.lead_deputy, item.submitted_at is not None) == (Status.SUBMITTED, bob.deputy, True)
    assert Notification.objects.filter(recipient=alice, key__startswith=f"proposal-submitted:{item.pk}:").exists()
