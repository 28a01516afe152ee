"""The month's duty subsidy sheet (petitions/selectors/duty.py)."""

from datetime import date
from decimal import Decimal

import pytest

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
