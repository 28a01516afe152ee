"""Changing a published duty day through its page: the office first sees what the day becomes and how many deputies
are told, nothing is saved or sent until it confirms; a draft day, which tells nobody, is saved at once."""

from datetime import date

import pytest

from congress.models import Notification
from petitions.models import DutyDay
from tests.petitions.conftest import DAY

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]


def change(duty_day: DutyDay, group, station, leaders=(), **extra) -> dict:
    return {
        "date": f"{duty_day.date:%Y-%m-%d}",
        "small_group": group.pk,
        "station": station.pk,
        "leaders": [leader.pk for leader in leaders],
        **extra,
    }


def test_changing_a_published_day_first_says_how_many_deputies_are_told_and_saves_nothing(
    login, alice, duty_town, groups, station, make_day
):
    day = make_day(DAY, groups[0])  # 张三, 李四, 王五 on it; group 2 (钱七, 孙八) would come

    response = login(alice).post(f"/duty/days/{day.pk}/edit/", change(day, groups[1], station))

    assert response.status_code == 200
    assert response.context["told"] == 5
    html = response.content.decode()
    assert 'data-told="5"' in html and 'name="confirmed" value="1"' in html
    day.refresh_from_db()
    assert day.small_group == groups[0]
    assert not Notification.objects.exists()


def test_a_published_day_s_change_confirmed_is_saved_and_tells_as_many_as_announced(
    login, alice, duty_town, groups, station, make_day, leaders
):
    day = make_day(DAY, groups[0])
    data = change(day, groups[1], station, leaders[:1])
    client = login(alice)
    told = client.post(f"/duty/days/{day.pk}/edit/", data).context["told"]

    response = client.post(f"/duty/days/{day.pk}/edit/", {**data, "confirmed": "1"})

    assert response.status_code == 302
    day.refresh_from_db()
    assert day.small_group == groups[1] and list(day.leaders.all()) == leaders[:1]
    keys = Notification.objects.filter(key__startswith=f"duty-changed:{day.pk}:")
    assert keys.values("recipient_name").distinct().count() == told == 5


def test_a_change_of_leaders_only_tells_the_day_s_deputies(login, alice, duty_town, groups, station, make_day, leaders):
    day = make_day(DAY, groups[0])

    response = login(alice).post(f"/duty/days/{day.pk}/edit/", change(day, groups[0], station, leaders))

    assert response.context["told"] == 3
    assert 'data-told="3"' in response.content.decode()


def test_a_draft_day_is_saved_at_once_and_tells_nobody(login, alice, duty_town, groups, station, make_day):
    day = make_day(DAY, groups[0], published=False)

    response = login(alice).post(f"/duty/days/{day.pk}/edit/", change(day, groups[1], station))

    assert response.status_code == 302
    day.refresh_from_db()
    assert day.small_group == groups[1]
    assert not Notification.objects.exists()


def test_a_past_published_day_is_refused_without_a_question(
    login, alice, duty_town, groups, station, make_day, frozen_clock
):
    day = make_day(date(2026, 2, 23), groups[0])

    response = login(alice).post(f"/duty/days/{day.pk}/edit/", change(day, groups[1], station))

    assert response.status_code == 302
    day.refresh_from_db()
    assert day.small_group == groups[0]
