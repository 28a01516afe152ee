"""Reception duty: the rotating roster, publishing, sign-in at the window's edges, attendance, leave and
substitutes, closing the day, the reminder jobs, the subsidy sheet and the calendar feed."""

from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from icalendar import Calendar

from congress.models import Notification
from deputies.models import Deputy
from petitions.feeds import duty_calendar
from petitions.models import (
    AttendanceStatus,
    DutyAssignment,
    DutyDay,
    DutyDayStatus,
    Holiday,
    LeaveRequest,
    LeaveStatus,
    SubstituteStatus,
)
from petitions.selectors.duty import subsidy_sheet
from petitions.services.duty import (
    DutyError,
    attendance_record,
    duty_day_update,
    duty_days_close,
    duty_sign_in,
    roster_generate,
    roster_publish,
)
from petitions.services.leave import leave_decide, leave_request_create, substitute_respond
from petitions.services.reminders import duty_reminders_send, leave_pending_remind, missing_sign_in_alert
from tests.factories import DeputyFactory

pytestmark = pytest.mark.django_db

TZ = ZoneInfo("Asia/Shanghai")
DAY = date(2026, 3, 2)  # a Monday, the default reception weekday
BEFORE = datetime(2026, 2, 27, 10, 0, tzinfo=TZ)  # the Friday before DAY
MARCH_MONDAYS = [date(2026, 3, d) for d in (2, 9, 16, 23, 30)]


@pytest.fixture(autouse=True)
def frozen_clock(time_machine):
    """The clock stands still on the Friday before DAY unless a test moves it: nothing reads the real date."""
    time_machine.move_to(BEFORE, tick=False)
    return time_machine


def at(hour: int, minute: int = 0, second: int = 0, day: date = DAY) -> datetime:
    return datetime.combine(day, time(hour, minute, second), tzinfo=TZ)


def deputy(name: str) -> Deputy:
    return Deputy.objects.get(name=name)


def assignment_of(duty_day: DutyDay, name: str) -> DutyAssignment:
    return DutyAssignment.objects.get(duty_day=duty_day, deputy__name=name)


def on_duty(duty_day: DutyDay) -> set[str]:
    return set(duty_day.assignments.values_list("deputy__name", flat=True))


def statuses(duty_day: DutyDay) -> dict[str, str]:
    return dict(duty_day.assignments.values_list("deputy__name", "status"))


def days_of(town) -> list[DutyDay]:
    return list(DutyDay.objects.for_township(town).order_by("date"))


def roster_snapshot(town) -> list[tuple]:
    return [
        (
            d.pk,
            d.date,
            d.small_group_id,
            d.status,
            d.start_time,
            d.station_id,
            sorted(d.leaders.values_list("pk", flat=True)),
            sorted(d.assignments.values_list("deputy_id", "status")),
        )
        for d in days_of(town)
    ]


def recipients(key_prefix: str) -> list[str]:
    return sorted(Notification.objects.filter(key__startswith=key_prefix).values_list("recipient__username", flat=True))


def users_of(*names: str) -> list[str]:
    return sorted(deputy(name).user.username for name in names)


def ask_leave(duty_day: DutyDay, name: str, substitute: Deputy | None = None) -> LeaveRequest:
    return leave_request_create(
        assignment=assignment_of(duty_day, name),
        deputy=deputy(name),
        reason="家中有事",
        substitute=substitute,
        now=BEFORE,
    )


def mark_present(duty_day: DutyDay, name: str) -> None:
    DutyAssignment.objects.filter(duty_day=duty_day, deputy__name=name).update(
        status=AttendanceStatus.PRESENT, signed_in_at=at(7, 45, day=duty_day.date)
    )


# --- roster_generate --------------------------------------------------------------------------------


def test_a_draft_duty_day_is_created_on_each_monday_of_the_range(duty_town, station):
    created = roster_generate(township=duty_town, start=date(2026, 3, 1), end=date(2026, 3, 31), today=date(2026, 3, 1))

    days = days_of(duty_town)
    assert [d.date for d in days] == MARCH_MONDAYS
    assert len(created) == 5
    assert {(d.status, d.start_time, d.station_id) for d in days} == {(DutyDayStatus.DRAFT, time(8, 0), station.pk)}


def test_every_reception_weekday_of_the_settings_gets_a_duty_day(duty_town, reception):
    reception.weekdays = "0,3"
    reception.save()

    roster_generate(township=duty_town, start=date(2026, 3, 1), end=date(2026, 3, 14), today=date(2026, 3, 1))

    assert [d.date for d in days_of(duty_town)] == [date(2026, 3, d) for d in (2, 5, 9, 12)]


def test_no_duty_day_is_created_on_a_holiday(duty_town):
    Holiday.objects.create(township=duty_town, date=date(2026, 3, 9), name="调休")

    roster_generate(township=duty_town, start=date(2026, 3, 1), end=date(2026, 3, 31), today=date(2026, 3, 1))

    assert [d.date for d in days_of(duty_town)] == [date(2026, 3, d) for d in (2, 16, 23, 30)]


def test_a_monday_holiday_does_not_use_up_a_group_turn(duty_town, groups):
    g1, g2, g3 = groups
    Holiday.objects.create(township=duty_town, date=date(2026, 3, 9), name="调休")

    roster_generate(township=duty_town, start=date(2026, 3, 1), end=date(2026, 3, 31), today=date(2026, 3, 1))

    assert [d.small_group for d in days_of(duty_town)] == [g1, g2, g3, g1]


def test_the_small_groups_take_turns_in_their_order(duty_town, groups):
    g1, g2, g3 = groups

    roster_generate(township=duty_town, start=date(2026, 3, 1), end=date(2026, 3, 31), today=date(2026, 3, 1))

    assert [d.small_group for d in days_of(duty_town)] == [g1, g2, g3, g1, g2]


def test_the_leaders_take_turns_on_the_duty_days(duty_town, leaders):
    first, second = leaders

    roster_generate(township=duty_town, start=date(2026, 3, 1), end=date(2026, 3, 31), today=date(2026, 3, 1))

    assert [list(d.leaders.all()) for d in days_of(duty_town)] == [[first], [second], [first], [second], [first]]


def test_the_next_range_continues_the_rotation_where_the_last_one_ended(duty_town, groups):
    g1, g2, g3 = groups
    roster_generate(township=duty_town, start=date(2026, 3, 1), end=date(2026, 3, 9), today=date(2026, 3, 1))

    roster_generate(township=duty_town, start=date(2026, 3, 10), end=date(2026, 3, 31), today=date(2026, 3, 1))

    assert [d.small_group for d in days_of(duty_town)] == [g1, g2, g3, g1, g2]


def test_every_serving_member_of_the_group_is_assigned_and_a_deputy_whose_term_ended_is_not(duty_town):
    roster_generate(township=duty_town, start=DAY, end=DAY, today=DAY)

    duty_day = DutyDay.objects.get(township=duty_town, date=DAY)
    assert on_duty(duty_day) == {"张三", "李四", "王五"}
    assert set(statuses(duty_day).values()) == {AttendanceStatus.EXPECTED}


def test_generating_the_same_range_again_creates_nothing_and_changes_nothing(duty_town):
    roster_generate(township=duty_town, start=date(2026, 3, 1), end=date(2026, 3, 31), today=date(2026, 3, 1))
    before = roster_snapshot(duty_town)

    created = roster_generate(township=duty_town, start=date(2026, 3, 1), end=date(2026, 3, 31), today=date(2026, 3, 1))

    assert created == []
    assert roster_snapshot(duty_town) == before


def test_no_duty_day_is_created_before_today(duty_town):
    roster_generate(township=duty_town, start=date(2026, 3, 1), end=date(2026, 3, 31), today=date(2026, 3, 10))

    assert [d.date for d in days_of(duty_town)] == [date(2026, 3, d) for d in (16, 23, 30)]


def test_a_range_of_exactly_two_years_is_accepted(duty_town):
    created = roster_generate(township=duty_town, start=DAY, end=date(2028, 3, 1), today=DAY)

    assert created[0].date == DAY
    assert created[-1].date == date(2028, 2, 28)


def test_a_range_over_two_years_is_refused(duty_town):
    with pytest.raises(DutyError):
        roster_generate(township=duty_town, start=DAY, end=DAY + timedelta(days=731), today=DAY)

    assert not DutyDay.objects.exists()


def test_a_range_that_ends_before_it_starts_is_refused(duty_town):
    with pytest.raises(DutyError):
        roster_generate(township=duty_town, start=date(2026, 3, 31), end=date(2026, 3, 1), today=date(2026, 3, 1))

    assert not DutyDay.objects.exists()


def test_without_a_reception_station_in_the_settings_the_roster_is_refused(duty_town, reception):
    reception.station = None
    reception.save()

    with pytest.raises(DutyError):
        roster_generate(township=duty_town, start=date(2026, 3, 1), end=date(2026, 3, 31), today=date(2026, 3, 1))

    assert not DutyDay.objects.exists()


def test_without_an_active_small_group_the_roster_is_refused(duty_town, groups):
    for group in groups:
        group.is_active = False
        group.save()

    with pytest.raises(DutyError):
        roster_generate(township=duty_town, start=date(2026, 3, 1), end=date(2026, 3, 31), today=date(2026, 3, 1))

    assert not DutyDay.objects.exists()


# --- roster_publish ---------------------------------------------------------------------------------


def test_publishing_turns_the_drafts_of_the_range_into_published_days(duty_town):
    roster_generate(township=duty_town, start=date(2026, 3, 1), end=date(2026, 3, 31), today=date(2026, 3, 1))

    count = roster_publish(township=duty_town, start=date(2026, 3, 1), end=date(2026, 3, 15))

    assert count == 2
    published = {d.date: (d.status, d.published_at is not None) for d in days_of(duty_town)}
    assert published == {
        date(2026, 3, 2): (DutyDayStatus.PUBLISHED, True),
        date(2026, 3, 9): (DutyDayStatus.PUBLISHED, True),
        date(2026, 3, 16): (DutyDayStatus.DRAFT, False),
        date(2026, 3, 23): (DutyDayStatus.DRAFT, False),
        date(2026, 3, 30): (DutyDayStatus.DRAFT, False),
    }


def test_publishing_tells_each_deputy_with_a_login_once_per_duty(duty_town):
    roster_generate(township=duty_town, start=date(2026, 3, 1), end=date(2026, 3, 9), today=date(2026, 3, 1))

    roster_publish(township=duty_town, start=date(2026, 3, 1), end=date(2026, 3, 9))

    # 3–2 is group 1 (王五 has no login), 3–9 is group 2.
    assert recipients("duty-published:") == users_of("张三", "李四", "钱七", "孙八")
    keys = set(Notification.objects.filter(key__startswith="duty-published:").values_list("key", flat=True))
    with_login = DutyAssignment.objects.filter(deputy__user__isnull=False)
    assert keys == {f"duty-published:{pk}" for pk in with_login.values_list("pk", flat=True)}


def test_publishing_again_sends_nothing_new(duty_town):
    roster_generate(township=duty_town, start=date(2026, 3, 1), end=date(2026, 3, 9), today=date(2026, 3, 1))
    roster_publish(township=duty_town, start=date(2026, 3, 1), end=date(2026, 3, 9))

    count = roster_publish(township=duty_town, start=date(2026, 3, 1), end=date(2026, 3, 9))

    assert count == 0
    assert Notification.objects.count() == 4


def test_publishing_a_day_already_past_tells_nobody_of_it(duty_town, time_machine):
    roster_generate(township=duty_town, start=date(2026, 3, 1), end=date(2026, 3, 9), today=date(2026, 3, 1))
    time_machine.move_to(at(9, day=date(2026, 3, 5)), tick=False)

    assert roster_publish(township=duty_town, start=date(2026, 3, 1), end=date(2026, 3, 9)) == 2

    # Only 3–9 (group 2) is still to come.
    assert recipients("duty-published:") == users_of("钱七", "孙八")


# --- duty_day_update --------------------------------------------------------------------------------


def test_a_new_group_on_a_published_day_brings_its_members_instead_of_the_old_ones(
    duty_town, groups, station, leaders, make_day
):
    duty_day = make_day(DAY, groups[0])

    duty_day_update(
        duty_day=duty_day, day=DAY, small_group=groups[1], station=station, leaders=leaders, today=BEFORE.date()
    )

    duty_day.refresh_from_db()
    assert duty_day.small_group == groups[1]
    assert on_duty(duty_day) == {"钱七", "孙八"}


def test_a_new_group_on_a_published_day_tells_the_deputies_taken_off_and_put_on(
    duty_town, groups, station, leaders, make_day
):
    duty_day = make_day(DAY, groups[0])

    duty_day_update(
        duty_day=duty_day, day=DAY, small_group=groups[1], station=station, leaders=leaders, today=BEFORE.date()
    )

    assert recipients(f"duty-changed:{duty_day.pk}:") == users_of("张三", "李四", "钱七", "孙八")


def test_a_past_duty_day_cannot_be_changed(duty_town, groups, station, leaders, make_day):
    duty_day = make_day(DAY, groups[0])

    with pytest.raises(DutyError):
        duty_day_update(
            duty_day=duty_day, day=DAY, small_group=groups[1], station=station, leaders=leaders, today=date(2026, 3, 3)
        )

    duty_day.refresh_from_db()
    assert duty_day.small_group == groups[0]
    assert on_duty(duty_day) == {"张三", "李四", "王五"}
    assert not Notification.objects.exists()


def test_moving_a_day_onto_a_date_that_has_a_day_changes_nothing(duty_town, groups, station, leaders, make_day):
    make_day(DAY, groups[0])
    later = make_day(DAY + timedelta(days=7), groups[1])
    before = roster_snapshot(duty_town)

    with pytest.raises(ValidationError):
        duty_day_update(
            duty_day=later, day=DAY, small_group=groups[2], station=station, leaders=leaders, today=BEFORE.date()
        )

    assert roster_snapshot(duty_town) == before
    assert not Notification.objects.exists()


def test_moving_a_day_onto_a_date_that_has_a_day_is_refused_with_a_duty_error(
    duty_town, groups, station, leaders, make_day
):
    make_day(DAY, groups[0])
    later = make_day(DAY + timedelta(days=7), groups[1])

    with pytest.raises(DutyError):
        duty_day_update(
            duty_day=later, day=DAY, small_group=groups[1], station=station, leaders=leaders, today=BEFORE.date()
        )


# --- duty_sign_in -----------------------------------------------------------------------------------


@pytest.fixture
def monday(duty_town, groups, make_day):
    """DAY, published, group 1 on duty (张三, 李四, 王五)."""
    return make_day(DAY, groups[0])


def sign_in_at(time_machine, station, name: str, when: datetime) -> DutyAssignment:
    time_machine.move_to(when, tick=False)
    return duty_sign_in(deputy=deputy(name), station=station)


def test_signing_in_a_second_before_the_window_opens_is_refused(monday, station, time_machine):
    with pytest.raises(DutyError):
        sign_in_at(time_machine, station, "张三", at(7, 29, 59))

    assert assignment_of(monday, "张三").status == AttendanceStatus.EXPECTED


def test_signing_in_as_the_window_opens_is_on_time(monday, station, time_machine):
    sign_in_at(time_machine, station, "张三", at(7, 30))

    assignment = assignment_of(monday, "张三")
    assert (assignment.status, assignment.signed_in_at, assignment.late) == (AttendanceStatus.PRESENT, at(7, 30), False)


def test_signing_in_exactly_at_the_start_is_not_late(monday, station, time_machine):
    sign_in_at(time_machine, station, "张三", at(8, 0))

    assignment = assignment_of(monday, "张三")
    assert (assignment.status, assignment.late) == (AttendanceStatus.PRESENT, False)


def test_signing_in_a_second_after_the_start_is_late(monday, station, time_machine):
    sign_in_at(time_machine, station, "张三", at(8, 0, 1))

    assignment = assignment_of(monday, "张三")
    assert (assignment.status, assignment.late) == (AttendanceStatus.PRESENT, True)


def test_signing_in_as_the_window_closes_is_accepted_as_late(monday, station, time_machine):
    sign_in_at(time_machine, station, "张三", at(8, 30))

    assignment = assignment_of(monday, "张三")
    assert (assignment.status, assignment.signed_in_at, assignment.late) == (AttendanceStatus.PRESENT, at(8, 30), True)


def test_signing_in_a_second_after_the_window_closes_is_refused(monday, station, time_machine):
    with pytest.raises(DutyError):
        sign_in_at(time_machine, station, "张三", at(8, 30, 1))

    assignment = assignment_of(monday, "张三")
    assert (assignment.status, assignment.signed_in_at) == (AttendanceStatus.EXPECTED, None)


def test_a_deputy_not_on_duty_at_the_station_today_cannot_sign_in(monday, station, time_machine):
    with pytest.raises(DutyError):
        sign_in_at(time_machine, station, "钱七", at(7, 45))

    assert not DutyAssignment.objects.filter(deputy__name="钱七").exists()
    assert not DutyAssignment.objects.filter(status=AttendanceStatus.PRESENT).exists()


def test_signing_in_twice_keeps_the_first_time(monday, station, time_machine):
    sign_in_at(time_machine, station, "张三", at(7, 40))

    sign_in_at(time_machine, station, "张三", at(8, 10))

    assignment = assignment_of(monday, "张三")
    assert (assignment.signed_in_at, assignment.late) == (at(7, 40), False)


def test_nobody_signs_in_on_a_day_that_is_not_published(duty_town, groups, make_day, station, time_machine):
    draft = make_day(DAY, groups[0], published=False)

    with pytest.raises(DutyError):
        sign_in_at(time_machine, station, "张三", at(7, 45))

    assert assignment_of(draft, "张三").status == AttendanceStatus.EXPECTED


def test_a_deputy_on_approved_leave_cannot_sign_in(monday, station, alice, time_machine):
    leave_decide(leave=ask_leave(monday, "张三"), approve=True, comment="", user=alice, now=BEFORE)

    with pytest.raises(DutyError):
        sign_in_at(time_machine, station, "张三", at(7, 45))

    assignment = assignment_of(monday, "张三")
    assert (assignment.status, assignment.signed_in_at) == (AttendanceStatus.LEAVE, None)


# --- attendance_record ------------------------------------------------------------------------------


def test_the_office_records_attendance_with_a_reason(monday, alice):
    attendance_record(
        assignment=assignment_of(monday, "王五"),
        status=AttendanceStatus.PRESENT,
        note="手机没电",
        user=alice,
        now=at(9),
    )

    assignment = assignment_of(monday, "王五")
    assert (assignment.status, assignment.note, assignment.recorded_by, assignment.signed_in_at) == (
        AttendanceStatus.PRESENT,
        "手机没电",
        alice,
        at(9),
    )


def test_the_office_cannot_record_attendance_without_a_reason(monday, alice):
    with pytest.raises(DutyError):
        attendance_record(
            assignment=assignment_of(monday, "王五"), status=AttendanceStatus.PRESENT, note="  ", user=alice, now=at(9)
        )

    assignment = assignment_of(monday, "王五")
    assert (assignment.status, assignment.recorded_by) == (AttendanceStatus.EXPECTED, None)


def test_attendance_cannot_be_recorded_before_the_day(monday, alice):
    with pytest.raises(DutyError):
        attendance_record(
            assignment=assignment_of(monday, "王五"),
            status=AttendanceStatus.ABSENT,
            note="提前说不来",
            user=alice,
            now=BEFORE,
        )

    assignment = assignment_of(monday, "王五")
    assert (assignment.status, assignment.recorded_by) == (AttendanceStatus.EXPECTED, None)


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


# --- duty_days_close --------------------------------------------------------------------------------


@pytest.fixture
def monday_with_attendance(monday, alice):
    """DAY: 李四 signed in, 王五 on approved leave, 张三 still expected."""
    mark_present(monday, "李四")
    leave_decide(leave=ask_leave(monday, "王五"), approve=True, comment="", user=alice, now=BEFORE)
    return monday


def test_closing_before_the_sign_in_window_closes_does_nothing(monday_with_attendance, time_machine):
    time_machine.move_to(at(8, 30), tick=False)

    assert duty_days_close() == 0

    monday_with_attendance.refresh_from_db()
    assert monday_with_attendance.closed_at is None
    assert statuses(monday_with_attendance)["张三"] == AttendanceStatus.EXPECTED


def test_closing_after_the_window_marks_whoever_is_still_expected_absent(monday_with_attendance, time_machine):
    time_machine.move_to(at(8, 30, 1), tick=False)

    assert duty_days_close() == 1

    assert statuses(monday_with_attendance)["张三"] == AttendanceStatus.ABSENT


def test_closing_leaves_the_present_and_those_on_leave_as_they_are(monday_with_attendance, time_machine):
    time_machine.move_to(at(9), tick=False)

    duty_days_close()

    assert statuses(monday_with_attendance) == {
        "张三": AttendanceStatus.ABSENT,
        "李四": AttendanceStatus.PRESENT,
        "王五": AttendanceStatus.LEAVE,
    }


def test_closing_refuses_a_leave_request_still_waiting(monday, time_machine):
    leave = ask_leave(monday, "张三")
    time_machine.move_to(at(9), tick=False)

    duty_days_close()

    leave.refresh_from_db()
    assert (leave.status, leave.decided_at) == (LeaveStatus.REFUSED, at(9))
    assert assignment_of(monday, "张三").status == AttendanceStatus.ABSENT


def test_closing_twice_gives_the_same_state_and_keeps_the_first_closing_time(monday_with_attendance, time_machine):
    time_machine.move_to(at(9), tick=False)
    duty_days_close()
    after_first = statuses(monday_with_attendance)

    time_machine.move_to(at(10), tick=False)
    assert duty_days_close() == 0

    monday_with_attendance.refresh_from_db()
    assert monday_with_attendance.closed_at == at(9)
    assert statuses(monday_with_attendance) == after_first


# --- duty_reminders_send ----------------------------------------------------------------------------

SUNDAY = DAY - timedelta(days=1)


def test_no_reminder_is_sent_before_the_reminder_time_the_day_before(monday, time_machine):
    time_machine.move_to(at(17, 59, 59, day=SUNDAY), tick=False)

    assert duty_reminders_send() == 0

    assert not Notification.objects.filter(key__startswith="duty-reminder:").exists()


def test_from_the_reminder_time_each_deputy_on_tomorrows_day_is_reminded_once(monday, time_machine):
    time_machine.move_to(at(18, 0, day=SUNDAY), tick=False)

    assert duty_reminders_send() == 2

    assert recipients("duty-reminder:") == users_of("张三", "李四")


def test_sending_reminders_twice_still_reminds_each_deputy_once(monday, time_machine):
    time_machine.move_to(at(18, 0, day=SUNDAY), tick=False)
    duty_reminders_send()
    time_machine.move_to(at(20, 0, day=SUNDAY), tick=False)

    assert duty_reminders_send() == 0

    assert recipients("duty-reminder:") == users_of("张三", "李四")


def test_no_reminder_is_sent_for_a_day_not_yet_published(duty_town, groups, make_day, time_machine):
    make_day(DAY, groups[0], published=False)
    time_machine.move_to(at(19, 0, day=SUNDAY), tick=False)

    assert duty_reminders_send() == 0

    assert not Notification.objects.exists()


# --- missing_sign_in_alert --------------------------------------------------------------------------


def test_no_missing_sign_in_alert_before_a_quarter_past_the_start(monday, alice, office2, time_machine):
    time_machine.move_to(at(8, 14, 59), tick=False)

    assert missing_sign_in_alert() == 0

    monday.refresh_from_db()
    assert monday.missing_alert_at is None
    assert not Notification.objects.exists()


def test_a_quarter_past_the_start_each_office_user_is_told_who_is_missing(monday, alice, office2, dave, time_machine):
    mark_present(monday, "李四")
    time_machine.move_to(at(8, 15), tick=False)

    assert missing_sign_in_alert() == 2

    alerts = Notification.objects.filter(key__startswith="missing-sign-in:")
    assert sorted(alerts.values_list("recipient__username", flat=True)) == ["alice", "olivia"]
    for alert in alerts:
        assert "张三" in alert.subject
        assert "王五" in alert.subject
        assert "李四" not in alert.subject


def test_the_missing_sign_in_alert_is_sent_once(monday, alice, office2, time_machine):
    time_machine.move_to(at(8, 15), tick=False)
    missing_sign_in_alert()
    time_machine.move_to(at(9, 0), tick=False)

    assert missing_sign_in_alert() == 0

    assert recipients("missing-sign-in:") == ["alice", "olivia"]


# --- leave_pending_remind ---------------------------------------------------------------------------


def test_the_office_is_reminded_of_waiting_leave_once_a_day(monday, alice, office2, dave, time_machine):
    ask_leave(monday, "张三")
    time_machine.move_to(BEFORE, tick=False)
    leave_pending_remind()
    time_machine.move_to(BEFORE + timedelta(hours=6), tick=False)

    assert leave_pending_remind() == 0

    assert recipients("leave-pending:") == ["alice", "olivia"]


def test_the_office_is_reminded_of_waiting_leave_again_the_next_day(monday, alice, office2, time_machine):
    ask_leave(monday, "张三")
    time_machine.move_to(BEFORE, tick=False)
    leave_pending_remind()
    time_machine.move_to(BEFORE + timedelta(days=1), tick=False)

    assert leave_pending_remind() == 2

    assert recipients("leave-pending:") == ["alice", "alice", "olivia", "olivia"]


# --- subsidy_sheet ----------------------------------------------------------------------------------


def test_the_subsidy_sheet_pays_the_rate_for_each_duty_attended_in_the_month(duty_town, groups, make_day):
    g1, g2, _g3 = groups
    march_2 = make_day(date(2026, 3, 2), g1)
    march_9 = make_day(date(2026, 3, 9), g2)
    march_16 = make_day(date(2026, 3, 16), g1)
    april_6 = make_day(date(2026, 4, 6), g1)
    feb_23 = make_day(date(2026, 2, 23), g1)
    for duty_day, name in [
        (march_2, "张三"),
        (march_2, "李四"),
        (march_9, "钱七"),
        (march_16, "张三"),
        (april_6, "张三"),  # another month
        (feb_23, "李四"),  # another month
    ]:
        mark_present(duty_day, name)
    DutyAssignment.objects.filter(duty_day=march_16, deputy__name="李四").update(status=AttendanceStatus.LEAVE)
    DutyAssignment.objects.filter(duty_day=march_9, deputy__name="孙八").update(status=AttendanceStatus.ABSENT)

    sheet = subsidy_sheet(township=duty_town, year=2026, month=3, rate=Decimal("50.00"))

    # March: 张三 present on 3-2 and 3-16, 李四 on 3-2, 钱七 on 3-9 → 4 duties × 50 = 200.
    assert {line.deputy.name: (line.days, line.amount) for line in sheet} == {
        "张三": (2, Decimal("100.00")),
        "李四": (1, Decimal("50.00")),
        "钱七": (1, Decimal("50.00")),
    }
    assert sum(line.amount for line in sheet) == Decimal("200.00")


# --- feeds.duty_calendar ----------------------------------------------------------------------------


def test_the_duty_calendar_has_one_event_per_day_at_eight_shanghai_time_at_the_station(
    duty_town, groups, leaders, station, make_day
):
    days = [make_day(DAY, groups[0]), make_day(DAY + timedelta(days=7), groups[1])]
    days[0].leaders.set(leaders)

    calendar = Calendar.from_ical(duty_calendar(name="甲镇接访日", days=days, host="testserver"))

    events = calendar.walk("VEVENT")
    assert len(events) == 2
    starts = [event.decoded("dtstart") for event in events]
    assert starts == [at(8, 0), at(8, 0, day=DAY + timedelta(days=7))]
    assert all(start.utcoffset() == timedelta(hours=8) for start in starts)
    assert all(event["dtstart"].params.get("TZID") == "Asia/Shanghai" for event in events)
    assert all(station.address in str(event["location"]) for event in events)
