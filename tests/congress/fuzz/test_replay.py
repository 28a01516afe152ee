"""The 500s the fuzz tests found, replayed: FIXED_500 must stay fixed, KNOWN_500 is an expected failure until its
view is fixed. And every URL of the site is fuzzed by one of the tests."""

import pytest
from django.urls import reverse

from tests.access.matrix import address
from tests.access.routes import ENTRIES, ENTRY_BY_LABEL, is_admin
from tests.congress.fuzz.cases import GET_CASES, POST_CASES
from tests.congress.fuzz.known import FIXED_500, KNOWN_500, Known500
from tests.congress.fuzz.world import World, check, innermost_project_frame, rolled_back


def test_every_site_url_is_fuzzed() -> None:
    """Each URL outside the admin is fuzzed by POST or by GET (a URL that nobody may use is not)."""
    fuzzed = {param.values[0] for param in POST_CASES + GET_CASES}
    missing = sorted(e.label for e in ENTRIES if not is_admin(e) and e.label not in fuzzed)
    assert not missing, f"URLs no role may GET or POST, so not fuzzed: {missing}"


@pytest.mark.parametrize("known", [pytest.param(known, id=str(known)) for known in KNOWN_500])
def test_known_500_still_reproduces(known: Known500, world: World) -> None:
    """Each KNOWN_500 replayed: an expected failure (xfail) while it still answers 500 from the same place; once
    the view is fixed this test fails, to have its entry removed from KNOWN_500."""
    entry = ENTRY_BY_LABEL[known.label]
    kwargs = known.kwargs(world.samples) if known.kwargs else None
    path = reverse(known.label, kwargs=kwargs) if kwargs is not None else address(entry, world.samples)
    with rolled_back():
        client = world.client(known.role)
        send = client.get if known.method == "GET" else client.post
        response = send(path, known.data)
    if response.status_code != 500:
        pytest.fail(
            f"{known.role} {known.method} {path} {known.data!r} answers {response.status_code} now: "
            "fixed? Remove its entry from KNOWN_500."
        )
    _type, error, tb = response.exc_info
    got = (type(error).__name__, innermost_project_frame(tb))
    assert got == (known.exception, known.where), f"still a 500, but now {got[0]} in {got[1]}: {error}"
    pytest.xfail(f"known 500: {known.exception} in {known.where}: {error}")


@pytest.mark.parametrize("found", [pytest.param(found, id=str(found)) for found in FIXED_500])
def test_fixed_500_stays_fixed(found: Known500, world: World) -> None:
    """Each 500 the fuzz tests once found, replayed: a 200, a redirect or a 4xx now."""
    kwargs = found.kwargs(world.samples) if found.kwargs else None
    path = (
        reverse(found.label, kwargs=kwargs)
        if kwargs is not None
        else address(ENTRY_BY_LABEL[found.label], world.samples)
    )
    with rolled_back():
        client = world.client(found.role)
        send = client.get if found.method == "GET" else client.post
        response = send(path, found.data)
        check(response, label=found.label, method=found.method, role=found.role, path=path, payload=found.data)
