"""Planning and publishing the roster through its pages: publishing asks first and says how many deputies it
tells, warns of an earlier month still in draft, and every "nothing happened" says why."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils.translation import gettext

from congress.dates import format_day
from congress.models import Notification
from petitions.models import DutyDay, DutyDayStatus
from petitions.services.duty import roster_generate

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]

MARCH = {"start": "2026-03-01", "end": "2026-03-31"}
APRIL = {"start": "2026-04-01", "end": "2026-04-30"}


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def statuses() -> set[str]:
    return set(DutyDay.objects.values_list("status", flat=True))


@pytest.fixture
def march(duty_town):
    """March's five Mondays planned as drafts: groups 1, 2, 3, 1, 2 — eight serving deputies in all."""
    return roster_generate(township=duty_town, start=date(2026, 3, 1), end=date(2026, 3, 31))


def test_the_confirmation_names_how_many_deputies_will_be_told_and_writes_nothing(login, alice, march):
    response = login(alice).get(reverse("roster_publish_confirm"), MARCH)
    preview = response.context["preview"]
    assert (preview.drafts, preview.deputies, preview.leaders) == (5, 8, 2)
    assert 'data-told="8"' in response.content.decode()
    assert statuses() == {DutyDayStatus.DRAFT}
    assert not Notification.objects.exists()


def test_the_publish_button_without_confirmation_only_leads_to_the_confirmation(login, alice, march):
    response = login(alice).post(reverse("roster_action", args=["publish"]), MARCH)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('roster_publish_confirm')}?start=2026-03-01&end=2026-03-31"
    assert statuses() == {DutyDayStatus.DRAFT}


def test_publishing_once_confirmed_publishes_and_tells_the_deputies(login, alice, march):
    login(alice).post(reverse("roster_action", args=["publish"]), MARCH | {"confirmed": "1"})
    assert statuses() == {DutyDayStatus.PUBLISHED}
    assert Notification.objects.filter(key__startswith="duty-published:").exists()


def test_publishing_a_month_twice_says_it_is_already_published_and_tells_nobody_again(login, alice, march):
    client = login(alice)
    client.post(reverse("roster_action", args=["publish"]), MARCH | {"confirmed": "1"})
    told = Notification.objects.count()

    response = client.post(reverse("roster_action", args=["publish"]), MARCH | {"confirmed": "1"}, follow=True)

    reason = gettext("Nothing to publish: the %(n)d duty days from %(start)s to %(end)s are already published.") % {
        "n": 5,
        "start": format_day(date(2026, 3, 1)),
        "end": format_day(date(2026, 3, 31)),
    }
    assert reason in messages_of(response)
    assert Notification.objects.count() == told
    page = client.get(reverse("roster_publish_confirm"), MARCH).content.decode()
    assert "data-nothing-to-publish" in page and 'id="confirm-publish"' not in page


def test_publishing_a_month_while_an_earlier_one_is_a_draft_warns_first(login, alice, duty_town, march):
    roster_generate(township=duty_town, start=date(2026, 4, 1), end=date(2026, 4, 30))
    response = login(alice).get(reverse("roster_publish_confirm"), APRIL)
    assert response.context["preview"].earlier_drafts == [date(2026, 3, 1)]
    assert 'data-earlier-drafts="1"' in response.content.decode()


def test_no_warning_when_the_earlier_month_is_published(login, alice, duty_town, march):
    client = login(alice)
    client.post(reverse("roster_action", args=["publish"]), MARCH | {"confirmed": "1"})
    roster_generate(township=duty_town, start=date(2026, 4, 1), end=date(2026, 4, 30))
    response = client.get(reverse("roster_publish_confirm"), APRIL)
    assert response.context["preview"].earlier_drafts == []
    assert "data-earlier-drafts" not in response.content.decode()


def test_planning_a_range_already_planned_says_why_no_day_was_made(login, alice, march):
    response = login(alice).post(reverse("roster_action", args=["generate"]), MARCH, follow=True)
    reason = gettext(
        "No duty day was planned: of the %(n)d reception days between %(start)s and %(end)s, %(planned)d already "
        "have a duty day, %(holidays)d are holidays and %(past)d are past."
    ) % {
        "n": 5,
        "start": format_day(date(2026, 3, 1)),
        "end": format_day(date(2026, 3, 31)),
        "planned": 5,
        "holidays": 0,
        "past": 0,
    }
    assert reason in messages_of(response)
    assert DutyDay.objects.count() == 5


def test_planning_a_range_with_no_reception_weekday_says_so(login, alice, duty_town):
    response = login(alice).post(
        reverse("roster_action", args=["generate"]), {"start": "2026-03-03", "end": "2026-03-06"}, follow=True
    )
    reason = gettext(
        "No duty day was planned: no reception weekday (%(weekdays)s) falls between %(start)s and %(end)s."
    ) % {"weekdays": gettext("Monday"), "start": format_day(date(2026, 3, 3)), "end": format_day(date(2026, 3, 6))}
    assert reason in messages_of(response)
    assert not DutyDay.objects.exists()


def test_another_towns_office_is_told_nothing_of_this_towns_drafts(login, dave, march):
    preview = login(dave).get(reverse("roster_publish_confirm"), MARCH).context["preview"]
    assert (preview.drafts, preview.deputies, preview.earlier_drafts) == (0, 0, [])
