"""Special inspections (专题视察) of key items: the office records what an inspection found on each key item it
looked at; the item's page and the inspection's page show it; the item's leading leader is told. An item that
is not key, an activity that is not a special inspection, or either of another town, is refused with a message
and changes nothing."""

from datetime import date

import pytest
from django.contrib import messages
from django.utils.translation import gettext as _

from congress.models import Notification
from proposals.models import ItemInspection
from tests.factories import ActivityFactory
from tests.proposals.conftest import snapshot

pytestmark = pytest.mark.django_db

FINDINGS = "道路硬化已完成八成，排水沟尚未动工。"


@pytest.fixture
def inspection(town_a):
    return ActivityFactory(township=town_a, kind="special", title="专题视察重点建议办理情况", date=date(2026, 3, 1))


def errors_of(response) -> list[str]:
    return [str(m) for m in messages.get_messages(response.wsgi_request) if m.level == messages.ERROR]


def record(client, item, activity, findings=FINDINGS):
    return client.post(
        f"/proposals/{item.pk}/inspections/", {"activity": activity.pk, "findings": findings}, follow=True
    )


def test_the_findings_show_on_the_item_and_the_inspection_and_reach_the_leader(flow, login, alice, leo, inspection):
    item = flow.assigned(key_leader=leo.leader)
    client = login(alice)
    response = record(client, item, inspection)
    assert errors_of(response) == []
    found = ItemInspection.objects.get()
    assert (found.proposal, found.activity, found.findings, found.recorded_by) == (item, inspection, FINDINGS, alice)

    page = client.get(f"/proposals/{item.pk}/").content.decode()
    assert f'data-inspection="{inspection.pk}"' in page and FINDINGS in page
    shown = client.get(f"/activities/{inspection.pk}/").content.decode()
    assert f'data-inspected="{item.pk}"' in shown and FINDINGS in shown

    told = Notification.objects.get(key=f"item-inspected:{found.pk}")
    assert told.recipient == leo and item.title in told.subject and told.body == FINDINGS


def test_an_item_that_is_not_key_is_refused_and_nothing_changes(flow, login, alice, inspection):
    item = flow.assigned()
    before = snapshot(item)
    response = record(login(alice), item, inspection)
    assert errors_of(response) == [_("Only a key item (重点督办) is inspected this way: mark it key first.")]
    assert snapshot(item) == before and not ItemInspection.objects.exists()


def test_an_activity_that_is_not_a_special_inspection_cannot_be_chosen(flow, login, alice, leo, town_a):
    item = flow.assigned(key_leader=leo.leader)
    research = ActivityFactory(township=town_a, kind="research", date=date(2026, 3, 1))
    response = record(login(alice), item, research)
    assert len(errors_of(response)) == 1 and not ItemInspection.objects.exists()


def test_another_towns_inspection_or_item_is_refused(flow, login, alice, dave, leo, town_b, inspection):
    item = flow.assigned(key_leader=leo.leader)
    theirs = ActivityFactory(township=town_b, kind="special", date=date(2026, 3, 1))
    assert len(errors_of(record(login(alice), item, theirs))) == 1  # not among town A's inspections
    assert record(login(dave), item, inspection).status_code == 404  # town B's office: town A's item is not there
    assert not ItemInspection.objects.exists() and not Notification.objects.filter(key__startswith="item-").exists()


def test_the_same_findings_twice_are_refused(flow, login, alice, leo, inspection):
    item = flow.assigned(key_leader=leo.leader)
    client = login(alice)
    record(client, item, inspection)
    response = record(client, item, inspection, findings="又一次")
    assert errors_of(response) == [_("This inspection's findings on the item are already recorded.")]
    assert ItemInspection.objects.count() == 1 and Notification.objects.filter(key__startswith="item-").count() == 1


def test_only_the_office_records_findings(flow, login, leo, bob, inspection):
    item = flow.assigned(key_leader=leo.leader)
    for user in (leo, bob):
        assert record(login(user), item, inspection).status_code == 403
    assert not ItemInspection.objects.exists()
