"""Lockouts nobody can turn on someone else: five wrong passwords lock a login at one address only; a login
guessed from many addresses makes each further attempt wait a growing delay instead of a lock; and a login
attempt costs the same password hashing whether or not its name (or phone) belongs to anyone."""

from datetime import timedelta
from unittest import mock

import pytest
import time_machine
from axes.models import AccessAttempt
from django.contrib.auth.hashers import MD5PasswordHasher
from django.db.models import Sum
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from congress.lockout import delay_seconds, login_wait
from congress.models import Membership
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def _post_login(username: str, password: str, *, address: str = "10.0.0.1"):
    client = Client(REMOTE_ADDR=address, HTTP_ACCEPT_LANGUAGE="en")
    with translation.override("en"):
        return client.post(reverse("login"), {"username": username, "password": password})


def _failures(username: str) -> int:
    return AccessAttempt.objects.filter(username=username).aggregate(n=Sum("failures_since_start"))["n"] or 0


def _fail_from_many_addresses(username: str, count: int) -> None:
    """`count` wrong passwords on the login, two from each address: no address reaches the pair's lock."""
    for n in range(count):
        assert _post_login(username, "wrong-password", address=f"10.1.0.{n // 2}").status_code == 200


def test_five_wrong_passwords_from_one_address_do_not_stop_the_right_one_from_another(alice):
    for _ in range(5):
        _post_login("alice", "wrong-password", address="203.0.113.9")

    assert _post_login("alice", PASSWORD, address="10.0.0.1").status_code == 302


def test_five_wrong_passwords_lock_the_login_at_that_address_with_the_lockout_message(alice):
    for _ in range(5):
        _post_login("alice", "wrong-password", address="203.0.113.9")

    response = _post_login("alice", PASSWORD, address="203.0.113.9")

    assert response.status_code == 429
    page = response.content.decode()
    assert "locked for 15 minutes" in page
    assert "The lock holds only for this address" in page
    assert "_auth_user_id" not in response.wsgi_request.session


def test_a_phone_typed_at_the_login_counts_against_its_login_at_that_address(bob):
    Membership.objects.filter(user=bob).update(phone="13900001234")
    for _ in range(5):
        _post_login("13900001234", "wrong-password", address="203.0.113.9")

    assert _post_login("bob", PASSWORD, address="203.0.113.9").status_code == 429
    assert _post_login("bob", PASSWORD, address="10.0.0.1").status_code == 302


def test_the_delay_grows_from_one_second_and_stops_at_its_ceiling(settings):
    settings.LOGIN_DELAY_AFTER, settings.LOGIN_DELAY_MAX_SECONDS = 10, 300
    assert [delay_seconds(n) for n in (0, 9, 10, 11, 12, 18, 19, 500)] == [0, 0, 1, 2, 4, 256, 300, 300]


def test_past_the_delay_threshold_an_attempt_is_refused_with_how_long_to_wait_and_not_counted(alice):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        _fail_from_many_addresses("alice", 10)
        assert _failures("alice") == 10

        response = _post_login("alice", PASSWORD, address="198.51.100.7")

        assert response.status_code == 200
        assert "Wait 1 second and try again" in response.content.decode()
        assert "_auth_user_id" not in response.wsgi_request.session
        for _ in range(20):  # hammering the login does not stretch its wait
            _post_login("alice", "wrong-password", address="198.51.100.8")
        assert _failures("alice") == 10
        assert login_wait("alice") == 1
    with time_machine.travel(start + timedelta(seconds=1), tick=False):
        assert _post_login("alice", PASSWORD, address="198.51.100.7").status_code == 302


def test_each_further_failure_doubles_the_wait_and_waiting_it_out_lets_the_owner_in(alice):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        _fail_from_many_addresses("alice", 10)
        for wait in (1, 2, 4, 8):
            clock.shift(timedelta(seconds=wait))
            assert _post_login("alice", "wrong-password", address="192.0.2.44").status_code == 200
        assert _failures("alice") == 14
        response = _post_login("alice", PASSWORD, address="192.0.2.45")
        assert "Wait 16 seconds and try again" in response.content.decode()
        assert not AccessAttempt.objects.filter(failures_since_start__gte=5).exists()  # no pair is locked
        clock.shift(timedelta(seconds=16))
        assert _post_login("alice", PASSWORD, address="192.0.2.45").status_code == 302


def test_the_delay_ends_with_the_lockout_period(alice):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        _fail_from_many_addresses("alice", 25)
    with time_machine.travel(start + timedelta(minutes=16), tick=False):
        assert login_wait("alice") == 0
        assert _post_login("alice", PASSWORD, address="192.0.2.45").status_code == 302


def test_a_delayed_login_does_not_slow_the_other_logins(alice, dave):
    with time_machine.travel(timezone.now(), tick=False):
        _fail_from_many_addresses("alice", 12)
        assert _post_login("dave", PASSWORD).status_code == 302


# --- The cost of a login attempt -----------------------------------------------------------------------------


@pytest.fixture
def hashes():
    """How many times the password hasher ran (the test settings' hasher)."""
    with mock.patch.object(MD5PasswordHasher, "encode", autospec=True, side_effect=MD5PasswordHasher.encode) as m:
        yield m


@pytest.mark.parametrize(
    "username",
    ["alice", "nobody", "bob", "13900001234", "13900009999"],
    ids=["existing login", "no such login", "existing deputy", "a registered phone", "a phone nobody has"],
)
def test_a_wrong_login_runs_the_password_hasher_once_whoever_it_names(username, alice, bob, hashes):
    Membership.objects.filter(user=bob).update(phone="13900001234")

    response = _post_login(username, "wrong-password")

    assert response.status_code == 200
    assert hashes.call_count == 1


def test_the_right_password_by_phone_also_runs_the_hasher_once(bob, hashes):
    Membership.objects.filter(user=bob).update(phone="13900001234")

    assert _post_login("13900001234", PASSWORD).status_code == 302
    assert hashes.call_count == 1
