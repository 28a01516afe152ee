"""A deputy's date of birth is from 1900 to 18 years ago (congress.validators.BIRTH), on the register's form and
in an imported sheet: out of range, the form is refused with a message naming the range and the sheet's row is
an error naming it; nothing is written."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils.translation import override

from deputies.models import Deputy
from deputies.services.imports import KINDS, register_import_preview
from tests.deputies.sheets import deputy_row, upload, workbook
from tests.factories import SmallGroupFactory

pytestmark = pytest.mark.django_db
TODAY = date(2026, 12, 7)
FORM = {"name": "李文华", "gender": "M", "ethnicity": "汉族", "level": "town", "term": 18, "status": "serving"}


@pytest.fixture(autouse=True)
def today(time_machine):
    time_machine.move_to(datetime(2026, 12, 7, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False)


@pytest.fixture
def group(town_a):
    return SmallGroupFactory(township=town_a, name="坝区代表小组")


@pytest.mark.parametrize("born", ["9999-12-31", "1899-12-31", "2016-12-07"], ids=["9999", "1899", "ten-years-old"])
def test_a_birth_date_out_of_range_is_refused_on_the_form(login, alice, group, born):
    with override("en"):
        response = login(alice).post(reverse("deputy_create"), FORM | {"small_group": group.pk, "birth_date": born})
    assert response.status_code == 200
    (error,) = response.context["form"].errors["birth_date"]
    assert "1900" in error and "2008" in error, error
    assert "18" in error
    assert not Deputy.objects.exists()


def test_a_deputy_born_thirty_years_ago_is_registered(login, alice, group):
    response = login(alice).post(reverse("deputy_create"), FORM | {"small_group": group.pk, "birth_date": "1996-12-07"})
    assert response.status_code == 302
    assert Deputy.objects.get().birth_date == date(1996, 12, 7)


def test_editing_a_deputy_with_a_birth_date_of_9999_changes_nothing(login, alice, group, town_a):
    deputy = Deputy.objects.create(township=town_a, name="李文华", gender="M", small_group=group)
    url = reverse("deputy_edit", kwargs={"pk": deputy.pk})
    response = login(alice).post(url, FORM | {"small_group": group.pk, "birth_date": "9999-12-31"})
    assert response.status_code == 200 and "birth_date" in response.context["form"].errors
    deputy.refresh_from_db()
    assert deputy.birth_date is None


@pytest.mark.parametrize("born", ["9999-12-31", "1899.12", "2016-12-07"])
def test_a_birth_date_out_of_range_in_a_sheet_is_that_rows_error(town_a, group, born):
    rows = [deputy_row("李文华", group.name, birth=born), deputy_row("王丽", group.name, birth="1996-12-07")]
    with override("en"):
        result = register_import_preview(kind=KINDS["deputies"], township=town_a, upload=upload(workbook(rows)))
    assert [row.is_error for row in result.rows] == [True, False]
    (message,) = result.rows[0].messages
    assert "1900" in message and "2008" in message, message
    assert not Deputy.objects.exists()
