"""The office home's to-do list (assessments/selectors/todo.py): only what still waits, counted from the rows
themselves; a leave decided or a case finished long ago is not there, nor a message already read."""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from assessments.selectors.todo import office_todo
from petitions.models import DutyAssignment, DutyDay, LeaveRequest, LeaveStatus, Referral, Visit, VisitCategory
from tests.factories import DeputyFactory, NotificationFactory, StationFactory

pytestmark = pytest.mark.django_db

TZ = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def clock(time_machine):
    time_machine.move_to(datetime(2026, 4, 10, 10, 0, tzinfo=TZ), tick=False)


@pytest.fixture
def rows(town_a, department_a, clock):
    """Town A: a duty day with one leave waiting and one decided; a case past its deadline and one finished past it."""
    station = StationFactory(township=town_a)
    group = DeputyFactory(township=town_a).small_group
    day = DutyDay.objects.create(
        township=town_a, date=date(2026, 4, 13), start_time=time(8), station=station, small_group=group,
        status="published",
    )  # fmt: skip
    for status in (LeaveStatus.PENDING, LeaveStatus.APPROVED):
        assignment = DutyAssignment.objects.create(
            township=town_a, duty_day=day, deputy=DeputyFactory(township=town_a, small_group=group)
        )
        LeaveRequest.objects.create(
            township=town_a, assignment=assignment, reason="外出", requested_at=day_at(1), status=status
        )
    category = VisitCategory.objects.create(township=town_a, name="社会保障")
    for status in ("open", "closed"):
        visit = Visit.objects.create(
            township=town_a, received_at=day_at(1), station=station, visitor_name="来访群众", category=category,
            content="道路破损", outcome="referred",
        )  # fmt: skip
        Referral.objects.create(
            township=town_a, visit=visit, department=department_a, responsible_name="王主任",
            answer_due=date(2026, 3, 5), due=date(2026, 3, 20), status=status, result="修复" * (status != "open"),
        )  # fmt: skip
    return day


def day_at(day: int) -> datetime:
    return datetime(2026, 4, day, 9, 0, tzinfo=TZ)


def test_the_to_do_counts_only_the_leave_that_waits_and_the_case_still_open(town_a, rows):
    counts = {item.key: item.count for item in office_todo(township=town_a)}
    assert counts == {"duty_leave": 1, "overdue": 1}


def test_the_to_do_is_empty_once_everything_is_decided_and_finished(town_a, rows):
    LeaveRequest.objects.update(status=LeaveStatus.REFUSED)
    Referral.objects.update(status="resolved", result="已修")
    assert office_todo(township=town_a) == []


def test_the_office_home_shows_the_waiting_items_and_not_a_message_already_read(login, alice, town_a, rows):
    NotificationFactory(recipient=alice, township=town_a, subject="旧的请假申请", read_at=day_at(2))
    NotificationFactory(recipient=alice, township=town_a, subject="新的交办件")
    page = login(alice).get(reverse("home")).content.decode()
    assert 'data-todo="duty_leave" data-count="1"' in page
    assert 'data-todo="overdue" data-count="1"' in page
    assert "新的交办件" in page and "旧的请假申请" not in page


def test_another_towns_office_has_nothing_of_this_towns_to_do(login, dave, rows):
    page = login(dave).get(reverse("home")).content.decode()
    assert "data-todo-empty" in page and 'data-todo="' not in page
