"""The register's pages and services: lists, search, history, group moves, phones, towns kept apart."""

import re
from datetime import date

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from congress.models import Township
from deputies.models import Deputy, DeputyStatus, GroupMembership
from deputies.services.imports import KINDS, register_export, register_import_preview
from deputies.services.register import deputy_end_term, deputy_save
from tests.deputies.sheets import upload
from tests.factories import DeputyFactory, SmallGroupFactory

pytestmark = pytest.mark.django_db


def test_the_list_shows_the_towns_serving_deputies_only(login, alice, town_a, town_b):
    DeputyFactory(township=town_a, name="甲镇代表")
    DeputyFactory(township=town_a, name="已离任代表", status=DeputyStatus.ENDED)
    DeputyFactory(township=town_b, name="乙镇代表")
    response = login(alice).get("/register/deputies/")
    names = [d.name for d in response.context["page"].object_list]
    assert names == ["甲镇代表"]


def test_search_finds_a_deputy_by_pinyin_initials(login, alice, town_a):
    DeputyFactory(township=town_a, name="李文华")
    DeputyFactory(township=town_a, name="王丽")
    response = login(alice).get("/register/deputies/", {"q": "lwh"})
    assert [d.name for d in response.context["page"].object_list] == ["李文华"]


def test_the_county_filter_includes_deputies_of_both_levels(login, alice, town_a):
    DeputyFactory(township=town_a, name="县级", level="county")
    DeputyFactory(township=town_a, name="两级", level="both")
    DeputyFactory(township=town_a, name="镇级", level="town")
    response = login(alice).get("/register/deputies/", {"level": "county"})
    assert {d.name for d in response.context["page"].object_list} == {"县级", "两级"}


def test_a_group_filter_cannot_name_another_towns_group(login, alice, town_a, town_b):
    foreign = SmallGroupFactory(township=town_b)
    DeputyFactory(township=town_a)
    response = login(alice).get("/register/deputies/", {"small_group": foreign.pk})
    assert response.status_code == 200
    assert "small_group" in response.context["filter"].errors


def test_the_list_costs_the_same_queries_for_10_and_1000_deputies(login, alice, town_a):
    group = SmallGroupFactory(township=town_a)
    client = login(alice)

    def queries_with(total: int) -> int:
        have = Deputy.objects.count()
        Deputy.objects.bulk_create(
            Deputy(township=town_a, name=f"代表{n}", gender="M", small_group=group, name_initials=f"db{n}")
            for n in range(have, total)
        )
        with CaptureQueriesContext(connection) as captured:
            response = client.get("/register/deputies/", {"order": "group"})
        assert response.context["page"].paginator.count == total
        return len(captured)

    assert queries_with(10) == queries_with(1000)


def test_phones_are_masked_for_leaders_and_the_county(login, alice, leo, erin, town_a, town_b):
    DeputyFactory(township=town_a, phone="13912345678")
    assert "13912345678" in login(alice).get("/register/deputies/").content.decode()
    assert "139****5678" in login(leo).get("/register/deputies/").content.decode()
    county = login(erin)
    county.post("/switch/", {"township": town_a.pk})
    page = county.get("/register/deputies/").content.decode()
    assert "139****5678" in page and "13912345678" not in page


def test_the_other_towns_office_gets_404_for_a_deputy(login, dave, town_a):
    deputy = DeputyFactory(township=town_a)
    assert login(dave).get(f"/register/deputies/{deputy.pk}/").status_code == 404
    assert login(dave).post(f"/register/deputies/{deputy.pk}/edit/", {"name": "x"}).status_code == 404


def test_creating_a_deputy_in_the_browser_validates_the_phone(login, alice, town_a):
    group = SmallGroupFactory(township=town_a)
    data = {"name": "李文华", "gender": "M", "ethnicity": "汉族", "level": "town", "term": 18, "status": "serving"}
    response = login(alice).post("/register/deputies/new/", data | {"small_group": group.pk, "phone": "123"})
    assert response.status_code == 200
    assert "phone" in response.context["form"].errors
    assert not Deputy.objects.exists()
    response = login(alice).post("/register/deputies/new/", data | {"small_group": group.pk, "phone": "139 1234 5678"})
    assert response.status_code == 302
    assert Deputy.objects.get().phone == "13912345678"


def test_the_same_person_cannot_be_registered_twice_in_a_town(login, alice, town_a):
    DeputyFactory(township=town_a, name="李文华", birth_date=date(1980, 5, 1))
    data = {"name": "李文华", "gender": "M", "ethnicity": "汉族", "level": "town", "term": 18, "status": "serving"}
    response = login(alice).post("/register/deputies/new/", data | {"birth_date": "1980-05-01"})
    assert response.status_code == 200
    assert response.context["form"].errors
    assert Deputy.objects.count() == 1


def test_moving_a_deputy_keeps_the_dates_of_each_group(town_a):
    first, second = SmallGroupFactory(township=town_a), SmallGroupFactory(township=town_a)
    deputy = deputy_save(
        deputy=Deputy(name="李文华", gender="M", small_group=first), township=town_a, on=date(2024, 1, 1)
    )
    deputy.small_group = second
    deputy_save(deputy=deputy, township=town_a, on=date(2025, 6, 1))
    spans = list(GroupMembership.objects.order_by("start_date").values_list("small_group", "start_date", "end_date"))
    assert spans == [(first.pk, date(2024, 1, 1), date(2025, 6, 1)), (second.pk, date(2025, 6, 1), None)]


def test_ending_a_term_keeps_the_deputy_and_closes_the_group(town_a):
    group = SmallGroupFactory(township=town_a)
    deputy = deputy_save(
        deputy=Deputy(name="李文华", gender="M", small_group=group), township=town_a, on=date(2024, 1, 1)
    )
    deputy_end_term(deputy=deputy, on=date(2026, 10, 1))
    deputy.refresh_from_db()
    assert deputy.status == DeputyStatus.ENDED
    assert GroupMembership.objects.get().end_date == date(2026, 10, 1)


def test_the_detail_page_shows_who_changed_what(login, alice, town_a):
    client = login(alice)
    group = SmallGroupFactory(township=town_a)
    data = {"name": "李文华", "gender": "M", "ethnicity": "汉族", "level": "town", "term": 18, "status": "serving"}
    client.post("/register/deputies/new/", data | {"small_group": group.pk, "phone": "13912345678"})
    deputy = Deputy.objects.get()
    client.post(f"/register/deputies/{deputy.pk}/edit/", data | {"small_group": group.pk, "phone": "13800000000"})
    response = client.get(f"/register/deputies/{deputy.pk}/")
    latest = response.context["history"][0]
    assert latest["who"] == alice
    assert [(f["old"], f["new"]) for f in latest["fields"]] == [("13912345678", "13800000000")]


def test_the_public_station_page_shows_no_phone(client, town_a, town_a_objects):
    station = town_a_objects["station"]
    DeputyFactory(township=town_a, phone="13912345678")
    response = client.get(f"/public/{town_a.code}/stations/{station.pk}/")
    assert response.status_code == 200
    assert "13912345678" not in response.content.decode()


@pytest.mark.slow
@override_settings(DEBUG=True)
def test_the_demo_register_exports_and_reimports_unchanged(demo_rows):
    town = Township.objects.get(code="damogu")
    kind = KINDS["deputies"]
    content = register_export(kind=kind, township=town, queryset=Deputy.objects.for_township(town), mask_phones=False)
    result = register_import_preview(kind=kind, township=town, upload=upload(content, "export.xlsx"))
    assert result.totals == {"new": 0, "update": 0, "unchanged": 94, "error": 0}


def test_the_home_page_counts_each_deputy_once_and_says_how_many_are_county_level(login, alice, town_a):
    for level in ("county", "town", "both", "town"):
        DeputyFactory(township=town_a, level=level)
    page = login(alice).get(reverse("home")).content.decode()
    deputies = re.search(r'data-figure="deputies">(\d+)<', page).group(1)
    county = re.search(r'data-figure-detail="county_level">([^<]+)<', page).group(1)
    assert deputies == "4"
    assert re.sub(r"\s", "", county) == "其中县级代表2名（含两级代表1名）"
