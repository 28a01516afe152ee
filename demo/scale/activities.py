"""Activities of towns built in bulk, a month at a time: one a month with thirty deputies' attendance recorded."""

from activities.models import Activity, ActivityAttendance, ActivityKind, Attendance
from demo.scale.base import ACTIVITIES_A_YEAR, KINDS, Month, at
from demo.scale.write import new, write


def activities(month: Month) -> None:
    """An activity on the 15th of each month before this one, with thirty deputies' attendance."""
    start = month.plan.start
    index = (month.month.year - start.year) * 12 + month.month.month - 1  # months since the first January
    if not month.past or index % (12 // ACTIVITIES_A_YEAR):
        return
    rng, day, kind = month.rng, month.month.replace(day=15), KINDS[index % len(KINDS)]
    rows = [
        new(
            Activity,
            township_id=town.pk,
            kind=kind,
            training_form="full" if kind == ActivityKind.TRAINING else "",
            title=f"{day:%Y年%m月}{ActivityKind(kind).label}",
            date=day,
            places="镇政府会议室",
        )
        for town in month.towns
    ]
    write(Activity, rows, month.built)
    write(
        ActivityAttendance,
        [
            new(
                ActivityAttendance,
                township_id=a.township_id,
                activity_id=a.pk,
                deputy_id=d,
                status=Attendance.ATTENDED if rng.random() < 0.85 else Attendance.ABSENT,
                recorded_at=at(day, 17),
            )
            for a, town in zip(rows, month.towns, strict=True)
            for d in rng.sample(town.deputies, 30)
        ],
        month.built,
    )
