"""Fixtures of the register tests. `public_town`: town A as the public pages see it: a village-formed group
(张三 of 上坝村, 李四 of 下坝村) and a sector-formed one (王医生 of 医疗卫生), each with a phone, a home address and a
birth date no public page may show; a deputy whose term ended; the town station with the village group attached;
and a published roster: the village group's next day (张三 on it, 李四 on leave), a later one with 李四, a draft
before both."""

from datetime import date, time, timedelta

import pytest
from django.utils import timezone

from deputies.models import DeputyStatus, GroupBasis, StationLevel
from petitions.models import AttendanceStatus, DutyAssignment, DutyDay, DutyDayStatus
from tests.factories import DeputyFactory, SmallGroupFactory, StationFactory

PHONES = ("13912340001", "13912340002", "13912340003")
ADDRESSES = ("上坝村三组十二号", "下坝村五组八号", "镇卫生院宿舍二栋")


def duty_day(town, station, group, days_ahead: int, *, published: bool = True) -> DutyDay:
    return DutyDay.objects.create(
        township=town,
        date=timezone.localdate() + timedelta(days=days_ahead),
        start_time=time(8, 0),
        station=station,
        small_group=group,
        status=DutyDayStatus.PUBLISHED if published else DutyDayStatus.DRAFT,
    )


def build_public_town(town_a) -> dict:
    village_group = SmallGroupFactory(township=town_a, name="坝区代表小组", basis=GroupBasis.VILLAGE)
    sector_group = SmallGroupFactory(township=town_a, name="卫生界代表小组", basis=GroupBasis.SECTOR)
    people = [
        ("张三", village_group, "上坝村", ""),
        ("李四", village_group, "下坝村", ""),
        ("王医生", sector_group, "镇卫生院", "医疗卫生"),
    ]
    deputies = {
        name: DeputyFactory(
            township=town_a,
            name=name,
            small_group=group,
            village=village,
            sector=sector,
            phone=phone,
            address=address,
            birth_date=date(1971, 3, 14 + n),
        )
        for n, ((name, group, village, sector), phone, address) in enumerate(
            zip(people, PHONES, ADDRESSES, strict=True)
        )
    }
    ended = DeputyFactory(
        township=town_a, name="赵离任", small_group=village_group, village="上坝村", status=DeputyStatus.ENDED
    )
    station = StationFactory(
        township=town_a, name="甲镇人大代表接待站", level=StationLevel.TOWN, opening_rules="每周一上午8:00—12:00"
    )
    station.small_groups.add(village_group)
    duty_day(town_a, station, village_group, 1, published=False)
    first = duty_day(town_a, station, village_group, 3)
    later = duty_day(town_a, station, village_group, 10)
    DutyAssignment.objects.create(township=town_a, duty_day=first, deputy=deputies["张三"])
    DutyAssignment.objects.create(
        township=town_a, duty_day=first, deputy=deputies["李四"], status=AttendanceStatus.LEAVE
    )
    DutyAssignment.objects.create(township=town_a, duty_day=later, deputy=deputies["李四"])
    return {
        "town": town_a,
        "deputies": deputies,
        "ended": ended,
        "station": station,
        "village_group": village_group,
        "sector_group": sector_group,
        "first": first,
        "later": later,
    }


@pytest.fixture
def public_town(town_a):
    return build_public_town(town_a)
