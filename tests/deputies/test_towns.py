"""A real town from zero: `create_town` makes the county, the town, its current term and the office's first
login, whose one-time password works once and must be replaced at the first login. What it refuses, it refuses
whole: nothing of the town is left behind."""

import re
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from congress.models import County, Membership, Role, Township
from deputies.models import Term

pytestmark = pytest.mark.django_db

ARGS = ["--county", "示范县", "--county-code", "shifan", "--town", "大莫古镇", "--code", "damogu", "--term", "18"]


def create_town(*extra: str) -> str:
    out = StringIO()
    call_command("create_town", *ARGS, *extra, stdout=out)
    return out.getvalue()


def test_create_town_makes_the_town_its_term_and_an_office_login_that_must_choose_its_password():
    printed = create_town("--term-start", "2021-10-01")
    password = re.search(r"One-time password:\s+(\S+)", printed).group(1)
    town = Township.objects.get(code="damogu")
    assert town.county.name == "示范县"
    assert Term.objects.get(township=town).number == 18
    office = Membership.objects.get(township=town, role=Role.OFFICE).user
    assert office.username == "damogu-office"
    assert password not in office.password  # kept only as a hash

    client = Client()
    response = client.post(reverse("login"), {"username": "damogu-office", "password": password})
    assert response.status_code == 302
    home = client.get(reverse("home"))
    assert home.status_code == 302 and home["Location"] == reverse("password_change")


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--term-start", "2021-13-01"], "not a date"),
        (["--county-code", "other"], None),  # the same county name under another code: a second county is fine
    ],
)
def test_the_arguments_are_read_as_given(extra, message):
    args = ARGS + extra
    if message:
        with pytest.raises(CommandError, match=message):
            call_command("create_town", *args, stdout=StringIO())
        assert not Township.objects.exists()
    else:
        call_command("create_town", *args, stdout=StringIO())
        assert Township.objects.filter(county__code="other").exists()


def test_a_taken_town_code_is_refused_and_nothing_is_made():
    create_town()
    with pytest.raises(CommandError, match="damogu"):
        call_command("create_town", *ARGS, "--office-login", "someone", stdout=StringIO())
    assert not get_user_model().objects.filter(username="someone").exists()
    assert Township.objects.count() == 1


def test_a_taken_login_or_a_county_code_of_another_county_is_refused_whole():
    create_town()
    second = ["--county", "示范县", "--county-code", "shifan", "--town", "新安镇", "--code", "xinan", "--term", "18"]
    with pytest.raises(CommandError, match="damogu-office"):
        call_command("create_town", *second, "--office-login", "damogu-office", stdout=StringIO())
    other_county = ["--county", "别的县", *second[2:]]
    with pytest.raises(CommandError, match="示范县"):
        call_command("create_town", *other_county, stdout=StringIO())
    assert not Township.objects.filter(code="xinan").exists()
    assert County.objects.count() == 1
