"""Leave from a duty: asking, deciding, and a substitute standing in (petitions/services/leave.py)."""

from datetime import timedelta

import pytest

from congress.models import Notification
from deputies.models import DeputyLink, LinkPurpose
from petitions.models import AttendanceStatus, DutyAssignment, LeaveRequest, LeaveStatus, SubstituteStatus
from petitions.services.duty import DutyError
from petitions.services.leave import leave_decide, leave_request_create, substitute_respond
from tests.factories import DeputyFactory
from tests.petitions.conftest import BEFORE, DAY, ask_leave, assignment_of, at, deputy, recipients, users_of

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]


# --- leave_request_create ---------------------------------------------------------------------------


def test_a_deputy_asks_leave_from_a_coming_duty_and_the_office_is_told(monday, alice, office2):
    leave = ask_leave(monday, "张三")

    assert (leave.status, leave.requested_at, leave.substitute_status) == (
        LeaveStatus.PENDING,
        BEFORE,
        SubstituteStatus.NONE,
    )
    assert recipients("leave-asked:") == ["alice", "olivia"]


def test_a_deputy_cannot_ask_leave_from_someone_elses_duty(monday):
    with pytest.raises(DutyError):
        leave_request_create(
            assignment=assignment_of(monday, "李四"), deputy=deputy("张三"), reason="替他请假", now=BEFORE
        )

    assert not LeaveRequest.objects.exists()


def test_leave_can_still_be_asked_a_second_before_the_start(monday):
    leave_request_create(
        assignment=assignment_of(monday, "张三"), deputy=deputy("张三"), reason="临时有事", now=at(7, 59, 59)
    )

    assert LeaveRequest.objects.filter(assignment__deputy__name="张三", status=LeaveStatus.PENDING).exists()


def test_leave_asked_at_the_start_of_the_day_is_refused(monday):
    with pytest.raises(DutyError):
        leave_request_create(
            assignment=assignment_of(monday, "张三"), deputy=deputy("张三"), reason="临时有事", now=at(8, 0)
        )

    assert not LeaveRequest.objects.exists()


def test_leave_from_a_past_duty_day_is_refused(monday):
    with pytest.raises(DutyError):
        leave_request_create(
            assignment=assignment_of(monday, "张三"),
            deputy=deputy("张三"),
            reason="补请假",
            now=at(9, day=DAY + timedelta(days=1)),
        )

    assert not LeaveRequest.objects.exists()


def test_leave_without_a_reason_is_refused(monday):
    with pytest.raises(DutyError):
        leave_request_create(assignment=assignment_of(monday, "张三"), deputy=deputy("张三"), reason="   ", now=BEFORE)

    assert not LeaveRequest.objects.exists()


def test_a_second_pending_request_for_the_same_duty_is_refused(monday):
    ask_leave(monday, "张三")

    with pytest.raises(DutyError):
        ask_leave(monday, "张三")

    assert LeaveRequest.objects.count() == 1


def test_a_substitute_already_on_duty_that_day_is_refused(monday):
    with pytest.raises(DutyError):
        ask_leave(monday, "张三", substitute=deputy("李四"))

    assert not LeaveRequest.objects.exists()


def test_a_substitute_from_another_township_is_refused(monday, town_b):
    outsider = DeputyFactory(township=town_b, name="外镇代表")

    with pytest.raises(DutyError):
        ask_leave(monday, "张三", substitute=outsider)

    assert not LeaveRequest.objects.exists()


def test_a_substitute_from_another_group_is_asked(monday):
    leave = ask_leave(monday, "张三", substitute=deputy("钱七"))

    assert (leave.substitute.name, leave.substitute_status) == ("钱七", SubstituteStatus.ASKED)
    assert recipients(f"substitute-asked:{leave.pk}") == users_of("钱七")


def test_the_asked_substitute_is_texted_a_one_tap_link_valid_until_the_day_starts(monday, groups):
    outsider = DeputyFactory(township=monday.township, small_group=groups[1], name="冯十二")  # no login

    leave = ask_leave(monday, "张三", substitute=outsider)

    asked = Notification.objects.get(key=f"substitute-asked:{leave.pk}")
    assert (asked.kind, asked.recipient, asked.phone) == ("substitute-asked", None, outsider.phone)
    assert {k: v for k, v in asked.params.items() if k != "code"} == {
        "name": "冯十二",
        "asker": "张三",
        "date": "3月2日",
    }
    assert asked.url == f"/t/{asked.params['code']}"
    link = DeputyLink.objects.get()
    assert (link.deputy, link.purpose, link.target_id, link.expires_at) == (
        outsider,
        LinkPurpose.SUBSTITUTE,
        leave.pk,
        at(8, 0),
    )


# --- leave_decide -----------------------------------------------------------------------------------


def test_approving_leave_puts_the_duty_on_leave(monday, alice):
    leave = ask_leave(monday, "张三")

    leave_decide(leave=leave, approve=True, comment="", user=alice, now=BEFORE)

    leave.refresh_from_db()
    assert (leave.status, leave.decided_by, leave.decided_at) == (LeaveStatus.APPROVED, alice, BEFORE)
    assert assignment_of(monday, "张三").status == AttendanceStatus.LEAVE


def test_approving_leave_tells_the_deputy(monday, alice):
    leave = ask_leave(monday, "张三")

    leave_decide(leave=leave, approve=True, comment="", user=alice, now=BEFORE)

    assert recipients(f"leave-decided:{leave.pk}") == users_of("张三")


def test_refusing_leave_without_a_comment_is_refused(monday, alice):
    leave = ask_leave(monday, "张三")

    with pytest.raises(DutyError):
        leave_decide(leave=leave, approve=False, comment=" ", user=alice, now=BEFORE)

    leave.refresh_from_db()
    assert (leave.status, leave.decided_by) == (LeaveStatus.PENDING, None)


def test_refusing_leave_leaves_the_duty_as_it_was(monday, alice):
    leave = ask_leave(monday, "张三")

    leave_decide(leave=leave, approve=False, comment="当天人手不足", user=alice, now=BEFORE)

    leave.refresh_from_db()
    assert (leave.status, leave.comment) == (LeaveStatus.REFUSED, "当天人手不足")
    assert assignment_of(monday, "张三").status == AttendanceStatus.EXPECTED


def test_a_leave_request_is_decided_only_once(monday, alice, office2):
    leave = ask_leave(monday, "张三")
    leave_decide(leave=leave, approve=True, comment="", user=alice, now=BEFORE)
    stale = LeaveRequest.objects.get(pk=leave.pk)

    with pytest.raises(DutyError):
        leave_decide(leave=stale, approve=False, comment="不同意", user=office2, now=BEFORE + timedelta(hours=1))

    leave.refresh_from_db()
    assert (leave.status, leave.decided_by, leave.decided_at, leave.comment) == (
        LeaveStatus.APPROVED,
        alice,
        BEFORE,
        "",
    )
    assert assignment_of(monday, "张三").status == AttendanceStatus.LEAVE
    assert Notification.objects.filter(key__startswith="leave-decided:").count() == 1


def test_a_deputy_cannot_decide_their_own_leave(bob_deputy, bob, groups, make_day):
    duty_day = make_day(DAY, groups[0])
    leave = ask_leave(duty_day, "鲍勃")

    with pytest.raises(DutyError):
        leave_decide(leave=leave, approve=True, comment="", user=bob, now=BEFORE)

    leave.refresh_from_db()
    assert (leave.status, leave.decided_by) == (LeaveStatus.PENDING, None)
    assert assignment_of(duty_day, "鲍勃").status == AttendanceStatus.EXPECTED


# --- substitute_respond -----------------------------------------------------------------------------


def test_a_substitute_accepting_an_approved_leave_is_put_on_the_day_in_place_of_the_deputy(monday, alice):
    leave = ask_leave(monday, "张三", substitute=deputy("钱七"))
    leave_decide(leave=leave, approve=True, comment="", user=alice, now=BEFORE)

    substitute_respond(leave=leave, deputy=deputy("钱七"), accept=True, now=BEFORE)

    stand_in = assignment_of(monday, "钱七")
    assert (stand_in.status, stand_in.replaces) == (AttendanceStatus.EXPECTED, assignment_of(monday, "张三"))
    leave.refresh_from_db()
    assert leave.substitute_status == SubstituteStatus.ACCEPTED


def test_a_substitute_who_accepted_before_the_approval_is_put_on_the_day_when_it_comes(monday, alice):
    leave = ask_leave(monday, "张三", substitute=deputy("钱七"))
    substitute_respond(leave=leave, deputy=deputy("钱七"), accept=True, now=BEFORE)
    assert not DutyAssignment.objects.filter(duty_day=monday, deputy__name="钱七").exists()

    leave_decide(leave=leave, approve=True, comment="", user=alice, now=BEFORE)

    assert assignment_of(monday, "钱七").replaces == assignment_of(monday, "张三")


def test_a_deputy_who_was_not_asked_cannot_accept_to_stand_in(monday, alice):
    leave = ask_leave(monday, "张三")
    leave_decide(leave=leave, approve=True, comment="", user=alice, now=BEFORE)

    with pytest.raises(DutyError):
        substitute_respond(leave=leave, deputy=deputy("钱七"), accept=True, now=BEFORE)

    leave.refresh_from_db()
    assert leave.substitute_status == SubstituteStatus.NONE
    assert not DutyAssignment.objects.filter(duty_day=monday, deputy__name="钱七").exists()
