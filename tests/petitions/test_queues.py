"""The office's queues open on what waits: pending first, soonest first; what is decided follows."""

from datetime import timedelta

import pytest

from petitions.models import LeaveStatus
from petitions.selectors.duty import leave_queue
from tests.petitions.conftest import ask_leave

pytestmark = pytest.mark.django_db


def test_the_leave_list_opens_on_what_waits(monday, make_day, groups, frozen_clock, town_a):
    later = make_day(monday.date + timedelta(days=7), groups[0])
    decided = ask_leave(monday, "李四")
    decided.status = LeaveStatus.APPROVED
    decided.save()
    waiting_later = ask_leave(later, "张三")
    waiting_sooner = ask_leave(monday, "张三")
    assert list(leave_queue(township=town_a)) == [waiting_sooner, waiting_later, decided]
