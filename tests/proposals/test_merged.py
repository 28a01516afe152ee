"""A merge target's page lists the items merged into it (proposals/selectors.py proposal_detail)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from proposals.services.filing import proposal_review
from tests.factories import DeputyFactory

pytestmark = pytest.mark.django_db


def merge(flow, target, **kwargs):
    return proposal_review(proposal=flow.submitted(**kwargs), decision="merge", merge_into=target)


def test_the_target_lists_each_item_merged_into_it_with_its_lead_deputy_and_link(flow, login, alice, town_a):
    target = flow.accepted(title="关于修村道的建议")
    other = DeputyFactory(township=town_a, name="王代表")
    first = merge(flow, target, title="关于硬化村道的建议")
    second = merge(flow, target, title="关于村道安装路灯的建议", lead=other)
    merge(flow, flow.accepted(), title="并入别件的建议")

    response = login(alice).get(f"/proposals/{target.pk}/")

    assert response.status_code == 200
    assert [(m.title, m.lead_deputy.name) for m in response.context["p"].merged.all()] == [
        (first.title, flow.lead.name),
        (second.title, "王代表"),
    ]
    assert f'href="/proposals/{second.pk}/"' in response.text
    assert "并入别件的建议" not in response.text


def test_the_targets_page_costs_the_same_queries_for_one_merged_item_and_for_five(flow, login, alice, town_a):
    client = login(alice)
    one, five = flow.accepted(), flow.accepted()
    merge(flow, one)
    for _ in range(5):
        merge(flow, five, lead=DeputyFactory(township=town_a))

    counts = []
    for target in (one, five):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"/proposals/{target.pk}/").status_code == 200
        counts.append(len(queries))

    assert counts[0] == counts[1]


def test_a_deputy_sees_only_the_merged_items_they_may_open(flow, login, bob, town_a):
    target = flow.accepted()
    own = merge(flow, target, title="本人并入的建议")
    merge(flow, target, title="他人并入的建议", lead=DeputyFactory(township=town_a))

    response = login(bob).get(f"/proposals/{target.pk}/")

    assert [m.pk for m in response.context["p"].merged.all()] == [own.pk]
    assert "他人并入的建议" not in response.text
