"""Writes of the contact points' own reception days: the schedule, the days made from it (the point's deputies in
turn) and publishing them. A deputy is never put on a point's day on which they are already on duty elsewhere."""

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from congress.audit import history_attrs
from congress.dates import format_day
from deputies.models import Deputy, DeputyStatus, Station, StationLevel
from petitions.models import DutyAssignment, DutyDay, DutyDayStatus, Holiday, PointSchedule
from petitions.services.duty import DutyError, range_check, roster_publish

# At most this many clashes are named in the refusal; the rest are counted.
CLASHES_NAMED = 3


def point_schedule_save(
    *, station: Station, ordinal: int, weekday: int, start_time, per_day: int, deputies: list[Deputy], active: bool
) -> PointSchedule:
    """Set a contact point's rule and the deputies who take turns there (serving deputies of the town)."""
    if station.level != StationLevel.VILLAGE:
        raise DutyError(_("Only a village contact point has its own reception days."))
    strangers = [d.name for d in deputies if d.township_id != station.township_id or d.status != DeputyStatus.SERVING]
    if strangers:
        raise DutyError(
            _("Only serving deputies of this township can take turns: %(names)s.") % {"names": "、".join(strangers)}
        )
    with transaction.atomic():
        schedule = PointSchedule.objects.filter(station=station).first() or PointSchedule(
            township_id=station.township_id, station=station
        )
        schedule.ordinal, schedule.weekday, schedule.start_time = ordinal, weekday, start_time
        schedule.per_day, schedule.is_active = per_day, active
        schedule.full_clean()
        schedule.save()
        schedule.deputies.set(deputies)
    return schedule


def point_days_generate(*, schedule: PointSchedule, start: date, end: date, today: date | None = None) -> list[DutyDay]:
    """Make the point's days of [start, end] under its rule, as drafts, each with the next deputies in turn
    (continuing after the days already made). Days that exist are kept; past days are never made. A deputy who is
    on duty elsewhere on a new day refuses the whole range, naming who and when; nothing is made."""
    today = today or timezone.localdate()
    range_check(start, end)
    with transaction.atomic():
        schedule = PointSchedule.objects.select_for_update().select_related("station").get(pk=schedule.pk)
        if not schedule.is_active:
            raise DutyError(_("The contact point's schedule is paused."))
        deputies = list(schedule.deputies.filter(status=DeputyStatus.SERVING).order_by("name_sort", "pk"))
        if not deputies:
            raise DutyError(_("Choose the deputies who take turns at the contact point first."))
        holidays = set(
            Holiday.objects.for_township(schedule.township_id)
            .filter(date__range=(start, end))
            .values_list("date", flat=True)
        )
        made = set(schedule.days.filter(date__range=(start, end)).values_list("date", flat=True))
        new_dates = [d for d in schedule.dates(start, end, holidays) if d >= today and d not in made]
        # The turn goes on from the last deputy put on an earlier day of this point.
        turn = DutyAssignment.objects.filter(duty_day__schedule=schedule, duty_day__date__lt=start).count()
        plan = []
        for day in new_dates:
            chosen = [deputies[(turn + i) % len(deputies)] for i in range(min(schedule.per_day, len(deputies)))]
            turn += len(chosen)
            plan.append((day, chosen))
        _refuse_clashes(schedule, plan)
        created = []
        for day, chosen in plan:
            duty_day = DutyDay.objects.create(
                township_id=schedule.township_id,
                date=day,
                start_time=schedule.start_time,
                station=schedule.station,
                schedule=schedule,
                status=DutyDayStatus.DRAFT,
            )
            bulk_create_with_history(
                [DutyAssignment(township_id=schedule.township_id, duty_day=duty_day, deputy=d) for d in chosen],
                DutyAssignment,
                custom_historical_attrs=history_attrs(),
            )
            created.append(duty_day)
    return created


def _refuse_clashes(schedule: PointSchedule, plan: list[tuple[date, list[Deputy]]]) -> None:
    """A deputy already on duty that date (the station's day, their group's day, another point's day)."""
    dates = [day for day, _chosen in plan]
    if not dates:
        return
    busy = {
        (row["duty_day__date"], row["deputy_id"])
        for row in DutyAssignment.objects.filter(township_id=schedule.township_id, duty_day__date__in=dates).values(
            "duty_day__date", "deputy_id"
        )
    }
    group_days = {
        (day.date, day.small_group_id)
        for day in DutyDay.objects.station_days().filter(township_id=schedule.township_id, date__in=dates)
    }
    clashes = [
        (day, deputy)
        for day, chosen in plan
        for deputy in chosen
        if (day, deputy.pk) in busy or (deputy.small_group_id and (day, deputy.small_group_id) in group_days)
    ]
    if not clashes:
        return
    named = "；".join(
        _("%(name)s is on duty at the station on %(date)s") % {"name": deputy.name, "date": format_day(day)}
        for day, deputy in clashes[:CLASHES_NAMED]
    )
    more = len(clashes) - CLASHES_NAMED
    if more > 0:
        named += _("; and %(count)s more") % {"count": more}
    raise DutyError(
        _("The contact point's days collide with reception duty: %(clashes)s. Change the rule or the deputies.")
        % {"clashes": named}
    )


def point_days_publish(*, schedule: PointSchedule, start: date, end: date) -> int:
    """Publish the point's draft days of [start, end]; its deputies are told as for the station's roster."""
    return roster_publish(township=schedule.township, start=start, end=end, schedule=schedule)
