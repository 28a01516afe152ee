"""Every form of the site posted generated input, by every role the access matrix lets post it: no 500, and no
row changed that must not be.

Two more checks on each example, from snapshots of the towns' rows (tests/snapshots.py) taken inside the
example's savepoint, of the models whose tables the POST wrote (watch_changes: a snapshot of all 91 town
models before and after every example made these tests six times slower; a table no statement wrote has not
changed, so nothing is missed):
- town B's rows never change when a user who is not town B's own office posts (a user of town A, the county
  office working in town A, or nobody logged in), whatever ids of town B the data carries;
- a refused POST (400, 403, 404, 405, 409, 410, 413, 429) changes no town's rows. A session written (a login,
  the township switched) or a failed login logged by django-axes is not a town's row, so it does not count;
  no view writes a town row (an audit entry) when it refuses, so no model is left out. A 200 that shows the
  form again with its errors cannot be told apart from a success generically, and is not checked.
A change listed in KNOWN_LEAKS (known.py) passes."""

import pytest
from django.urls import resolve, reverse
from hypothesis import given, note
from hypothesis import strategies as st

from tests.congress.fuzz.cases import POST_CASES
from tests.congress.fuzz.forms import merge_specs, page_forms
from tests.congress.fuzz.known import KNOWN_LEAKS
from tests.congress.fuzz.strategies import FUZZ, draw_payload, encoded, sheet_uploads
from tests.congress.fuzz.world import Target, World, check, rolled_back
from tests.snapshots import watch_changes

REFUSED = {400, 403, 404, 405, 409, 410, 413, 429}
TOWN_B_OFFICE = "other_office"  # the one role whose own rows are town B's: it may change them


def unexplained(changed: list[str], *, label: str, role: str, what: str) -> list[str]:
    """The changes, unless a KNOWN_LEAKS entry lets them pass."""
    return [] if any(leak.covers(label, role, what, changed) for leak in KNOWN_LEAKS) else changed


@pytest.mark.parametrize(("label", "role"), POST_CASES)
@FUZZ
@given(data=st.data())
def test_post_never_answers_500(label: str, role: str, data, world: World) -> None:
    targets = world.targets(label, role, "POST")
    target = data.draw(st.sampled_from(targets), label="address")
    with rolled_back():
        client = world.client(role)
        if label == "register_import_apply" and target.headers:
            # Apply needs a previewed sheet in the session: upload one, then post the form the preview shows.
            # (The preview is fuzzed, and watched, as register_import.)
            sheet = data.draw(sheet_uploads(target.headers, world.ids), label="previewed sheet")
            preview_path = reverse("register_import", kwargs=resolve(target.path).kwargs)
            preview = client.post(preview_path, {"file": sheet.file()})
            check(
                preview, label="register_import", method="POST", role=role, path=preview_path, payload={"file": sheet}
            )
            shown = [f for f in page_forms(preview.content.decode()) if target.path in f.actions]
            target = Target(target.path, merge_specs(target.fields, *[f.fields for f in shown]), target.headers)
        payload = draw_payload(data, target.fields, world.ids, target.headers, label)
        note(f"{role} POST {target.path} data={payload!r}")
        with watch_changes(world.town_b) as changed:
            response = client.post(target.path, encoded(payload))
            check(response, label=label, method="POST", role=role, path=target.path, payload=payload)
    status = response.status_code
    if status in REFUSED:
        refused = unexplained(changed.everywhere, label=label, role=role, what="refused")
        where = f"{role} POST {target.path} was refused ({status}) but changed rows; data={payload!r}"
        assert not refused, f"{where}:\n" + "\n".join(refused)
    if role != TOWN_B_OFFICE:
        leaked = unexplained(changed.in_township[world.town_b.pk], label=label, role=role, what="town_b")
        where = f"{role} POST {target.path} ({status}) changed town B's rows; data={payload!r}"
        assert not leaked, f"{where}:\n" + "\n".join(leaked)
