"""Versions of the scoring standard and its page (assessments/services/assessment.py,
assessments/views/assessment.py)."""

from datetime import date

import pytest
from django.urls import reverse

from assessments.models import DEFAULT_STANDARD, Item, Standard, StandardItem
from assessments.scoring import standard_rules
from assessments.services.assessment import (
    EPOCH,
    AssessmentError,
    assessment_compute,
    standard_save,
    standards_in_force,
)
from tests.assessments.conftest import JULY, MARCH, Records, at, default_rules, row_of

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]


# --- Versions of the standard ------------------------------------------------------------------------------


@pytest.fixture
def in_july(frozen_clock):
    frozen_clock.move_to(at(date(2026, 7, 10)), tick=False)


def test_a_standard_changed_mid_year_leaves_the_months_before_it_as_they_were(town_a, alice, bob, in_july):
    records = Records(town_a)
    records.duty(bob.deputy, date(2026, 3, 2))
    records.duty(bob.deputy, date(2026, 7, 6))
    assessment_compute(township_ids=[town_a.pk], month=MARCH)
    before = row_of(bob.deputy)

    new = standard_save(
        township=town_a,
        active_from=JULY,
        rules=default_rules(duty_attended=(10, None)),
        note="接访每次10分",
        user=alice,
    )
    assessment_compute(township_ids=[town_a.pk], month=MARCH)
    assessment_compute(township_ids=[town_a.pk], month=JULY)

    march = row_of(bob.deputy)
    assert (march.standard_id, march.total, march.breakdown) == (before.standard_id, 5, before.breakdown)
    assert march.standard.active_from == EPOCH
    july = row_of(bob.deputy, JULY)
    assert july.standard == new and new.active_from == JULY and new.created_by == alice
    assert july.total == 10 and july.breakdown[Item.DUTY_ATTENDED] == [1, 10]
    assert standards_in_force(township_ids=[town_a.pk], month=date(2026, 6, 1))[town_a.pk].active_from == EPOCH


def test_a_new_standard_for_a_past_month_is_refused_and_creates_nothing(town_a, alice, in_july):
    with pytest.raises(AssessmentError):
        standard_save(township=town_a, active_from=date(2026, 6, 1), rules=default_rules(), note="", user=alice)

    assert not Standard.objects.exists() and not StandardItem.objects.exists()


def test_a_new_standard_that_leaves_an_item_out_is_refused(town_a, alice, in_july):
    rules = default_rules()
    del rules[Item.REPORT]

    with pytest.raises(AssessmentError):
        standard_save(township=town_a, active_from=JULY, rules=rules, note="", user=alice)

    assert not Standard.objects.filter(active_from=JULY).exists()


def test_saving_the_standard_again_for_a_month_already_computed_replaces_its_points(town_a, alice, bob, in_july):
    standard_save(township=town_a, active_from=JULY, rules=default_rules(), note="第一稿", user=alice)
    assessment_compute(township_ids=[town_a.pk], month=JULY)  # the office's "compute now" of the running month

    standard_save(township=town_a, active_from=JULY, rules=default_rules(duty_attended=(10, None)), note="", user=alice)

    in_force = standards_in_force(township_ids=[town_a.pk], month=JULY)[town_a.pk]
    assert standard_rules(in_force)[Item.DUTY_ATTENDED] == (10, None)


def _standard_form(active_from: str, **points: int) -> dict:
    data = {"active_from": active_from, "note": "缺席加重扣分"}
    for item in Item.values:
        value, cap = DEFAULT_STANDARD[item]
        data[f"points_{item}"] = points.get(item, value)
        data[f"cap_{item}"] = "" if cap is None else cap
    return data


def test_the_office_saves_a_new_version_of_the_standard_from_its_page(login, alice, town_a):
    response = login(alice).post(reverse("standard"), _standard_form("2026-05-01", duty_absent=-8))

    assert response.status_code == 302 and response["Location"] == reverse("standard")
    new = Standard.objects.get(township=town_a, active_from=date(2026, 5, 1))
    assert (new.note, new.created_by) == ("缺席加重扣分", alice)
    rules = {row.item: (row.points, row.monthly_cap) for row in new.items.all()}
    assert rules == default_rules(duty_absent=(-8, None))
    assert standards_in_force(township_ids=[town_a.pk], month=date(2026, 4, 1))[town_a.pk].active_from == EPOCH


def test_the_office_is_told_a_past_month_cannot_take_a_new_standard(login, alice, town_a):
    response = login(alice).post(reverse("standard"), _standard_form("2026-03-01"))

    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert not Standard.objects.filter(active_from=date(2026, 3, 1)).exists()


def test_a_leader_reads_the_standard_but_cannot_change_it(login, leo, town_a):
    client = login(leo)

    assert client.get(reverse("standard")).status_code == 200
    assert client.post(reverse("standard"), _standard_form("2026-05-01")).status_code == 403
    assert not Standard.objects.filter(active_from=date(2026, 5, 1)).exists()
