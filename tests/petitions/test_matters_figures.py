"""The figures of voters' matters and the public figures page: counted on their own days, spam and other towns
left out, and no voter's name nor mobile on the page."""

from datetime import datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from petitions.figures_voters import matter_figures, year_figures
from petitions.models import MatterRating, MatterStatus, VoterMatter
from petitions.services import matters
from petitions.services.matters import TakePlan
from petitions.services.visits import ReferralPlan, referral_finish
from tests.factories import StationFactory, VoterMatterFactory

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 6, 15, 10, 0, tzinfo=timezone.get_default_timezone())


@pytest.fixture
def clock(time_machine):
    time_machine.move_to(NOW, tick=False)


def leave(town, point, days_ago: int, **fields) -> VoterMatter:
    return VoterMatterFactory(township=town, station=point, created_at=NOW - timedelta(days=days_ago), **fields)


@pytest.fixture
def counted(clock, town_a, town_b, point, alice, carol, category, department_a):
    """Town A this year: one answered on the spot (solved, 2 days after it was left), one referred and resolved
    (4 days), one waiting, one hidden as spam; rated satisfied and basically. Town B: one matter."""
    on_spot = leave(town_a, point, 2, public_allowed=True)
    plan = TakePlan(category=category, outcome="answered", answer="已修好", solved_on_spot=True)
    matters.matter_take(matter=on_spot, user=alice, plan=plan)
    sent = leave(town_a, point, 4)
    referral = ReferralPlan(department=department_a, responsible_name="周主任")
    visit = matters.matter_take(
        matter=sent, user=alice, plan=TakePlan(category=category, outcome="referred", referral=referral)
    )
    referral_finish(referral=visit.referral, user=carol, resolved=True, result="路灯已换新")
    leave(town_a, point, 1)
    leave(town_a, point, 1, status=MatterStatus.SPAM, phone="13900009999")
    VoterMatter.objects.filter(pk=on_spot.pk).update(rating=MatterRating.SATISFIED, rated_at=NOW)
    VoterMatter.objects.filter(pk=sent.pk).update(rating=MatterRating.BASICALLY, rated_at=NOW)
    leave(town_b, StationFactory(township=town_b), 1)
    return {"on_spot": on_spot, "sent": sent}


def test_the_years_figures_count_each_matter_on_its_own_day(counted, town_a):
    year, months = year_figures(township=town_a)
    assert {c.key: c.value for c in year} == {"received": 3, "answered": 2, "referred": 1, "resolved": 2}
    assert year.satisfaction.numerator == 2 and year.satisfaction.denominator == 2
    assert year.satisfaction.beside == 1
    assert len(months) == 6 and months[-1]["received"].value == 3 and months[0]["received"].value == 0


def test_the_average_days_to_answer(counted, town_a):
    year, _months = year_figures(township=town_a)
    assert year.average_days == 3.0  # (2 + 4) / 2


def test_a_matter_hidden_as_spam_counts_in_no_figure(counted, town_a):
    VoterMatter.objects.filter(status=MatterStatus.NEW).update(status=MatterStatus.SPAM)
    year, _months = year_figures(township=town_a)
    assert year["received"].value == 2


def test_another_towns_matters_are_not_counted(counted, town_b):
    year, _months = year_figures(township=town_b)
    assert year["received"].value == 1 and year["answered"].value == 0


def test_a_period_counts_the_same_as_the_year_page(counted, town_a):
    year, _months = year_figures(township=town_a)
    same = matter_figures(township=town_a, period=year.period)
    assert [c.value for c in same] == [c.value for c in year]


def test_the_public_page_shows_the_figures_and_no_name_nor_mobile(counted, client, town_a):
    page = client.get(reverse("public_matter_figures", args=[town_a.code])).content.decode()
    assert 'data-figure="received" data-scope="jia" data-value="3"' in page
    for private in ("张三", "13800138000", "138****8000", "13900009999"):
        assert private not in page


def test_only_a_matter_allowed_and_approved_is_shown_publicly(counted, client, town_a, alice):
    url = reverse("public_matter_figures", args=[town_a.code])
    assert "data-public-matter" not in client.get(url).content.decode()
    matters.matter_approve(matter=counted["on_spot"], user=alice)
    page = client.get(url).content.decode()
    assert page.count("data-public-matter") == 1
    assert counted["on_spot"].content in page and "已修好" in page
    with pytest.raises(matters.MatterError):
        matters.matter_approve(matter=counted["sent"], user=alice)  # the voter did not allow it


def test_an_unknown_town_is_not_found(client):
    assert client.get(reverse("public_matter_figures", args=["nowhere"])).status_code == 404


def test_the_towns_public_page_links_to_the_figures(client, town_a):
    page = client.get(reverse("public_township", args=[town_a.code])).content.decode()
    assert reverse("public_matter_figures", args=[town_a.code]) in page
