"""Overdue items: marked on the unit's home and on the lists, told to the office and the leading leader once a
week while overdue, and a reply after the deadline keeps how late it came."""

from datetime import date
from importlib import import_module

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils.translation import ngettext

from congress.models import Notification
from proposals.models import Proposal, Reply
from proposals.services.reminders import proposal_overdue_escalate

pytestmark = pytest.mark.django_db

DUE = date(2026, 4, 1)  # a Wednesday; the items are assigned on START, 2026-03-02


def overdue_badge(days: int) -> str:
    return ngettext("Overdue %(days)s day", "Overdue %(days)s days", days) % {"days": days}


def replied_late(days: int) -> str:
    return ngettext("Replied %(days)s day late", "Replied %(days)s days late", days) % {"days": days}


def test_an_item_is_overdue_only_while_handled_after_its_deadline(flow):
    item = flow.assigned(due=DUE)
    flow.go(DUE)
    assert Proposal.objects.get(pk=item.pk).days_overdue == 0  # due today: not yet
    flow.go(date(2026, 4, 4))
    assert Proposal.objects.get(pk=item.pk).days_overdue == 3
    flow.replied(item)
    assert Proposal.objects.get(pk=item.pk).days_overdue == 0


def test_the_units_home_and_list_mark_the_overdue_items_and_count_them(flow, login, carol):
    late = flow.assigned(due=DUE, title="逾期的建议")
    on_time = flow.assigned(due=date(2026, 6, 1), title="未到期的建议")
    flow.go(date(2026, 4, 4))
    client = login(carol)
    home = client.get(reverse("home"))
    assert home.context["proposals_overdue"] == 1
    page = home.content.decode()
    assert overdue_badge(3) in page
    assert 'data-count="proposals-overdue"' in page
    listing = client.get("/proposals/").content.decode()
    assert listing.count('data-overdue="3"') == 1
    assert overdue_badge(3) in listing
    assert overdue_badge(3) in client.get(f"/proposals/{late.pk}/").content.decode()
    assert "data-overdue" not in client.get(f"/proposals/{on_time.pk}/").content.decode()


def test_the_offices_list_marks_the_overdue_items(flow, login, alice):
    flow.assigned(due=DUE)
    flow.go(date(2026, 4, 2))
    assert overdue_badge(1) in login(alice).get("/proposals/").content.decode()


def test_a_unit_with_nothing_overdue_sees_no_count(flow, login, carol):
    flow.assigned(due=date(2026, 6, 1))
    home = login(carol).get(reverse("home"))
    assert home.context["proposals_overdue"] == 0
    assert 'data-count="proposals-overdue"' not in home.content.decode()


def escalated(day: date) -> set[str]:
    """Run the escalation of `day` twice: the second run must add nothing. Returns the new keys."""
    before = set(Notification.objects.values_list("key", flat=True))
    sent = proposal_overdue_escalate(today=day)
    after = set(Notification.objects.values_list("key", flat=True))
    assert proposal_overdue_escalate(today=day) == 0
    assert sent == len(after - before)
    return after - before


def test_an_overdue_key_item_reaches_the_office_and_its_leader_once_a_week(flow, alice, leo, carol):
    item = flow.assigned(due=DUE, key_leader=leo.leader)
    p, a = item.pk, alice.pk
    expected = {
        DUE: set(),  # due today: not overdue yet
        date(2026, 4, 2): {
            f"proposal-overdue-escalated:{p}:2026-W14:{a}",
            f"proposal-overdue-escalated:{p}:2026-W14:leader",
        },
        date(2026, 4, 5): set(),  # the Sunday of the same ISO week
        date(2026, 4, 6): {
            f"proposal-overdue-escalated:{p}:2026-W15:{a}",
            f"proposal-overdue-escalated:{p}:2026-W15:leader",
        },
    }
    for day, keys in expected.items():
        flow.go(day)
        assert escalated(day) == keys, day
    to_leader = Notification.objects.get(key=f"proposal-overdue-escalated:{p}:2026-W15:leader")
    assert to_leader.recipient == leo
    assert not Notification.objects.filter(recipient=carol, key__startswith="proposal-overdue-escalated").exists()


def test_an_item_without_a_leading_leader_reaches_the_office_alone(flow, alice, leo):
    item = flow.assigned(due=DUE)
    assert escalated(date(2026, 4, 2)) == {f"proposal-overdue-escalated:{item.pk}:2026-W14:{alice.pk}"}
    assert not Notification.objects.filter(recipient=leo).exists()


def test_a_replied_item_is_escalated_no_more(flow, leo):
    item = flow.assigned(due=DUE, key_leader=leo.leader)
    flow.go(date(2026, 4, 2))
    assert escalated(date(2026, 4, 2))
    flow.replied(item)
    assert escalated(date(2026, 4, 9)) == set()


def test_another_towns_office_hears_nothing_of_town_a(flow, dave):
    flow.assigned(due=DUE)
    escalated(date(2026, 4, 2))
    assert not Notification.objects.filter(recipient=dave).exists()


def test_a_late_reply_records_its_days_late_and_the_page_shows_them(flow, login, alice):
    item = flow.assigned(due=DUE)
    flow.go(date(2026, 4, 6))
    reply = flow.replied(item)
    assert Reply.objects.get(pk=reply.pk).late_days == 5
    assert replied_late(5) in login(alice).get(f"/proposals/{item.pk}/").content.decode()


def test_a_reply_by_the_deadline_records_zero_days_late(flow, login, alice):
    item = flow.assigned(due=DUE)
    flow.go(DUE)
    reply = flow.replied(item)
    assert Reply.objects.get(pk=reply.pk).late_days == 0
    assert "data-late" not in login(alice).get(f"/proposals/{item.pk}/").content.decode()


def test_the_days_late_stay_when_the_item_gets_a_new_deadline(flow, bob):
    item = flow.assigned(due=DUE)
    flow.go(date(2026, 4, 3))
    reply = flow.replied(item)
    flow.feedback(item, "not")  # not satisfied: a second round with a new deadline a month on
    item.refresh_from_db()
    assert item.round == 2 and item.due > DUE
    assert Reply.objects.get(pk=reply.pk).late_days == 2


def test_the_migration_fills_the_first_rounds_days_late_of_earlier_replies(flow):
    migration = import_module("proposals.migrations.0002_reply_late_days")
    late, on_time = flow.assigned(due=DUE), flow.assigned(due=DUE)
    flow.go(DUE)
    first = flow.replied(on_time)
    flow.go(date(2026, 4, 6))
    second = flow.replied(late)
    Reply.objects.update(late_days=None)
    migration.first_rounds_late_days(apps, None)
    assert dict(Reply.objects.values_list("pk", "late_days")) == {first.pk: 0, second.pk: 5}
