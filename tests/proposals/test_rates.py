"""The four rates and the per-unit table against a hand-made set of items whose every date is chosen, counted
by hand from the definitions in proposals.selectors.proposal_rates; and the per-unit export."""

from datetime import date
from io import BytesIO

import pytest
from openpyxl import load_workbook

from proposals.models import Proposal, Rating, Reply, Status
from proposals.selectors import proposal_rates, unit_table
from proposals.services.handling import extension_decide, extension_request, reply_actions_done
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


def by_hand() -> dict[str, tuple[int, int]]:
    facts = FACTS.values()
    replied = [f for f in facts if f["replied"]]
    promised = [f for f in replied if f["promised"]]
    rated = [f for f in facts if f["overall"]]
    return {
        "reply": (
            sum(1 for f in replied if f["replied"] <= f["deadline"]),
            sum(1 for f in facts if f["deadline"] < TODAY or f["replied"]),
        ),
        "meeting": (sum(1 for f in replied if f["met"] == 3), len(replied)),
        "implementation": (sum(1 for f in promised if f["done"]), len(promised)),
        "satisfaction": (sum(1 for f in rated if f["overall"] in (Rating.SATISFIED, Rating.BASIC)), len(rated)),
    }


# by_hand() worked out once on paper from FACTS: the figures every rate of town A must show.
RATES_BY_HAND = {"reply": (4, 6), "meeting": (4, 5), "implementation": (2, 4), "satisfaction": (3, 4)}
PERCENTS_BY_HAND = [66.7, 80.0, 50.0, 75.0]  # 4/6, 4/5, 2/4, 3/4 rounded to one decimal


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


def test_the_rates_page_shows_the_same_figures_overall_and_per_session(hand_made, login, alice, session_a):
    response = login(alice).get("/proposals/rates/")
    assert response.status_code == 200
    overall = response.context["overall"]
    assert figures(overall) == RATES_BY_HAND
    assert [r.percent for r in overall] == PERCENTS_BY_HAND
    [(session, per_session)] = response.context["sessions"]
    assert session == session_a and figures(per_session) == RATES_BY_HAND
    page = response.content.decode()
    for key, shown in zip(RATES_BY_HAND, PERCENTS_BY_HAND, strict=True):
        assert f'data-rate="{key}">{shown}%</div>' in page, key


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
    assert figures(proposal_rates(items=Proposal.objects.for_township(town_a)))["reply"] == (1, 2)


def test_a_late_first_reply_stays_late_after_an_unsatisfied_feedback(flow, town_a):
    item = flow.assigned(due=date(2026, 6, 1))
    flow.go(date(2026, 5, 1))
    flow.meetings(item)
    flow.go(date(2026, 6, 10))
    flow.reply(item)  # nine days late
    assert figures(proposal_rates(items=Proposal.objects.for_township(town_a)))["reply"] == (0, 1)
    flow.go(date(2026, 6, 15))
    flow.feedback(item, Rating.NOT)  # due becomes 2026-07-15, for the second reply
    flow.go(TODAY)
    assert figures(proposal_rates(items=Proposal.objects.for_township(town_a)))["reply"] == (0, 1)


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


def columns(table: list[dict], *, without: tuple[str, ...] = ()) -> dict[str, dict]:
    return {
        row["department"].name: {k: v for k, v in row.items() if k != "department" and k not in without}
        for row in table
    }


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


def test_the_unit_export_opens_with_a_row_per_unit(hand_made, login, alice, town_a):
    response = login(alice).get("/proposals/rates/?format=xlsx")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    sheet = load_workbook(BytesIO(response.content)).active
    header, *rows = list(sheet.iter_rows(values_only=True))
    assert len(header) == 8
    keys = ["as_main", "as_assisting", "replied", "overdue", "satisfied", "basic", "not_satisfied"]
    exported = {row[0]: dict(zip(keys, row[1:], strict=True)) for row in rows}
    assert len(rows) == len(UNITS_BY_HAND) and exported.keys() == UNITS_BY_HAND.keys()
    assert exported == UNITS_BY_HAND  # every column, "replied" too, as counted by hand
    assert {n: {k: v for k, v in r.items() if k != "replied"} for n, r in exported.items()} == hand_columns(
        without=("replied",)
    )


def test_the_rates_page_is_for_readers_only(hand_made, login, bob, carol):
    assert login(bob).get("/proposals/rates/").status_code == 403
    assert login(carol).get("/proposals/rates/?format=xlsx").status_code == 403
