"""The station's A4 poster: two QR codes side by side, each captioned so that nobody takes one for the other: the
public's leads to the station's public page, the deputies' to the station's sign-in; with the station's name and
opening hours."""

import pytest
from django.urls import reverse
from django.utils.translation import gettext as _

from tests.factories import StationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def station(town_a):
    return StationFactory(township=town_a, name="上坝村代表联络点", level="village", opening_rules="每月10日上午")


def test_the_poster_has_the_publics_code_and_the_deputies_code_each_captioned(login, alice, station, town_a):
    response = login(alice).get(reverse("station_poster", args=[station.pk]))
    codes = response.context["qr_codes"]
    public = f"http://testserver{reverse('public_station', kwargs={'code': town_a.code, 'pk': station.pk})}"
    sign_in = f"http://testserver{reverse('sign_in', args=[station.pk])}"
    assert [(c["kind"], c["target"]) for c in codes] == [("public", public), ("deputies", sign_in)]
    html = response.content.decode()
    assert html.count("<svg") == 2
    for caption in (_("The public: scan to find your deputies and leave a matter"), _("Deputies: scan to sign in")):
        assert f'<figcaption class="poster-caption">{caption}</figcaption>' in html
    assert station.name in html
    assert "每月10日上午" in html


def test_another_towns_office_gets_no_poster_of_this_town(login, dave, station):
    assert login(dave).get(reverse("station_poster", args=[station.pk])).status_code == 404
