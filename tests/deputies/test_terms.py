"""Terms (届): the current term is recorded once; ending it (换届) closes its deputies' service and their deputy
logins, keeps every record, and refuses what makes no sense with nothing changed."""

from datetime import date

import pytest
from django.urls import reverse

from congress.models import Membership, Role
from deputies.forms.register import DeputyForm
from deputies.models import Deputy, DeputyStatus, GroupMembership, Term
from deputies.services.terms import TermError, term_end, term_start
from tests.factories import DeputyFactory

pytestmark = pytest.mark.django_db

BEGAN = date(2021, 10, 1)
ELECTED = date(2026, 10, 20)


@pytest.fixture
def term(town_a) -> Term:
    return term_start(township=town_a, number=18, starts_on=BEGAN)


def test_a_second_current_term_is_refused(town_a, term):
    with pytest.raises(TermError, match="仍是本届"):
        term_start(township=town_a, number=19, starts_on=ELECTED)
    assert list(Term.objects.filter(township=town_a).values_list("number", flat=True)) == [18]


def test_a_term_ending_before_it_began_is_refused_and_changes_nothing(town_a, term, bob):
    with pytest.raises(TermError, match="不能早于开始日期"):
        term_end(township=town_a, ends_on=date(2020, 1, 1))
    term.refresh_from_db()
    assert term.ends_on is None
    assert Deputy.objects.get(user=bob).status == DeputyStatus.SERVING


def test_ending_the_term_closes_its_deputies_service_and_deputy_logins_and_opens_the_next(town_a, term, bob):
    deputy = Deputy.objects.get(user=bob)
    Deputy.objects.filter(pk=deputy.pk).update(term=18)
    GroupMembership.objects.create(township=town_a, deputy=deputy, small_group=deputy.small_group, start_date=BEGAN)
    earlier = DeputyFactory(township=town_a, term=17, status=DeputyStatus.ENDED)

    term_end(township=town_a, ends_on=ELECTED, next_starts_on=ELECTED)

    deputy.refresh_from_db()
    assert deputy.status == DeputyStatus.ENDED
    assert GroupMembership.objects.get(deputy=deputy).end_date == ELECTED
    assert not Membership.objects.filter(user=bob, role=Role.DEPUTY).exists()
    assert Term.objects.get(township=town_a, number=18).ends_on == ELECTED
    assert Term.objects.get(township=town_a, ends_on__isnull=True).number == 19
    assert Deputy.objects.get(pk=earlier.pk).status == DeputyStatus.ENDED  # untouched
    assert Deputy.objects.filter(township=town_a).count() == 2  # every record stays


def test_a_deputy_of_an_ended_term_no_longer_opens_the_deputy_pages(town_a, term, bob, login):
    Deputy.objects.filter(user=bob).update(term=18)
    client = login(bob)
    assert client.get(reverse("my_duties")).status_code == 200
    term_end(township=town_a, ends_on=ELECTED)
    assert client.get(reverse("my_duties")).status_code != 200


def test_a_new_deputy_is_offered_the_current_term(town_a, term):
    assert DeputyForm(township=town_a).fields["term"].initial == 18


def test_the_office_ends_the_term_only_when_it_confirms(town_a, term, alice, login):
    client = login(alice)
    page = client.get(reverse("term_list"))
    assert page.status_code == 200 and "第18届" in page.content.decode().replace(" ", "")
    unconfirmed = client.post(reverse("term_end"), {"ends_on": "2026-10-20"})
    assert unconfirmed.status_code == 400
    assert Term.objects.get(pk=term.pk).ends_on is None
    done = client.post(reverse("term_end"), {"ends_on": "2026-10-20", "next_starts_on": "2026-10-20", "confirm": "on"})
    assert done.status_code == 302
    assert Term.objects.get(township=town_a, ends_on__isnull=True).number == 19


def test_a_term_end_before_its_start_is_told_on_the_page(town_a, term, alice, login):
    client = login(alice)
    response = client.post(reverse("term_end"), {"ends_on": "2019-01-01", "confirm": "on"}, follow=True)
    assert "2019-01-01" in response.content.decode()
    assert Term.objects.get(pk=term.pk).ends_on is None


def test_the_register_lists_a_past_terms_deputies_on_asking(town_a, alice, login):
    DeputyFactory(township=town_a, name="上届代表", term=17, status=DeputyStatus.ENDED)
    DeputyFactory(township=town_a, name="本届代表", term=18)
    client = login(alice)
    default = client.get(reverse("deputy_list")).content.decode()
    assert "本届代表" in default and "上届代表" not in default
    past = client.get(reverse("deputy_list"), {"status": "", "term": "17"}).content.decode()
    assert "上届代表" in past and "本届代表" not in past
