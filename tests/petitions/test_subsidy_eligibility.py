"""The town's rule on paying salaried public employees (公职人员) the duty subsidy: the settings and the sheet."""

from datetime import date
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from deputies.models import Deputy
from petitions.models import ReceptionSettings
from tests.petitions.conftest import mark_present

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]

SHEET = reverse("subsidy_sheet") + "?year=2026&month=3"
NOTE = "Public employee: not paid"


@pytest.fixture
def march(duty_town, groups, make_day):
    """张三, a salaried public employee, and 李四 attended on 2026-03-02."""
    day = make_day(date(2026, 3, 2), groups[0])
    mark_present(day, "张三")
    mark_present(day, "李四")
    Deputy.objects.filter(name="张三").update(public_employee=True)
    return day


def _settings_data(reception, **extra) -> dict:
    return {
        "weekday_list": ["0"],
        "start_time": "08:00",
        "window_opens": "07:30",
        "window_closes": "08:30",
        "station": reception.station_id,
        "subsidy_per_duty": "50.00",
        "reminder_time": "18:00",
        "holidays": "",
        **extra,
    }


def test_the_sheet_shows_a_public_employee_with_no_subsidy_and_the_reason(login, alice, march):
    response = login(alice).get(SHEET)

    assert response.status_code == 200
    assert escape(_(NOTE)) in response.text
    assert [line.amount for line in response.context["lines"] if line.deputy.name == "张三"] == [0]
    assert response.context["total_amount"] == 50


def test_the_office_sets_the_towns_rule_and_the_sheet_then_pays_public_employees(login, alice, reception, march):
    client = login(alice)

    saved = client.post(reverse("reception_settings"), _settings_data(reception, subsidy_public_employees="on"))

    assert saved.status_code == 302
    assert ReceptionSettings.objects.get().subsidy_public_employees is True
    response = client.get(SHEET)
    assert escape(_(NOTE)) not in response.text
    assert response.context["total_amount"] == 100


def test_the_exported_sheet_carries_the_note(login, alice, march):
    response = login(alice).get(SHEET + "&format=xlsx")

    assert response.status_code == 200
    rows = list(load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True))
    assert [row[5] for row in rows if row[1] == "张三"] == [_(NOTE)]
