"""The leadership dashboard and the county overview (assessments/views/dashboard.py)."""

import re
from datetime import date

import pytest
from django.conf import settings
from django.urls import reverse

from tests.assessments.conftest import Records, at

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]


def test_a_leader_sees_the_dashboard(login, leo, drafted):
    response = login(leo).get(reverse("dashboard"))

    assert response.status_code == 200
    assert response.context["d"]["this_month"] == date(2026, 4, 1)


@pytest.fixture
def april_visits(town_a, town_b):
    a, b = Records(town_a), Records(town_b)
    a.visit(at(date(2026, 4, 2)))
    a.visit(at(date(2026, 4, 3)))
    b.visit(at(date(2026, 4, 2)))
    a.visit(at(date(2026, 3, 2)))  # last month: not counted


def test_the_county_sees_every_town_and_sorts_them_by_a_figure(login, erin, town_a, town_b, april_visits):
    client = login(erin)

    by_name = client.get(reverse("county_overview"))
    by_visits = client.get(reverse("county_overview"), {"sort": "visits"})

    assert by_name.status_code == by_visits.status_code == 200
    assert [(r["town"].name, r["visits"]) for r in by_name.context["rows"]] == sorted([("甲镇", 2), ("乙镇", 1)])
    assert [(r["town"].name, r["visits"]) for r in by_visits.context["rows"]] == [("甲镇", 2), ("乙镇", 1)]


@pytest.mark.parametrize(
    ("month", "shown", "visits"),
    [("2026-03", date(2026, 3, 1), 1), ("2026-05", date(2026, 4, 1), 2), ("x", date(2026, 4, 1), 2)],
)
def test_the_county_overview_shows_the_month_asked_never_one_to_come(
    login, erin, town_a, april_visits, month, shown, visits
):
    response = login(erin).get(reverse("county_overview"), {"month": month})

    assert response.context["month"] == shown
    row = next(r for r in response.context["rows"] if r["town"] == town_a)
    assert row["visits"] == visits
    assert f'data-figure="solved" data-scope="{town_a.code}" data-value="0"' in response.content.decode()
    assert f'data-figure="reception_people" data-scope="{town_a.code}"' in response.content.decode()


def test_the_office_is_refused_the_county_overview(login, alice):
    assert login(alice).get(reverse("county_overview")).status_code == 403


def test_proposals_filed_count_in_the_month_of_their_filing_not_of_their_entry(town_a, bob):
    """Entered in April (the demo, an import) but filed in March: counted in March (issue #19)."""
    from assessments.selectors.dashboard import dashboard
    from proposals.models import Proposal, Status

    records = Records(town_a)
    march = records.proposal(bob.deputy, Status.SUBMITTED)
    april = records.proposal(bob.deputy, Status.SUBMITTED)
    records.proposal(bob.deputy, Status.DRAFT)  # never filed: in no month
    Proposal.objects.filter(pk=march.pk).update(submitted_at=at(date(2026, 3, 20)))
    Proposal.objects.filter(pk=april.pk).update(submitted_at=at(date(2026, 4, 2)))

    d = dashboard(township=town_a)

    assert (d["now"]["filed"], d["before"]["filed"]) == (1, 1)


def test_the_leaders_home_shows_the_months_figures_beside_last_months(login, leo, town_a, april_visits):
    html = login(leo).get("/").content.decode()

    assert re.search(r'data-figure="overdue" data-scope="2026-04"', html)
    assert re.search(r'data-figure="solved" data-scope="2026-03"', html)
    dashboard = login(leo).get(reverse("dashboard")).content.decode()
    pattern = r'data-figure="{}" data-scope="{}" data-value="(\d+)"'
    for key in ("reception_people", "solved", "overdue", "suggestions_carried_out"):
        for month in ("2026-04", "2026-03"):
            wanted = pattern.format(key, month)
            assert re.findall(wanted, html)[:1] == re.findall(wanted, dashboard)[:1]


def test_the_county_opening_a_town_lands_on_its_dashboard_and_the_header_names_both(login, erin, town_a, county):
    client = login(erin)

    response = client.post("/switch/", {"township": town_a.pk})
    page = client.get(response["Location"]).content.decode()

    assert response["Location"] == reverse("dashboard")
    brand = re.search(r'class="navbar-brand[^"]*"[^>]*>(.*?)</a>', page, re.S).group(1)
    assert county.name in brand and town_a.name in brand
    assert f'href="{reverse("dashboard")}">' in page  # the menu's dashboard is the town's, not the county's


def test_the_county_rows_are_kept_yet_a_change_shows_at_once(login, erin, town_a, town_b, april_visits):
    """The rows drawn are kept under a key of everything they show: a visit recorded after a reading changes the
    key, so the next reading shows it; the same figures read in another language are drawn again."""
    client = login(erin)
    cell = f'data-figure="visits" data-scope="{town_b.code}" data-value="%s"'
    first = client.get(reverse("county_overview")).content.decode()
    assert cell % 1 in first
    assert f'form="switch-town" name="township" value="{town_b.pk}"' in first
    rows = first[first.index("<tbody>") : first.index("</tbody>")]
    assert "csrfmiddlewaretoken" not in rows  # one form for every row's button: no reader's token in what is kept

    Records(town_b).visit(at(date(2026, 4, 5)))

    assert cell % 2 in client.get(reverse("county_overview")).content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(reverse("county_overview")).content.decode()
    assert cell % 2 in english and 'data-label="Deputies"' in english


def test_a_town_is_chosen_from_the_county_overview(login, erin, town_a, town_b, april_visits):
    client = login(erin)
    page = client.get(reverse("county_overview")).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    client.handler.enforce_csrf_checks = True

    response = client.post(reverse("township_switch"), {"township": town_b.pk, "csrfmiddlewaretoken": token})

    assert response.status_code == 302
    assert client.get(reverse("county_overview")).wsgi_request.township == town_b
