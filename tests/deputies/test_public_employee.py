"""A deputy who is a salaried public employee (公职人员): set in the form, read from the sheet, shown on the page."""

import pytest
from django.utils.translation import gettext as _

from deputies.models import Deputy
from deputies.services.imports import KINDS, register_import_confirm, register_import_preview
from tests.deputies.sheets import HEADERS, deputy_row, upload, workbook
from tests.factories import SmallGroupFactory

pytestmark = pytest.mark.django_db
KIND = KINDS["deputies"]


def _import(town, content: bytes) -> None:
    result = register_import_preview(kind=KIND, township=town, upload=upload(content))
    assert result.totals["error"] == 0
    register_import_confirm(kind=KIND, township=town, token=result.token, filename=result.filename, only_valid=False)


def test_the_office_marks_a_deputy_a_public_employee_in_the_form_and_the_page_says_so(login, alice, town_a):
    client = login(alice)
    group = SmallGroupFactory(township=town_a)
    data = {"name": "李文华", "gender": "M", "ethnicity": "汉族", "level": "town", "term": 18, "status": "serving"}

    response = client.post("/register/deputies/new/", data | {"small_group": group.pk, "public_employee": "on"})

    assert response.status_code == 302
    deputy = Deputy.objects.get()
    assert deputy.public_employee is True
    page = client.get(f"/register/deputies/{deputy.pk}/").text
    assert _("Salaried public employee") in page


@pytest.mark.parametrize("header", ["公职人员", "是否公职人员"])
def test_the_register_sheet_reads_the_public_employee_column(town_a, header):
    group = SmallGroupFactory(township=town_a, name="坝区代表小组")
    rows = [deputy_row("李文华", group.name) + ["是"], deputy_row("王丽", group.name) + ["否"]]

    _import(town_a, workbook(rows, headers=[*HEADERS, header]))

    assert dict(Deputy.objects.values_list("name", "public_employee")) == {"李文华": True, "王丽": False}


def test_a_sheet_without_the_column_leaves_a_public_employee_as_they_are(town_a):
    group = SmallGroupFactory(township=town_a, name="坝区代表小组")
    _import(town_a, workbook([deputy_row("李文华", group.name) + ["是"]], headers=[*HEADERS, "公职人员"]))

    _import(town_a, workbook([deputy_row("李文华", group.name, phone="13900000001")]))

    assert Deputy.objects.get().public_employee is True
