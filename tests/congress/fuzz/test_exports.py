"""Hostile text posted to every form, then every download requested (issue #22, part 3): formulas (=, +, -, @)
and control characters in every text field every role may post, as the fuzz machinery finds the forms; then
every workbook, Word document and calendar feed (tests/congress/exports.py) as the office: no 500, no formula
cell, no control character in a download, and none stored in a row (the forms refuse them).

Each example posts to every form once, so it takes a while: EXPORT_EXAMPLES examples (3 unless told)."""

import os

import pytest
from django.apps import apps
from django.db import models
from hypothesis import given, note, settings
from hypothesis import strategies as st

from congress.text import CONTROL_CHARACTERS
from tests.congress.exports import control_characters_in, download_texts, export_addresses
from tests.congress.fuzz.cases import POST_CASES
from tests.congress.fuzz.forms import FieldSpec
from tests.congress.fuzz.strategies import FUZZ, encoded
from tests.congress.fuzz.world import World, check, rolled_back

ROLES = ("office", "deputy", "unit", "leader")
# Posts that change who is logged in or where, not a row's text.
SESSION_ONLY = {"login", "logout", "password_change", "set_language", "township_switch"}
CASES = [tuple(case.values) for case in POST_CASES if case.values[1] in ROLES and case.values[0] not in SESSION_ONLY]
TEXT_KINDS = {"text", "textarea", "search", "tel", "email", "url"}
HOSTILE = st.builds(
    lambda start, control, rest: start + control + rest,
    st.sampled_from(['=HYPERLINK("http://x","y")', "+1", "-1", "@SUM(A1)", "=1+1", ""]),
    st.sampled_from(["", "\x01", "\x0b", "\x1b", "\x7f", "\t", "\n", "\r\n"]),
    st.sampled_from(["", "测试", "x"]),
)
APPS = ("congress", "deputies", "activities", "petitions", "proposals", "assessments")


def hostile_payload(data, fields: dict[str, FieldSpec], label: str) -> dict:
    """The form as a person would fill it, every free-text field hostile."""
    payload = {}
    for name, spec in fields.items():
        if spec.kind in TEXT_KINDS and not spec.options:
            payload[name] = data.draw(HOSTILE, label=f"{label}.{name}")
        elif (value := spec.plausible()) is not None:
            payload[name] = value
    return payload


def stored_control_characters(township) -> list[str]:
    """The text columns of the town's rows holding a control character other than a tab or a line break."""
    found = []
    for model in apps.get_models():
        if model._meta.app_label not in APPS or not any(f.name == "township" for f in model._meta.concrete_fields):
            continue
        for field in model._meta.concrete_fields:
            if isinstance(field, models.CharField | models.TextField):
                for value in model._base_manager.filter(township=township).values_list(field.attname, flat=True):
                    if value and CONTROL_CHARACTERS.search(value):
                        found.append(f"{model._meta.label}.{field.name}: {value!r}")
    return found


@pytest.mark.slow
@settings(FUZZ, max_examples=int(os.environ.get("EXPORT_EXAMPLES", "3")))
@given(data=st.data())
def test_hostile_text_in_every_form_never_breaks_an_export(data, world: World) -> None:
    # Rows the addresses need are made outside the example's savepoint, so they outlive it.
    addresses = export_addresses(world.samples)
    targets = {(label, role): world.targets(label, role, "POST") for label, role in CASES}
    accepted = 0
    with rolled_back():
        for (label, role), found in targets.items():
            target = data.draw(st.sampled_from(found), label=f"{label} as {role}")
            payload = hostile_payload(data, target.fields, label)
            response = world.client(role).post(target.path, encoded(payload))
            check(response, label=label, method="POST", role=role, path=target.path, payload=payload)
            accepted += response.status_code == 302
        assert accepted, "no form took the text: the payloads are not what a person posts"
        stored = stored_control_characters(world.town_a)
        assert not stored, stored[:5]
        office = world.client("office")
        for label, url in addresses.items():
            response = office.get(url)
            check(response, label=label, method="GET", role="office", path=url, payload={})
            note(f"GET {url}: {response.status_code}")
            found = download_texts(response)
            assert not control_characters_in(found), (label, control_characters_in(found)[:3])
