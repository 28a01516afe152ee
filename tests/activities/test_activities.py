"""Activities and training: inviting deputies, recording who came, leave asked and decided, self-study, the
rules of saving an activity, the small groups' plan progress, and the pages of the office and the deputy."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.contrib import messages
from django.utils import timezone, translation

from activities.forms import ActivityForm, InviteForm
from activities.models import Activity, ActivityAttendance, ActivityKind, Attendance, LeaveState, TrainingForm
from activities.selectors import group_plan_progress
from activities.services import (
    ActivityError,
    activity_attendance_record,
    activity_invite,
    activity_leave_ask,
    activity_leave_decide,
    activity_save,
    self_study_record,
)
from congress.models import Notification, Role
from deputies.models import DeputyStatus
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

TZ = ZoneInfo("Asia/Shanghai")
TODAY = date(2026, 3, 5)  # a Thursday
PAST = date(2026, 3, 2)
COMING = date(2026, 3, 12)


def at(day: date, hour: int = 10, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=TZ)


@pytest.fixture(autouse=True)
def frozen_clock(time_machine):
    """The clock stands still at 10:00 on TODAY unless a test moves it."""
    time_machine.move_to(at(TODAY), tick=False)
    return time_machine


@pytest.fixture(autouse=True)
def english():
    """Services build their messages in the active language; the assertions read the English ones."""
    with translation.override("en"):
        yield


def deputy_with_login(town, **kwargs):
    user = UserFactory()
    MembershipFactory(user=user, township=town, role=Role.DEPUTY)
    return DeputyFactory(township=town, user=user, **kwargs)


def rows_of(activity: Activity) -> list[tuple]:
    """Everything a refused action must leave as it was on an activity's invitations."""
    return sorted(
        ActivityAttendance.objects.filter(activity=activity).values_list(
            "deputy_id",
            "status",
            "note",
            "recorded_by_id",
            "recorded_at",
            "leave_state",
            "leave_reason",
            "leave_asked_at",
            "leave_decided_by_id",
            "leave_comment",
        )
    )


@pytest.fixture
def coming(town_a):
    return ActivityFactory(township=town_a, kind=ActivityKind.RESEARCH, title="产业发展调研", date=COMING)


@pytest.fixture
def held(town_a):
    return ActivityFactory(township=town_a, kind=ActivityKind.INSPECTION, title="道路建设视察", date=PAST)


@pytest.fixture
def self_study(town_a):
    return ActivityFactory(
        township=town_a,
        kind=ActivityKind.TRAINING,
        training_form=TrainingForm.SELF_STUDY,
        title="代表法学习资料",
        date=TODAY + timedelta(days=2),
    )


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
    assert "产业发展调研" in note.subject and "2026-03-12" in note.subject
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

    with pytest.raises(ActivityError, match="handed out on 2026-03-07"):
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


def test_a_training_without_its_form_is_refused_by_the_form(town_a):
    form = ActivityForm({"kind": ActivityKind.TRAINING, "title": "代表培训", "date": "2026-03-02"}, township=town_a)

    assert not form.is_valid()
    assert "training_form" in form.errors


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


# --- The small groups' plans ----------------------------------------------------------------------------


@pytest.fixture
def plans(town_a, town_b):
    """Three active groups and a retired one in 2026, seen on 15 May (Q2):
    ahead: held in Q1, one still to come in Q2, planned in Q3;
    late: planned Q1 and Q2, held nothing (a 2025 activity and a town-B one do not count);
    busy: held in Q1 and in Q2 (today), one to come in Q3."""
    ahead = SmallGroupFactory(township=town_a, name="前进小组", order=1)
    late = SmallGroupFactory(township=town_a, name="落后小组", order=2)
    busy = SmallGroupFactory(township=town_a, name="活跃小组", order=3)
    retired = SmallGroupFactory(township=town_a, name="撤销小组", order=4, is_active=False)
    for group, quarter in [(ahead, 1), (ahead, 2), (ahead, 3), (late, 1), (late, 2)]:
        GroupPlanItemFactory(small_group=group, year=2026, quarter=quarter)
    GroupPlanItemFactory(small_group=late, year=2025, quarter=3)

    def activity(group, day, township=town_a):
        return ActivityFactory(township=township, kind=ActivityKind.GROUP, small_group=group, date=day)

    activity(ahead, date(2026, 2, 10))
    activity(ahead, date(2026, 6, 20))
    activity(late, date(2025, 2, 10))
    activity(busy, date(2026, 3, 31))
    activity(busy, date(2026, 5, 15))
    activity(busy, date(2026, 8, 1))
    activity(retired, date(2026, 2, 1))
    ActivityFactory(township=town_a, kind=ActivityKind.INSPECTION, date=date(2026, 1, 20))  # no group
    other_group = SmallGroupFactory(township=town_b)
    activity(other_group, date(2026, 2, 10), township=town_b)
    return {"ahead": ahead, "late": late, "busy": busy}


def states(progress) -> dict[str, list[str]]:
    return {p.group.name: [cell.state for cell in p.quarters] for p in progress}


def test_the_plan_progress_shows_each_groups_quarters_on_a_day(town_a, plans):
    progress = group_plan_progress(township=town_a, year=2026, today=date(2026, 5, 15))

    assert states(progress) == {
        "前进小组": ["done", "scheduled", "future", "future"],
        "落后小组": ["behind", "open", "future", "future"],
        "活跃小组": ["done", "done", "future", "future"],
    }
    by_name = {p.group.name: p for p in progress}
    assert [(c.planned, c.held, c.scheduled) for c in by_name["前进小组"].quarters] == [
        (1, 1, 0),
        (1, 0, 1),
        (1, 0, 0),
        (0, 0, 0),
    ]
    assert by_name["活跃小组"].quarters[2].scheduled == 1
    assert by_name["落后小组"].quarters[0].planned == 1 and by_name["落后小组"].quarters[0].held == 0


def test_only_the_groups_that_missed_a_past_quarter_are_behind(town_a, plans):
    progress = group_plan_progress(township=town_a, year=2026, today=date(2026, 5, 15))

    assert {p.group.name: p.behind for p in progress} == {"前进小组": [], "落后小组": [1], "活跃小组": []}
    assert {p.group.name: p.unplanned for p in progress} == {
        "前进小组": [4],
        "落后小组": [3, 4],
        "活跃小组": [1, 2, 3, 4],
    }


def test_a_scheduled_activity_counts_as_done_once_its_day_has_passed(town_a, plans):
    progress = group_plan_progress(township=town_a, year=2026, today=date(2026, 7, 1))

    assert states(progress)["前进小组"] == ["done", "done", "open", "future"]
    assert states(progress)["落后小组"] == ["behind", "behind", "open", "future"]
    assert {p.group.name: p.behind for p in progress}["落后小组"] == [1, 2]


def test_a_past_years_plan_has_every_quarter_without_an_activity_behind(town_a, plans):
    progress = group_plan_progress(township=town_a, year=2025, today=date(2026, 5, 15))

    assert states(progress)["落后小组"] == ["done", "behind", "behind", "behind"]
    assert states(progress)["前进小组"] == ["behind"] * 4


# --- Pages ----------------------------------------------------------------------------------------------


def test_the_office_creates_an_activity_through_its_page(login, alice, town_a):
    response = login(alice).post(
        "/activities/new/",
        {"kind": ActivityKind.INSPECTION, "title": "农村公路视察", "date": "2026-03-20", "places": "上坝村"},
    )

    activity = Activity.objects.get(title="农村公路视察")
    assert response.status_code == 302 and response.url == f"/activities/{activity.pk}/"
    assert (activity.township, activity.date, activity.places, activity.created_by, activity.training_form) == (
        town_a,
        date(2026, 3, 20),
        "上坝村",
        alice,
        "",
    )


def test_the_office_recording_a_deputy_not_invited_sees_why_and_nothing_changes(login, alice, town_a, held):
    invited = ActivityAttendanceFactory(activity=held)
    stranger = DeputyFactory(township=town_a, name="未邀请代表")
    before = rows_of(held)

    response = login(alice).post(
        f"/activities/{held.pk}/attendance/",
        {f"status-{invited.deputy_id}": "attended", f"status-{stranger.pk}": "attended"},
        follow=True,
    )

    assert response.status_code == 200
    errors = [str(m) for m in response.context["messages"] if m.level == messages.ERROR]
    assert len(errors) == 1 and "未邀请代表" in errors[0]
    assert rows_of(held) == before


def test_a_deputy_sees_their_activities_and_asks_leave_from_their_page(login, bob, town_a, alice, coming, held):
    mine = ActivityAttendanceFactory(activity=coming, deputy=bob.deputy)
    ActivityAttendanceFactory(activity=held, deputy=bob.deputy, status=Attendance.ATTENDED)
    client = login(bob)

    page = client.get("/activities/mine/")
    assert page.status_code == 200
    assert [r.pk for r in page.context["coming"]] == [mine.pk]
    assert [r.activity for r in page.context["past"]] == [held]

    response = client.post(f"/activities/invitations/{mine.pk}/leave/", {"reason": "外出务工"})

    assert response.status_code == 302 and response.url == "/activities/mine/"
    mine.refresh_from_db()
    assert (mine.leave_state, mine.leave_reason) == (LeaveState.PENDING, "外出务工")
    assert Notification.objects.filter(recipient=alice, url=f"/activities/{coming.pk}/").exists()


def test_a_deputy_cannot_ask_leave_from_another_deputys_invitation_page(login, bob, coming):
    other = ActivityAttendanceFactory(activity=coming)

    response = login(bob).post(f"/activities/invitations/{other.pk}/leave/", {"reason": "替他请假"})

    assert response.status_code == 404
    other.refresh_from_db()
    assert other.leave_state == LeaveState.NONE


def test_an_office_of_another_township_gets_not_found_for_an_activity(login, dave, held):
    assert login(dave).get(f"/activities/{held.pk}/").status_code == 404


def test_a_deputy_is_refused_the_activity_list(login, bob):
    assert login(bob).get("/activities/").status_code == 403


def test_the_office_invites_a_small_group_through_the_page(login, alice, town_a, coming):
    group = SmallGroupFactory(township=town_a)
    members = [DeputyFactory(township=town_a, small_group=group) for _ in range(2)]
    DeputyFactory(township=town_a, small_group=group, status=DeputyStatus.ENDED)

    response = login(alice).post(f"/activities/{coming.pk}/invite/", {"small_groups": [group.pk]})

    assert response.status_code == 302 and response.url == f"/activities/{coming.pk}/"
    assert sorted(coming.attendances.values_list("deputy_id", flat=True)) == sorted(d.pk for d in members)


def test_a_leader_reads_an_activity_but_cannot_record_attendance(login, leo, held):
    row = ActivityAttendanceFactory(activity=held)
    client = login(leo)

    assert client.get(f"/activities/{held.pk}/").status_code == 200
    response = client.post(f"/activities/{held.pk}/attendance/", {f"status-{row.deputy_id}": "attended"})

    assert response.status_code == 403
    row.refresh_from_db()
    assert row.status == Attendance.INVITED


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
