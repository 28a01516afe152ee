"""Every page opened with generated query strings, by one role the access matrix lets read it: no 500."""

import pytest
from hypothesis import given, note
from hypothesis import strategies as st

from tests.congress.fuzz.cases import GET_CASES
from tests.congress.fuzz.strategies import FUZZ, odd_value
from tests.congress.fuzz.world import World, check, rolled_back


@pytest.mark.parametrize(("label", "role"), GET_CASES)
@FUZZ
@given(data=st.data())
def test_get_never_answers_500(label: str, role: str, data, world: World) -> None:
    targets = world.targets(label, role, "GET")
    target = data.draw(st.sampled_from(targets), label="address")
    names = sorted(target.fields)
    chosen = data.draw(st.lists(st.sampled_from(names), unique=True, min_size=1, max_size=4), label="parameters")
    query = {}
    for name in chosen:
        single = odd_value(target.fields[name], world.ids)
        query[name] = data.draw(st.one_of(single, st.lists(single, min_size=2, max_size=3)), label=name)
    note(f"{role} GET {target.path} query={query!r}")
    with rolled_back():
        response = world.client(role).get(target.path, query)
        check(response, label=label, method="GET", role=role, path=target.path, payload=query)
