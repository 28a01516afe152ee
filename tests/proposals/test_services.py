"""The state machine of an item, transition by transition: each allowed step does what it says, each refused
step raises ProposalError and leaves every row as it was."""

from datetime import date, timedelta

import pytest

from congress.dates import add_months
from congress.models import Notification
from deputies.models import DeputyStatus
from proposals.models import (
    CoSigner,
    ExtensionStatus,
    Feedback,
    HandlingUnit,
    Kind,
    Meeting,
    Proposal,
    Rating,
    Reply,
    Stage,
    Status,
    UnitRole,
)
from proposals.services.filing import proposal_assign, proposal_review, proposal_save, proposal_submit
from proposals.services.handling import extension_decide, extension_request, feedback_give, reply_actions_done
from tests.factories import DeputyFactory
from tests.proposals.conftest import ASPECTS, START

pytestmark = pytest.mark.django_db


# --- Filing and review ------------------------------------------------------------------------------------


def test_the_office_saves_a_draft_with_confirmed_cosigners(flow, alice, cathy):
    item = flow.draft(cosigners=[cathy.deputy])
    assert item.status == Status.DRAFT and item.created_by == alice and item.number is None
    assert [(c.deputy, c.confirmed_at is not None) for c in item.cosigners.all()] == [(cathy.deputy, True)]


def test_a_deputys_draft_asks_each_cosigner_to_confirm(flow, town_a, bob, cathy):
    item = proposal_save(
        proposal=Proposal(title="关于路灯的建议", content="内容", category="infrastructure", lead_deputy=bob.deputy),
        township=town_a,
        cosigners=[cathy.deputy, bob.deputy],  # the lead is never their own co-signer
        user=bob,
        by_office=False,
    )
    assert list(item.cosigners.values_list("deputy", "confirmed_at")) == [(cathy.deputy.pk, None)]
    assert Notification.objects.filter(recipient=cathy, key__startswith="cosign-asked:").count() == 1


def test_draft_to_submitted(flow, alice):
    item = flow.draft()
    proposal_submit(proposal=item)
    item.refresh_from_db()
    assert item.status == Status.SUBMITTED and item.submitted_at is not None
    assert Notification.objects.filter(recipient=alice, key__startswith=f"proposal-submitted:{item.pk}:").exists()


@pytest.mark.parametrize("step", ["submitted", "accepted", "assigned"])
def test_submit_is_refused_unless_draft_or_returned(flow, refused, step):
    item = getattr(flow, step)()
    with refused(item):
        proposal_submit(proposal=item)


def test_accepted_items_are_numbered_per_session_and_kind(flow, session_a2):
    first, second, third = (flow.accepted() for _ in range(3))
    assert [first.number, second.number, third.number] == [1, 2, 3]
    assert flow.accepted(kind=Kind.PROPOSAL).number == 1  # the proposals (议案) have their own numbers
    assert flow.accepted(session=session_a2).number == 1  # a new session starts again
    assert flow.accepted(kind=Kind.PROPOSAL).number == 2
    assert flow.accepted().number == 4
    assert Proposal.objects.get(pk=first.pk).status == Status.ACCEPTED


def test_refused_review_steps_draw_no_number(flow):
    flow.accepted()
    returned = proposal_review(proposal=flow.submitted(), decision="return", note="请补充地点")
    rejected = proposal_review(proposal=flow.submitted(), decision="reject", note="不属本镇职权")
    assert returned.number is None and rejected.number is None
    assert flow.accepted().number == 2


@pytest.mark.parametrize("target_step", ["accepted", "assigned"])
def test_submitted_to_merged_into_an_accepted_or_assigned_item(flow, target_step):
    target = getattr(flow, target_step)()
    item = proposal_review(proposal=flow.submitted(), decision="merge", merge_into=target)
    item.refresh_from_db()
    assert item.status == Status.MERGED and item.merged_into == target and item.number is None


def test_merge_is_refused_into_an_item_not_accepted_another_town_itself_or_nothing(flow, refused, town_b, deputy_tb):
    item = flow.submitted()
    waiting = flow.submitted()
    closed = flow.replied().proposal
    flow.feedback(closed, Rating.SATISFIED)
    other_town = Proposal.objects.create(
        township=town_b, title="乙镇事项", content="内容", category="economy", lead_deputy=deputy_tb, status="accepted"
    )
    for target in (waiting, closed, other_town, item, None):
        with refused(item):
            proposal_review(proposal=item, decision="merge", merge_into=target)
    assert Proposal.objects.get(pk=item.pk).status == Status.SUBMITTED


@pytest.mark.parametrize(("decision", "status"), [("reject", Status.REJECTED), ("return", Status.RETURNED)])
def test_reject_and_return_need_the_reason(flow, refused, decision, status):
    item = flow.submitted()
    for note in ("", "   "):
        with refused(item):
            proposal_review(proposal=item, decision=decision, note=note)
    proposal_review(proposal=item, decision=decision, note=" 请补充具体地点 ")
    item.refresh_from_db()
    assert item.status == status and item.review_note == "请补充具体地点" and item.number is None


def test_review_is_refused_for_an_unknown_decision_or_an_item_not_submitted(flow, refused):
    item = flow.submitted()
    with refused(item):
        proposal_review(proposal=item, decision="approve")
    for other in (flow.draft(), flow.accepted()):
        with refused(other):
            proposal_review(proposal=other, decision="accept")


def test_returned_item_is_edited_and_submitted_again(flow, town_a, alice, cathy, clock):
    item = proposal_review(proposal=flow.submitted(), decision="return", note="请补充地点")
    item.title, item.content = "关于上坝村道路硬化的建议", "补充：上坝村三组至五组。"
    proposal_save(proposal=item, township=town_a, cosigners=[cathy.deputy], user=alice, by_office=True)
    item.refresh_from_db()
    assert item.status == Status.RETURNED and item.title == "关于上坝村道路硬化的建议"
    assert list(item.cosigners.values_list("deputy", flat=True)) == [cathy.deputy.pk]
    flow.go(START + timedelta(days=1))
    proposal_submit(proposal=item)
    item.refresh_from_db()
    assert item.status == Status.SUBMITTED and item.submitted_at.date() == START + timedelta(days=1)
    assert proposal_review(proposal=item, decision="accept").number == 1


@pytest.mark.parametrize("step", ["submitted", "accepted", "assigned", "replied", "merged", "rejected"])
def test_editing_is_refused_once_the_item_left_draft_or_returned(flow, refused, town_a, alice, step):
    if step == "replied":
        item = flow.replied().proposal
    elif step == "merged":
        item = proposal_review(proposal=flow.submitted(), decision="merge", merge_into=flow.accepted())
    elif step == "rejected":
        item = proposal_review(proposal=flow.submitted(), decision="reject", note="不属本镇职权")
    else:
        item = getattr(flow, step)()
    item.title = "改过的标题"
    with refused(item):
        proposal_save(proposal=item, township=town_a, cosigners=[], user=alice, by_office=True)
    assert Proposal.objects.get(pk=item.pk).title != "改过的标题"


def test_editing_a_replied_item_is_refused(flow, refused, town_a, alice):
    item = flow.replied().proposal
    item.content = "答复后又改的内容"
    with refused(item):
        proposal_save(proposal=item, township=town_a, cosigners=[], user=alice, by_office=True)


def test_a_cosigner_from_another_town_is_refused(flow, refused, town_a, alice, cathy, deputy_tb):
    with refused():  # a new item: nothing is created
        flow.draft(cosigners=[deputy_tb])
    item = flow.draft(cosigners=[cathy.deputy])
    with refused(item):  # an existing draft keeps its co-signers
        proposal_save(proposal=item, township=town_a, cosigners=[cathy.deputy, deputy_tb], user=alice, by_office=True)
    assert list(CoSigner.objects.filter(proposal=item).values_list("deputy", flat=True)) == [cathy.deputy.pk]


def test_a_lead_deputy_of_another_town_or_whose_term_ended_is_refused(flow, refused, town_a, deputy_tb):
    ended = DeputyFactory(township=town_a, status=DeputyStatus.ENDED)
    for lead in (deputy_tb, ended):
        with refused():
            flow.draft(lead=lead)


# --- Assignment ---------------------------------------------------------------------------------------------


def test_accepted_to_assigned_with_default_dates(flow, department_a, department_b, carol, brian):
    item = flow.accepted()
    proposal_assign(proposal=item, main=department_a, assisting=[department_b, department_a])
    item.refresh_from_db()
    assert item.status == Status.ASSIGNED and item.assigned_at is not None
    assert item.due == date(2026, 6, 2)  # 3 months after the assignment
    assert item.assisting_due == date(2026, 4, 2)  # 1 month
    assert not item.key_item and item.key_leader is None
    assert sorted(item.units.values_list("department", "role")) == sorted(
        [(department_a.pk, UnitRole.MAIN), (department_b.pk, UnitRole.ASSISTING)]
    )
    assert Notification.objects.filter(recipient=carol, key=f"proposal-assigned:{item.pk}:{carol.pk}").exists()
    assert Notification.objects.filter(recipient=brian, key=f"proposal-assigned:{item.pk}:{brian.pk}").exists()


def test_assignment_dates_follow_the_given_day_and_month_ends(flow, department_a):
    item = proposal_assign(proposal=flow.accepted(), main=department_a, assisting=[], today=date(2026, 11, 30))
    assert (item.due, item.assisting_due) == (date(2027, 2, 28), date(2026, 12, 30))
    assert add_months(date(2027, 12, 31), 2) == date(2028, 2, 29)


def test_assignment_with_a_chosen_due_date(flow, department_a):
    item = proposal_assign(proposal=flow.accepted(), main=department_a, assisting=[], due=date(2026, 4, 30))
    assert item.due == date(2026, 4, 30) and item.assisting_due == date(2026, 4, 2)


def test_a_key_leader_makes_a_key_item(flow, department_a, leo):
    item = proposal_assign(proposal=flow.accepted(), main=department_a, assisting=[], key_leader=leo.leader)
    item.refresh_from_db()
    assert item.key_item and item.key_leader == leo.leader


def test_assignment_is_refused_without_main_unit_or_with_units_or_leader_of_another_town(
    flow, refused, department_a, department_tb, leader_tb
):
    item = flow.accepted()
    attempts = [
        {"main": None, "assisting": []},
        {"main": department_tb, "assisting": []},
        {"main": department_a, "assisting": [department_tb]},
        {"main": department_a, "assisting": [], "key_leader": leader_tb},
    ]
    for kwargs in attempts:
        with refused(item):
            proposal_assign(proposal=item, **kwargs)
    assert not HandlingUnit.objects.exists()


@pytest.mark.parametrize("step", ["draft", "submitted", "assigned"])
def test_assignment_is_refused_unless_accepted(flow, refused, department_a, step):
    item = getattr(flow, step)()
    with refused(item):
        proposal_assign(proposal=item, main=department_a, assisting=[])


# --- The three meetings and the reply -------------------------------------------------------------------------


def test_the_first_two_meetings_are_recorded_today_or_earlier(flow):
    item = flow.assigned()
    first = flow.meeting(item, Stage.AFTER_ASSIGNMENT, held_on=START - timedelta(days=1))
    second = flow.meeting(item, Stage.DURING)
    assert (first.round, first.stage, second.held_on) == (1, Stage.AFTER_ASSIGNMENT, START)


def test_meetings_are_refused_for_the_reply_stage_the_future_twice_or_outside_handling(flow, refused):
    item = flow.assigned()
    with refused(item):
        flow.meeting(item, Stage.BEFORE_REPLY)
    with refused(item):
        flow.meeting(item, "lunch")
    with refused(item):
        flow.meeting(item, Stage.AFTER_ASSIGNMENT, held_on=START + timedelta(days=1))
    flow.meeting(item, Stage.AFTER_ASSIGNMENT)
    with refused(item):  # once per stage per round
        flow.meeting(item, Stage.AFTER_ASSIGNMENT, held_on=START - timedelta(days=3))
    accepted = flow.accepted()
    with refused(accepted):
        flow.meeting(accepted, Stage.AFTER_ASSIGNMENT)


def test_a_reply_before_the_meetings_is_refused(flow, refused):
    item = flow.assigned()
    with refused(item):
        flow.reply(item)
    flow.meeting(item, Stage.AFTER_ASSIGNMENT)
    with refused(item):  # the handling meeting is still missing
        flow.reply(item)
    assert not Reply.objects.exists()


def test_the_reply_records_the_third_meeting_and_asks_the_lead_for_feedback(flow, bob):
    item = flow.assigned()
    flow.meetings(item)
    reply = flow.reply(item, planned="明年完成剩余路段", planned_by=date(2026, 12, 31))
    item.refresh_from_db()
    assert item.status == Status.REPLIED and (reply.round, reply.planned) == (1, "明年完成剩余路段")
    assert sorted(item.meetings.filter(round=1).values_list("stage", flat=True)) == sorted(Stage.values)
    assert Notification.objects.filter(recipient=bob, key=f"proposal-replied:{item.pk}:1").exists()


def test_a_second_reply_in_the_same_round_is_refused(flow, refused):
    item = flow.replied().proposal
    with refused(item):
        flow.reply(item)
    assert item.replies.count() == 1


def test_planned_actions_need_a_date(flow, refused):
    item = flow.assigned()
    flow.meetings(item)
    with refused(item):
        flow.reply(item, planned="下一步完成剩余工程")


@pytest.mark.parametrize("step", ["accepted", "replied"])
def test_a_reply_is_refused_outside_handling(flow, refused, step):
    item = flow.accepted() if step == "accepted" else flow.replied().proposal
    with refused(item):
        flow.reply(item)


# --- Feedback and the second round ----------------------------------------------------------------------


@pytest.mark.parametrize("overall", [Rating.SATISFIED, Rating.BASIC])
def test_satisfied_or_basically_satisfied_closes_the_item(flow, overall):
    item = flow.replied().proposal
    due = item.due
    feedback = flow.feedback(item, overall)
    item.refresh_from_db()
    assert item.status == Status.CLOSED and item.round == 1 and item.due == due
    assert (feedback.round, feedback.overall) == (1, overall)


def test_giving_feedback_settles_the_messages_that_asked_for_it(flow, bob):
    item = flow.replied().proposal
    asked = Notification.objects.get(recipient=bob, key=f"proposal-replied:{item.pk}:1")
    other = Notification.objects.create(recipient=bob, key="something-else", subject="另一件事")
    assert asked.read_at is None
    flow.feedback(item, Rating.SATISFIED)
    asked.refresh_from_db()
    other.refresh_from_db()
    assert asked.read_at is not None and other.read_at is None


def test_feedback_only_from_the_lead_deputy(flow, refused, cathy, dan):
    item = flow.replied(flow.assigned(cosigners=[cathy.deputy])).proposal
    for deputy in (cathy.deputy, dan.deputy):
        with refused(item):
            flow.feedback(item, Rating.SATISFIED, deputy=deputy)
    assert not Feedback.objects.exists()


def test_feedback_needs_every_aspect_and_a_comment_when_not_satisfied(flow, refused, bob):
    item = flow.replied().proposal
    with refused(item):
        feedback_give(proposal=item, deputy=bob.deputy, ratings={"overall": Rating.SATISFIED})
    with refused(item):
        feedback_give(proposal=item, deputy=bob.deputy, ratings={a: "great" for a in ASPECTS})
    with refused(item):
        flow.feedback(item, Rating.NOT, comment="  ")


@pytest.mark.parametrize("overall", [Rating.SATISFIED, Rating.NOT])
def test_feedback_once_per_round(flow, refused, overall):
    item = flow.replied().proposal
    flow.feedback(item, overall)
    item.refresh_from_db()
    with refused(item):
        flow.feedback(item, Rating.SATISFIED)
    assert item.feedback.count() == 1


def test_feedback_before_the_reply_is_refused(flow, refused):
    item = flow.assigned()
    with refused(item):
        flow.feedback(item, Rating.SATISFIED)


def test_not_satisfied_starts_a_second_round_and_every_round_stays(flow, refused, carol):
    item = flow.assigned()
    flow.go(date(2026, 4, 1))
    flow.meetings(item)
    flow.go(date(2026, 5, 10))
    flow.reply(item)
    flow.go(date(2026, 5, 20))
    flow.feedback(item, Rating.NOT, comment="措施不具体")
    item.refresh_from_db()
    assert (item.status, item.round, item.due) == (Status.ASSIGNED, 2, date(2026, 6, 20))  # a month after feedback
    assert Notification.objects.filter(recipient=carol, key=f"proposal-rehandle:{item.pk}:2:{carol.pk}").exists()

    with refused(item):  # round 2 needs its own first two meetings
        flow.reply(item)
    flow.go(date(2026, 6, 1))
    flow.meetings(item)
    flow.go(date(2026, 6, 15))
    second = flow.reply(item, reply_class="B")
    flow.go(date(2026, 6, 20))
    flow.feedback(item, Rating.BASIC)
    item.refresh_from_db()
    assert (item.status, item.round, second.round) == (Status.CLOSED, 2, 2)
    assert list(item.replies.values_list("round", "reply_class")) == [(1, "A"), (2, "B")]
    assert list(item.feedback.values_list("round", "overall")) == [(1, Rating.NOT), (2, Rating.BASIC)]
    assert Meeting.objects.filter(proposal=item).count() == 6


def test_feedback_due_date_follows_the_given_day(flow):
    item = flow.replied().proposal
    flow.feedback(item, Rating.NOT, today=date(2026, 1, 31))
    item.refresh_from_db()
    assert item.due == date(2026, 2, 28)


# --- Extensions ---------------------------------------------------------------------------------------


def test_extensions_at_most_three_months_in_all(flow, refused, alice):
    item = flow.assigned()  # due 2026-06-02
    one = extension_request(proposal=item, months=1, reason="需协调县交通局")
    extension_decide(extension=one, approve=True, user=alice)
    two = extension_request(proposal=item, months=2, reason="雨季无法施工")
    extension_decide(extension=two, approve=True, user=alice)
    item.refresh_from_db()
    assert item.due == date(2026, 9, 2)
    with refused(item):  # an extension beyond 3 months
        extension_request(proposal=item, months=1, reason="再等等")


def test_an_extension_beyond_three_months_at_once_is_refused(flow, refused):
    item = flow.assigned()
    with refused(item):
        extension_request(proposal=item, months=4, reason="工程量大")
    with refused(item):
        extension_request(proposal=item, months=0, reason="工程量大")


def test_a_refused_extension_leaves_the_due_date_and_frees_its_months(flow, alice):
    item = flow.assigned()
    asked = extension_request(proposal=item, months=3, reason="工程量大")
    assert extension_decide(extension=asked, approve=False, user=alice).status == ExtensionStatus.REFUSED
    item.refresh_from_db()
    assert item.due == date(2026, 6, 2)
    again = extension_request(proposal=item, months=3, reason="工程量大，补充材料")
    extension_decide(extension=again, approve=True, user=alice)
    item.refresh_from_db()
    assert item.due == date(2026, 9, 2)


def test_an_extension_needs_a_reason_no_other_pending_and_a_handled_item(flow, refused, alice):
    item = flow.assigned()
    with refused(item):
        extension_request(proposal=item, months=1, reason="  ")
    pending = extension_request(proposal=item, months=1, reason="需协调")
    with refused(item):
        extension_request(proposal=item, months=1, reason="另一个理由")
    extension_decide(extension=pending, approve=True, user=alice)
    with refused(item):  # already decided
        extension_decide(extension=pending, approve=True, user=alice)
    item.refresh_from_db()
    assert item.due == date(2026, 7, 2)
    replied = flow.replied().proposal
    with refused(replied):
        extension_request(proposal=replied, months=1, reason="需协调")


# --- Implementation ---------------------------------------------------------------------------------------


def test_actions_done_only_for_a_reply_with_planned_actions(flow, refused):
    promised = flow.replied(planned="下一步完成剩余工程", planned_by=date(2026, 9, 30))
    reply_actions_done(reply=promised, on=date(2026, 8, 1))
    promised.refresh_from_db()
    assert promised.actions_done_at == date(2026, 8, 1)
    nothing_promised = flow.replied(done="已全部完成")
    with refused(nothing_promised.proposal):
        reply_actions_done(reply=nothing_promised)
    nothing_promised.refresh_from_db()
    assert nothing_promised.actions_done_at is None
