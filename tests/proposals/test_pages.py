"""Proposals through their pages: who sees which items, the reminders sent once per step, a list page whose
cost does not grow with its rows, and the steps of the item refused to the roles whose step it is not."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from congress.models import Notification
from proposals.models import Feedback, Proposal, Rating, Reply, Stage, Status
from proposals.services.filing import proposal_review
from proposals.services.reminders import proposal_reminders_send
from tests.proposals.conftest import ASPECTS, START

pytestmark = pytest.mark.django_db


def listed(client, **params) -> set[int]:
    response = client.get("/proposals/", params)
    assert response.status_code == 200
    return {p.pk for p in response.context["page"].object_list}


# --- Who sees what -------------------------------------------------------------------------------------------


def test_a_unit_sees_only_the_items_assigned_to_it(flow, login, carol, department_a, department_b):
    as_main = flow.assigned()
    as_assisting = flow.assigned(main=department_b, assisting=[department_a])
    elsewhere = flow.assigned(main=department_b)
    waiting = flow.accepted()
    draft = flow.draft()
    client = login(carol)
    assert listed(client) == {as_main.pk, as_assisting.pk}
    for item in (as_main, as_assisting):
        assert client.get(f"/proposals/{item.pk}/").status_code == 200
    for item in (elsewhere, waiting, draft):
        assert client.get(f"/proposals/{item.pk}/").status_code == 404


def test_a_deputy_sees_own_cosigned_and_published_public_items(flow, login, bob, cathy):
    own_draft = flow.draft()
    cosigned_draft = flow.draft(lead=cathy.deputy, cosigners=[bob.deputy])
    public_accepted = flow.accepted(lead=cathy.deputy)
    public_assigned = flow.assigned(lead=cathy.deputy)
    others_draft = flow.draft(lead=cathy.deputy)
    others_submitted = flow.submitted(lead=cathy.deputy)
    others_private = flow.accepted(lead=cathy.deputy, is_public=False)
    others_returned = proposal_review(proposal=flow.submitted(lead=cathy.deputy), decision="return", note="请补充")
    client = login(bob)
    seen = {own_draft, cosigned_draft, public_accepted, public_assigned}
    assert listed(client) == {p.pk for p in seen}
    for item in seen:
        assert client.get(f"/proposals/{item.pk}/").status_code == 200
    for item in (others_draft, others_submitted, others_private, others_returned):
        assert client.get(f"/proposals/{item.pk}/").status_code == 404


def test_another_towns_office_gets_404_on_town_a_items(flow, login, dave):
    items = [flow.draft(), flow.accepted(), flow.replied().proposal]
    client = login(dave)
    assert listed(client) == set()
    for item in items:
        assert client.get(f"/proposals/{item.pk}/").status_code == 404
        assert client.get(f"/proposals/{item.pk}/edit/").status_code == 404
        assert client.post(f"/proposals/{item.pk}/review/", {"decision": "accept"}).status_code == 404
    assert [Proposal.objects.get(pk=p.pk).status for p in items] == [Status.DRAFT, Status.ACCEPTED, Status.REPLIED]


# --- Reminders ---------------------------------------------------------------------------------------------


def reminders(day: date) -> tuple[int, set[str]]:
    """Run the reminders of `day` twice: the second run must add nothing. Returns the count and new keys."""
    before = set(Notification.objects.values_list("key", flat=True))
    sent = proposal_reminders_send(today=day)
    after = set(Notification.objects.values_list("key", flat=True))
    assert proposal_reminders_send(today=day) == 0
    assert set(Notification.objects.values_list("key", flat=True)) == after
    return sent, after - before


def test_handling_reminders_go_to_the_main_unit_once_per_step(flow, carol, brian, department_b):
    item = flow.assigned(due=date(2026, 4, 1), assisting=[department_b])  # assigned on START, 2026-03-02
    met = flow.assigned(due=date(2026, 6, 2))
    flow.go(date(2026, 3, 10))
    flow.meeting(met, Stage.AFTER_ASSIGNMENT)  # met never hears of a missing meeting
    p, c = item.pk, carol.pk
    expected = {
        date(2026, 3, 15): set(),  # 13 days after the assignment
        date(2026, 3, 16): {f"proposal-meeting-missing:{p}:1:{c}"},  # 14 days
        date(2026, 3, 17): set(),
        date(2026, 3, 18): {f"proposal-due14:{p}:1:{c}"},
        date(2026, 3, 19): set(),
        date(2026, 3, 29): {f"proposal-due3:{p}:1:{c}"},
        date(2026, 4, 1): set(),  # due today: not overdue yet
        date(2026, 4, 2): {f"proposal-overdue:{p}:2026-W14:{c}"},  # a Thursday
        date(2026, 4, 5): set(),  # the Sunday of the same ISO week
        date(2026, 4, 6): {f"proposal-overdue:{p}:2026-W15:{c}"},  # the next Monday
        date(2026, 4, 8): set(),
    }
    for day, keys in expected.items():
        sent, new = reminders(day)
        assert (sent, new) == (len(keys), keys), day
    assert not Notification.objects.filter(recipient=brian, key__regex=r"^proposal-(due|overdue|meeting)").exists()


def test_the_lead_deputy_is_reminded_once_of_a_reply_waiting_for_feedback(flow, bob):
    item = flow.replied().proposal
    assert reminders(START + timedelta(days=3)) == (1, {f"proposal-feedback-wait:{item.pk}:1"})
    assert reminders(START + timedelta(days=10)) == (0, set())
    assert Notification.objects.get(key=f"proposal-feedback-wait:{item.pk}:1").recipient == bob


# --- Cost of the list ------------------------------------------------------------------------------------


def fill(flow, n: int, department_a, department_b, cathy) -> None:
    for i in range(n):
        if i % 4 == 0:
            flow.draft(lead=cathy.deputy if i % 8 else None, cosigners=[cathy.deputy] if not i % 8 else [])
        elif i % 4 == 1:
            flow.accepted(lead=cathy.deputy)
        else:
            flow.assigned(
                main=department_a if i % 2 else department_b,
                assisting=[department_b] if i % 2 else [department_a],
                lead=cathy.deputy if i % 3 else None,
            )


@pytest.mark.parametrize("who", ["alice", "bob", "carol"])
def test_the_list_costs_the_same_for_5_and_40_items(flow, login, who, request, department_a, department_b, cathy):
    client = login(request.getfixturevalue(who))
    fill(flow, 5, department_a, department_b, cathy)
    with CaptureQueriesContext(connection) as few:
        rows_few = listed(client)
    fill(flow, 35, department_a, department_b, cathy)
    with CaptureQueriesContext(connection) as many:
        rows_many = listed(client)
    assert len(rows_many) > len(rows_few) >= 1
    assert len(many.captured_queries) == len(few.captured_queries)


# --- Steps refused to the wrong role --------------------------------------------------------------------

REPLY_FORM = {
    "reply_class": "A",
    "text": "经研究，已按建议办理。",
    "signer": "李正华",
    "contact": "王志强",
    "phone": "0873-6100001",
    "meeting_held_on": START.isoformat(),
    "meeting_form": "meeting",
    "meeting_participants": "代表、承办单位",
}
FEEDBACK_FORM = {a: Rating.SATISFIED for a in ASPECTS} | {"comment": ""}


def test_a_deputy_posting_a_review_gets_403(flow, login, bob, alice):
    item = flow.submitted()
    response = login(bob).post(f"/proposals/{item.pk}/review/", {"decision": "accept"})
    assert response.status_code == 403
    item.refresh_from_db()
    assert (item.status, item.number) == (Status.SUBMITTED, None)
    assert login(alice).post(f"/proposals/{item.pk}/review/", {"decision": "accept"}).status_code == 302
    item.refresh_from_db()
    assert (item.status, item.number) == (Status.ACCEPTED, 1)


def test_an_assisting_unit_posting_the_reply_gets_403(flow, login, carol, brian, department_a, department_b):
    item = flow.assigned(main=department_b, assisting=[department_a])
    flow.meetings(item)
    assert login(carol).post(f"/proposals/{item.pk}/reply/", REPLY_FORM).status_code == 403
    item.refresh_from_db()
    assert item.status == Status.ASSIGNED and not Reply.objects.exists()
    assert not item.meetings.filter(stage=Stage.BEFORE_REPLY).exists()
    # The main unit's staff may.
    assert login(brian).post(f"/proposals/{item.pk}/reply/", REPLY_FORM).status_code == 302
    item.refresh_from_db()
    assert item.status == Status.REPLIED and item.replies.count() == 1


def test_feedback_posted_by_a_cosigner_changes_nothing(flow, login, bob, cathy):
    item = flow.replied(flow.assigned(cosigners=[cathy.deputy]))
    item = Proposal.objects.get(pk=item.proposal_id)
    response = login(cathy).post(f"/proposals/{item.pk}/feedback/", FEEDBACK_FORM)
    assert response.status_code == 302  # allowed to a deputy, refused by the service
    item.refresh_from_db()
    assert (item.status, item.round) == (Status.REPLIED, 1) and not Feedback.objects.exists()
    # The lead deputy's own feedback closes it.
    assert login(bob).post(f"/proposals/{item.pk}/feedback/", FEEDBACK_FORM).status_code == 302
    item.refresh_from_db()
    assert item.status == Status.CLOSED and Feedback.objects.get().overall == Rating.SATISFIED
