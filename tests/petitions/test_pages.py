"""Reception duty through its pages: what each role sees, the feeds, refusals that change nothing."""

from datetime import date, datetime, time, timedelta

import pytest
from django.utils import timezone
from icalendar import Calendar

from petitions.models import CalendarFeed, DutyAssignment, DutyDay, ReceptionSettings
from petitions.services.duty import roster_generate, roster_publish
from tests.factories import DeputyFactory, StationFactory

pytestmark = pytest.mark.django_db
MONDAY = date(2026, 11, 30)


@pytest.fixture
def published(town_a, bob, time_machine):
    time_machine.move_to(timezone.make_aware(datetime.combine(MONDAY - timedelta(days=3), time(10, 0))), tick=False)
    station = StationFactory(township=town_a, name="接待站", address="镇政府一楼")
    ReceptionSettings.objects.create(township=town_a, station=station)
    DeputyFactory(township=town_a, small_group=bob.deputy.small_group, name="罗国华", phone="13900001111")
    roster_generate(township=town_a, start=MONDAY, end=MONDAY + timedelta(days=13))
    roster_publish(township=town_a, start=MONDAY, end=MONDAY + timedelta(days=6))
    return station


def test_the_public_roster_shows_published_days_with_names_and_no_phone(client, town_a, published):
    response = client.get(f"/public/{town_a.code}/roster/")
    page = response.content.decode()
    assert [d.date for d in response.context["days"]] == [MONDAY]  # the second week is still a draft
    assert "罗国华" in page and "13900001111" not in page


def test_the_public_feed_parses_and_holds_the_published_days(client, town_a, published):
    response = client.get(f"/public/{town_a.code}/roster.ics")
    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert [e.decoded("dtstart") for e in events] == [timezone.make_aware(datetime.combine(MONDAY, time(8, 0)))]
    assert "镇政府一楼" in str(events[0]["location"])


def test_a_deputys_feed_is_theirs_and_a_reset_link_stops_the_old_one(login, bob, published):
    client = login(bob)
    client.post("/duty/mine/feed/reset/")  # the first link is made by the deputy's tap, not by opening the page
    token = CalendarFeed.objects.get(deputy=bob.deputy).token
    assert len(Calendar.from_ical(client.get(f"/feeds/{token}.ics").content).walk("VEVENT")) == 1
    client.post("/duty/mine/feed/reset/")
    assert client.get(f"/feeds/{token}.ics").status_code == 404


def test_a_deputy_cannot_ask_leave_for_another_deputys_duty(login, bob, town_a, published):
    other = DutyAssignment.objects.exclude(deputy=bob.deputy).first()
    response = login(bob).post(f"/duty/mine/{other.pk}/leave/", {"reason": "有事"})
    assert response.status_code == 404
    assert not other.leave_requests.exists()


def test_asking_leave_for_a_past_day_changes_nothing(login, bob, published, time_machine):
    time_machine.move_to(timezone.make_aware(datetime.combine(MONDAY, time(9, 0))), tick=False)
    mine = DutyAssignment.objects.get(deputy=bob.deputy, duty_day__date=MONDAY)
    response = login(bob).post(f"/duty/mine/{mine.pk}/leave/", {"reason": "有事"})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert not mine.leave_requests.exists()


def test_a_roster_over_two_years_is_refused_with_a_message(login, alice, town_a, published):
    before = DutyDay.objects.count()
    response = login(alice).post("/duty/roster/generate/", {"start": "2026-01-01", "end": "2028-02-01"}, follow=True)
    assert any("两年" in str(m) for m in response.context["messages"])
    assert DutyDay.objects.count() == before


def test_the_deputy_home_shows_the_next_duty(login, bob, published):
    response = login(bob).get("/")
    assert response.context["next_duty"].duty_day.date == MONDAY


def test_the_roster_page_costs_the_same_queries_for_one_and_eight_weeks(
    login, alice, town_a, published, django_assert_max_num_queries
):
    client = login(alice)
    with django_assert_max_num_queries(20) as few:
        client.get("/duty/roster/", {"year": 2026, "month": 12})
    roster_generate(township=town_a, start=MONDAY, end=MONDAY + timedelta(days=60))
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/duty/roster/", {"year": 2026, "month": 12})


def test_a_deputy_on_duty_records_observations_on_the_reception(login, bob, published):
    from petitions.models import DutyObservation

    day = DutyDay.objects.get(date=MONDAY)
    response = login(bob).post(f"/duty/days/{day.pk}/observations/", {"text": "接访秩序良好，登记规范"})
    assert response.status_code == 302
    assert DutyObservation.objects.get().deputy == bob.deputy


def test_a_deputy_not_on_duty_cannot_record_observations(login, town_a, published):
    from petitions.models import DutyObservation
    from tests.factories import MembershipFactory, UserFactory

    user = UserFactory(username="zoe")
    MembershipFactory(user=user, township=town_a, role="deputy")
    DeputyFactory(township=town_a, user=user)  # in a group of their own, not on this day
    day = DutyDay.objects.get(date=MONDAY)
    login(user).post(f"/duty/days/{day.pk}/observations/", {"text": "想补充意见"})
    assert not DutyObservation.objects.exists()


def test_the_office_records_a_deputys_observations_on_the_day_sheet(login, alice, bob, published):
    from petitions.models import DutyObservation

    day = DutyDay.objects.get(date=MONDAY)
    login(alice).post(f"/duty/days/{day.pk}/observations/", {"deputy": bob.deputy.pk, "text": "建议增设引导员"})
    assert DutyObservation.objects.get().text == "建议增设引导员"
    page = login(alice).get(f"/duty/days/{day.pk}/").content.decode()
    assert "建议增设引导员" in page
