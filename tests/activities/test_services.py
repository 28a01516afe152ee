"""Inviting deputies, recording who came, leave asked and decided, self-study, and the rules of saving an
activity (activities/services.py)."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from activities.forms import InviteForm
from activities.models import Activity, ActivityAttendance, ActivityKind, Attendance, LeaveState, TrainingForm
from activities.services import (
    ActivityError,
    activity_attendance_record,
    activity_invite,
    activity_leave_ask,
    activity_leave_decide,
    activity_save,
    self_study_record,
)
from congress.dates import format_day
from congress.models import Notification, Role
from deputies.models import DeputyStatus
from tests.activities.conftest import COMING, PAST, TODAY, at, deputy_with_login, rows_of
from tests.factories import (
    ActivityAttendanceFactory,
    ActivityFactory,
    DeputyFactory,
    GroupPlanItemFactory,
    MembershipFactory,
    SmallGroupFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


# --- Inviting -------------------------------------------------------------------------------------------


def test_inviting_by_groups_and_one_by_one_makes_one_row_per_serving_deputy(town_a, coming):
    group = SmallGroupFactory(township=town_a)
    members = [DeputyFactory(township=town_a, small_group=group) for _ in range(3)]
    ended = DeputyFactory(township=town_a, small_group=group, status=DeputyStatus.ENDED)
    loner = DeputyFactory(township=town_a)
    form = InviteForm(
        {"small_groups": [group.pk], "deputies": [members[0].pk, loner.pk]},
        township=town_a,
    )
    assert form.is_valid(), form.errors

    added = activity_invite(activity=coming, deputies=form.invitees())

    invited = list(ActivityAttendance.objects.filter(activity=coming).values_list("deputy_id", flat=True))
    assert added == 4
    assert sorted(invited) == sorted([d.pk for d in members] + [loner.pk])
    assert ended.pk not in invited
    assert set(ActivityAttendance.objects.filter(activity=coming).values_list("status", "township_id")) == {
        (Attendance.INVITED, town_a.pk)
    }


def test_inviting_twice_does_not_duplicate_the_invitations(town_a, coming):
    first, second = DeputyFactory(township=town_a), DeputyFactory(township=town_a)
    assert activity_invite(activity=coming, deputies=[first]) == 1

    assert activity_invite(activity=coming, deputies=[first, second, second]) == 1

    assert sorted(coming.attendances.values_list("deputy_id", flat=True)) == sorted([first.pk, second.pk])


def test_deputies_of_another_township_or_whose_term_ended_are_not_invited(town_a, town_b, coming):
    stranger = DeputyFactory(township=town_b)
    ended = DeputyFactory(township=town_a, status=DeputyStatus.ENDED)

    assert activity_invite(activity=coming, deputies=[stranger, ended]) == 0

    assert not coming.attendances.exists()


def test_an_invitation_to_a_coming_activity_tells_the_deputy(town_a, coming):
    deputy = deputy_with_login(town_a)

    activity_invite(activity=coming, deputies=[deputy])

    note = Notification.objects.get(recipient=deputy.user)
    assert "产业发展调研" in note.subject and format_day(coming.date, weekday=True) in note.subject
    assert note.township == town_a
    assert note.url == "/activities/mine/"


def test_an_invitation_to_a_past_activity_tells_nobody(town_a, held):
    deputy = deputy_with_login(town_a)

    assert activity_invite(activity=held, deputies=[deputy]) == 1

    assert not Notification.objects.filter(recipient=deputy.user).exists()


# --- Recording attendance -------------------------------------------------------------------------------


def test_recording_a_deputy_not_invited_is_refused_and_nothing_changes(town_a, alice, held):
    invited = ActivityAttendanceFactory(activity=held)
    stranger = DeputyFactory(township=town_a, name="未邀请代表")
    before = rows_of(held)

    with pytest.raises(ActivityError) as refused:
        activity_attendance_record(
            activity=held,
            statuses={invited.deputy_id: Attendance.ATTENDED, stranger.pk: Attendance.ATTENDED},
            user=alice,
        )

    assert "Not invited" in str(refused.value.messages) and "未邀请代表" in refused.value.messages[0]
    assert rows_of(held) == before
    invited.refresh_from_db()
    assert invited.status == Attendance.INVITED and invited.recorded_by is None


def test_recording_attendance_before_the_day_of_the_activity_is_refused(alice, coming):
    row = ActivityAttendanceFactory(activity=coming)
    before = rows_of(coming)

    with pytest.raises(ActivityError, match="on or after the day"):
        activity_attendance_record(activity=coming, statuses={row.deputy_id: Attendance.ATTENDED}, user=alice)

    assert rows_of(coming) == before


@pytest.mark.parametrize("status", [Attendance.INVITED, "came", ""])
def test_recording_an_attendance_that_is_not_a_choice_is_refused(alice, held, status):
    row = ActivityAttendanceFactory(activity=held)
    before = rows_of(held)

    with pytest.raises(ActivityError, match="Choose attended, on leave or absent"):
        activity_attendance_record(activity=held, statuses={row.deputy_id: status}, user=alice)

    assert rows_of(held) == before


def test_recording_attendance_sets_the_status_who_recorded_it_and_when(alice, held):
    came, away = ActivityAttendanceFactory(activity=held), ActivityAttendanceFactory(activity=held)
    when = at(TODAY, 9, 30)

    changed = activity_attendance_record(
        activity=held,
        statuses={came.deputy_id: Attendance.ATTENDED, away.deputy_id: Attendance.ABSENT},
        notes={away.deputy_id: "未说明原因"},
        user=alice,
        now=when,
    )

    assert changed == 2
    came.refresh_from_db()
    away.refresh_from_db()
    assert (came.status, came.recorded_by, came.recorded_at) == (Attendance.ATTENDED, alice, when)
    assert (away.status, away.note, away.recorded_by, away.recorded_at) == (
        Attendance.ABSENT,
        "未说明原因",
        alice,
        when,
    )


# --- Leave ----------------------------------------------------------------------------------------------


def test_a_deputy_asking_leave_waits_for_a_decision_and_the_office_is_told(town_a, town_b, alice, dave, coming):
    olivia = UserFactory(username="olivia")
    MembershipFactory(user=olivia, township=town_a, role=Role.OFFICE)
    row = ActivityAttendanceFactory(activity=coming)

    activity_leave_ask(attendance=row, deputy=row.deputy, reason="  外出务工  ")

    row.refresh_from_db()
    assert (row.leave_state, row.leave_reason, row.leave_asked_at) == (LeaveState.PENDING, "外出务工", at(TODAY))
    assert row.status == Attendance.INVITED
    told = Notification.objects.filter(subject__contains="产业发展调研")
    assert sorted(n.recipient.username for n in told) == ["alice", "olivia"]
    assert all(n.url == f"/activities/{coming.pk}/" and n.body == "外出务工" for n in told)


def test_a_deputy_cannot_ask_leave_after_the_activity(town_a, alice, held):
    row = ActivityAttendanceFactory(activity=held)
    before = rows_of(held)

    with pytest.raises(ActivityError, match="The activity is over"):
        activity_leave_ask(attendance=row, deputy=row.deputy, reason="生病")

    assert rows_of(held) == before
    assert not Notification.objects.exists()


def test_a_deputy_can_still_ask_leave_on_the_day_of_the_activity(frozen_clock, coming):
    row = ActivityAttendanceFactory(activity=coming)
    frozen_clock.move_to(at(COMING, 7, 0), tick=False)

    activity_leave_ask(attendance=row, deputy=row.deputy, reason="生病")

    row.refresh_from_db()
    assert row.leave_state == LeaveState.PENDING


def test_a_deputy_cannot_ask_leave_from_someone_elses_invitation(town_a, coming):
    row = ActivityAttendanceFactory(activity=coming)
    other = ActivityAttendanceFactory(activity=coming)
    before = rows_of(coming)

    with pytest.raises(ActivityError, match="only from your own invitation"):
        activity_leave_ask(attendance=row, deputy=other.deputy, reason="替他请假")

    assert rows_of(coming) == before


def test_a_deputy_cannot_ask_leave_twice_while_the_first_request_waits(alice, coming):
    row = ActivityAttendanceFactory(activity=coming)
    activity_leave_ask(attendance=row, deputy=row.deputy, reason="外出")
    before, notes = rows_of(coming), Notification.objects.count()
    stale = ActivityAttendance.objects.get(pk=row.pk)

    with pytest.raises(ActivityError, match="already waiting for a decision"):
        activity_leave_ask(attendance=stale, deputy=row.deputy, reason="再请一次")

    assert rows_of(coming) == before
    assert Notification.objects.count() == notes


def test_self_study_training_needs_no_leave(self_study):
    row = ActivityAttendanceFactory(activity=self_study)
    before = rows_of(self_study)

    with pytest.raises(ActivityError, match="Self-study needs no leave"):
        activity_leave_ask(attendance=row, deputy=row.deputy, reason="没空")

    assert rows_of(self_study) == before


def test_the_office_approving_leave_puts_the_deputy_on_leave_and_tells_them(town_a, alice, coming):
    deputy = deputy_with_login(town_a)
    row = ActivityAttendanceFactory(activity=coming, deputy=deputy)
    activity_leave_ask(attendance=row, deputy=deputy, reason="外出务工")

    activity_leave_decide(attendance=row, approve=True, comment="", user=alice)

    row.refresh_from_db()
    assert (row.status, row.leave_state, row.leave_decided_by, row.note) == (
        Attendance.LEAVE,
        LeaveState.APPROVED,
        alice,
        "外出务工",
    )
    assert Notification.objects.filter(recipient=deputy.user, subject__contains="approved").exists()


def test_refusing_leave_without_a_comment_is_refused(alice, coming):
    row = ActivityAttendanceFactory(activity=coming)
    activity_leave_ask(attendance=row, deputy=row.deputy, reason="外出")
    before = rows_of(coming)

    with pytest.raises(ActivityError, match="Say why the leave is refused"):
        activity_leave_decide(attendance=row, approve=False, comment="   ", user=alice)

    assert rows_of(coming) == before


def test_refusing_leave_with_a_comment_keeps_the_deputy_invited(alice, coming):
    row = ActivityAttendanceFactory(activity=coming)
    activity_leave_ask(attendance=row, deputy=row.deputy, reason="外出")

    activity_leave_decide(attendance=row, approve=False, comment="本次活动需全员参加", user=alice)

    row.refresh_from_db()
    assert (row.status, row.leave_state, row.leave_comment) == (
        Attendance.INVITED,
        LeaveState.REFUSED,
        "本次活动需全员参加",
    )


def test_a_leave_cannot_be_decided_twice(town_a, alice, coming):
    olivia = UserFactory(username="olivia")
    MembershipFactory(user=olivia, township=town_a, role=Role.OFFICE)
    row = ActivityAttendanceFactory(activity=coming)
    activity_leave_ask(attendance=row, deputy=row.deputy, reason="外出")
    activity_leave_decide(attendance=row, approve=True, comment="", user=alice)
    before = rows_of(coming)

    with pytest.raises(ActivityError, match="already decided"):
        activity_leave_decide(attendance=row, approve=False, comment="不同意", user=olivia)

    assert rows_of(coming) == before


def test_an_office_user_who_is_also_a_deputy_cannot_decide_their_own_leave(town_a, alice, coming):
    own = DeputyFactory(township=town_a, user=alice)
    row = ActivityAttendanceFactory(activity=coming, deputy=own)
    activity_leave_ask(attendance=row, deputy=own, reason="外出")
    before = rows_of(coming)

    with pytest.raises(ActivityError, match="Nobody decides their own leave"):
        activity_leave_decide(attendance=row, approve=True, comment="", user=alice)

    assert rows_of(coming) == before


# --- Self-study -----------------------------------------------------------------------------------------


def test_only_self_study_material_is_recorded_by_the_deputy(held):
    row = ActivityAttendanceFactory(activity=held)

    with pytest.raises(ActivityError, match="Only self-study material"):
        self_study_record(attendance=row, deputy=row.deputy, note="学习了")

    row.refresh_from_db()
    assert row.status == Attendance.INVITED


def test_a_full_training_is_not_recorded_as_self_study(town_a):
    training = ActivityFactory(township=town_a, kind=ActivityKind.TRAINING, training_form=TrainingForm.FULL, date=PAST)
    row = ActivityAttendanceFactory(activity=training)

    with pytest.raises(ActivityError, match="Only self-study material"):
        self_study_record(attendance=row, deputy=row.deputy, note="学习了")


def test_self_study_cannot_be_recorded_before_the_material_is_handed_out(self_study):
    row = ActivityAttendanceFactory(activity=self_study)

    with pytest.raises(ActivityError, match=f"handed out on {format_day(self_study.date, weekday=True)}"):
        self_study_record(attendance=row, deputy=row.deputy, note="学习了代表法")

    row.refresh_from_db()
    assert (row.status, row.note) == (Attendance.INVITED, "")


def test_self_study_without_a_note_is_refused(frozen_clock, self_study):
    row = ActivityAttendanceFactory(activity=self_study)
    frozen_clock.move_to(at(self_study.date + timedelta(days=1)), tick=False)

    with pytest.raises(ActivityError, match="Write a line"):
        self_study_record(attendance=row, deputy=row.deputy, note="  ")

    row.refresh_from_db()
    assert row.status == Attendance.INVITED


def test_self_study_recorded_by_the_deputy_counts_as_attended(frozen_clock, town_a, self_study):
    deputy = deputy_with_login(town_a)
    row = ActivityAttendanceFactory(activity=self_study, deputy=deputy)
    when = at(self_study.date + timedelta(days=1), 20)

    self_study_record(attendance=row, deputy=deputy, note="  学习了代表法第四章  ", now=when)

    row.refresh_from_db()
    assert (row.status, row.note, row.recorded_by, row.recorded_at) == (
        Attendance.ATTENDED,
        "学习了代表法第四章",
        deputy.user,
        when,
    )


# --- Saving an activity ---------------------------------------------------------------------------------


def test_an_activity_dated_in_another_years_plan_is_refused(town_a):
    item = GroupPlanItemFactory(small_group=SmallGroupFactory(township=town_a), year=2025, quarter=4)
    activity = Activity(kind=ActivityKind.GROUP, title="小组活动", date=date(2026, 1, 10), plan_item=item)

    with pytest.raises(ActivityError, match="dated 2026; the planned item belongs to the 2025 plan"):
        activity_save(activity=activity, township=town_a)

    assert not Activity.objects.exists()


def test_a_plan_item_of_another_small_group_is_refused(town_a):
    mine, theirs = SmallGroupFactory(township=town_a), SmallGroupFactory(township=town_a)
    item = GroupPlanItemFactory(small_group=theirs)
    activity = Activity(kind=ActivityKind.GROUP, title="小组活动", date=PAST, small_group=mine, plan_item=item)

    with pytest.raises(ActivityError, match="another small group"):
        activity_save(activity=activity, township=town_a)

    assert not Activity.objects.exists()


def test_a_plan_item_of_another_township_is_refused(town_a, town_b):
    item = GroupPlanItemFactory(small_group=SmallGroupFactory(township=town_b))
    activity = Activity(kind=ActivityKind.GROUP, title="小组活动", date=PAST, plan_item=item)

    with pytest.raises(ActivityError, match="of this township"):
        activity_save(activity=activity, township=town_a)

    assert not Activity.objects.exists()


def test_a_plan_item_fills_in_the_small_group_the_activity_left_empty(town_a, alice):
    group = SmallGroupFactory(township=town_a)
    item = GroupPlanItemFactory(small_group=group)

    saved = activity_save(
        activity=Activity(kind=ActivityKind.GROUP, title="小组活动", date=PAST, plan_item=item),
        township=town_a,
        user=alice,
    )

    saved.refresh_from_db()
    assert (saved.small_group, saved.plan_item, saved.township, saved.created_by) == (group, item, town_a, alice)


def test_an_activity_with_attendance_recorded_cannot_move_to_a_day_to_come(town_a, alice, held):
    row = ActivityAttendanceFactory(activity=held)
    activity_attendance_record(activity=held, statuses={row.deputy_id: Attendance.ATTENDED}, user=alice)
    moved = Activity.objects.get(pk=held.pk)
    moved.date = COMING

    with pytest.raises(ActivityError, match="cannot move to a day still to come"):
        activity_save(activity=moved, township=town_a, user=alice)

    held.refresh_from_db()
    assert held.date == PAST


def test_an_activity_with_only_invitations_may_move_to_a_day_to_come(town_a, alice, held):
    ActivityAttendanceFactory(activity=held)
    moved = Activity.objects.get(pk=held.pk)
    moved.date = COMING

    activity_save(activity=moved, township=town_a, user=alice)

    held.refresh_from_db()
    assert held.date == COMING


def test_leave_cannot_be_approved_once_attendance_is_recorded(alice, bob, town_a):
    from activities.models import ActivityAttendance, LeaveState
    from activities.services import ActivityError, activity_leave_decide

    activity = ActivityFactory(township=town_a, date=date(2026, 3, 1))
    row = ActivityAttendance.objects.create(
        township=town_a,
        activity=activity,
        deputy=bob.deputy,
        status="attended",
        leave_state=LeaveState.PENDING,
        leave_reason="外出",
        leave_asked_at=timezone.now(),
    )
    with pytest.raises(ActivityError):
        activity_leave_decide(attendance=row, approve=True, comment="", user=alice)
    row.refresh_from_db()
    assert (row.status, row.leave_state) == ("attended", LeaveState.PENDING)


def test_self_study_does_not_overwrite_an_absence_the_office_recorded(bob, town_a):
    from activities.services import ActivityError, self_study_record

    activity = ActivityFactory(township=town_a, kind="training", training_form="self_study", date=date(2026, 3, 1))
    row = ActivityAttendanceFactory(township=town_a, activity=activity, deputy=bob.deputy, status="absent")
    with pytest.raises(ActivityError):
        self_study_record(attendance=row, deputy=bob.deputy, note="已学习")
    row.refresh_from_db()
    assert row.status == "absent"
