"""The day's attendance sheet (petitions/services/attendance.py duty_attendance_record, and its page): the whole
day saved at once, presence with no reason, lateness, leave and absence each with theirs; all or nothing."""

import pytest
from django.urls import reverse

from petitions.models import AttendanceStatus
from petitions.services.attendance import duty_attendance_record
from petitions.services.duty import DutyError
from tests.petitions.conftest import BEFORE, assignment_of, at, mark_present

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]

NAMES = ("张三", "李四", "王五")


def sheet(day, **by_name: str) -> dict[int, str]:
    return {assignment_of(day, name).pk: value for name, value in by_name.items()}


def state(day) -> dict[str, tuple]:
    return {name: (a.status, a.late, a.note) for name in NAMES for a in [assignment_of(day, name)]}


def test_everyone_present_needs_no_reason(monday, alice):
    choices = sheet(monday, 张三="present", 李四="present", 王五="present")
    assert duty_attendance_record(duty_day=monday, choices=choices, notes={}, user=alice, now=at(9)) == 3
    assert state(monday) == {name: (AttendanceStatus.PRESENT, False, "") for name in NAMES}
    assert assignment_of(monday, "王五").recorded_by == alice


def test_late_leave_and_absence_are_recorded_with_their_reasons(monday, alice):
    choices = sheet(monday, 张三="late", 李四="leave", 王五="absent")
    notes = sheet(monday, 张三="堵车", 李四="住院", 王五="未联系上")
    duty_attendance_record(duty_day=monday, choices=choices, notes=notes, user=alice, now=at(9))
    assert state(monday) == {
        "张三": (AttendanceStatus.PRESENT, True, "堵车"),
        "李四": (AttendanceStatus.LEAVE, False, "住院"),
        "王五": (AttendanceStatus.ABSENT, False, "未联系上"),
    }


def test_an_absence_without_a_reason_refuses_the_whole_sheet_and_names_the_deputy(monday, alice):
    choices = sheet(monday, 张三="present", 李四="present", 王五="absent")
    with pytest.raises(DutyError) as refused:
        duty_attendance_record(duty_day=monday, choices=choices, notes={}, user=alice, now=at(9))
    assert "王五" in str(refused.value)
    assert {status for status, _late, _note in state(monday).values()} == {AttendanceStatus.EXPECTED}


def test_a_deputy_who_signed_in_keeps_the_time_and_saving_again_changes_nothing(monday, alice):
    mark_present(monday, "张三")
    choices = sheet(monday, 张三="present", 李四="present", 王五="present")
    assert duty_attendance_record(duty_day=monday, choices=choices, notes={}, user=alice, now=at(9)) == 2
    assert assignment_of(monday, "张三").signed_in_at == at(7, 45)
    assert duty_attendance_record(duty_day=monday, choices=choices, notes={}, user=alice, now=at(10)) == 0


def test_a_sheet_before_the_day_is_refused(monday, alice):
    with pytest.raises(DutyError):
        duty_attendance_record(duty_day=monday, choices=sheet(monday, 张三="present"), notes={}, user=alice, now=BEFORE)


def test_a_sheet_with_an_unknown_choice_or_another_days_deputy_is_refused(monday, alice, make_day, groups):
    other = make_day(monday.date.replace(day=9), groups[1])
    for choices in (sheet(monday, 张三="maybe"), {other.assignments.first().pk: "present"}):
        with pytest.raises(DutyError):
            duty_attendance_record(duty_day=monday, choices=choices, notes={}, user=alice, now=at(9))
    assert state(monday)["张三"][0] == AttendanceStatus.EXPECTED


def test_the_day_page_offers_all_present_and_the_sheet_saves_in_one_post(login, alice, monday, time_machine):
    time_machine.move_to(at(9), tick=False)
    client = login(alice)
    page = client.get(reverse("duty_day_detail", args=[monday.pk])).content.decode()
    assert 'data-all-present="present"' in page and 'id="duty-attendance-sheet"' in page
    response = client.post(
        reverse("duty_attendance", args=[monday.pk]),
        {f"choice-{pk}": "present" for pk in sheet(monday, 张三="", 李四="", 王五="")},
    )
    assert response.status_code == 302
    assert {status for status, _late, _note in state(monday).values()} == {AttendanceStatus.PRESENT}


def test_another_towns_office_cannot_post_a_sheet_for_this_day(login, dave, monday, time_machine):
    time_machine.move_to(at(9), tick=False)
    response = login(dave).post(
        reverse("duty_attendance", args=[monday.pk]), {f"choice-{assignment_of(monday, '张三').pk}": "present"}
    )
    assert response.status_code == 404
    assert state(monday)["张三"][0] == AttendanceStatus.EXPECTED
