"""The duty roster and the duty day: generating and publishing the roster, changing a day, signing in,
recording attendance and closing the day (petitions/services/duty.py)."""

from datetime import date, datetime, time, timedelta

import pytest
from django.core.exceptions import ValidationError

from congress.models import Notification
from petitions.models import AttendanceStatus, DutyAssignment, DutyDay, DutyDayStatus, Holiday, LeaveStatus
from petitions.services.attendance import attendance_record, duty_days_close, duty_sign_in
from petitions.services.duty import DutyError, duty_day_update, roster_generate, roster_publish
from petitions.services.leave import leave_decide
from tests.petitions.conftest import (
    BEFORE,
    DAY,
    ask_leave,
    assignment_of,
    at,
    deputy,
    mark_present,
    recipients,
    told,
    users_of,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]


MARCH_MONDAYS = [date(2026, 3, d) for d in (2, 9, 16, 23, 30)]


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


def test_publishing_tells_each_deputy_once_per_duty_login_or_not(duty_town):
    roster_generate(township=duty_town, start=date(2026, 3, 1), end=date(2026, 3, 9), today=date(2026, 3, 1))

    roster_publish(township=duty_town, start=date(2026, 3, 1), end=date(2026, 3, 9))

    # 3–2 is group 1, 3–9 is group 2; 王五 has no login: a text to the register's mobile, no inbox.
    assert told("duty-published:") == sorted(["张三", "李四", "王五", "钱七", "孙八"])
    assert recipients("duty-published:") == users_of("张三", "李四", "钱七", "孙八")
    keys = set(Notification.objects.filter(key__startswith="duty-published:").values_list("key", flat=True))
    assert keys == {f"duty-published:{pk}" for pk in DutyAssignment.objects.values_list("pk", flat=True)}
    wang = Notification.objects.get(key__startswith="duty-published:", recipient_name="王五")
    assert (wang.recipient, wang.phone) == (None, deputy("王五").phone)


def test_publishing_again_sends_nothing_new(duty_town):
    roster_generate(township=duty_town, start=date(2026, 3, 1), end=date(2026, 3, 9), today=date(2026, 3, 1))
    roster_publish(township=duty_town, start=date(2026, 3, 1), end=date(2026, 3, 9))

    count = roster_publish(township=duty_town, start=date(2026, 3, 1), end=date(2026, 3, 9))

    assert count == 0
    assert Notification.objects.count() == 5


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

    assert told(f"duty-changed:{duty_day.pk}:") == sorted(["张三", "李四", "王五", "钱七", "孙八"])


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


def test_the_office_records_presence_without_a_reason(monday, alice):
    attendance_record(
        assignment=assignment_of(monday, "王五"), status=AttendanceStatus.PRESENT, note="", user=alice, now=at(9)
    )
    assert assignment_of(monday, "王五").status == AttendanceStatus.PRESENT


def test_the_office_cannot_record_an_absence_without_a_reason(monday, alice):
    with pytest.raises(DutyError):
        attendance_record(
            assignment=assignment_of(monday, "王五"), status=AttendanceStatus.ABSENT, note="  ", user=alice, now=at(9)
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


def test_publishing_texts_only_the_next_two_weeks_days_the_rest_go_to_the_inbox(duty_town):
    roster_generate(township=duty_town, start=date(2026, 3, 1), end=date(2026, 3, 31), today=date(2026, 3, 1))
    roster_publish(township=duty_town, start=date(2026, 3, 1), end=date(2026, 3, 31))
    rows = Notification.objects.filter(key__startswith="duty-published:").select_related()
    dates = {n.key: DutyAssignment.objects.get(pk=n.key.split(":")[1]).duty_day.date for n in rows}
    texted = {dates[n.key] for n in rows if n.phone}
    assert texted and max(texted) <= date(2026, 3, 15)
    assert any(day > date(2026, 3, 15) for day in dates.values()), "later days are still told in the inbox"


def test_publishing_tells_the_leaders_who_chair_each_coming_day_by_text(duty_town):
    roster_generate(township=duty_town, start=date(2026, 3, 1), end=date(2026, 3, 9), today=date(2026, 3, 1))
    days = list(DutyDay.objects.filter(township=duty_town, date__range=(date(2026, 3, 1), date(2026, 3, 9))))
    leader = days[0].leaders.first()
    assert leader is not None, "the roster puts the town's leaders on their reception days"
    leader.phone = "13900007777"
    leader.save()

    roster_publish(township=duty_town, start=date(2026, 3, 1), end=date(2026, 3, 9))
    roster_publish(township=duty_town, start=date(2026, 3, 1), end=date(2026, 3, 9))

    told = Notification.objects.filter(key=f"duty-leader:{days[0].pk}:{leader.pk}")
    assert told.count() == 1
    assert told[0].recipient_name == leader.name and told[0].phone == leader.phone
