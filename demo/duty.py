"""Demo data of reception duty: a year of Monday reception days for 大莫古镇, run through the same services
the pages use — sign-ins at the station, leave asked and decided, substitutes, absences closed by the job."""

import random
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from congress.dates import add_months, first_of, last_of
from congress.models import Membership, Notification, Role, Township
from demo.period import at, demo_start
from deputies.models import Deputy, DeputyStatus, Station, StationLevel
from petitions.models import AttendanceStatus, DutyDay, DutyDayStatus, Holiday, ReceptionSettings
from petitions.presence import day_code
from petitions.services.attendance import duty_days_close, duty_sign_in
from petitions.services.duty import DutyError, duty_assignment_add, roster_generate, roster_publish
from petitions.services.leave import leave_decide, leave_request_create, substitute_respond
from petitions.services.points import point_days_generate, point_schedule_save

# The first day of the Spring Festival (春节) follows the lunar calendar, so it is looked up; Labour Day and
# National Day are fixed. The demo rests the reception day of each holiday's week.
SPRING_FESTIVAL = {
    2024: date(2024, 2, 10),
    2025: date(2025, 1, 29),
    2026: date(2026, 2, 17),
    2027: date(2027, 2, 6),
    2028: date(2028, 1, 26),
    2029: date(2029, 2, 13),
    2030: date(2030, 2, 3),
    2031: date(2031, 1, 23),
    2032: date(2032, 2, 11),
    2033: date(2033, 1, 31),
    2034: date(2034, 2, 19),
    2035: date(2035, 2, 8),
}
LEAVE_REASONS = ["外出务工", "家中农忙", "身体不适，需住院检查", "参加县里培训", "家中有事"]


def _monday_on_or_after(day: date) -> date:
    return day + timedelta(days=-day.weekday() % 7)


def holidays(start: date, end: date) -> list[tuple[date, str]]:
    """The Mondays of [start, end] that fall in the Spring Festival, Labour Day or National Day holiday."""
    days = []
    for year in range(start.year, end.year + 1):
        if year in SPRING_FESTIVAL:
            # The holiday begins on the eve of the festival.
            days.append((_monday_on_or_after(SPRING_FESTIVAL[year] - timedelta(days=1)), "春节"))
        days.append((_monday_on_or_after(date(year, 5, 1)), "劳动节"))
        days.append((_monday_on_or_after(date(year, 10, 1)), "国庆节"))
    return [(day, name) for day, name in days if start <= day <= end]


def build_duty(*, township: Township, today: date | None = None) -> None:
    """Settings, holidays and the demo's year of duty days: the past ones attended, the coming ones
    published to the end of next month, the month after that a draft."""
    today = today or timezone.localdate()
    station = Station.objects.for_township(township).filter(level=StationLevel.TOWN).order_by("pk").first()
    settings, _ = ReceptionSettings.objects.update_or_create(
        township=township, defaults={"station": station, "subsidy_per_duty": 50}
    )
    start = demo_start(today)
    published_until = last_of(add_months(first_of(today), 1))
    draft_until = last_of(add_months(first_of(today), 2))
    for day, name in holidays(start, draft_until):
        Holiday.objects.get_or_create(township=township, date=day, defaults={"name": name})
    roster_generate(township=township, start=start, end=draft_until, today=start)
    _point_days(township, start=start, end=draft_until)
    roster_publish(township=township, start=start, end=published_until)
    office = Membership.objects.filter(township=township, role=Role.OFFICE).select_related("user").first()
    rng = random.Random(2017)
    past = DutyDay.objects.for_township(township).filter(
        date__lt=today, closed_at__isnull=True, status=DutyDayStatus.PUBLISHED
    )
    for duty_day in past.select_related("station").prefetch_related("assignments__deputy").order_by("date"):
        _play_day(duty_day, settings, office.user if office else None, rng)
    duty_days_close(now=at(today, 0, 0))
    _demo_deputy_on_duty(township, today)
    # What the office was told about past days is history by now: the inbox opens on what is current.
    Notification.objects.filter(township=township, recipient__memberships__role=Role.OFFICE).update(
        read_at=timezone.now()
    )


def _point_days(township: Township, *, start: date, end: date) -> None:
    """Each village contact point receives once a month on a weekday of its own (never Monday, the station's day),
    two of its groups' deputies in turn: the first Tuesday, the first Wednesday, … the third Friday."""
    points = Station.objects.for_township(township).filter(level=StationLevel.VILLAGE, is_active=True)
    for index, point in enumerate(points.order_by("pk")):
        deputies = list(Deputy.objects.filter(small_group__stations=point, status=DeputyStatus.SERVING).distinct())
        if not deputies:
            continue
        schedule = point_schedule_save(
            station=point,
            ordinal=1 + (index // 4) % 3,
            weekday=1 + index % 4,
            start_time=time(9, 0),
            per_day=2,
            deputies=deputies,
            active=True,
        )
        point_days_generate(schedule=schedule, start=start, end=end, today=start)


def _demo_deputy_on_duty(township: Township, today: date) -> None:
    """The `deputy` login shows a coming duty day: twelve groups take turns, so their group's turn may fall
    after the published weeks; then the office puts them on the next published day, as it may any deputy."""
    deputy = Deputy.objects.for_township(township).filter(user__username="deputy").first()
    coming = (
        DutyDay.objects.for_township(township).station_days().filter(status=DutyDayStatus.PUBLISHED, date__gt=today)
    )
    if deputy is None or coming.filter(assignments__deputy=deputy).exists():
        return
    day = coming.order_by("date").first()
    if day is not None:
        duty_assignment_add(duty_day=day, deputy=deputy, today=today)


def _play_day(duty_day: DutyDay, settings: ReceptionSettings, office_user, rng: random.Random) -> None:
    for assignment in list(duty_day.assignments.all()):
        roll = rng.random()
        if roll < 0.10 and office_user is not None:
            _leave(assignment, office_user, rng)
        elif roll < 0.95:
            minutes = rng.choice([-25, -20, -15, -10, -8, -5, -2, -1, 2, 6])  # from the day's start
            try:
                duty_sign_in(
                    deputy=assignment.deputy,
                    station=duty_day.station,
                    code=day_code(station_id=duty_day.station_id, day=duty_day.date),  # signed in at the station
                    now=_from_start(duty_day, minutes),
                )
            except DutyError:
                pass
        # the rest neither sign in nor ask leave: the closing job marks them absent
    duty_days_close(now=at(duty_day.date, 12, 0))


def _leave(assignment, office_user, rng: random.Random) -> None:
    duty_day = assignment.duty_day
    asked_at = at(duty_day.date - timedelta(days=rng.randint(1, 4)), 19, 30)
    substitute = None
    if rng.random() < 0.35:
        on_day = set(duty_day.assignments.values_list("deputy_id", flat=True))
        candidates = assignment.deputy.small_group.large_group.small_groups.exclude(pk=duty_day.small_group_id)
        pool = [d for g in candidates for d in g.deputies.filter(status="serving") if d.pk not in on_day]
        substitute = rng.choice(pool) if pool else None
    try:
        leave = leave_request_create(
            assignment=assignment,
            deputy=assignment.deputy,
            reason=rng.choice(LEAVE_REASONS),
            substitute=substitute,
            now=asked_at,
        )
        if substitute is not None:
            substitute_respond(leave=leave, deputy=substitute, accept=True, now=asked_at + timedelta(hours=2))
        leave_decide(leave=leave, approve=True, comment="同意", user=office_user, now=asked_at + timedelta(hours=14))
    except DutyError:
        return
    if substitute is not None:
        replacement = duty_day.assignments.filter(deputy=substitute, status=AttendanceStatus.EXPECTED).first()
        if replacement is not None:
            duty_sign_in(
                deputy=substitute,
                station=duty_day.station,
                code=day_code(station_id=duty_day.station_id, day=duty_day.date),
                now=_from_start(duty_day, -10),
            )


def _from_start(duty_day: DutyDay, minutes: int) -> datetime:
    """A moment that many minutes from the day's start (a station's 08:00, a contact point's own hour)."""
    return timezone.make_aware(datetime.combine(duty_day.date, duty_day.start_time) + timedelta(minutes=minutes))
