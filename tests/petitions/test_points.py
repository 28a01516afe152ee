"""A contact point's own reception days (issue #25, part 2): its rule makes a day a month, its deputies take turns,
the days are published like the station's roster, show in the deputy's duty list, calendar and the point's public
page, are signed in at the point (the window moves with the point's start), and what is received there counts in
the point's figures and the town's. A deputy on duty elsewhere that day refuses the making, naming who and when."""

from datetime import date, time, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext as _

from congress.models import Notification
from congress.periods import Period
from deputies.models import StationLevel
from petitions.figures import station_figures, visit_figures
from petitions.models import (
    LAST,
    WORKING_DAY,
    AttendanceStatus,
    DutyAssignment,
    DutyDay,
    DutyDayStatus,
    Holiday,
    PointSchedule,
)
from petitions.selectors.duty import subsidy_sheet
from petitions.services.attendance import duty_sign_in
from petitions.services.duty import DutyError, calendar_feed_renew, roster_generate
from petitions.services.points import point_days_generate, point_days_publish, point_schedule_save
from tests.factories import DeputyFactory, StationFactory, TownshipFactory
from tests.petitions.conftest import DAY, at, deputy

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]

MARCH, JUNE = date(2026, 3, 1), date(2026, 6, 30)


@pytest.fixture
def point(town_a):
    return StationFactory(
        township=town_a, name="上坝村人大代表联络点", level=StationLevel.VILLAGE, address="上坝村委会"
    )


@pytest.fixture
def schedule(duty_town, point):
    """The first working day of each month at 09:00, two of 钱七, 孙八, 周九 in turn."""
    return point_schedule_save(
        station=point,
        ordinal=1,
        weekday=WORKING_DAY,
        start_time=time(9, 0),
        per_day=2,
        deputies=[deputy("钱七"), deputy("孙八"), deputy("周九")],
        active=True,
    )


def names_by_day(schedule: PointSchedule) -> dict[date, list[str]]:
    days = {}
    for a in DutyAssignment.objects.filter(duty_day__schedule=schedule).order_by("duty_day__date", "deputy__name_sort"):
        days.setdefault(a.duty_day.date, []).append(a.deputy.name)
    return days


def test_the_rule_gives_a_day_a_month():
    rule = PointSchedule(ordinal=1, weekday=WORKING_DAY)
    # 2026-08-01 is a Saturday; 2026-10-01 a holiday (the National Day week).
    holidays = {date(2026, 10, 1), date(2026, 10, 2)}
    assert rule.date_in(2026, 8, holidays) == date(2026, 8, 3)
    assert rule.date_in(2026, 10, holidays) == date(2026, 10, 5)
    last_friday = PointSchedule(ordinal=LAST, weekday=4)
    assert last_friday.date_in(2026, 7, set()) == date(2026, 7, 31)
    # A named weekday that is a holiday gives no day that month.
    assert PointSchedule(ordinal=1, weekday=3).date_in(2026, 10, holidays) is None
    assert str(PointSchedule(ordinal=2, weekday=2).describe()) == _("Every month, the %(ordinal)s %(day)s") % {
        "ordinal": _("second"),
        "day": _("Wednesday"),
    }


def test_days_are_made_as_drafts_the_deputies_in_turn(schedule):
    made = point_days_generate(schedule=schedule, start=MARCH, end=JUNE)
    assert [d.date for d in made] == [date(2026, 3, 2), date(2026, 4, 1), date(2026, 5, 1), date(2026, 6, 1)]
    assert all(d.status == DutyDayStatus.DRAFT and d.small_group is None and d.start_time == time(9) for d in made)
    by_day = names_by_day(schedule)
    assert [sorted(by_day[d.date]) for d in made] == [
        sorted(["钱七", "孙八"]),
        sorted(["周九", "钱七"]),
        sorted(["孙八", "周九"]),
        sorted(["钱七", "孙八"]),
    ]
    # Made again: nothing new; the next range goes on with the turn.
    assert point_days_generate(schedule=schedule, start=MARCH, end=JUNE) == []
    july = point_days_generate(schedule=schedule, start=date(2026, 7, 1), end=date(2026, 7, 31))
    assert sorted(names_by_day(schedule)[july[0].date]) == sorted(["周九", "钱七"])


def test_the_station_roster_and_the_points_days_keep_apart(schedule, groups):
    point_days_generate(schedule=schedule, start=MARCH, end=JUNE)
    # The station's roster is made around them: its Mondays, one a date, the groups in turn.
    made = roster_generate(township=schedule.township, start=MARCH, end=date(2026, 3, 31), today=MARCH)
    assert [d.date for d in made] == [
        date(2026, 3, 2),
        date(2026, 3, 9),
        date(2026, 3, 16),
        date(2026, 3, 23),
        date(2026, 3, 30),
    ]
    assert DutyDay.objects.filter(date=date(2026, 3, 2)).count() == 2


def test_a_deputy_on_duty_at_the_station_that_day_refuses_the_making(schedule, groups, make_day):
    make_day(DAY, groups[1])  # 钱七 and 孙八's group receives at the station on Monday 2 March
    with pytest.raises(DutyError) as refused:
        point_days_generate(schedule=schedule, start=MARCH, end=JUNE)
    assert "钱七" in refused.value.text and "2026年3月2日" in refused.value.text
    assert not DutyDay.objects.filter(schedule=schedule).exists()


def test_only_a_contact_point_and_the_towns_serving_deputies(duty_town, station, point):
    with pytest.raises(DutyError):
        point_schedule_save(
            station=station, ordinal=1, weekday=WORKING_DAY, start_time=time(9), per_day=1, deputies=[], active=True
        )
    stranger = DeputyFactory(township=TownshipFactory(), name="外镇代表")
    with pytest.raises(DutyError) as refused:
        point_schedule_save(
            station=point,
            ordinal=1,
            weekday=WORKING_DAY,
            start_time=time(9),
            per_day=1,
            deputies=[stranger],
            active=True,
        )
    assert "外镇代表" in refused.value.text
    assert not PointSchedule.objects.exists()


def test_publishing_tells_the_points_deputies_and_leaves_the_station_roster(schedule, make_day, groups):
    station_draft = make_day(date(2026, 3, 9), groups[0], published=False)
    point_days_generate(schedule=schedule, start=MARCH, end=JUNE)
    assert point_days_publish(schedule=schedule, start=MARCH, end=date(2026, 3, 31)) == 1
    day = DutyDay.objects.get(schedule=schedule, date=date(2026, 3, 2))
    assert day.status == DutyDayStatus.PUBLISHED
    station_draft.refresh_from_db()
    assert station_draft.status == DutyDayStatus.DRAFT
    told = Notification.objects.filter(key__startswith="duty-published:")
    assert sorted(told.values_list("recipient_name", flat=True)) == sorted(["钱七", "孙八"])
    assert all("上坝村人大代表联络点" in n.body for n in told)


@pytest.fixture
def published(schedule):
    point_days_generate(schedule=schedule, start=MARCH, end=JUNE)
    point_days_publish(schedule=schedule, start=MARCH, end=JUNE)
    return DutyDay.objects.get(schedule=schedule, date=DAY)


def test_the_day_is_in_the_deputys_duty_list_and_calendar(client, published):
    client.force_login(deputy("钱七").user)
    page = client.get(reverse("my_duties"))
    assert page.status_code == 200
    assert "上坝村人大代表联络点" in page.content.decode()
    assert escape(_("Contact point's turn")) in page.content.decode()
    feed, _created = calendar_feed_renew(deputy=deputy("钱七"))
    ics = client.get(reverse("deputy_feed", args=[feed.token])).content.decode()
    assert "20260302T090000" in ics and "上坝村人大代表联络点" in ics


def test_signing_in_at_the_point_follows_its_start(frozen_clock, published, point, station):
    qian = deputy("钱七")
    frozen_clock.move_to(at(8, 0), tick=False)
    with pytest.raises(DutyError) as early:
        duty_sign_in(deputy=qian, station=point, now=at(8, 0))
    assert "08:30" in early.value.text  # the town's 07:30 window moved with the 09:00 start
    with pytest.raises(DutyError):
        duty_sign_in(deputy=qian, station=station, now=at(8, 45))  # not on duty at the station
    assignment = duty_sign_in(deputy=qian, station=point, now=at(8, 50))
    assert assignment.status == AttendanceStatus.PRESENT and not assignment.late


def test_signing_in_through_the_points_page(client, frozen_clock, published, point):
    frozen_clock.move_to(at(8, 55), tick=False)
    client.force_login(deputy("孙八").user)
    response = client.post(reverse("sign_in", args=[point.pk]), follow=True)
    assert response.status_code == 200
    assert DutyAssignment.objects.get(duty_day=published, deputy__name="孙八").status == AttendanceStatus.PRESENT


def test_what_is_received_at_the_point_counts_in_its_figures_and_the_towns(
    frozen_clock, published, point, record, station
):
    frozen_clock.move_to(at(12, 0), tick=False)
    record(station=point, duty_day=published, received_at=at(9, 30))
    record(station=point, received_at=at(11, 0))
    record(station=station, received_at=at(10, 0))
    year = Period(date(2026, 1, 1), date(2026, 12, 31))
    assert station_figures(station=point, period=year).value("visits") == 2
    assert station_figures(station=station, period=year).value("visits") == 1
    assert visit_figures(township=point.township, period=year).value("visits") == 3


def test_the_points_page_for_each_role(client, alice, leo, published, point, dave):
    client.force_login(alice)
    page = client.get(reverse("point_schedule", args=[point.pk]))
    assert page.status_code == 200
    body = page.content.decode()
    assert "钱七" in body and 'data-point-day="2026-03-02"' in body
    # Without a deputy the rule is not saved; the form says why.
    bad = client.post(
        reverse("point_schedule", args=[point.pk]),
        {"ordinal": "1", "weekday": "7", "start_time": "09:00", "per_day": "2", "active": "on"},
    )
    assert bad.status_code == 200 and b"is-invalid" in bad.content
    assert PointSchedule.objects.get().deputies.count() == 3
    # A leader reads the page and cannot save the rule.
    client.force_login(leo)
    assert client.get(reverse("point_schedule", args=[point.pk])).status_code == 200
    assert client.post(reverse("point_schedule", args=[point.pk]), {"ordinal": "1"}).status_code == 403
    client.force_login(dave)
    assert client.get(reverse("point_schedule", args=[point.pk])).status_code == 404


def test_the_public_page_of_the_point_shows_its_coming_day(client, published, point):
    page = client.get(reverse("public_station", args=[point.township.code, point.pk]))
    assert page.status_code == 200
    assert "2026年3月2日" in page.content.decode()


def test_holidays_are_skipped(schedule):
    Holiday.objects.create(township=schedule.township, date=date(2026, 5, 1), name="劳动节")
    made = point_days_generate(schedule=schedule, start=date(2026, 5, 1), end=date(2026, 5, 31))
    assert [d.date for d in made] == [date(2026, 5, 4)]


def test_a_range_backwards_or_too_long_is_refused(schedule):
    with pytest.raises(DutyError):
        point_days_generate(schedule=schedule, start=JUNE, end=MARCH)
    with pytest.raises(DutyError):
        point_days_generate(schedule=schedule, start=MARCH, end=MARCH + timedelta(days=800))
    assert not DutyDay.objects.filter(schedule=schedule).exists()


def test_the_station_roster_made_later_leaves_a_deputy_at_the_point_that_day(schedule, groups):
    point_days_generate(schedule=schedule, start=MARCH, end=date(2026, 3, 31))  # 钱七 and 孙八 on 2 March
    groups[0].is_active = False
    groups[0].save()  # so the second group, 钱七 and 孙八's, takes the station's Monday
    [monday] = roster_generate(township=schedule.township, start=DAY, end=DAY, today=MARCH)
    assert monday.small_group == groups[1]
    # The point holds them that day: the station's day goes on without them, and nobody is on two days at once.
    assert not DutyAssignment.objects.filter(duty_day=monday).exists()
    assert DutyAssignment.objects.filter(duty_day__date=DAY, deputy__name="钱七").count() == 1


def test_a_points_day_is_not_on_the_subsidy_sheet(published, point, station, groups, make_day):
    """The article pays the lost-work subsidy for the leaders' reception (接访) at the station, not a point's day."""
    march_9 = make_day(date(2026, 3, 9), groups[1])
    DutyAssignment.objects.filter(duty_day__in=[published, march_9]).update(
        status=AttendanceStatus.PRESENT, signed_in_at=at(8, 50)
    )
    sheet = {
        line.deputy.name: line.days
        for line in subsidy_sheet(township=point.township, year=2026, month=3, rate=Decimal(50))
    }
    assert sheet == {"钱七": 1, "孙八": 1}  # their station day only, not the point's of 2 March
