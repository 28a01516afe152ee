"""The office's queues open on what waits: pending first, soonest first; what is decided or finished follows, one
filter away."""

from datetime import timedelta

import pytest
from django.urls import reverse

from petitions.models import LeaveStatus
from petitions.selectors.duty import leave_queue
from petitions.services.visits import extension_request, referral_finish
from tests.petitions.conftest import LATER, VISIT_DAY, ask_leave

pytestmark = pytest.mark.django_db


def test_the_leave_list_opens_on_what_waits(monday, make_day, groups, frozen_clock, town_a):
    later = make_day(monday.date + timedelta(days=7), groups[0])
    decided = ask_leave(monday, "李四")
    decided.status = LeaveStatus.APPROVED
    decided.save()
    waiting_later = ask_leave(later, "张三")
    waiting_sooner = ask_leave(monday, "张三")
    assert list(leave_queue(township=town_a)) == [waiting_sooner, waiting_later, decided]


# --- The referral list -------------------------------------------------------------------------------------


@pytest.fixture
def referrals(refer, alice):
    """Three cases of town A: one finished with the soonest deadline, two open with later and sooner deadlines."""
    finished = refer(answer_due=VISIT_DAY + timedelta(days=2), due=VISIT_DAY + timedelta(days=3))
    referral_finish(referral=finished, user=alice, resolved=True, result="已修好", now=LATER)
    later = refer(answer_due=VISIT_DAY + timedelta(days=20), due=VISIT_DAY + timedelta(days=30))
    sooner = refer(answer_due=VISIT_DAY + timedelta(days=5), due=VISIT_DAY + timedelta(days=10))
    return {"finished": finished, "later": later, "sooner": sooner}


def test_the_referral_list_opens_on_the_waiting_cases_soonest_deadline_first(login, alice, referrals):
    response = login(alice).get(reverse("referral_list"))
    assert list(response.context["page"].object_list) == [referrals["sooner"], referrals["later"]]
    assert response.context["status"] == "waiting"


def test_the_finished_cases_are_one_filter_away_after_those_that_wait(login, alice, referrals):
    client = login(alice)
    assert 'href="?status=all"' in client.get(reverse("referral_list")).content.decode()
    rows = list(client.get(reverse("referral_list"), {"status": "all"}).context["page"].object_list)
    assert rows == [referrals["sooner"], referrals["later"], referrals["finished"]]


def test_a_list_with_only_finished_cases_says_none_waits_and_links_to_them(login, alice, referrals):
    for key in ("sooner", "later"):
        referral_finish(referral=referrals[key], user=alice, resolved=False, result="无法解决", now=LATER)
    page = login(alice).get(reverse("referral_list")).content.decode()
    assert 'data-empty="none-waiting"' in page


def test_an_unknown_status_in_the_address_shows_what_waits(login, alice, referrals):
    response = login(alice).get(reverse("referral_list"), {"status": "<b>"})
    assert response.status_code == 200
    assert list(response.context["page"].object_list) == [referrals["sooner"], referrals["later"]]


def test_another_towns_office_sees_none_of_the_waiting_cases(login, dave, referrals):
    assert not login(dave).get(reverse("referral_list")).context["page"].object_list


def test_the_referrals_asking_a_later_deadline_are_one_link_away(login, alice, carol, referrals):
    extension_request(
        referral=referrals["later"], user=carol, new_due=referrals["later"].due + timedelta(days=30), reason="汛期"
    )
    response = login(alice).get(reverse("referral_list"), {"status": "all", "extension": "waiting"})
    assert list(response.context["page"].object_list) == [referrals["later"]]
