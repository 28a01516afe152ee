"""Reception duty's pages read without writing: a town that never saved its reception settings is shown the
defaults and a deputy who never made a calendar link is offered one; the rows are written by the services
that save them."""

from datetime import date

import pytest
from django.urls import reverse

from petitions.models import CalendarFeed, ReceptionSettings
from petitions.selectors.duty import reception_settings_for
from petitions.services.duty import DutyError, calendar_feed_renew, roster_generate

pytestmark = pytest.mark.django_db


def test_a_town_without_saved_settings_reads_the_defaults_and_nothing_is_written(town_a):
    settings = reception_settings_for(township=town_a)

    assert settings.pk is None and settings.township == town_a
    assert (settings.weekday_numbers, f"{settings.window_opens:%H:%M}") == ([0], "07:30")
    assert not ReceptionSettings.objects.exists()


@pytest.mark.parametrize(
    ("user", "url"),
    [
        ("alice", reverse("reception_settings")),
        ("alice", reverse("subsidy_sheet")),
        ("leo", reverse("subsidy_sheet")),
        ("bob", reverse("my_duties")),
    ],
)
def test_opening_a_duty_page_of_a_town_without_settings_writes_no_settings(request, login, user, url):
    response = login(request.getfixturevalue(user)).get(url)

    assert response.status_code == 200
    assert ReceptionSettings.objects.count() == 0


def test_the_public_roster_of_a_town_without_settings_writes_no_settings(client, town_a):
    assert client.get(reverse("public_roster", args=[town_a.code])).status_code == 200
    assert ReceptionSettings.objects.count() == 0


def test_the_first_save_of_the_settings_writes_the_towns_row(login, alice, town_a, station):
    data = {
        "weekday_list": ["1", "3"],
        "start_time": "09:00",
        "window_opens": "08:30",
        "window_closes": "09:30",
        "station": station.pk,
        "subsidy_per_duty": "60.00",
        "lunch_for_far": "on",
        "reminder_time": "18:00",
        "holidays": "",
    }

    response = login(alice).post(reverse("reception_settings"), data)

    assert response.status_code == 302
    saved = ReceptionSettings.objects.get()
    assert (saved.township, saved.weekday_numbers, saved.station) == (town_a, [1, 3], station)


def test_a_roster_of_a_town_without_settings_is_refused_and_writes_nothing(town_a, groups, leaders):
    with pytest.raises(DutyError):
        roster_generate(township=town_a, start=date(2027, 3, 1), end=date(2027, 3, 31), today=date(2027, 1, 1))

    assert not ReceptionSettings.objects.exists()


# --- The deputy's calendar link ---------------------------------------------------------------------------


def test_opening_my_duties_makes_no_calendar_link_and_offers_one(login, bob):
    response = login(bob).get(reverse("my_duties"))

    assert response.status_code == 200
    assert CalendarFeed.objects.count() == 0
    assert response.context["feed_url"] == ""
    assert reverse("feed_reset") in response.content.decode()


def test_the_first_renewal_makes_the_link_and_the_next_replaces_it(bob):
    first, replaced_first = calendar_feed_renew(deputy=bob.deputy)
    second, replaced_second = calendar_feed_renew(deputy=bob.deputy)

    assert (replaced_first, replaced_second) == (False, True)
    assert CalendarFeed.objects.get() == second and second.token != first.token
    assert second.township_id == bob.deputy.township_id


def test_a_deputys_tap_makes_the_link_that_the_page_then_shows(login, bob):
    client = login(bob)

    client.post(reverse("feed_reset"))

    token = CalendarFeed.objects.get(deputy=bob.deputy).token
    assert token in client.get(reverse("my_duties")).context["feed_url"]
