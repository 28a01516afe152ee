"""One set of figures (issue #19): on the demo town, every page and export that shows a proposal rate shows
it with the same numerator and denominator — read from what each renders, not from the selector."""

import os
import re
from io import BytesIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client, override_settings
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from assessments.models import Bulletin
from assessments.services.bulletin import bulletin_draft
from congress.dates import last_month
from congress.models import Township
from congress.services import password_state_record
from proposals.figures import KEYS

pytestmark = [pytest.mark.django_db, pytest.mark.slow]  # loads the whole demo (about a minute)

TOWN_FIGURE = re.compile(r'data-figure="(\w+)" data-scope="town" data-numerator="(\d+)" data-denominator="(\d+)"')


def shown(page: str, pattern: re.Pattern = TOWN_FIGURE) -> dict[str, tuple[int, int]]:
    found: dict[str, tuple[int, int]] = {}
    for key, numerator, denominator in pattern.findall(page):
        assert found.setdefault(key, (int(numerator), int(denominator))) == (int(numerator), int(denominator))
    return found


def client_of(username: str) -> Client:
    user = get_user_model().objects.get(username=username)
    password_state_record(user=user)
    client = Client()
    client.force_login(user)
    return client


def exported(response) -> dict[str, tuple[int, int]]:
    """The town's row of the per-unit export: each rate's percent, numerator and denominator after the counts."""
    *_rows, total = list(load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True))
    assert total[0] == _("All units")
    return {key: (total[9 + 3 * i], total[10 + 3 * i]) for i, key in enumerate(KEYS)}


@override_settings(DEBUG=True)
def test_every_page_shows_the_demo_towns_rates_with_the_same_numbers():
    with open(os.devnull, "w") as quiet:
        call_command("load_demo", stdout=quiet)
    town = Township.objects.get(name="大莫古镇")
    # Redrafted now, so the bulletin's figures are of the same day as the pages.
    bulletin = bulletin_draft(township=town, month=last_month()) or Bulletin.objects.get(
        township=town, month=last_month()
    )
    office, county = client_of("office"), client_of("county")
    pages = {
        "dashboard": shown(office.get("/dashboard/").content.decode()),
        "rates page": shown(office.get("/proposals/rates/").content.decode()),
        "bulletin": shown(office.get(f"/bulletins/{bulletin.pk}/").content.decode()),
        "bulletin print": shown(office.get(f"/bulletins/{bulletin.pk}/print/").content.decode()),
        "unit export": exported(office.get("/proposals/rates/?format=xlsx")),
    }
    overview = county.get("/county/").content.decode()
    by_town = re.compile(
        rf'data-figure="(\w+)" data-scope="{town.code}" data-numerator="(\d+)" data-denominator="(\d+)"'
    )
    pages["county overview"] = shown(overview, by_town)

    reference = pages["rates page"]
    assert set(reference) == set(KEYS)
    assert reference["reply"][1] > 0  # the demo has items whose reply has fallen due
    for name, figures in pages.items():
        expected = {"reply": reference["reply"]} if name == "county overview" else reference
        assert figures == expected, name
