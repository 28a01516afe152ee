"""A deputy's home address, like the phone, is the office's to read in full; leaders and the county see the
village, group or street with the house hidden (东村3组****), on the deputy's page, in its history of changes and
in the register's export."""

from io import BytesIO

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from deputies.models import Deputy
from deputies.resources.cells import mask_address
from deputies.services.register import deputy_save
from tests.factories import SmallGroupFactory

pytestmark = pytest.mark.django_db
HOME = "上坝村3组12号"
MASKED = "上坝村3组****"
OLD_HOME = "下坝村5组7号"


@pytest.mark.parametrize(
    ("address", "masked"),
    [
        (HOME, MASKED),
        ("昆明市盘龙区北京路123号4栋", "昆明市盘龙区北京路****"),
        ("阳光小区5栋2单元301室", "阳光小区****"),
        ("上坝村", "上坝村"),  # nothing but the village: nothing to hide
        ("12号院", "****"),  # no place word: the start only, no number
        ("镇政府大院东侧", "镇政府****"),
        ("", ""),
    ],
)
def test_the_mask_keeps_the_place_and_hides_the_house(address, masked):
    assert mask_address(address) == masked


@pytest.fixture
def deputy(town_a) -> Deputy:
    group = SmallGroupFactory(township=town_a)
    deputy = deputy_save(deputy=Deputy(name="李文华", gender="M", small_group=group, address=OLD_HOME), township=town_a)
    deputy.address = HOME
    return deputy_save(deputy=deputy, township=town_a)


@pytest.fixture
def clients(login, alice, leo, erin, town_a) -> dict[str, Client]:
    county = login(erin)
    county.post("/switch/", {"township": town_a.pk})
    return {"office": login(alice), "leader": login(leo), "county": county}


def _export_addresses(client: Client) -> list[str]:
    response = client.get(reverse("deputy_export"))
    assert response.status_code == 200
    sheet = load_workbook(BytesIO(response.content)).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    header = next(i for i, row in enumerate(rows) if "家庭住址" in row)
    column = rows[header].index("家庭住址")
    return [row[column] for row in rows[header + 1 :] if row[column]]


@pytest.mark.parametrize("role", ["leader", "county"])
def test_leaders_and_the_county_see_no_full_address_on_the_page_or_in_the_export(role, clients, deputy):
    page = clients[role].get(reverse("deputy_detail", kwargs={"pk": deputy.pk})).content.decode()
    assert MASKED in page
    assert HOME not in page and OLD_HOME not in page and "12号" not in page and "7号" not in page
    assert _export_addresses(clients[role]) == [MASKED]


def test_the_office_sees_the_full_address_and_its_history(clients, deputy):
    page = clients["office"].get(reverse("deputy_detail", kwargs={"pk": deputy.pk})).content.decode()
    assert HOME in page and OLD_HOME in page
    assert _export_addresses(clients["office"]) == [HOME]
