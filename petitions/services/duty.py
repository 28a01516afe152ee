"""Writes of reception duty: the settings, the roster and publishing it, the sign-in window (sign-in, attendance
and closing the day are in attendance.py). Each rule lives here once; each write is one transaction with its
messages in the outbox."""

from datetime import date, datetime, timedelta

from django.db import IntegrityError, OperationalError, connection, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from congress.audit import history_attrs
from congress.dates import format_day
from congress.errors import RuleViolation
from congress.models import Leader, Township
from congress.services import notify_deputy, notify_person
from deputies.models import Deputy, DeputyStatus, SmallGroup, Station
from petitions.models import (
    AttendanceStatus,
    CalendarFeed,
    DutyAssignment,
    DutyDay,
    DutyDayStatus,
    Holiday,
    ReceptionSettings,
    new_feed_token,
)

MAX_ROSTER_DAYS = 731  # two years
MISSING_SIGN_IN_AFTER = timedelta(minutes=15)


class DutyError(RuleViolation):
    """A duty rule refused the action; the message says why, for the person who tried."""


def reception_settings_save(
    *, settings: ReceptionSettings, weekdays: list[int], holidays: list[tuple[date, str]]
) -> ReceptionSettings:
    """Save a township's reception settings and its holidays from this year on (the list replaces them)."""
    with transaction.atomic():
        settings.weekdays = ",".join(str(d) for d in sorted(set(weekdays)))
        settings.full_clean()
        settings.save()
        this_year = timezone.localdate().replace(month=1, day=1)
        Holiday.objects.for_township(settings.township).filter(date__gte=this_year).delete()
        bulk_create_with_history(
            [Holiday(township=settings.township, date=day, name=name) for day, name in holidays],
            Holiday,
            ignore_conflicts=True,
            custom_historical_attrs=history_attrs(),
        )
    return settings


def calendar_feed_renew(*, deputy: Deputy) -> tuple[CalendarFeed, bool]:
    """Give the deputy a new secret calendar link; an old one stops working. Returns the feed and whether it
    replaced an old link."""
    with transaction.atomic():
        feed, created = CalendarFeed.objects.update_or_create(
            deputy=deputy, defaults={"token": new_feed_token(), "township_id": deputy.township_id}
        )
    return feed, not created


def day_start(duty_day: DutyDay) -> datetime:
    return timezone.make_aware(datetime.combine(duty_day.date, duty_day.start_time))


def sign_in_window(*, settings: ReceptionSettings, duty_day: DutyDay) -> tuple[datetime, datetime]:
    """When sign-in opens and when it closes on a duty day: the town's window, on that date, moved with the day's
    start (a contact point that receives at 09:00 opens its sign-in an hour later than a station at 08:00)."""
    shift = datetime.combine(duty_day.date, duty_day.start_time) - datetime.combine(duty_day.date, settings.start_time)
    opens = timezone.make_aware(datetime.combine(duty_day.date, settings.window_opens) + shift)
    return opens, timezone.make_aware(datetime.combine(duty_day.date, settings.window_closes) + shift)


# --- The roster -------------------------------------------------------------------------------------


def range_check(start: date, end: date) -> None:
    """A range of days to plan: forwards, and at most two years."""
    if end < start:
        raise DutyError(_("The end of the range is before its start."))
    if (end - start).days >= MAX_ROSTER_DAYS:
        raise DutyError(_("A roster covers at most two years at a time."))


def roster_generate(*, township: Township, start: date, end: date, today: date | None = None) -> list[DutyDay]:
    """Create the duty days of [start, end]: each reception weekday that is not a holiday, the small groups in
    turn (continuing after the last day already planned), a leader in turn, every serving member assigned.
    Days that exist are kept as they are; days before `today` are never created."""
    today = today or timezone.localdate()
    range_check(start, end)
    with transaction.atomic():
        # One generation at a time per township: a second one is told so at once where the database can
        # (PostgreSQL's NOWAIT); SQLite serialises writers anyway, and the second then finds the days made.
        nowait = connection.features.has_select_for_update_nowait
        try:
            settings = ReceptionSettings.objects.select_for_update(nowait=nowait).filter(township=township).first()
        except OperationalError:
            raise DutyError(
                _("Another roster is being planned for this township right now; try again in a moment.")
            ) from None
        if settings is None or settings.station_id is None:
            raise DutyError(_("Choose the reception station in the reception settings first."))
        groups = list(SmallGroup.objects.for_township(township).filter(is_active=True).order_by("order", "name"))
        if not groups:
            raise DutyError(_("The township has no active small group to put on duty."))
        leaders = list(Leader.objects.for_township(township).filter(is_active=True).order_by("order", "name"))
        holidays = set(
            Holiday.objects.for_township(township).filter(date__range=(start, end)).values_list("date", flat=True)
        )
        station_days = DutyDay.objects.for_township(township).station_days()
        existing = {d.date: d for d in station_days.filter(date__range=(start, end))}
        previous = station_days.filter(date__lt=start).order_by("-date").first()
        group_turn = groups.index(previous.small_group) + 1 if previous and previous.small_group in groups else 0
        leader_turn = station_days.filter(date__lt=start).count()
        created = []
        day = start
        while day <= end:
            if day.weekday() in settings.weekday_numbers and day not in holidays:
                if day in existing:
                    if existing[day].small_group in groups:
                        group_turn = groups.index(existing[day].small_group) + 1
                elif day >= today:
                    duty_day = DutyDay.objects.create(
                        township=township,
                        date=day,
                        start_time=settings.start_time,
                        station=settings.station,
                        small_group=groups[group_turn % len(groups)],
                    )
                    if leaders:
                        duty_day.leaders.set([leaders[leader_turn % len(leaders)]])
                    _assign_group(duty_day)
                    created.append(duty_day)
                    group_turn += 1
                leader_turn += 1
            day += timedelta(days=1)
    return created


def _assign_group(duty_day: DutyDay) -> None:
    """The group's serving members, but for those already on duty that date (at a contact point's own day)."""
    members = Deputy.objects.filter(small_group=duty_day.small_group, status=DeputyStatus.SERVING).exclude(
        duty_assignments__duty_day__date=duty_day.date
    )
    # Those already on the day are left out before the insert, so that only new rows get a history row.
    bulk_create_with_history(
        [DutyAssignment(township=duty_day.township, duty_day=duty_day, deputy=deputy) for deputy in members],
        DutyAssignment,
        ignore_conflicts=True,
        custom_historical_attrs=history_attrs(),
    )


def _refuse_past(duty_day: DutyDay, today: date | None = None) -> None:
    if duty_day.date < (today or timezone.localdate()):
        raise DutyError(_("A past duty day cannot be changed."))


def duty_day_update(
    *,
    duty_day: DutyDay,
    day: date,
    small_group: SmallGroup,
    station: Station,
    leaders: list[Leader],
    today: date | None = None,
) -> DutyDay:
    """Change a coming duty day; a new group brings its members; a published day tells the deputies."""
    today = today or timezone.localdate()
    _refuse_past(duty_day, today)
    if duty_day.is_point_day:
        raise DutyError(_("A contact point's day follows its schedule; change the schedule or the deputies on it."))
    if day < today:
        raise DutyError(_("A duty day cannot be moved into the past."))
    with transaction.atomic():
        before = set(duty_day.assignments.values_list("deputy_id", flat=True))
        group_changed = small_group.pk != duty_day.small_group_id
        duty_day.date, duty_day.small_group, duty_day.station = day, small_group, station
        # The one-day-per-date rule is the database's: its IntegrityError below is the refusal.
        duty_day.full_clean(validate_constraints=False)
        try:
            with transaction.atomic():
                duty_day.save()
        except IntegrityError:
            raise DutyError(_("There is already a duty day on that date.")) from None
        duty_day.leaders.set(leaders)
        if group_changed:
            duty_day.assignments.filter(status=AttendanceStatus.EXPECTED, replaces__isnull=True).exclude(
                deputy__small_group=small_group
            ).delete()
            _assign_group(duty_day)
        if duty_day.status == DutyDayStatus.PUBLISHED:
            _notify_day_changed(duty_day, before)
    return duty_day


def _notify_day_changed(duty_day: DutyDay, before: set[int]) -> None:
    stamp = timezone.now().strftime("%Y%m%d%H%M%S%f")
    now_on = set(duty_day.assignments.values_list("deputy_id", flat=True))
    for deputy in Deputy.objects.filter(pk__in=before | now_on).select_related("user", "township"):
        on_duty = deputy.pk in now_on
        notify_deputy(
            deputy,
            key=f"duty-changed:{duty_day.pk}:{deputy.pk}:{stamp}",
            subject=(
                _("Your duty day of %(date)s has changed") if on_duty else _("You are no longer on duty on %(date)s")
            )
            % {"date": format_day(duty_day.date, weekday=True)},
            body=_("%(date)s %(time)s at %(station)s, %(group)s.")
            % {
                "date": format_day(duty_day.date, weekday=True),
                "time": f"{duty_day.start_time:%H:%M}",
                "station": duty_day.station.name,
                "group": duty_day.team,
            },
            url=_duty_url(deputy),
        )


def _duty_url(deputy: Deputy) -> str:
    """Where a deputy reads their duty days: their own page with a login, else the town's published roster."""
    if deputy.user_id:
        return reverse("my_duties")
    return reverse("public_roster", args=[deputy.township.code])


def duty_assignment_add(*, duty_day: DutyDay, deputy: Deputy, today: date | None = None) -> DutyAssignment:
    """Put one more deputy of the town on a coming duty day."""
    _refuse_past(duty_day, today)
    if deputy.township_id != duty_day.township_id or deputy.status != DeputyStatus.SERVING:
        raise DutyError(_("Only a serving deputy of this township can be put on duty."))
    try:
        with transaction.atomic():
            assignment = DutyAssignment.objects.create(township=duty_day.township, duty_day=duty_day, deputy=deputy)
            if duty_day.status == DutyDayStatus.PUBLISHED:
                _notify_day_changed(duty_day, set())
    except IntegrityError:
        raise DutyError(_("%(name)s is already on duty that day.") % {"name": deputy.name}) from None
    return assignment


def duty_assignment_remove(*, assignment: DutyAssignment, today: date | None = None) -> None:
    """Take a deputy off a coming duty day."""
    _refuse_past(assignment.duty_day, today)
    if assignment.status in (AttendanceStatus.PRESENT, AttendanceStatus.REMOTE):
        raise DutyError(_("A deputy who signed in cannot be taken off the day."))
    with transaction.atomic():
        duty_day = assignment.duty_day
        deputy_id = assignment.deputy_id
        assignment.delete()
        if duty_day.status == DutyDayStatus.PUBLISHED:
            _notify_day_changed(duty_day, {deputy_id})


PUBLISH_TEXT_AHEAD = timedelta(days=14)


def roster_publish(*, township: Township, start: date, end: date, schedule=None) -> int:
    """Publish the draft duty days of [start, end] (only a contact point's, given its schedule): the public page
    shows them, each deputy on them is told."""
    with transaction.atomic():
        drafts = DutyDay.objects.for_township(township).select_for_update()
        if schedule is not None:
            drafts = drafts.filter(schedule=schedule)
        days = list(drafts.filter(status=DutyDayStatus.DRAFT, date__range=(start, end)))
        now = timezone.now()
        for day in days:
            day.status, day.published_at = DutyDayStatus.PUBLISHED, now
        bulk_update_with_history(days, DutyDay, ["status", "published_at"], custom_historical_attrs=history_attrs())
        # Deputies are told of the days still to come; publishing past days (a late record) tells nobody.
        assignments = DutyAssignment.objects.filter(
            duty_day__in=days, duty_day__date__gte=timezone.localdate()
        ).select_related("deputy__user", "deputy__township", "duty_day__station", "duty_day__small_group")
        for assignment in assignments:
            day = assignment.duty_day
            notify_deputy(
                assignment.deputy,
                key=f"duty-published:{assignment.pk}",
                subject=_("Reception duty on %(date)s") % {"date": format_day(day.date, weekday=True)},
                body=_("%(date)s %(time)s at %(station)s, %(group)s.")
                % {
                    "date": format_day(day.date, weekday=True),
                    "time": f"{day.start_time:%H:%M}",
                    "station": day.station.name,
                    "group": day.team,
                },
                url=_duty_url(assignment.deputy),
                # A text for the days of the next two weeks; later days come with the reminder the day before.
                text=day.date <= timezone.localdate() + PUBLISH_TEXT_AHEAD,
            )
        _tell_leaders(days)
    return len(days)


def _tell_leaders(days: list[DutyDay]) -> None:
    """Each leader who chairs a published day still to come is told: by text to their phone, in their inbox."""
    coming = [day for day in days if day.date >= timezone.localdate()]
    through = DutyDay.leaders.through.objects.filter(dutyday__in=coming).select_related("leader__user")
    by_day = {day.pk: day for day in coming}
    for row in through:
        day, leader = by_day[row.dutyday_id], row.leader
        notify_person(
            name=leader.name,
            phone=leader.phone if day.date <= timezone.localdate() + PUBLISH_TEXT_AHEAD else "",
            user=leader.user,
            township=day.township,
            key=f"duty-leader:{day.pk}:{leader.pk}",
            subject=_("You chair the reception day of %(date)s %(time)s at %(station)s")
            % {
                "date": format_day(day.date, weekday=True),
                "time": f"{day.start_time:%H:%M}",
                "station": day.station.name,
            },
            url=reverse("public_roster", args=[day.township.code]),
        )
