"""The visit, problem and suggestion figures (petitions/figures.py) of a hand-made November, figure by figure,
against a count by hand; the same figures per town, by month and with the totals from before the system."""

from datetime import date, datetime

import pytest

from deputies.models import Deputy
from petitions.figures import COUNT_KEYS, Period, figures_by_town, monthly, since_figures, visit_figures
from petitions.models import HandlingSuggestion, PriorTotals, Referral, VisitOutcome
from petitions.services.visits import referral_close, referral_finish, visit_categories_for, visit_record
from tests.factories import StationFactory
from tests.petitions.conftest import TZ

pytestmark = pytest.mark.django_db

NOVEMBER = Period(date(2026, 11, 1), date(2026, 11, 30))
DECEMBER = Period(date(2026, 12, 1), date(2026, 12, 31))


def at(day: date, hour: int = 9, minute: int = 30) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=TZ)


def suggest(visit, deputy, made: date, *, adopted: bool | None = None, decided=None, carried_out=None):
    return HandlingSuggestion.objects.create(
        township=visit.township,
        visit=visit,
        deputy=deputy,
        text="建议",
        created_at=at(made),
        adopted=adopted,
        decided_at=at(decided) if decided else None,
        carried_out_at=at(carried_out) if carried_out else None,
    )


@pytest.fixture
def november(town_a, town_b, dave, record, refer, carol, groups, make_day, time_machine):
    """Town A's November 2026, seen on 10 December (every referral due on 30 November unless said):
      V1  3 Nov answered, solved on the spot;                 V2  5 Nov answered, not solved (explained);
      V3  6 Nov referred, resolved 20 Nov, visitor not told;  V4 10 Nov referred, resolved 25 Nov, told 2 Dec;
      V5  2 Nov on the duty day, a collective visit of 8;    V6 15 Nov (a Sunday, no duty day), 2 people;
      V7 12 Nov referred due 20 Nov, still open (overdue);
      R0 20 Oct referred, resolved 3 Nov, told 4 Nov (solved in November, opened in October).
    Suggestions: S1 on V2 made 5 Nov, adopted 8 Nov, carried out 20 Nov; S2 made 5 Nov, not adopted 9 Nov;
      S3 made 6 Nov, adopted 10 Nov, not carried out; S4 made and adopted in October, carried out 3 Nov.
    Town B: one November visit solved on the spot."""
    time_machine.move_to(at(date(2026, 12, 10), 10, 0), tick=False)
    due = {"answer_due": date(2026, 11, 30), "due": date(2026, 11, 30)}
    deputy = Deputy.objects.filter(township=town_a).first()

    record(received_at=at(date(2026, 11, 3)), answer="当场解决", solved_on_spot=True)  # V1
    v2 = record(received_at=at(date(2026, 11, 5)))  # V2
    v3 = refer(received_at=at(date(2026, 11, 6)), **due)
    referral_finish(referral=v3, user=carol, resolved=True, result="修好了", now=at(date(2026, 11, 20)))
    v4 = refer(received_at=at(date(2026, 11, 10)), **due)
    referral_finish(referral=v4, user=carol, resolved=True, result="修好了", now=at(date(2026, 11, 25)))
    referral_close(referral=v4, told_at=at(date(2026, 12, 2)), satisfied=True)
    duty_day = make_day(date(2026, 11, 2), groups[0])
    record(received_at=at(date(2026, 11, 2)), duty_day=duty_day, visitor_count=8)  # V5
    record(received_at=at(date(2026, 11, 15)), visitor_count=2)  # V6
    refer(received_at=at(date(2026, 11, 12)), answer_due=date(2026, 11, 15), due=date(2026, 11, 20))  # V7
    r0 = refer(received_at=at(date(2026, 10, 20)), **due)
    referral_finish(referral=r0, user=carol, resolved=True, result="修好了", now=at(date(2026, 11, 3)))
    referral_close(referral=r0, told_at=at(date(2026, 11, 4)), satisfied=True)

    suggest(v2, deputy, date(2026, 11, 5), adopted=True, decided=date(2026, 11, 8), carried_out=date(2026, 11, 20))
    suggest(v2, deputy, date(2026, 11, 5), adopted=False, decided=date(2026, 11, 9))
    suggest(v3.visit, deputy, date(2026, 11, 6), adopted=True, decided=date(2026, 11, 10))
    suggest(
        r0.visit, deputy, date(2026, 10, 21), adopted=True, decided=date(2026, 10, 25), carried_out=date(2026, 11, 3)
    )

    visit_record(
        township=town_b,
        user=dave,
        station=StationFactory(township=town_b),
        category=visit_categories_for(township=town_b)[0],
        visitor_name="乙镇群众",
        content="乙镇的事",
        outcome=VisitOutcome.ANSWERED,
        answer="当场解决",
        solved_on_spot=True,
        received_at=at(date(2026, 11, 12)),
    )


# By hand: what each figure of November must be.
NOVEMBER_BY_HAND = {
    "visits": 7,  # V1–V7
    "people": 15,  # 1+1+1+1+8+2+1
    "reception_people": 8,  # V5 only: V6 was on no duty day
    "solved": 2,  # V1 on the spot, R0 told on 4 Nov; not V2 (answered), V3 (not told), V4 (told in December)
    "opened": 3,  # V3, V4, V7
    "resolved": 3,  # V3, V4, R0
    "overdue": 1,  # V7
    "suggestions_made": 3,  # S1, S2, S3
    "suggestions_adopted": 2,  # S1, S3
    "suggestions_carried_out": 2,  # S1, S4 (adopted in October)
}


def values(figures) -> dict[str, int]:
    return {count.key: count.value for count in figures}


def test_novembers_figures_are_those_counted_by_hand(november, town_a):
    figures = visit_figures(township=town_a, period=NOVEMBER)

    assert values(figures) == NOVEMBER_BY_HAND


def test_the_rate_of_suggestions_carried_out_is_of_those_adopted_in_the_period(november, town_a):
    rate = visit_figures(township=town_a, period=NOVEMBER).implemented

    assert (rate.numerator, rate.denominator, rate.percent) == (1, 2, 50.0)  # S1 of S1 and S3


def test_a_case_resolved_in_november_is_solved_in_december_when_the_visitor_is_told_then(november, town_a):
    figures = visit_figures(township=town_a, period=DECEMBER)

    assert figures.value("solved") == 1  # V4
    assert figures.value("visits") == 0 and figures.value("resolved") == 0


def test_a_month_with_nothing_counts_zero_and_its_rate_is_a_dash(november, town_a):
    figures = visit_figures(township=town_a, period=Period(date(2026, 9, 1), date(2026, 9, 30)))

    assert values(figures) == dict.fromkeys(COUNT_KEYS, 0)
    assert figures.implemented.percent is None


def test_every_figure_has_a_label_and_a_definition(november, town_a):
    figures = visit_figures(township=town_a, period=NOVEMBER)

    for figure in [*figures, figures.implemented]:
        assert figure.label and figure.definition.endswith((".", "。")), figure.key


def test_the_towns_grouped_read_gives_each_town_its_own_figures(november, town_a, town_b):
    by_town = figures_by_town(township_ids=[town_a.pk, town_b.pk], period=NOVEMBER)

    assert values(by_town[town_a.pk]) == NOVEMBER_BY_HAND
    assert values(by_town[town_b.pk]) == values(visit_figures(township=town_b, period=NOVEMBER))
    assert by_town[town_b.pk].value("solved") == 1 and by_town[town_b.pk].value("visits") == 1


def test_the_months_of_a_period_count_as_each_month_alone(november, town_a):
    months = monthly(township=town_a, period=Period(date(2026, 10, 1), date(2026, 12, 31)))

    assert [m.period.first for m in months] == [date(2026, 10, 1), date(2026, 11, 1), date(2026, 12, 1)]
    for month in months:
        alone = values(visit_figures(township=town_a, period=month.period))
        assert values(month) == {key: alone[key] for key in values(month)}, month.period.first


def test_the_overdue_count_stands_at_the_periods_end(november, town_a, carol):
    late = Referral.objects.get(township=town_a, due=date(2026, 11, 20))
    referral_finish(referral=late, user=carol, resolved=True, result="拖到十二月", now=at(date(2026, 12, 5)))

    assert visit_figures(township=town_a, period=NOVEMBER).value("overdue") == 1


# --- With the totals from before the system -------------------------------------------------------------


def test_a_since_count_includes_the_whole_years_of_totals_in_the_period_and_says_which(november, town_a):
    PriorTotals.objects.create(township=town_a, year=2022, people_received=2000, problems_solved=150, suggestions=9)
    PriorTotals.objects.create(township=town_a, year=2023, people_received=100, problems_solved=30)

    figures, prior = since_figures(township=town_a, period=Period(date(2023, 1, 1), date(2026, 11, 30)))

    assert prior.years == [2023] and prior.before == 2024
    assert figures.value("reception_people") == 8 + 100
    assert figures.value("solved") == NOVEMBER_BY_HAND["solved"] + 30  # V4 was told in December, after the period
    assert figures.value("visits") == 8  # V1–V7 and R0: the totals add no visit records


def test_a_since_count_without_totals_in_the_period_is_the_periods_figures(november, town_a):
    PriorTotals.objects.create(township=town_a, year=2022, people_received=2000, problems_solved=150)

    figures, prior = since_figures(township=town_a, period=NOVEMBER)

    assert prior.years == [] and values(figures) == NOVEMBER_BY_HAND
