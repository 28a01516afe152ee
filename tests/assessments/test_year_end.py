"""The year's ranking, grades and thresholds, and commending the excellent
(assessments/selectors/year_end.py, assessments/services/year_end.py)."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from assessments.models import Assessment, Commendation, Grade, GradeThresholds
from assessments.selectors.year_end import thresholds_for, year_ranking
from assessments.services.assessment import standard_ensure
from assessments.services.year_end import commend_excellent, thresholds_save
from deputies.models import Deputy, DeputyStatus
from tests.assessments.conftest import NOW
from tests.factories import DeputyFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]


# --- Year end ----------------------------------------------------------------------------------------------


def months_of(deputy, totals: dict[date, int]) -> None:
    standard = standard_ensure(township=deputy.township)
    for month, total in totals.items():
        Assessment.objects.create(
            township=deputy.township,
            deputy=deputy,
            month=month,
            standard=standard,
            total=total,
            breakdown={},
            rank=1,
            computed_at=NOW,
        )


@pytest.fixture
def year_2025(town_a, town_b):
    jan, feb, mar = date(2025, 1, 1), date(2025, 2, 1), date(2025, 3, 1)
    d = {
        "ben": DeputyFactory(township=town_a, name="本"),
        "ana": DeputyFactory(township=town_a, name="安", is_village_cadre=True),
        "cy": DeputyFactory(township=town_a, name="茜"),
        "fay": DeputyFactory(township=town_a, name="菲"),
        "dot": DeputyFactory(township=town_a, name="多"),
        "eli": DeputyFactory(township=town_a, name="伊莱"),
        "gone": DeputyFactory(township=town_a, name="离任", status=DeputyStatus.ENDED),
        "far": DeputyFactory(township=town_b, name="远方"),
    }
    months_of(d["ben"], {jan: 50, feb: 40})
    months_of(d["ana"], {jan: 45, mar: 40})
    months_of(d["cy"], {jan: 30, feb: 30})
    months_of(d["fay"], {mar: 60})
    months_of(d["dot"], {feb: 35, date(2024, 12, 1): 100, date(2026, 1, 1): 100})
    months_of(d["gone"], {jan: 20})
    months_of(d["far"], {jan: 200})
    return d


def _year(town) -> dict[str, tuple]:
    rows = year_ranking(township=town, year=2025, thresholds=thresholds_for(township=town))
    return {r.deputy.name: (r.total, r.months, r.rank, r.grade) for r in rows}


def test_the_year_sums_the_months_ranks_and_grades_the_deputies(town_a, year_2025):
    assert _year(town_a) == {
        "本": (90, 2, 1, Grade.EXCELLENT),
        "安": (85, 2, 2, Grade.EXCELLENT),
        "茜": (60, 2, 3, Grade.COMPETENT),
        "菲": (60, 1, 3, Grade.COMPETENT),
        "多": (35, 1, 5, Grade.BASIC),
        "离任": (20, 1, 6, Grade.NOT),
        "伊莱": (0, 0, 7, Grade.NOT),
    }


def test_only_an_excellent_deputy_who_is_not_a_village_cadre_is_a_cadre_candidate(town_a, year_2025):
    rows = year_ranking(township=town_a, year=2025, thresholds=thresholds_for(township=town_a))

    assert [r.deputy.name for r in rows if r.cadre_candidate] == ["本"]


def test_an_excellent_deputy_who_is_a_public_employee_is_no_cadre_candidate(town_a, year_2025):
    year_2025["ben"].public_employee = True
    year_2025["ben"].save(update_fields=["public_employee"])

    rows = year_ranking(township=town_a, year=2025, thresholds=thresholds_for(township=town_a))

    assert [r.grade for r in rows if r.deputy.name == "本"] == [Grade.EXCELLENT]
    assert [r.deputy.name for r in rows if r.cadre_candidate] == []


def test_the_year_page_leaves_a_public_employee_out_of_the_candidates(login, alice, town_a, year_2025):
    DeputyFactory(township=town_a, name="公务员甲", public_employee=True)
    months_of(Deputy.objects.get(name="公务员甲"), {date(2025, 1, 1): 95})

    response = login(alice).get(reverse("year_end") + "?year=2025")

    assert [r.deputy.name for r in response.context["candidates"]] == ["本"]


def test_the_towns_thresholds_change_the_grades(town_a, year_2025):
    thresholds_save(township=town_a, excellent=90, competent=60, basic=40)

    grades = {name: grade for name, (_t, _m, _r, grade) in _year(town_a).items()}
    assert grades == {
        "本": Grade.EXCELLENT,
        "安": Grade.COMPETENT,
        "茜": Grade.COMPETENT,
        "菲": Grade.COMPETENT,
        "多": Grade.NOT,
        "离任": Grade.NOT,
        "伊莱": Grade.NOT,
    }


@pytest.mark.parametrize(("excellent", "competent", "basic"), [(50, 50, 30), (40, 50, 30), (80, 30, 30)])
def test_thresholds_out_of_order_are_refused(town_a, excellent, competent, basic):
    thresholds_save(township=town_a, excellent=90, competent=60, basic=40)

    with pytest.raises(ValidationError):
        thresholds_save(township=town_a, excellent=excellent, competent=competent, basic=basic)

    saved = GradeThresholds.objects.get(township=town_a)
    assert (saved.excellent, saved.competent, saved.basic) == (90, 60, 40)


def test_the_excellent_are_commended_once(town_a, alice, year_2025):
    rows = year_ranking(township=town_a, year=2025, thresholds=thresholds_for(township=town_a))
    excellent = [r.deputy for r in rows if r.grade == Grade.EXCELLENT]

    def commend() -> int:
        return commend_excellent(
            township=town_a,
            year=2025,
            deputies=[*excellent, year_2025["far"]],
            title="2025年度优秀人大代表",
            awarded_on=date(2026, 1, 20),
            user=alice,
        )

    assert commend() == 2
    assert commend() == 0
    assert sorted(Commendation.objects.values_list("deputy__name", "year", "title", "recorded_by__username")) == [
        ("安", 2025, "2025年度优秀人大代表", "alice"),
        ("本", 2025, "2025年度优秀人大代表", "alice"),
    ]
