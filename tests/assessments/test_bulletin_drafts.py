"""A bulletin in draft is the office's alone: by id, its page, print, workbook and Word document are a 404 for
the leader, the county and the deputy (the unit, who reads no bulletin, is refused them all), as the list hides
it; the office opens them all; once published, every reader does."""

import pytest
from django.test import Client
from django.urls import reverse

from assessments.services.bulletin import bulletin_publish
from congress.access import SESSION_TOWNSHIP

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]

PAGES = ("bulletin_detail", "bulletin_print", "bulletin_export", "bulletin_document")


def _client(user, town=None) -> Client:
    client = Client()
    client.force_login(user)
    if town is not None:  # the county reader looks at town A, as after choosing it in the town switch
        session = client.session
        session[SESSION_TOWNSHIP] = town.pk
        session.save()
    return client


def _answers(client: Client, bulletin) -> dict[str, int]:
    return {name: client.get(reverse(name, args=[bulletin.pk])).status_code for name in PAGES}


@pytest.fixture
def readers(town_a, alice, leo, bob, carol, erin) -> dict[str, Client]:
    return {
        "office": _client(alice),
        "leader": _client(leo),
        "deputy": _client(bob),
        "unit": _client(carol),
        "county": _client(erin, town_a),
    }


@pytest.mark.parametrize("role", ["leader", "county", "deputy"])
def test_a_draft_bulletin_by_id_is_not_found_for_anyone_but_the_office(role, readers, drafted) -> None:
    assert _answers(readers[role], drafted) == dict.fromkeys(PAGES, 404)
    assert drafted.title not in readers[role].get(reverse("bulletin_list")).content.decode()


def test_the_unit_is_refused_every_bulletin_page_draft_or_not(readers, drafted) -> None:
    assert _answers(readers["unit"], drafted) == dict.fromkeys(PAGES, 403)


def test_the_office_opens_every_page_of_its_draft(readers, drafted) -> None:
    assert _answers(readers["office"], drafted) == dict.fromkeys(PAGES, 200)


def test_the_month_page_links_the_draft_for_the_office_only(readers, drafted) -> None:
    url = reverse("bulletin_detail", args=[drafted.pk])
    month = {"month": f"{drafted.month:%Y-%m}"}
    assert url in readers["office"].get(reverse("assessment_month"), month).content.decode()
    for role in ("leader", "county"):
        page = readers[role].get(reverse("assessment_month"), month)
        assert page.status_code == 200 and url not in page.content.decode()


@pytest.mark.parametrize("role", ["office", "leader", "county", "deputy"])
def test_a_published_bulletin_opens_for_every_reader(role, readers, alice, drafted) -> None:
    bulletin_publish(bulletin=drafted, user=alice)
    assert _answers(readers[role], drafted) == dict.fromkeys(PAGES, 200)
