"""Hostile text in exports (issue #22, part 3): every form's text fields refuse control characters (a tab and a
line break are text), and every download (workbook, Word document, calendar feed) writes what rows already hold
as text: no formula cell, control characters dropped, no 500."""

import pytest
from django import forms
from django.apps import apps
from django.db import models
from django.urls import get_resolver, reverse
from django.utils import timezone
from django.utils.translation import gettext, override

from assessments.services.record import commendation_add
from congress.forms import RefuseControlCharacters
from congress.models import Department
from congress.text import refuse_control_characters, strip_control
from deputies.spreadsheets import clean_text
from petitions.models import DutyObservation
from tests.access.samples import TownASamples, _reply_sample, duty_rows, every_row
from tests.congress.exports import (
    EXPORTS,
    control_characters_in,
    download_texts,
    download_views,
    export_addresses,
)

pytestmark = pytest.mark.django_db

APPS = ("congress", "deputies", "activities", "petitions", "proposals", "assessments")
FORMULAS = ('=HYPERLINK("http://x","y")', "+1", "-1", "@SUM(A1)")
CONTROLS = "\x0b\x01\x1b"
# Text that is not what a person typed but a key the site looks rows up by.
KEYS = {"code", "token", "password", "username"}
# Empty means something: a commendation the town itself awarded, which its decision lists.
MEANINGFUL_EMPTY = {"assessments.Commendation.awarded_by"}


def refused_message(code: str) -> str:
    """The refusal as the page shows it, in the language of the test (the catalogue's Chinese)."""
    return gettext("This text contains a control character (%(code)s) that cannot be stored or printed; remove it.") % {
        "code": code
    }


def project_forms() -> set[type]:
    _ = get_resolver().url_patterns  # every view imported, and with it every form
    found, todo = set(), [forms.BaseForm]
    while todo:
        for sub in todo.pop().__subclasses__():
            todo.append(sub)
            if sub.__module__.split(".")[0] in APPS and not sub.__name__.startswith("Congress"):
                found.add(sub)
    return found


def test_every_form_of_the_site_refuses_control_characters():
    forms_found = project_forms()
    assert len(forms_found) > 50
    missing = sorted(f"{f.__module__}.{f.__name__}" for f in forms_found if not issubclass(f, RefuseControlCharacters))
    assert not missing, "base these forms on congress.forms.CongressForm or CongressModelForm: " + ", ".join(missing)


def test_the_validator_names_the_character_and_lets_tabs_and_line_breaks_pass():
    refuse_control_characters("甲\t乙\r\n丙")
    with override("en"), pytest.raises(forms.ValidationError) as refused:
        refuse_control_characters("李\x0b文华")
    assert refused.value.messages[0] == refused_message("U+000B")
    assert strip_control("a\x01b\x0bc\x1b\x7f\x85\td\ne") == "abc\td\ne"


def test_an_imported_cell_loses_its_control_characters():
    assert clean_text("李\x0b文\x01华\x1b") == "李 文华"  # Word's line break is a space


def _department(name: str, head: str = "") -> dict:
    kind = Department._meta.get_field("kind").choices[0][0]
    return {"name": name, "kind": kind, "head": head, "contact_person": "", "phone": "", "is_active": "on"}


def test_a_form_refuses_a_control_character_with_the_message_and_changes_nothing(login, alice):
    client = login(alice)
    before = Department.objects.count()
    with override("en"):
        response = client.post(reverse("department_create"), _department("城建\x01办"))
    assert response.status_code == 200
    assert refused_message("U+0001") in response.content.decode()
    assert Department.objects.count() == before


def test_a_form_takes_a_tab_and_a_line_break(login, alice):
    response = login(alice).post(reverse("department_create"), _department("城建办", head="张三\t李四\r\n王五"))
    assert response.status_code == 302
    assert Department.objects.get(name="城建办").head == "张三\t李四\r\n王五"


def test_the_observations_posted_without_a_form_refuse_a_control_character_too(request, login, alice, bob):
    day = duty_rows(TownASamples(request))["day"]
    client = login(alice)
    url = reverse("duty_observation", args=[day.pk])
    with override("en"):
        response = client.post(url, {"deputy": bob.deputy.pk, "text": "秩序\x01良好"}, follow=True)
    assert refused_message("U+0001") in response.content.decode()
    assert not DutyObservation.objects.filter(duty_day=day).exists()
    client.post(url, {"deputy": bob.deputy.pk, "text": "秩序\t良好\r\n准时"})
    assert DutyObservation.objects.get(duty_day=day).text == "秩序\t良好\r\n准时"


def test_every_view_that_sends_a_download_is_in_the_list_of_exports():
    assert download_views() == set(EXPORTS)


def _is_text(field) -> bool:
    plain = isinstance(field, models.CharField | models.TextField) and not isinstance(field, models.SlugField)
    return plain and not field.choices and not field.unique and field.name not in KEYS


def make_rows_hostile(township) -> int:
    """Every text column of every row of the town (the town's name too) set to a formula followed by control
    characters, as rows written before input refused them, or by an import, hold them. Returns the columns."""
    columns = 0
    for model in apps.get_models():
        if model._meta.app_label not in APPS or model._meta.proxy:
            continue
        if model._meta.label == "congress.Township":
            rows = model.objects.filter(pk=township.pk)
        elif any(f.name == "township" for f in model._meta.concrete_fields):
            rows = model._base_manager.filter(township=township)
        else:
            continue
        for field in model._meta.concrete_fields:
            if not _is_text(field) or f"{model._meta.label}.{field.name}" in MEANINGFUL_EMPTY:
                continue
            for pk in rows.values_list("pk", flat=True):
                # The row's id last: a name unique in the town stays unique.
                value, suffix = FORMULAS[columns % len(FORMULAS)] + CONTROLS + field.name, str(pk)
                value = (value[: field.max_length - len(suffix)] if field.max_length else value) + suffix
                rows.filter(pk=pk).update(**{field.attname: value})
            columns += 1
    return columns


@pytest.fixture
def samples(request) -> TownASamples:
    samples = TownASamples(request)
    every_row(samples)
    _reply_sample(samples)  # the reply letter needs a reply, the decision a commendation
    today = timezone.localdate()
    deputy, office = request.getfixturevalue("bob").deputy, request.getfixturevalue("alice")
    commendation_add(deputy=deputy, year=today.year, title="优秀人大代表", awarded_on=today, awarded_by="", user=office)
    return samples


def test_every_export_writes_formulas_and_control_characters_as_text(samples, town_a, login, alice):
    addresses = export_addresses(samples)
    assert make_rows_hostile(town_a) > 100
    client = login(alice)
    empty = []
    for label, url in addresses.items():
        response = client.get(url)
        assert response.status_code in (200, 302), (label, response.status_code)
        found = download_texts(response)
        if not found:
            empty.append(label)
        assert not control_characters_in(found), (label, control_characters_in(found)[:3])
        if label in ("deputy_export", "deputy_record_export", "referral_export", "proposal_rates"):
            assert any(text.startswith(FORMULAS) for text in found), label  # the formula is there, as text
    assert not empty, empty
