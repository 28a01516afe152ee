"""Focused access tests, each a sentence: towns never see each other, the county reader reads and never
writes, the one without a role is told so, and the admin is for superusers only."""

import re

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from tests.access.matrix import address
from tests.access.routes import ENTRIES, is_admin
from tests.factories import CountyFactory, DeputyFactory, NotificationFactory, TownshipFactory

# What the county reader may POST to; every other POST gets the 403 page (congress/middleware.py).
COUNTY_WRITABLE = {"logout", "set_language", "township_switch", "inbox_read", "inbox_read_all", "password_change"}
REFUSED = "Your role does not allow this page or action."


def english(client: Client) -> Client:
    """Pages in English, so that the texts checked below do not depend on the translation."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def active_town(client: Client):
    response = client.get(reverse("home"))
    assert response.status_code == 200
    return response.context["active_township"]


def without_tokens(response, *paths: str) -> str:
    """The page's text without its CSRF tokens and the given addresses, which differ from one page to the next."""
    text = re.sub(r'value="[A-Za-z0-9]{64}"', "", response.content.decode())
    for path in paths:
        text = text.replace(path, "")
    return text


def message_texts(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


# --- Towns never see each other ----------------------------------------------------------------


def test_other_town_office_gets_404_for_town_a_notification(login, dave, town_a_objects):
    notification = town_a_objects["notification"]
    response = login(dave).post(reverse("inbox_read", kwargs={"pk": notification.pk}))
    assert response.status_code == 404
    notification.refresh_from_db()
    assert notification.read_at is None


def test_stranger_notification_answers_like_one_that_does_not_exist(login, dave, town_a_objects):
    client = login(dave)
    taken_url = reverse("inbox_read", kwargs={"pk": town_a_objects["notification"].pk})
    missing_url = reverse("inbox_read", kwargs={"pk": 999_999})
    taken, missing = client.post(taken_url), client.post(missing_url)
    assert taken.status_code == missing.status_code == 404
    assert without_tokens(taken, taken_url) == without_tokens(missing, missing_url)


def test_other_town_office_inbox_does_not_list_town_a_notifications(login, dave, town_a_objects):
    mine = NotificationFactory(recipient=dave, subject="乙镇的提醒")
    response = login(dave).get(reverse("inbox"))
    assert response.status_code == 200
    assert list(response.context["page"].object_list) == [mine]
    assert town_a_objects["notification"].subject not in response.content.decode()


def test_reading_all_marks_only_ones_own_notifications(login, dave, town_a_objects):
    response = login(dave).post(reverse("inbox_read_all"))
    assert response.status_code == 302
    town_a_objects["notification"].refresh_from_db()
    assert town_a_objects["notification"].read_at is None


def test_other_town_office_home_counts_only_its_own_town(login, dave, town_b, town_a_objects):
    DeputyFactory(township=town_b)
    response = login(dave).get(reverse("home"))
    assert response.context["active_township"] == town_b
    assert response.context["counts"]["deputies"] == 1  # town A has two: the sample deputy and bob
    assert response.context["counts"]["stations_and_points"] == 0  # town A's station is not counted


def test_office_cannot_switch_to_another_town_by_its_id(login, alice, town_a, town_b):
    client = english(login(alice))
    response = client.post(reverse("township_switch"), {"township": town_b.pk})
    assert response.status_code == 302
    assert message_texts(response) == ["You cannot open that township."]
    assert active_town(client) == town_a


def test_user_cannot_switch_to_another_users_membership(login, alice, dave, town_a):
    client = english(login(alice))
    response = client.post(reverse("township_switch"), {"membership": dave.memberships.get().pk})
    assert message_texts(response) == ["You cannot open that township."]
    assert active_town(client) == town_a


def test_notification_link_to_another_site_is_not_followed(login, alice, town_a):
    notification = NotificationFactory(recipient=alice, township=town_a, url="https://evil.example/steal")
    response = login(alice).post(reverse("inbox_read", kwargs={"pk": notification.pk}))
    assert response.status_code == 302
    assert response["Location"] == reverse("inbox")


# --- The county reader reads every town of its county and writes nothing --------------------------


def test_county_reader_cannot_post_to_any_page_but_the_allowed_ones(client_as, samples):
    client = english(client_as("county"))
    for entry in ENTRIES:
        if is_admin(entry):
            continue
        response = client.post(address(entry, samples), {})
        if entry.name in COUNTY_WRITABLE:
            assert response.status_code != 403, f"the county reader may POST to {entry.label}"
        else:
            assert response.status_code == 403, f"the county reader POSTed to {entry.label}: {response.status_code}"
            assert REFUSED in response.content.decode()
        if entry.name == "logout":
            client.force_login(samples.fixture("erin"))


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_county_reader_cannot_write_with_other_methods_either(client_as, method):
    response = getattr(client_as("county"), method)(reverse("home"))
    assert response.status_code == 403


def test_county_reader_cannot_post_to_the_admin(client_as):
    response = client_as("county").post(reverse("admin:congress_township_add"), {"name": "新镇"})
    assert response.status_code == 403


def test_county_reader_first_opens_the_first_town_of_the_county_by_name(login, erin, town_a, town_b):
    # Names sort by code point, not by pinyin: 乙镇 (U+4E59) comes before 甲镇 (U+7532).
    assert active_town(login(erin)) == town_b


def test_county_reader_switches_between_county_towns(login, erin, town_a, town_b, town_a_objects):
    DeputyFactory(township=town_b)
    client = login(erin)

    response = client.post(reverse("township_switch"), {"township": town_a.pk})
    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard")  # the town opened is read from its dashboard
    home = client.get(reverse("home"))
    assert home.context["active_township"] == town_a
    assert home.context["counts"]["deputies"] == 1  # town A's sample deputy
    assert home.context["counts"]["stations_and_points"] == 1

    client.post(reverse("township_switch"), {"township": town_b.pk})
    home = client.get(reverse("home"))
    assert home.context["active_township"] == town_b
    assert home.context["counts"]["deputies"] == 1  # town B's own deputy
    assert home.context["counts"]["stations_and_points"] == 0


def test_county_reader_home_lists_only_the_towns_of_its_county(login, erin, town_a, town_b):
    TownshipFactory(county=CountyFactory(code="other"), name="丙镇", code="bing")
    response = login(erin).get(reverse("home"))
    assert {row["township"] for row in response.context["towns"]} == {town_a, town_b}
    assert "丙镇" not in response.content.decode()


def test_county_reader_cannot_switch_to_a_town_of_another_county(login, erin, town_a):
    elsewhere = TownshipFactory(county=CountyFactory(code="other"), name="丙镇", code="bing")
    client = english(login(erin))
    client.post(reverse("township_switch"), {"township": town_a.pk})
    response = client.post(reverse("township_switch"), {"township": elsewhere.pk})
    assert response.status_code == 302
    assert message_texts(response) == ["You cannot open that township."]
    assert active_town(client) == town_a


def test_county_reader_with_another_countys_town_in_the_session_reads_its_own(login, erin, town_a, town_b):
    elsewhere = TownshipFactory(county=CountyFactory(code="other"), name="丙镇", code="bing")
    client = login(erin)
    session = client.session
    session["township_id"] = elsewhere.pk
    session.save()
    assert active_town(client) in (town_a, town_b)


# --- The one without a role, and the admin ----------------------------------------------------


def test_user_without_membership_gets_clear_page(login, nomad):
    response = english(login(nomad)).get(reverse("home"))
    assert response.status_code == 403
    text = response.content.decode()
    assert "Your account is not attached to a township yet" in text
    assert "nomad" in text


def test_anonymous_visitor_of_home_is_asked_to_log_in(client):
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next=/"


def test_deputy_opening_admin_is_redirected(login, bob):
    client = english(login(bob))
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('admin:login')}?next={reverse('admin:index')}"
    login_page = client.get(response["Location"])
    assert login_page.status_code == 200
    assert "You are authenticated as bob, but are not authorized to access this page" in login_page.content.decode()


def test_office_cannot_open_an_admin_change_page_of_its_own_town(login, alice, town_a):
    response = login(alice).get(reverse("admin:congress_township_change", kwargs={"object_id": town_a.pk}))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_superuser_opens_town_a_rows_in_the_admin(superuser, town_a_objects):
    client = Client()
    client.force_login(superuser)
    notification = town_a_objects["notification"]
    assert client.get(reverse("admin:congress_notification_changelist")).status_code == 200
    change = reverse("admin:congress_notification_change", kwargs={"object_id": notification.pk})
    assert client.get(change).status_code == 200
