"""The four rates and the per-unit table against a hand-made set of items whose every date is chosen, counted
by hand from the definitions in proposals.figures; and the per-unit export."""

from datetime import date
from io import BytesIO

import pytest
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from proposals.figures import proposal_figures as proposal_rates
from proposals.models import Proposal, Rating, Reply, Status
from proposals.selectors import unit_table
from proposals.services.handling import extension_decide, extension_request, reply_actions_done
from tests.pages import table_rows
from tests.proposals.conftest import Flow, at

pytestmark = pytest.mark.django_db

TODAY = date(2026, 9, 1)

# What each assigned item of the set is on TODAY, as written down by hand while building it:
# its round-1 deadline (after approved extensions), the day of its round-1 reply, how many of the three
# meetings of round 1 were held, whether its latest reply promised actions and whether they were marked
# done, and the overall rating of its latest feedback.
FACTS = {
    "I1": {
        "deadline": date(2026, 6, 1),
        "replied": date(2026, 5, 20),
        "met": 3,
        "promised": True,
        "done": True,
        "overall": Rating.SATISFIED,
    },  # fmt: skip
    "I2": {
        "deadline": date(2026, 6, 1),
        "replied": date(2026, 6, 10),
        "met": 3,
        "promised": True,
        "done": False,
        "overall": Rating.BASIC,
    },  # fmt: skip
    # Not satisfied in round 1, handled again: round 2 reply promised actions, done; satisfied in round 2.
    "I3": {
        "deadline": date(2026, 7, 1),
        "replied": date(2026, 6, 25),
        "met": 3,
        "promised": True,
        "done": True,
        "overall": Rating.SATISFIED,
    },  # fmt: skip
    "I4": {
        "deadline": date(2026, 8, 1),
        "replied": None,
        "met": 0,
        "promised": None,
        "done": None,
        "overall": None,
    },  # fmt: skip
    # Due 2026-08-15, extended by 2 months: not yet due on TODAY.
    "I5": {
        "deadline": date(2026, 10, 15),
        "replied": None,
        "met": 0,
        "promised": None,
        "done": None,
        "overall": None,
    },  # fmt: skip
    "I6": {
        "deadline": date(2026, 6, 1),
        "replied": date(2026, 5, 30),
        "met": 3,
        "promised": True,
        "done": False,
        "overall": None,
    },  # fmt: skip
    # Replied through the administration site with only the first meeting held; not satisfied, in round 2.
    "I7": {
        "deadline": date(2026, 6, 1),
        "replied": date(2026, 5, 25),
        "met": 1,
        "promised": False,
        "done": None,
        "overall": Rating.NOT,
    },  # fmt: skip
}


def figures(rates) -> dict[str, tuple[int, int]]:
    return {f.key: (f.numerator, f.denominator) for f in rates}


def _met_required(fact: dict) -> bool:
    """Every meeting required so far: the three of round 1 once replied, the consultation before."""
    return fact["met"] == 3 if fact["replied"] else fact["met"] >= 1


def by_hand(facts=None) -> dict[str, tuple[int, int]]:
    facts = list((facts or FACTS).values())
    due = [f for f in facts if f["deadline"] < TODAY]
    replied = [f for f in facts if f["replied"]]
    rated = [f for f in facts if f["overall"]]
    return {
        "reply": (sum(1 for f in due if f["replied"]), len(due)),
        "meeting": (sum(1 for f in facts if _met_required(f)), len(facts)),
        # Every reply of the set is class A: implemented when nothing was planned, or what was is done.
        "implementation": (sum(1 for f in replied if not f["promised"] or f["done"]), len(replied)),
        "satisfaction": (sum(1 for f in rated if f["overall"] == Rating.SATISFIED), len(rated)),
    }


# by_hand() worked out once on paper from FACTS: the figures every rate of town A must show.
# Changed with the one set of definitions (proposals.figures, issue #19): the reply rate was "replied by the
# deadline ÷ due or replied" (4/6), the meeting rate "replied with three meetings ÷ replied" (4/5), the
# implementation rate "promised actions done ÷ replies promising actions" (2/4), the satisfaction rate counted
# "basically satisfied" as satisfied (3/4).
RATES_BY_HAND = {"reply": (5, 6), "meeting": (4, 7), "implementation": (3, 5), "satisfaction": (2, 4)}
PERCENTS_BY_HAND = [83.3, 57.1, 60.0, 50.0]  # 5/6, 4/7, 3/5, 2/4 rounded to one decimal
ON_TIME_BY_HAND = 4  # I1, I3, I6, I7 replied by their deadline; I2 late


def admin_reply(item: Proposal) -> Reply:
    """A reply entered by a superuser in the administration site, with the item's status set there."""
    reply = Reply.objects.create(
        township=item.township,
        proposal=item,
        round=item.round,
        reply_class="A",
        text="已办理。",
        signer="李正华",
        contact="王志强",
        phone="0873-6100001",
    )
    Proposal.objects.filter(pk=item.pk).update(status=Status.REPLIED)
    item.refresh_from_db()
    return reply


@pytest.fixture
def hand_made(flow, alice, department_a, department_b, carol, town_b, dave, deputy_tb, department_tb, clock):
    """FACTS, built through the services along the calendar of 2026, the clock left on TODAY."""
    f = flow
    items = {
        "I1": f.assigned(due=date(2026, 6, 1), assisting=[department_b]),
        "I2": f.assigned(due=date(2026, 6, 1)),
        "I3": f.assigned(due=date(2026, 7, 1), assisting=[department_b]),
        "I4": f.assigned(due=date(2026, 8, 1), main=department_b),
        "I5": f.assigned(due=date(2026, 8, 15), main=department_b, assisting=[department_a]),
        "I6": f.assigned(due=date(2026, 6, 1), main=department_b),
        "I7": f.assigned(due=date(2026, 6, 1)),
    }
    f.accepted()  # accepted, never assigned: outside every rate
    f.draft()
    # Town B's items never count in town A.
    other = Flow(town=town_b, office=dave, lead=deputy_tb, session=None, main=department_tb, clock=clock)
    other_item = other.assigned(due=date(2026, 4, 1))

    f.go(date(2026, 4, 1))
    for key in ("I1", "I2", "I3", "I6"):
        f.meeting(items[key], "consult")
    f.meeting(items["I7"], "consult")
    other.meetings(other_item)
    f.go(date(2026, 5, 1))
    for key in ("I1", "I2", "I3", "I6"):
        f.meeting(items[key], "handle")
    f.go(date(2026, 5, 20))
    replies = {"I1": f.reply(items["I1"], planned="完成剩余路段", planned_by=date(2026, 8, 31))}
    other.reply(other_item, planned="明年实施", planned_by=date(2027, 6, 30))
    f.go(date(2026, 5, 25))
    admin_reply(items["I7"])
    f.go(date(2026, 5, 30))
    replies["I6"] = f.reply(items["I6"], planned="年底前完成", planned_by=date(2026, 12, 31))
    f.go(date(2026, 6, 5))
    f.feedback(items["I7"], Rating.NOT)  # round 2, due 2026-07-05, never replied again
    other.feedback(other_item, Rating.NOT)
    f.go(date(2026, 6, 10))
    replies["I2"] = f.reply(items["I2"], planned="秋收后实施", planned_by=date(2026, 10, 31))  # late
    f.go(date(2026, 6, 15))
    f.feedback(items["I1"], Rating.SATISFIED)
    f.feedback(items["I2"], Rating.BASIC)
    f.go(date(2026, 6, 25))
    f.reply(items["I3"])  # nothing promised in round 1
    f.go(date(2026, 7, 1))
    extension = extension_request(proposal=items["I5"], months=2, reason="雨季无法施工")
    extension_decide(extension=extension, approve=True, user=alice)
    f.go(date(2026, 7, 5))
    f.feedback(items["I3"], Rating.NOT)
    f.go(date(2026, 7, 10))
    f.meetings(items["I3"])
    f.go(date(2026, 8, 1))
    replies["I3"] = f.reply(items["I3"], planned="补种行道树", planned_by=date(2026, 8, 31))
    f.go(date(2026, 8, 10))
    f.feedback(items["I3"], Rating.SATISFIED)
    f.go(date(2026, 8, 20))
    reply_actions_done(reply=replies["I1"])
    reply_actions_done(reply=replies["I3"])
    f.go(TODAY)
    for item in items.values():
        item.refresh_from_db()
    return items


def test_the_set_is_what_the_facts_say(hand_made):
    i = hand_made
    assert {k: p.status for k, p in i.items()} == {
        "I1": Status.CLOSED,
        "I2": Status.CLOSED,
        "I3": Status.CLOSED,
        "I4": Status.ASSIGNED,
        "I5": Status.ASSIGNED,
        "I6": Status.REPLIED,
        "I7": Status.ASSIGNED,
    }
    assert (i["I5"].due, i["I7"].round, i["I7"].due, i["I3"].round) == (date(2026, 10, 15), 2, date(2026, 7, 5), 2)
    for key, fact in FACTS.items():
        first = i[key].replies.filter(round=1).first()
        assert (first.submitted_at.date() if first else None) == fact["replied"], key
        assert i[key].meetings.filter(round=1).count() == fact["met"], key


def test_the_four_rates_equal_the_hand_count(hand_made, town_a):
    assert by_hand() == RATES_BY_HAND
    rates = proposal_rates(items=Proposal.objects.for_township(town_a))
    assert figures(rates) == RATES_BY_HAND
    assert [r.percent for r in rates] == PERCENTS_BY_HAND
    assert rates[0].beside == ON_TIME_BY_HAND


def test_the_rates_page_shows_the_same_figures_overall_and_per_session(hand_made, login, alice, session_a):
    response = login(alice).get("/proposals/rates/")
    assert response.status_code == 200
    overall = response.context["overall"]
    assert figures(overall) == RATES_BY_HAND
    assert [r.percent for r in overall] == PERCENTS_BY_HAND
    [(session, per_session)] = response.context["sessions"]
    assert session == session_a and figures(per_session) == RATES_BY_HAND
    page = response.content.decode()
    for (key, (n, d)), shown in zip(RATES_BY_HAND.items(), PERCENTS_BY_HAND, strict=True):
        opening = f'data-figure="{key}" data-scope="town" data-numerator="{n}" data-denominator="{d}">'
        assert f'{opening}<span class="text-nowrap"><span class="figure-percent">{shown}%</span>' in page, key


def test_no_rate_divides_by_zero(town_a, flow):
    flow.accepted()
    rates = proposal_rates(items=Proposal.objects.for_township(town_a))
    assert figures(rates) == {k: (0, 0) for k in ("reply", "meeting", "implementation", "satisfaction")}
    assert [r.percent for r in rates] == [None] * 4


def test_a_reply_is_in_time_by_the_local_day(flow, town_a):
    """Due 2026-06-01: a reply at 23:30 that day is in time, one at 00:30 the next day (still 06-01 in UTC)
    is late."""
    in_time, late = flow.assigned(due=date(2026, 6, 1)), flow.assigned(due=date(2026, 6, 1))
    flow.go(date(2026, 5, 1))
    flow.meetings(in_time)
    flow.meetings(late)
    flow.clock.move_to(at(date(2026, 6, 1), 23, 30), tick=False)
    flow.reply(in_time)
    flow.clock.move_to(at(date(2026, 6, 2), 0, 30), tick=False)
    flow.reply(late)
    reply = proposal_rates(items=Proposal.objects.for_township(town_a))[0]
    assert ((reply.numerator, reply.denominator), reply.beside) == ((2, 2), 1)


def test_a_late_first_reply_stays_late_after_an_unsatisfied_feedback(flow, town_a):
    item = flow.assigned(due=date(2026, 6, 1))
    flow.go(date(2026, 5, 1))
    flow.meetings(item)
    flow.go(date(2026, 6, 10))
    flow.reply(item)  # nine days late
    reply = proposal_rates(items=Proposal.objects.for_township(town_a))[0]
    assert ((reply.numerator, reply.denominator), reply.beside) == ((1, 1), 0)
    flow.go(date(2026, 6, 15))
    flow.feedback(item, Rating.NOT)  # due becomes 2026-07-15, for the second reply
    flow.go(TODAY)
    reply = proposal_rates(items=Proposal.objects.for_township(town_a))[0]
    assert ((reply.numerator, reply.denominator), reply.beside) == ((1, 1), 0)


# --- The per-unit table --------------------------------------------------------------------------------

UNITS_BY_HAND = {
    # main: I1 I2 I3 I7; assisting: I5; replied: I1 I2 I3 I7; overdue: I7 (round 2, due 07-05);
    # latest feedback on the items it leads: I1 satisfied, I2 basic, I3 satisfied (round 2), I7 not.
    "社会事务办公室": {
        "as_main": 4,
        "as_assisting": 1,
        "replied": 4,
        "overdue": 1,
        "satisfied": 2,
        "basic": 1,
        "not_satisfied": 1,
    },  # fmt: skip
    # main: I4 I5 I6; assisting: I1 I3; replied: I6; overdue: I4 (I5 was extended); no feedback yet.
    "农业农村办公室": {
        "as_main": 3,
        "as_assisting": 2,
        "replied": 1,
        "overdue": 1,
        "satisfied": 0,
        "basic": 0,
        "not_satisfied": 0,
    },  # fmt: skip
}


# The four rates of the items each unit leads (department_a: I1 I2 I3 I7; department_b: I4 I5 I6), by hand:
# reply: A's four are all due and replied, B's I4 and I6 due (I5 extended), I6 replied; meetings: I7 has only the
# consultation, I4 and I5 none; implementation: I2 and I6 promised actions not done; satisfaction: B has none.
UNIT_RATES_BY_HAND = {
    "社会事务办公室": {"reply": (4, 4), "meeting": (3, 4), "implementation": (3, 4), "satisfaction": (2, 4)},
    "农业农村办公室": {"reply": (1, 2), "meeting": (1, 3), "implementation": (0, 1), "satisfaction": (0, 0)},
}


def columns(table: list[dict], *, without: tuple[str, ...] = ()) -> dict[str, dict]:
    skip = ("department", "rates", *without)
    return {row["department"].name: {k: v for k, v in row.items() if k not in skip} for row in table}


def hand_columns(*, without: tuple[str, ...] = ()) -> dict[str, dict]:
    return {name: {k: v for k, v in row.items() if k not in without} for name, row in UNITS_BY_HAND.items()}


def test_unit_table_equals_the_hand_count_but_replied(hand_made, town_a, department_a, department_b):
    """Every column but "replied", which the next test holds."""
    table = unit_table(township=town_a)
    assert columns(table, without=("replied",)) == hand_columns(without=("replied",))
    assert [row["department"] for row in table] == sorted([department_a, department_b], key=lambda d: d.name)


def test_unit_table_counts_the_replied_items_each_unit_leads(hand_made, town_a):
    replied = {name: row["replied"] for name, row in columns(unit_table(township=town_a)).items()}
    assert replied == {"社会事务办公室": 4, "农业农村办公室": 1}


def test_unit_table_carries_each_units_rates_adding_up_to_the_towns(hand_made, town_a):
    table = unit_table(township=town_a)
    assert {row["department"].name: figures(row["rates"]) for row in table} == UNIT_RATES_BY_HAND
    for key, (n, d) in RATES_BY_HAND.items():
        assert sum(UNIT_RATES_BY_HAND[u][key][0] for u in UNIT_RATES_BY_HAND) == n
        assert sum(UNIT_RATES_BY_HAND[u][key][1] for u in UNIT_RATES_BY_HAND) == d


def test_the_unit_export_opens_with_a_row_per_unit_and_the_towns_rates(hand_made, login, alice, town_a):
    response = login(alice).get("/proposals/rates/?format=xlsx")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    sheet = load_workbook(BytesIO(response.content)).active
    header, *rows, total = table_rows(sheet)
    assert len(header) == 8 + 4 * 3  # the counts, then each rate's percent, numerator and denominator
    keys = ["as_main", "as_assisting", "replied", "overdue", "satisfied", "basic", "not_satisfied"]
    exported = {row[0]: dict(zip(keys, row[1:8], strict=True)) for row in rows}
    assert exported == UNITS_BY_HAND  # every column, "replied" too, as counted by hand
    rates = {row[0]: {k: (row[9 + 3 * i], row[10 + 3 * i]) for i, k in enumerate(RATES_BY_HAND)} for row in rows}
    assert rates == UNIT_RATES_BY_HAND
    [agriculture] = [row for row in rows if row[0] == "农业农村办公室"]
    assert agriculture[17] == "—"  # no item it leads is rated: no satisfaction rate
    assert total[0] == _("All units")
    assert {k: (total[9 + 3 * i], total[10 + 3 * i]) for i, k in enumerate(RATES_BY_HAND)} == RATES_BY_HAND
    assert [total[8 + 3 * i] for i in range(4)] == PERCENTS_BY_HAND


def test_the_rates_page_is_for_readers_only(hand_made, login, bob, carol):
    assert login(bob).get("/proposals/rates/").status_code == 403
    assert login(carol).get("/proposals/rates/?format=xlsx").status_code == 403
