"""Every value of a URL's action or kind, for every role, for GET and for POST (the role tables' VARIANTS):
each POST carries the form the page shows for that action, so a role the view lets through gets the action
done or refused by the item's state, and any other role is refused; whatever is refused changes nothing."""

import pytest
from django.test import Client

from deputies.services.imports import KINDS
from petitions.views.matters import ACTIONS as MATTER_ACTIONS
from proposals.views.items import ACTIONS as PROPOSAL_ACTIONS
from tests.access.expect import METHODS, check, is_refusal
from tests.access.matrix import VARIANTS, address
from tests.access.routes import ENTRIES, ENTRY_BY_LABEL, is_admin
from tests.access.samples import TownASamples, each_role, every_user
from tests.snapshots import changes, snapshot

UNKNOWN = "nope"
CASES = [
    pytest.param(label, value, id=f"{label}:{value}") for label, (_slug, values) in VARIANTS.items() for value in values
]


@pytest.mark.parametrize(("label", "value"), CASES)
def test_variant(label: str, value: str, client_as, samples: TownASamples) -> None:
    slug, values = VARIANTS[label]
    variant = values[value]
    url = address(ENTRY_BY_LABEL[label], samples, **{slug: value})
    every_user(samples)
    data = variant.data(samples) if variant.data else {}

    def one(role: str, method: str) -> None:
        expected = variant.roles[role][METHODS.index(method)]
        client: Client = client_as(role)
        before = snapshot() if is_refusal(expected) else None
        response = client.get(url) if method == "GET" else client.post(url, data)
        check(response, expected, url, f"{role} {method} {url} ({label}) data={data!r}", samples)
        if before is not None:
            changed = changes(before, snapshot())
            assert not changed, f"{role} {method} {url} was refused ({expected}) but changed rows:\n" + "\n".join(
                changed
            )

    each_role(samples, one)


def test_every_url_with_an_action_or_a_kind_has_its_variants() -> None:
    chosen = [e.label for e in ENTRIES if not is_admin(e) and {"action", "kind"} & set(e.kwargs)]
    missing = sorted(set(chosen) - set(VARIANTS))
    assert not missing, f"URLs whose slug picks what the view does, with no VARIANTS in their app's table: {missing}"


@pytest.mark.parametrize(
    ("label", "known"),
    [
        ("proposal_action", set(PROPOSAL_ACTIONS)),
        ("referral_action", {"progress", "finish", "close", "extend"}),
        ("matter_action", set(MATTER_ACTIONS)),
        ("roster_action", {"generate", "publish"}),
        ("register_import", set(KINDS)),
        ("register_import_apply", set(KINDS)),
        ("register_import_template", set(KINDS)),
    ],
)
def test_the_variants_are_every_value_the_view_knows_and_one_it_does_not(label: str, known: set[str]) -> None:
    _slug, values = VARIANTS[label]
    assert set(values) == known | {UNKNOWN}
