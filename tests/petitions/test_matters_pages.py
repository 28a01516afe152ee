"""The pages of voters' matters: the office's queue, a deputy's own matters, a matter's actions and photos."""

import re

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from petitions.models import BlockedPhone, MatterPhoto, MatterStatus, Visit
from tests.factories import VoterMatterFactory
from tests.petitions.conftest import matter_texts, reload

pytestmark = pytest.mark.django_db


def take_data(category, **changes) -> dict:
    data = {"category": category.pk, "outcome": "answered", "answer": "已联系供电所，三天内修好"}
    return data | changes


def test_the_office_queue_counts_each_status_and_masks_the_mobile(login, alice, matter, town_a, point):
    VoterMatterFactory(township=town_a, station=point, status=MatterStatus.SPAM, phone="13900001111")
    response = login(alice).get(reverse("matter_list"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "138****8000" in page and "13800138000" not in page
    assert 'data-count="new">1<' in page and 'data-count="spam">1<' in page
    assert "139****1111" not in page  # hidden matters only under their own tab


def test_the_queue_filters_by_status_point_and_month(login, alice, matter, town_a):
    client = login(alice)
    assert matter.reference in client.get(reverse("matter_list"), {"status": "new"}).content.decode()
    assert matter.reference not in client.get(reverse("matter_list"), {"status": "answered"}).content.decode()
    other_point = {"station": matter.station_id + 1000}
    assert matter.reference not in client.get(reverse("matter_list"), other_point).content.decode()
    assert matter.reference not in client.get(reverse("matter_list"), {"month": "2001-01"}).content.decode()


def test_the_office_menu_counts_the_matters_waiting(login, alice, matter):
    page = login(alice).get(reverse("home")).content.decode()
    assert re.search(r'data-count="matters-waiting"[^>]*>1<', page)


def test_a_returned_matter_is_marked_in_the_queue(login, alice, matter):
    from django.utils import timezone

    type(matter).objects.filter(pk=matter.pk).update(status=MatterStatus.HANDLING, reopened_at=timezone.now())
    page = login(alice).get(reverse("matter_list"), {"status": "returned"}).content.decode()
    assert matter.reference in page and "data-returned" in page


def test_a_leader_reads_the_matter_with_the_voter_masked_and_cannot_take_it(login, leo, matter):
    page = login(leo).get(reverse("matter_detail", args=[matter.pk])).content.decode()
    assert "138****8000" in page and "13800138000" not in page and "张三" not in page
    assert reverse("matter_action", args=[matter.pk, "take"]) not in page


def test_a_deputy_of_the_point_sees_the_matter_at_home_and_in_their_list(login, bob, matter):
    client = login(bob)
    assert f'data-matter="{matter.pk}"' in client.get(reverse("home")).content.decode()
    assert matter.reference in client.get(reverse("matter_list")).content.decode()
    page = client.get(reverse("matter_detail", args=[matter.pk])).content.decode()
    assert "13800138000" in page and "张三" in page


def test_a_deputy_of_another_point_sees_nothing_of_it(login, far_deputy, matter):
    client = login(far_deputy)
    assert matter.reference not in client.get(reverse("matter_list")).content.decode()
    assert client.get(reverse("matter_detail", args=[matter.pk])).status_code == 404
    url = reverse("matter_action", args=[matter.pk, "take"])
    assert client.post(url, {}).status_code == 404
    assert reload(matter).status == MatterStatus.NEW


def test_another_towns_office_finds_no_matter(login, dave, matter, category):
    client = login(dave)
    assert client.get(reverse("matter_detail", args=[matter.pk])).status_code == 404
    assert client.post(reverse("matter_action", args=[matter.pk, "spam"])).status_code == 404
    assert client.post(reverse("matter_action", args=[matter.pk, "take"]), take_data(category)).status_code == 404
    assert reload(matter).status == MatterStatus.NEW


def test_a_deputy_takes_it_on_the_phone_and_the_voter_is_told(login, bob, matter, category):
    response = login(bob).post(reverse("matter_action", args=[matter.pk, "take"]), take_data(category))
    assert response.status_code == 302
    matter = reload(matter)
    assert matter.status == MatterStatus.ANSWERED and matter.taken_by == bob
    assert bob.deputy in matter.visit.deputies.all()
    with translation.override(settings.LANGUAGE_CODE):  # the language the request spoke
        assert [t.params["step"] for t in matter_texts(matter)] == [_("taken"), _("answered")]


def test_taken_twice_the_second_is_told_and_nothing_doubles(login, alice, bob, matter, category):
    login(alice).post(reverse("matter_action", args=[matter.pk, "take"]), take_data(category))
    response = login(bob).post(reverse("matter_action", args=[matter.pk, "take"]), take_data(category), follow=True)
    with translation.override(settings.LANGUAGE_CODE):
        expected = _("This matter was already taken, or is no longer waiting to be taken.")
    assert str(list(response.context["messages"])[0]) == expected
    assert Visit.objects.count() == 1 and len(matter_texts(matter)) == 2


def test_an_incomplete_take_shows_the_form_again_and_changes_nothing(login, alice, matter, category):
    response = login(alice).post(reverse("matter_action", args=[matter.pk, "take"]), take_data(category, answer=""))
    assert response.status_code == 200
    assert reload(matter).status == MatterStatus.NEW and not Visit.objects.exists()


def test_a_deputy_may_not_hide_a_matter_as_spam(login, bob, matter):
    assert login(bob).post(reverse("matter_action", args=[matter.pk, "spam"])).status_code == 403
    assert reload(matter).status == MatterStatus.NEW


def test_spam_hides_it_from_the_queue_and_blocks_the_mobile_then_unblock(login, alice, matter):
    client = login(alice)
    client.post(reverse("matter_action", args=[matter.pk, "spam"]))
    assert reload(matter).status == MatterStatus.SPAM
    assert matter.reference not in client.get(reverse("matter_list")).content.decode()
    assert "data-blocked" in client.get(reverse("matter_list"), {"status": "spam"}).content.decode()
    assert BlockedPhone.objects.filter(phone=matter.phone).exists()
    client.post(reverse("matter_action", args=[matter.pk, "unblock"]))
    assert not BlockedPhone.objects.exists()


def test_approval_without_the_voters_leave_is_refused(login, alice, matter, category):
    type(matter).objects.filter(pk=matter.pk).update(public_allowed=False, status=MatterStatus.ANSWERED)
    response = login(alice).post(reverse("matter_action", args=[matter.pk, "approve"]), follow=True)
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    assert reload(matter).public_approved_at is None


def test_an_unknown_action_is_not_found(login, alice, matter):
    assert login(alice).post(reverse("matter_action", args=[matter.pk, "nope"])).status_code == 404


def test_a_photo_goes_to_the_office_and_the_points_deputies_only(login, alice, bob, leo, far_deputy, matter):
    photo = MatterPhoto(township=matter.township, matter=matter)
    photo.image.save("x.jpg", ContentFile(b"\xff\xd8\xff\xe0jpeg"), save=True)
    url = reverse("matter_photo", args=[matter.pk, photo.pk])
    assert login(alice).get(url).status_code == 200
    assert login(bob).get(url).status_code == 200
    assert login(leo).get(url).status_code == 404
    assert login(far_deputy).get(url).status_code == 404
