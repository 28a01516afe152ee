"""The status badge: a status coloured by what it means to the reader."""

from django.template import Context, Template

from activities.models import Attendance
from petitions.models import AttendanceStatus, DutyDayStatus
from proposals.models import Status


def badge(value: str, label: str = "x", meaning: str = "") -> str:
    template = Template("{% load badges %}{% status_badge value label meaning %}")
    return template.render(Context({"value": value, "label": label, "meaning": meaning}))


def test_each_status_shows_in_the_colour_of_its_meaning():
    assert 'class="badge status-waiting"' in badge(Status.SUBMITTED)
    assert 'class="badge status-progress"' in badge(Status.ASSIGNED)
    assert 'class="badge status-done"' in badge(Status.CLOSED)
    assert 'class="badge status-done"' in badge(AttendanceStatus.PRESENT)
    assert 'class="badge status-done"' in badge(DutyDayStatus.PUBLISHED)
    assert 'class="badge status-overdue"' in badge(Attendance.ABSENT)


def test_a_status_without_a_meaning_is_grey_and_the_caller_may_name_one():
    assert 'class="badge status-neutral"' in badge(AttendanceStatus.LEAVE)
    assert 'class="badge status-overdue"' in badge(Status.ASSIGNED, meaning="overdue")


def test_the_badge_carries_the_status_value_and_escapes_its_label():
    html = badge(Status.REPLIED, label="<b>")
    assert 'data-status="replied"' in html and "&lt;b&gt;" in html
