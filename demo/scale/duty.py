"""Reception duty of towns built in bulk: a published day every Monday with its group's assignments."""

from datetime import time, timedelta

from demo.scale.base import LEADERS, SMALL_GROUPS, VILLAGE_POINTS, Chunk, at, bulk
from petitions.models import AttendanceStatus, DutyAssignment, DutyDay, DutyDayStatus, ReceptionSettings


def duty(chunk: Chunk) -> None:
    """A reception day every Monday of the years built and the next four weeks, with its assignments."""
    _days(chunk)
    _assignments(chunk)


def _days(chunk: Chunk) -> None:
    """The reception settings and a published duty day every Monday, the groups in turn, a leader each."""
    towns, built = chunk.towns, chunk.built
    bulk(
        built,
        ReceptionSettings,
        [
            ReceptionSettings(township=t, station=chunk.stations[i * (VILLAGE_POINTS + 1)], subsidy_per_duty=50)
            for i, t in enumerate(towns)
        ],
    )
    days = []
    for i, t in enumerate(towns):
        groups = chunk.of(chunk.groups, SMALL_GROUPS, i)
        for k, day in enumerate(chunk.past_mondays + chunk.coming_mondays):
            past = day < chunk.today
            days.append(
                DutyDay(
                    township=t,
                    date=day,
                    start_time=time(8),
                    station=chunk.stations[i * (VILLAGE_POINTS + 1)],
                    small_group=groups[k % SMALL_GROUPS],
                    status=DutyDayStatus.PUBLISHED,
                    published_at=at(day - timedelta(days=30), 9),
                    closed_at=at(day, 12) if past else None,
                )
            )
    chunk.days = bulk(built, DutyDay, days)
    through = DutyDay.leaders.through
    bulk(
        built,
        through,
        [
            through(dutyday_id=d.pk, leader_id=chunk.leaders[i * len(LEADERS) + k % len(LEADERS)].pk)
            for i in range(len(towns))
            for k, d in enumerate(chunk.of(chunk.days, len(chunk.past_mondays) + len(chunk.coming_mondays), i))
        ],
    )


def _assignments(chunk: Chunk) -> None:
    """Every member of the day's group on it: past days signed in, on leave or absent; coming ones expected."""
    rng = chunk.rng
    assignments = []
    for day in chunk.days:
        past = day.date < chunk.today
        for deputy in chunk.members[day.small_group_id]:
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
                DutyAssignment(
                    township_id=day.township_id,
                    duty_day=day,
                    deputy=deputy,
                    status=status,
                    signed_in_at=signed,
                    late=status == AttendanceStatus.PRESENT and roll > 0.97,
                )
            )
    bulk(chunk.built, DutyAssignment, assignments)
