"""The page shell: each role's home, the inbox and its unread count, the language switch."""

import pytest

from tests.factories import NotificationFactory

pytestmark = pytest.mark.django_db


def test_office_home_shows_the_register_figures(login, alice, town_a_objects):
    response = login(alice).get("/")
    assert response.status_code == 200
    assert response.context["counts"]["deputies"] == 1
    assert response.context["counts"]["stations"] == 1


def test_deputy_home_shows_their_group(login, bob):
    response = login(bob).get("/")
    assert response.status_code == 200
    assert response.context["deputy"].name == "鲍勃"
    assert "鲍勃" in response.content.decode()


def test_unit_home_names_the_unit(login, carol):
    response = login(carol).get("/")
    assert "社会事务办公室" in response.content.decode()


def test_county_home_lists_every_town_of_the_county(login, erin):
    response = login(erin).get("/")
    assert [row["township"].name for row in response.context["towns"]] == ["乙镇", "甲镇"]


def test_the_navigation_shows_the_unread_count(login, alice):
    NotificationFactory(recipient=alice)
    NotificationFactory(recipient=alice)
    response = login(alice).get("/")
    assert response.context["unread_notifications"] == 2


def test_opening_a_message_marks_it_read_and_follows_its_link(login, alice):
    notification = NotificationFactory(recipient=alice, url="/inbox/")
    response = login(alice).post(f"/inbox/{notification.pk}/read/")
    assert response.status_code == 302
    assert response["Location"] == "/inbox/"
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_a_link_to_another_site_is_not_followed(login, alice):
    notification = NotificationFactory(recipient=alice, url="https://evil.example.com/")
    response = login(alice).post(f"/inbox/{notification.pk}/read/")
    assert response["Location"] == "/inbox/"


def test_the_site_speaks_chinese_by_default_and_english_on_request(client, db):
    assert "登录" in client.get("/login/").content.decode()
    client.post("/i18n/setlang/", {"language": "en", "next": "/login/"})
    assert "Log in" in client.get("/login/").content.decode()


def test_a_wrong_password_reveals_nothing_more(client, alice):
    response = client.post("/login/", {"username": "alice", "password": "wrong"})
    assert response.status_code == 200
    assert not response.context["user"].is_authenticated
    assert "alice" not in response.content.decode().split("<main")[1].split("</form>")[0].replace('value="alice"', "")
