"""Each rate's definition (proposals.figures) on a small hand-made set with every edge: nothing due yet, a reply
made late, a meeting held by telephone, a class C reply, a reply promising actions not yet done, feedback
"basically satisfied" and "not satisfied"; and a rate with nothing to count shown as "—", never 0% or 100%."""

from datetime import date

import pytest
from django.template.loader import render_to_string

from proposals.figures import Facts, proposal_figures, reply_rate
from proposals.models import HandlingSettings, MeetingForm, Proposal, Rating

pytestmark = pytest.mark.django_db

TODAY = date(2026, 9, 1)


def numbers(figure) -> tuple[int, int]:
    return figure.numerator, figure.denominator


@pytest.fixture
def items(flow, alice):
    """A: due 06-01, met face to face, replied 05-20 class A with nothing planned, rated satisfied.
    B: due 06-01, met face to face twice, replied 06-10 (late) class C after a call (the town allows a call
    before the reply; it does not count toward the meeting rate), rated basic.
    C: due 06-01, no meeting, no reply.
    D: due 12-01 (not due on TODAY), met face to face, replied 07-01 class B promising actions not yet done,
    rated not satisfied."""
    f = flow
    a, b, c = (f.assigned(due=date(2026, 6, 1)) for _ in range(3))
    d = f.assigned(due=date(2026, 12, 1))
    f.go(date(2026, 4, 1))
    f.meetings(a)
    f.meetings(d)
    f.meetings(b)
    HandlingSettings.objects.create(township=f.town, phone_third_meeting=True)
    f.go(date(2026, 5, 20))
    f.reply(a)
    f.go(date(2026, 5, 25))
    f.feedback(a, Rating.SATISFIED)
    f.go(date(2026, 6, 10))
    f.reply(b, reply_class="C", meeting_form=MeetingForm.CALL)
    f.go(date(2026, 6, 15))
    f.feedback(b, Rating.BASIC)
    f.go(date(2026, 7, 1))
    f.reply(d, reply_class="B", planned="明年实施", planned_by=date(2027, 6, 30))
    f.go(date(2026, 7, 5))
    f.feedback(d, Rating.NOT)
    f.go(TODAY)
    return {"A": a, "B": b, "C": c, "D": d}


def rates(town, on=None) -> dict:
    return {r.key: r for r in proposal_figures(items=Proposal.objects.for_township(town), on=on)}


def test_the_reply_rate_counts_the_items_due_and_shows_those_on_time_beside(items, town_a):
    reply = rates(town_a)["reply"]
    assert numbers(reply) == (2, 3)  # A and B replied of A, B, C; D is not due yet though replied
    assert reply.beside == 1  # B was late
    assert reply.percent == 66.7


def test_the_meeting_rate_counts_only_meetings_held_face_to_face(items, town_a):
    # A and D met for every meeting required; B's third meeting was a call; C never met.
    assert numbers(rates(town_a)["meeting"]) == (2, 4)


def test_the_implementation_rate_leaves_out_class_c_and_actions_not_done(items, town_a):
    # Of A, B, D replied: A (class A, nothing planned) counts; B is class C; D's planned actions are not done.
    assert numbers(rates(town_a)["implementation"]) == (1, 3)


def test_the_implementation_rate_counts_actions_once_marked_done(items, town_a, flow):
    from proposals.services.handling import reply_actions_done

    reply_actions_done(reply=items["D"].replies.get(round=1))
    assert numbers(rates(town_a)["implementation"]) == (2, 3)


def test_the_satisfaction_rate_counts_only_satisfied_with_basically_satisfied_beside(items, town_a):
    satisfaction = rates(town_a)["satisfaction"]
    assert numbers(satisfaction) == (1, 3)  # A of A, B, D
    assert satisfaction.beside == 1  # B


def test_what_happened_after_the_day_counted_does_not_count(items, town_a):
    on_june_5 = rates(town_a, on=date(2026, 6, 5))
    assert numbers(on_june_5["reply"]) == (1, 3)  # B was not replied yet on 06-05
    assert numbers(on_june_5["implementation"]) == (1, 1)
    assert numbers(on_june_5["satisfaction"]) == (1, 1)


def test_nothing_due_gives_no_reply_rate_shown_as_a_dash(flow, town_a):
    item = flow.assigned(due=date(2026, 12, 1))
    flow.go(date(2026, 4, 1))
    flow.meetings(item)
    flow.reply(item)  # replied early: still not due
    reply = rates(town_a)["reply"]
    assert numbers(reply) == (0, 0) and reply.percent is None
    shown = render_to_string("includes/figure.html", {"figure": reply})
    assert '<span class="figure-percent">—</span>' in shown
    assert "0%" not in shown and "100" not in shown


def test_the_include_shows_the_numbers_and_the_definition(items, town_a):
    reply = rates(town_a)["reply"]
    shown = render_to_string("includes/figure.html", {"figure": reply, "scope": "town"})
    assert 'data-figure="reply" data-scope="town" data-numerator="2" data-denominator="3"' in shown
    assert "66.7%" in shown and "(2/3)" in shown
    assert '<details class="figure-definition small text-body-secondary"><summary>' in shown
    assert reply.definition in shown


def test_an_empty_set_has_no_rate():
    assert [f.percent for f in (reply_rate(Facts(on=TODAY, items=[])),)] == [None]
