"""The town's and the stations' public pages: deputies by village or by sector, each with where they receive and
their next published reception day; the search; another town's or a closed station's page is not found; no
personal data."""

import pytest
from django.urls import NoReverseMatch, reverse

from tests.deputies.conftest import ADDRESSES, PHONES, duty_day
from tests.factories import DeputyFactory, StationFactory

pytestmark = pytest.mark.django_db


def _town_page(client, town, **query):
    response = client.get(reverse("public_township", kwargs={"code": town.code}), query)
    assert response.status_code == 200
    return response


def _everyone(grouping) -> dict:
    return {d.name: d for section in grouping.by_village + grouping.by_sector for d in section.deputies}


def test_deputies_are_grouped_by_village_or_by_sector_as_their_small_group_is_formed(client, public_town):
    grouping = _town_page(client, public_town["town"]).context["grouping"]
    assert [(s.title, [d.name for d in s.deputies]) for s in grouping.by_village] == [
        ("上坝村", ["张三"]),
        ("下坝村", ["李四"]),
    ]
    assert [(s.title, [d.name for d in s.deputies]) for s in grouping.by_sector] == [("医疗卫生", ["王医生"])]


def test_a_deputy_whose_term_ended_is_not_listed(client, public_town):
    html = _town_page(client, public_town["town"]).content.decode()
    assert "赵离任" not in html


def test_the_next_reception_day_is_the_deputys_own_published_day_and_skips_a_day_of_leave(client, public_town):
    deputies = _everyone(_town_page(client, public_town["town"]).context["grouping"])
    assert deputies["张三"].next_day == public_town["first"]
    assert deputies["李四"].next_day == public_town["later"]  # on leave on the first
    assert deputies["王医生"].next_day is None  # the sector group has no day published


def test_a_deputy_who_joined_after_the_roster_was_made_gets_the_groups_next_day(client, public_town):
    DeputyFactory(township=public_town["town"], name="新来", small_group=public_town["village_group"])
    deputies = _everyone(_town_page(client, public_town["town"]).context["grouping"])
    assert deputies["新来"].next_day == public_town["first"]


def test_a_draft_day_is_not_a_reception_day_for_the_public(client, public_town):
    draft = public_town["first"].date.fromordinal(public_town["first"].date.toordinal() - 2)
    deputies = _everyone(_town_page(client, public_town["town"]).context["grouping"])
    assert deputies["张三"].next_day.date != draft
    assert all(d.next_day is None or d.next_day.status == "published" for d in deputies.values())


def test_each_deputy_shows_the_stations_of_their_group(client, public_town):
    html = _town_page(client, public_town["town"]).content.decode()
    station = public_town["station"]
    assert reverse("public_station", kwargs={"code": public_town["town"].code, "pk": station.pk}) in html
    deputies = _everyone(_town_page(client, public_town["town"]).context["grouping"])
    assert [s.name for s in deputies["张三"].small_group.public_stations] == [station.name]


def test_the_public_pages_show_no_phone_address_or_birth_date(client, public_town):
    town, station = public_town["town"], public_town["station"]
    pages = [
        _town_page(client, town).content.decode(),
        client.get(reverse("public_station", kwargs={"code": town.code, "pk": station.pk})).content.decode(),
    ]
    for html in pages:
        assert "张三" in html
        for secret in PHONES + ADDRESSES + ("1971-03-14", "1971年3月14日"):
            assert secret not in html


def test_the_search_without_script_hides_the_others_and_keeps_them_on_the_page(client, public_town):
    response = _town_page(client, public_town["town"], q="上坝")
    deputies = _everyone(response.context["grouping"])
    assert {name for name, d in deputies.items() if d.matches} == {"张三"}
    assert response.context["shown"] == 1
    sections = response.context["grouping"].by_sector
    assert not sections[0].shown


def test_the_search_finds_a_deputy_by_sector_and_by_pinyin_initials(client, public_town):
    for query, found in (("医疗", {"王医生"}), ("zs", {"张三"}), ("ls", {"李四"})):
        deputies = _everyone(_town_page(client, public_town["town"], q=query).context["grouping"])
        assert {name for name, d in deputies.items() if d.matches} == found


def test_the_page_costs_the_same_queries_with_many_deputies(client, public_town, django_assert_max_num_queries):
    for n in range(40):
        DeputyFactory(township=public_town["town"], small_group=public_town["village_group"], village=f"村{n % 7}")
    with django_assert_max_num_queries(12):
        _town_page(client, public_town["town"])


def test_the_station_page_lists_its_groups_deputies_and_its_coming_days(client, public_town):
    town, station = public_town["town"], public_town["station"]
    response = client.get(reverse("public_station", kwargs={"code": town.code, "pk": station.pk}))
    assert [d.name for d in response.context["deputies"]] == ["李四", "张三"]
    assert response.context["days"] == [public_town["first"], public_town["later"]]
    html = response.content.decode()
    assert "每周一上午8:00—12:00" in html


def test_the_station_page_shows_at_most_eight_coming_days(client, public_town):
    town, station = public_town["town"], public_town["station"]
    for week in range(2, 12):
        duty_day(town, station, public_town["sector_group"], 7 * week + 1)
    response = client.get(reverse("public_station", kwargs={"code": town.code, "pk": station.pk}))
    days = response.context["days"]
    assert len(days) == 8
    assert [d.date for d in days] == sorted(d.date for d in days)


def test_the_leave_a_matter_button_leads_to_the_form_for_this_station_when_the_form_exists(client, public_town):
    town, station = public_town["town"], public_town["station"]
    html = client.get(reverse("public_station", kwargs={"code": town.code, "pk": station.pk})).content.decode()
    try:
        form = reverse("public_matter_create", kwargs={"code": town.code})
    except NoReverseMatch:
        assert "?station=" not in html  # the button is left out until the form is part of the site
        return
    assert f'href="{form}?station={station.pk}"' in html


def test_another_towns_station_is_not_found_on_this_towns_page(client, public_town, town_b):
    theirs = StationFactory(township=town_b)
    response = client.get(reverse("public_station", kwargs={"code": public_town["town"].code, "pk": theirs.pk}))
    assert response.status_code == 404


def test_a_closed_station_is_not_found(client, public_town):
    station = public_town["station"]
    station.is_active = False
    station.save()
    response = client.get(reverse("public_station", kwargs={"code": public_town["town"].code, "pk": station.pk}))
    assert response.status_code == 404


def test_an_unknown_town_is_not_found(client, public_town):
    assert client.get("/public/nowhere/").status_code == 404
