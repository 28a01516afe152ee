"""The office's view of its town's locked logins on the accounts page, and unlocking one (asked first, then a
POST), which no other role and no other town's office can do."""

import pytest
from axes.models import AccessAttempt, AccessFailureLog
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from congress.models import Membership
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def _lock(username: str, address: str = "203.0.113.9") -> None:
    client = Client(REMOTE_ADDR=address)
    for _attempt in range(5):
        client.post(reverse("login"), {"username": username, "password": "wrong-password"})


def _locked_out(username: str, address: str = "203.0.113.9") -> bool:
    response = Client(REMOTE_ADDR=address).post(reverse("login"), {"username": username, "password": PASSWORD})
    return response.status_code == 429


def test_the_office_sees_its_towns_locked_logins_and_where(login, alice, bob, dave):
    _lock("bob")
    _lock("dave")

    page = login(alice).get(reverse("account_list"))

    [row] = page.context["locked"]
    assert (row.user, row.name, row.lock.locked_at, row.lock.failures) == (bob, "鲍勃", ["203.0.113.9"], 5)
    html = page.content.decode()
    assert 'data-locked="bob"' in html and reverse("account_unlock", args=[bob.pk]) in html
    assert 'data-locked="dave"' not in html


def test_a_login_made_to_wait_is_listed_too(login, alice, bob):
    for n in range(10):
        Client(REMOTE_ADDR=f"10.2.0.{n}").post(reverse("login"), {"username": "bob", "password": "wrong-password"})

    [row] = login(alice).get(reverse("account_list")).context["locked"]

    assert row.lock.locked_at == [] and row.lock.wait_seconds >= 1 and row.lock.failures == 10


def test_the_office_is_asked_before_unlocking_and_nothing_changes_on_the_question(login, alice, bob):
    _lock("bob")

    with translation.override("en"):
        page = login(alice).get(reverse("account_unlock", args=[bob.pk]), HTTP_ACCEPT_LANGUAGE="en")

    assert page.status_code == 200 and page.context["locked"].lock.locked_at == ["203.0.113.9"]
    assert "Unlock it only when you know the person tried themselves" in page.content.decode()
    assert _locked_out("bob")


def test_the_office_unlocks_a_locked_login_of_its_town_and_it_is_recorded(login, alice, bob):
    _lock("bob")
    assert _locked_out("bob")

    response = login(alice).post(reverse("account_unlock", args=[bob.pk]))

    assert response.status_code == 302 and response.url == reverse("account_list")
    assert not AccessAttempt.objects.filter(username="bob").exists()
    assert AccessFailureLog.objects.filter(username="bob").count() >= 5  # the failures stay in the audit
    assert not _locked_out("bob")
    history = Membership.objects.get(user=bob).history.order_by("-history_id").first()
    assert (history.history_user, history.history_change_reason) == (alice, _("Login unlocked"))
    assert history.history_date <= timezone.now()


def test_another_towns_office_can_neither_see_nor_unlock_the_login(login, alice, bob, dave):
    _lock("bob")
    client = login(dave)

    assert client.get(reverse("account_list")).context["locked"] == []
    assert client.get(reverse("account_unlock", args=[bob.pk])).status_code == 404
    assert client.post(reverse("account_unlock", args=[bob.pk])).status_code == 404
    assert _locked_out("bob")


@pytest.mark.parametrize("role", ["bob", "leo", "carol", "erin"])
def test_no_other_role_can_unlock_a_login(role, request, login, alice, bob, leo, carol, erin):
    _lock("alice")

    response = login(request.getfixturevalue(role)).post(reverse("account_unlock", args=[alice.pk]))

    assert response.status_code == 403
    assert _locked_out("alice")
