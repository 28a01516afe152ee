"""Activities of towns built in bulk: one a month with thirty deputies' attendance recorded."""

from datetime import date

from activities.models import Activity, ActivityAttendance, ActivityKind, Attendance
from demo.scale.base import ACTIVITIES_A_YEAR, DEPUTIES, KINDS, Chunk, at, bulk


def activities(chunk: Chunk) -> None:
    """An activity each month of the years built, with thirty deputies' attendance."""
    rng, towns, built = chunk.rng, chunk.towns, chunk.built
    months = (chunk.today.year - chunk.start.year) * 12 + chunk.today.month - 1
    rows = []
    for t in towns:
        for m in range(0, months, 12 // ACTIVITIES_A_YEAR):
            day = date(chunk.start.year + m // 12, m % 12 + 1, 15)
            kind = KINDS[m % len(KINDS)]
            rows.append(
                Activity(
                    township=t,
                    kind=kind,
                    training_form="full" if kind == ActivityKind.TRAINING else "",
                    title=f"{day:%Y年%m月}{ActivityKind(kind).label}",
                    date=day,
                    places="镇政府会议室",
                )
            )
    activities = bulk(built, Activity, rows)
    per_town = len(activities) // len(towns)
    bulk(
        built,
        ActivityAttendance,
        [
            ActivityAttendance(
                township_id=a.township_id,
                activity=a,
                deputy=d,
                status=Attendance.ATTENDED if rng.random() < 0.85 else Attendance.ABSENT,
                recorded_at=at(a.date, 17),
            )
            for k, a in enumerate(activities)
            for d in rng.sample(chunk.of(chunk.deputies, DEPUTIES, k // per_town), 30)
        ],
    )
