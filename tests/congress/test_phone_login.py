"""Deputies log in with their phone or their login name; on their own phone they stay logged in for 30 days,
while every other role keeps the idle timeout whatever the box says."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from congress.middleware import SESSION_REMEMBERED
from congress.models import Membership, Role
from tests.factories import PASSWORD, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db
THIRTY_DAYS = 30 * 24 * 3600


def log_in(username: str, password: str = PASSWORD, **extra) -> tuple[Client, int]:
    client = Client()
    response = client.post(reverse("login"), {"username": username, "password": password, **extra})
    return client, response.status_code


def test_a_deputy_logs_in_with_the_phone_of_their_membership(bob):
    Membership.objects.filter(user=bob).update(phone="13900001111")

    client, status = log_in("13900001111")

    assert status == 302
    assert client.get(reverse("home")).wsgi_request.user == bob


def test_a_deputy_still_logs_in_with_their_login_name(bob):
    Membership.objects.filter(user=bob).update(phone="13900001111")
    assert log_in("bob")[1] == 302


def test_a_wrong_password_with_the_phone_is_refused(bob):
    Membership.objects.filter(user=bob).update(phone="13900001111")
    assert log_in("13900001111", "wrong-password")[1] == 200


def test_a_phone_shared_by_two_logins_opens_neither(bob, carol):
    Membership.objects.filter(user__in=[bob, carol]).update(phone="13900001111")
    assert log_in("13900001111")[1] == 200


def test_a_disabled_login_cannot_log_in_with_its_phone(bob):
    Membership.objects.filter(user=bob).update(phone="13900001111")
    bob.is_active = False
    bob.save()
    assert log_in("13900001111")[1] == 200


def test_wrong_passwords_typed_with_the_phone_lock_the_login_itself(bob):
    Membership.objects.filter(user=bob).update(phone="13900001111")
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        log_in("13900001111", "wrong-password")

    assert log_in("bob")[1] == 429, "the phone and the login name are one person: one count of failures"
    assert log_in("13900001111")[1] == 429


def test_a_deputy_who_ticks_remember_stays_logged_in_for_thirty_days(bob):
    client, status = log_in("bob", remember="on")

    assert status == 302
    assert client.session.get_expiry_age() == pytest.approx(THIRTY_DAYS, abs=5)
    assert client.session[SESSION_REMEMBERED] is True
    client.get(reverse("home"))
    assert client.session.get_expiry_age() == pytest.approx(THIRTY_DAYS, abs=5), "no idle timeout"


def test_a_deputy_who_leaves_the_box_empty_keeps_the_idle_timeout(bob):
    client, _status = log_in("bob")
    assert client.session.get_expiry_age() == settings.SESSION_COOKIE_AGE


@pytest.mark.parametrize("who", ["alice", "leo", "carol"])
def test_office_leader_and_unit_keep_the_idle_timeout_whatever_the_box_says(who, request):
    user = request.getfixturevalue(who)
    client, status = log_in(user.username, remember="on")
    assert status == 302
    assert client.session.get_expiry_age() == settings.SESSION_COOKIE_AGE
    assert SESSION_REMEMBERED not in client.session


def test_a_deputy_who_is_also_a_leader_keeps_the_idle_timeout(bob, town_a):
    MembershipFactory(user=bob, township=town_a, role=Role.LEADER)
    client, _status = log_in("bob", remember="on")
    assert client.session.get_expiry_age() == settings.SESSION_COOKIE_AGE


def test_a_remembered_session_falls_back_to_the_idle_timeout_once_the_login_gets_another_role(bob, town_a):
    client, _status = log_in("bob", remember="on")
    MembershipFactory(user=bob, township=town_a, role=Role.OFFICE)

    client.get(reverse("home"))

    assert client.session.get_expiry_age() == settings.SESSION_COOKIE_AGE
    assert SESSION_REMEMBERED not in client.session


def test_the_remembered_session_ends_after_thirty_days(bob, time_machine):
    time_machine.move_to("2026-03-02 09:00 +08:00")
    client, _status = log_in("bob", remember="on")
    time_machine.shift(timedelta(days=29))
    assert client.get(reverse("home")).status_code == 200
    time_machine.shift(timedelta(days=1, minutes=1))
    assert client.get(reverse("home")).status_code == 302


def test_the_login_form_offers_to_remember_the_phone_ticked(db):
    page = Client().get(reverse("login"))
    assert page.context["form"].fields["remember"].initial is True
    assert 'name="remember"' in page.content.decode() and "checked" in page.content.decode()


def test_a_user_with_no_membership_and_no_phone_is_refused(db):
    UserFactory(username="nobody")
    assert log_in("13900009999")[1] == 200
