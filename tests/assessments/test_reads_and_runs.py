"""The assessment's pages read without writing: a town that never needed its standard or its grade thresholds
is shown the defaults, unsaved; the rows are written by the services that save them or first need them. The
office's run of a month, and the removal of a commendation, each through one service."""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from assessments.models import (
    DEFAULT_STANDARD,
    EPOCH,
    Assessment,
    Bulletin,
    BulletinStatus,
    Commendation,
    GradeThresholds,
    Standard,
    StandardItem,
)
from assessments.selectors.assessment import standard_versions, version_in_force
from assessments.selectors.year_end import thresholds_for
from assessments.services.assessment import AssessmentError, standard_save
from assessments.services.bulletin import month_assess
from assessments.services.record import commendation_add, commendation_remove
from assessments.services.year_end import thresholds_save
from congress.dates import format_month
from tests.factories import DeputyFactory

pytestmark = pytest.mark.django_db

MARCH = date(2026, 3, 1)
MAY = date(2026, 5, 1)


@pytest.fixture(autouse=True)
def frozen_clock(time_machine):
    """10 April 2026: March is last month."""
    time_machine.move_to(datetime.combine(date(2026, 4, 10), time(10, 0), tzinfo=ZoneInfo("Asia/Shanghai")), tick=False)


# --- The standard --------------------------------------------------------------------------------------


@pytest.mark.parametrize("user", ["alice", "leo", "erin"])
def test_opening_the_standard_page_of_a_new_town_writes_nothing_and_shows_the_default(request, login, user):
    response = login(request.getfixturevalue(user)).get(reverse("standard"))

    assert response.status_code == 200
    assert (Standard.objects.count(), StandardItem.objects.count()) == (0, 0)
    current = response.context["current"]
    assert (current.standard.active_from, current.rules) == (EPOCH, DEFAULT_STANDARD)
    assert [v.standard for v in response.context["versions"]] == [current.standard]


def test_the_offices_form_starts_from_the_default_standards_points(login, alice):
    form = login(alice).get(reverse("standard")).context["form"]

    assert form.initial["active_from"] == date(2026, 4, 1)
    assert Standard.objects.count() == 0


def test_saving_a_version_in_a_new_town_writes_the_default_beside_it(town_a, alice):
    rules = dict(DEFAULT_STANDARD) | {"duty_absent": (-8, None)}

    standard_save(township=town_a, active_from=MAY, rules=rules, note="缺席加重", user=alice)

    versions = standard_versions(township=town_a)
    assert [v.standard.active_from for v in versions] == [MAY, EPOCH]
    assert all(v.standard.pk for v in versions)
    assert version_in_force(versions, month=date(2026, 4, 10)).rules == DEFAULT_STANDARD
    assert version_in_force(versions, month=MAY).rules == rules


# --- The year's grade thresholds ------------------------------------------------------------------------


@pytest.mark.parametrize("user", ["alice", "leo"])
def test_opening_the_year_end_page_writes_no_thresholds(request, login, user):
    response = login(request.getfixturevalue(user)).get(reverse("year_end"))

    assert response.status_code == 200
    assert GradeThresholds.objects.count() == 0
    assert str(response.context["thresholds"]) == "80/50/30"


def test_the_first_thresholds_saved_write_the_towns_row_and_the_next_update_it(town_a):
    assert thresholds_for(township=town_a).pk is None

    thresholds_save(township=town_a, excellent=90, competent=60, basic=40)
    thresholds_save(township=town_a, excellent=85, competent=55, basic=35)

    row = GradeThresholds.objects.get()
    assert (row.township, str(row)) == (town_a, "85/55/35")
    assert thresholds_for(township=town_a) == row


def test_the_office_sets_the_thresholds_of_a_new_town_through_the_page(login, alice, town_a):
    login(alice).post(reverse("thresholds_edit"), {"excellent": "90", "competent": "60", "basic": "40"})

    assert str(GradeThresholds.objects.get(township=town_a)) == "90/60/40"


# --- The office's run of a month ------------------------------------------------------------------------


def test_running_a_month_assesses_it_and_drafts_its_bulletin_at_once(town_a, bob):
    DeputyFactory(township=town_a)

    written, draft = month_assess(township=town_a, month=MARCH)

    assert written == 2 == Assessment.objects.filter(township=town_a, month=MARCH).count()
    assert draft == Bulletin.objects.get(township=town_a, month=MARCH)
    assert draft.status == BulletinStatus.DRAFT


def test_running_a_month_without_serving_deputies_drafts_no_bulletin(town_a):
    assert month_assess(township=town_a, month=MARCH) == (0, None)
    assert not Bulletin.objects.exists()


def test_running_a_published_month_is_refused_and_changes_nothing(town_a, alice, bob):
    Bulletin.objects.create(
        township=town_a,
        month=MARCH,
        status=BulletinStatus.PUBLISHED,
        title="三月通报",
        drafted_at=datetime.now(tz=ZoneInfo("UTC")),
    )

    with pytest.raises(AssessmentError, match=format_month(MARCH)):
        month_assess(township=town_a, month=MARCH)

    assert not Assessment.objects.exists() and not Standard.objects.exists()


# --- Commendations --------------------------------------------------------------------------------------


def test_removing_a_commendation_takes_it_out_of_the_record(bob, alice):
    commendation = commendation_add(
        deputy=bob.deputy, year=2026, title="优秀人大代表", awarded_on=date(2026, 3, 1), user=alice
    )

    commendation_remove(commendation=commendation)

    assert not Commendation.objects.exists()


def test_the_office_removes_a_commendation_from_the_record_page(login, alice, bob):
    commendation = commendation_add(
        deputy=bob.deputy, year=2026, title="优秀人大代表", awarded_on=date(2026, 3, 1), user=alice
    )

    response = login(alice).post(reverse("commendation_delete", args=[commendation.pk]))

    assert response["Location"] == f"{reverse('deputy_record', args=[bob.deputy.pk])}?year=2026"
    assert not Commendation.objects.exists()


def test_another_towns_office_cannot_remove_a_commendation(login, alice, bob, dave):
    commendation = commendation_add(
        deputy=bob.deputy, year=2026, title="优秀人大代表", awarded_on=date(2026, 3, 1), user=alice
    )

    assert login(dave).post(reverse("commendation_delete", args=[commendation.pk])).status_code == 404
    assert Commendation.objects.filter(pk=commendation.pk).exists()
