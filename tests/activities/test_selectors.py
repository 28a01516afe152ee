"""The small groups' yearly plans and how far each group got, quarter by quarter (activities/selectors.py)."""

from datetime import date

import pytest

from activities.models import ActivityKind
from activities.selectors import group_plan_progress
from tests.factories import ActivityFactory, GroupPlanItemFactory, SmallGroupFactory

pytestmark = pytest.mark.django_db


# --- The small groups' plans ----------------------------------------------------------------------------


@pytest.fixture
def plans(town_a, town_b):
    """Three active groups and a retired one in 2026, seen on 15 May (Q2):
    ahead: held in Q1, one still to come in Q2, planned in Q3;
    late: planned Q1 and Q2, held nothing (a 2025 activity and a town-B one do not count);
    busy: held in Q1 and in Q2 (today), one to come in Q3."""
    ahead = SmallGroupFactory(township=town_a, name="前进小组", order=1)
    late = SmallGroupFactory(township=town_a, name="落后小组", order=2)
    busy = SmallGroupFactory(township=town_a, name="活跃小组", order=3)
    retired = SmallGroupFactory(township=town_a, name="撤销小组", order=4, is_active=False)
    for group, quarter in [(ahead, 1), (ahead, 2), (ahead, 3), (late, 1), (late, 2)]:
        GroupPlanItemFactory(small_group=group, year=2026, quarter=quarter)
    GroupPlanItemFactory(small_group=late, year=2025, quarter=3)

    def activity(group, day, township=town_a):
        return ActivityFactory(township=township, kind=ActivityKind.GROUP, small_group=group, date=day)

    activity(ahead, date(2026, 2, 10))
    activity(ahead, date(2026, 6, 20))
    activity(late, date(2025, 2, 10))
    activity(busy, date(2026, 3, 31))
    activity(busy, date(2026, 5, 15))
    activity(busy, date(2026, 8, 1))
    activity(retired, date(2026, 2, 1))
    ActivityFactory(township=town_a, kind=ActivityKind.INSPECTION, date=date(2026, 1, 20))  # no group
    other_group = SmallGroupFactory(township=town_b)
    activity(other_group, date(2026, 2, 10), township=town_b)
    return {"ahead": ahead, "late": late, "busy": busy}


def states(progress) -> dict[str, list[str]]:
    return {p.group.name: [cell.state for cell in p.quarters] for p in progress}


def test_the_plan_progress_shows_each_groups_quarters_on_a_day(town_a, plans):
    progress = group_plan_progress(township=town_a, year=2026, today=date(2026, 5, 15))

    assert states(progress) == {
        "前进小组": ["done", "scheduled", "future", "future"],
        "落后小组": ["behind", "open", "future", "future"],
        "活跃小组": ["done", "done", "future", "future"],
    }
    by_name = {p.group.name: p for p in progress}
    assert [(c.planned, c.held, c.scheduled) for c in by_name["前进小组"].quarters] == [
        (1, 1, 0),
        (1, 0, 1),
        (1, 0, 0),
        (0, 0, 0),
    ]
    assert by_name["活跃小组"].quarters[2].scheduled == 1
    assert by_name["落后小组"].quarters[0].planned == 1 and by_name["落后小组"].quarters[0].held == 0


def test_only_the_groups_that_missed_a_past_quarter_are_behind(town_a, plans):
    progress = group_plan_progress(township=town_a, year=2026, today=date(2026, 5, 15))

    assert {p.group.name: p.behind for p in progress} == {"前进小组": [], "落后小组": [1], "活跃小组": []}
    assert {p.group.name: p.unplanned for p in progress} == {
        "前进小组": [4],
        "落后小组": [3, 4],
        "活跃小组": [1, 2, 3, 4],
    }


def test_a_scheduled_activity_counts_as_done_once_its_day_has_passed(town_a, plans):
    progress = group_plan_progress(township=town_a, year=2026, today=date(2026, 7, 1))

    assert states(progress)["前进小组"] == ["done", "done", "open", "future"]
    assert states(progress)["落后小组"] == ["behind", "behind", "open", "future"]
    assert {p.group.name: p.behind for p in progress}["落后小组"] == [1, 2]


def test_a_past_years_plan_has_every_quarter_without_an_activity_behind(town_a, plans):
    progress = group_plan_progress(township=town_a, year=2025, today=date(2026, 5, 15))

    assert states(progress)["落后小组"] == ["done", "behind", "behind", "behind"]
    assert states(progress)["前进小组"] == ["behind"] * 4
