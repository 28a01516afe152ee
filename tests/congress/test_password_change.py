"""A password the user chooses: set and remembered as their own in one service call."""

import pytest
from django.test import Client
from django.urls import reverse

from congress.models import PasswordState, password_is_own
from congress.services import password_change
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def test_changing_the_password_sets_it_and_remembers_it_is_the_users_own(alice):
    alice.set_password("Given-by-office-1")
    alice.save()
    assert not password_is_own(alice)

    password_change(user=alice, raw_password="Mine-now-2026")

    alice.refresh_from_db()
    assert alice.check_password("Mine-now-2026")
    assert password_is_own(alice)
    assert PasswordState.objects.filter(user=alice).count() == 1


def test_the_password_page_changes_it_and_keeps_the_user_logged_in(alice):
    client = Client()
    client.force_login(alice)

    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": "Mine-now-2026", "new_password2": "Mine-now-2026"},
    )

    assert response.status_code == 302 and response["Location"] == reverse("password_change_done")
    assert client.get(reverse("inbox")).status_code == 200
    alice.refresh_from_db()
    assert alice.check_password("Mine-now-2026") and password_is_own(alice)
