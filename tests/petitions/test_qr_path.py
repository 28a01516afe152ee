"""The station poster's QR code, scanned by a deputy who is logged out: the public station page offers the login,
which returns straight to the sign-in; a deputy at the wrong station or on the wrong day is told where and when
they are on duty next; a disabled login is told so, not that the password is wrong."""

import re

import pytest
from django.utils.translation import gettext as _

from tests.factories import PASSWORD
from tests.petitions.conftest import DAY, at, deputy

pytestmark = pytest.mark.django_db


def test_logged_out_the_poster_leads_to_login_and_back_to_the_sign_in(client, monday, station, time_machine):
    time_machine.move_to(at(7, 40), tick=False)
    page = client.get(f"/s/{station.pk}/", follow=True)
    assert page.request["PATH_INFO"] == f"/public/{station.township.code}/stations/{station.pk}/"
    login_link = re.search(r'href="(/login/\?next=[^"]+)"', page.content.decode())
    assert login_link, "the public station page offers deputies a login that returns to the sign-in"
    user = deputy("张三").user
    after = client.post(
        login_link.group(1).replace("&amp;", "&"), {"username": user.username, "password": PASSWORD}, follow=True
    )
    assert after.request["PATH_INFO"] == f"/duty/sign-in/{station.pk}/"
    assert _("Sign in now") in after.content.decode()


def test_the_public_station_page_links_to_the_published_roster_and_its_calendar(client, monday, station):
    html = client.get(f"/public/{station.township.code}/stations/{station.pk}/").content.decode()
    assert f"/public/{station.township.code}/roster/" in html
    assert f"/public/{station.township.code}/roster.ics" in html


def test_a_deputy_not_on_duty_today_is_told_the_next_duty(client, monday, station, time_machine):
    time_machine.move_to(at(7, 40, day=DAY.replace(day=1)), tick=False)  # the Sunday before
    client.force_login(deputy("张三").user)
    html = client.get(f"/duty/sign-in/{station.pk}/").content.decode()
    assert _("You are not on duty at this station today.") in html
    assert "2026年3月2日" in html and station.name in html


def test_a_deputy_with_no_coming_duty_is_told_so(client, monday, station, time_machine):
    time_machine.move_to(at(7, 40, day=DAY.replace(day=9)), tick=False)  # a week after the last day
    client.force_login(deputy("张三").user)
    html = client.get(f"/duty/sign-in/{station.pk}/").content.decode()
    assert _("No coming duty is scheduled for you.") in html


def test_a_disabled_login_is_told_it_is_disabled(client, bob):
    bob.is_active = False
    bob.save()
    page = client.post("/login/", {"username": "bob", "password": PASSWORD})
    assert _("This login is disabled. Ask the congress office to enable it again.") in page.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_wrong_password_on_a_disabled_login_says_nothing_about_the_login(client, bob):
    bob.is_active = False
    bob.save()
    page = client.post("/login/", {"username": "bob", "password": "wrong-password"})
    assert _("This login is disabled. Ask the congress office to enable it again.") not in page.content.decode()
