"""The month's duty subsidy sheet (petitions/selectors/duty.py)."""

from datetime import date
from decimal import Decimal

import pytest
from django.utils.translation import gettext as _

from deputies.models import Deputy
from petitions.models import AttendanceStatus, DutyAssignment
from petitions.selectors.duty import subsidy_sheet
from tests.petitions.conftest import mark_present

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]


# --- subsidy_sheet ----------------------------------------------------------------------------------


def test_the_subsidy_sheet_pays_the_rate_for_each_duty_attended_in_the_month(duty_town, groups, make_day):
    g1, g2, _g3 = groups
    march_2 = make_day(date(2026, 3, 2), g1)
    march_9 = make_day(date(2026, 3, 9), g2)
    march_16 = make_day(date(2026, 3, 16), g1)
    april_6 = make_day(date(2026, 4, 6), g1)
    feb_23 = make_day(date(2026, 2, 23), g1)
    for duty_day, name in [
        (march_2, "张三"),
        (march_2, "李四"),
        (march_9, "钱七"),
        (march_16, "张三"),
        (april_6, "张三"),  # another month
        (feb_23, "李四"),  # another month
    ]:
        mark_present(duty_day, name)
    DutyAssignment.objects.filter(duty_day=march_16, deputy__name="李四").update(status=AttendanceStatus.LEAVE)
    DutyAssignment.objects.filter(duty_day=march_9, deputy__name="孙八").update(status=AttendanceStatus.ABSENT)

    sheet = subsidy_sheet(township=duty_town, year=2026, month=3, rate=Decimal("50.00"))

    # March: 张三 present on 3-2 and 3-16, 李四 on 3-2, 钱七 on 3-9 → 4 duties × 50 = 200.
    assert {line.deputy.name: (line.days, line.amount) for line in sheet} == {
        "张三": (2, Decimal("100.00")),
        "李四": (1, Decimal("50.00")),
        "钱七": (1, Decimal("50.00")),
    }
    assert sum(line.amount for line in sheet) == Decimal("200.00")


def _march_with_a_public_employee(make_day, groups):
    """张三 (a salaried public employee) and 李四 present on 2026-03-02."""
    march_2 = make_day(date(2026, 3, 2), groups[0])
    mark_present(march_2, "张三")
    mark_present(march_2, "李四")
    Deputy.objects.filter(name="张三").update(public_employee=True)


def test_a_public_employee_is_listed_with_no_subsidy_by_default(duty_town, groups, make_day):
    _march_with_a_public_employee(make_day, groups)

    sheet = {line.deputy.name: line for line in subsidy_sheet(township=duty_town, year=2026, month=3, rate=Decimal(50))}

    assert (sheet["张三"].days, sheet["张三"].amount) == (1, Decimal(0))
    assert sheet["张三"].note == _("Public employee: not paid")
    assert (sheet["李四"].amount, sheet["李四"].note) == (Decimal(50), "")


def test_a_public_employee_is_paid_when_the_towns_rule_pays_them_too(duty_town, groups, make_day):
    _march_with_a_public_employee(make_day, groups)

    sheet = subsidy_sheet(township=duty_town, year=2026, month=3, rate=Decimal(50), pay_public_employees=True)

    assert {line.deputy.name: (line.amount, line.note) for line in sheet} == {
        "张三": (Decimal(50), ""),
        "李四": (Decimal(50), ""),
    }
