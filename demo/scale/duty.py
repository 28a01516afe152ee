"""Reception duty of towns built in bulk, a month at a time: a published day every Monday with its group's
assignments."""

from datetime import time, timedelta

from demo.scale.base import LEADERS, SMALL_GROUPS, Month, at
from demo.scale.write import new, write
from petitions.models import AttendanceStatus, DutyAssignment, DutyDay, DutyDayStatus


def duty(month: Month) -> None:
    """The month's reception days (every Monday of the years built and the next four weeks), with their
    assignments."""
    _days(month)
    _assignments(month)


def _days(month: Month) -> None:
    """A published duty day every Monday, the groups in turn, a leader each; left in `month.days`."""
    plan = month.plan
    days, leaders = [], []
    for town in month.towns:
        for k in plan.mondays_of.get(month.month, []):
            day = plan.mondays[k]
            days.append(
                new(
                    DutyDay,
                    township_id=town.pk,
                    date=day,
                    start_time=time(8),
                    station_id=town.station,
                    small_group_id=town.groups[k % SMALL_GROUPS],
                    status=DutyDayStatus.PUBLISHED,
                    published_at=at(day - timedelta(days=30), 9),
                    closed_at=at(day, 12) if day < plan.today else None,
                )
            )
            leaders.append(town.leaders[k % len(LEADERS)])
    write(DutyDay, days, month.built)
    month.days = {(d.township_id, d.date): d for d in days}
    through = DutyDay.leaders.through
    write(
        through,
        [new(through, dutyday_id=d.pk, leader_id=leader) for d, leader in zip(days, leaders, strict=True)],
        month.built,
    )


def _assignments(month: Month) -> None:
    """Every member of the day's group on it: past days signed in, on leave or absent; coming ones expected."""
    rng, today = month.rng, month.plan.today
    members = {g: ids for town in month.towns for g, ids in town.members.items()}
    assignments = []
    for day in month.days.values():
        past = day.date < today
        for deputy in members[day.small_group_id]:
            roll = rng.random()
            if not past:
                status, signed = AttendanceStatus.EXPECTED, None
            elif roll < 0.04:
                status, signed = AttendanceStatus.LEAVE, None
            elif roll < 0.07:
                status, signed = AttendanceStatus.ABSENT, None
            else:
                status, signed = AttendanceStatus.PRESENT, at(day.date, 7, rng.randint(30, 59))
            assignments.append(
                new(
                    DutyAssignment,
                    township_id=day.township_id,
                    duty_day_id=day.pk,
                    deputy_id=deputy,
                    status=status,
                    signed_in_at=signed,
                    late=status == AttendanceStatus.PRESENT and roll > 0.97,
                )
            )
    write(DutyAssignment, assignments, month.built)
