"""Writes of attendance on reception duty: a deputy's sign-in inside the day's window, the office's record of
attendance, and closing the day (absent, and leave left undecided refused)."""

from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_update_with_history

from congress.audit import history_attrs, history_record_update
from congress.dates import local_now
from deputies.models import Deputy, Station
from petitions.models import AttendanceStatus, DutyAssignment, DutyDay, DutyDayStatus, LeaveRequest, LeaveStatus
from petitions.selectors.duty import reception_settings_for
from petitions.services.duty import DutyError, day_start, sign_in_window


def duty_sign_in(*, deputy: Deputy, station: Station, now: datetime | None = None) -> DutyAssignment:
    """Sign a deputy in for today's duty at this station, inside the window; a second sign-in keeps the first."""
    now = local_now(now)
    settings = reception_settings_for(township=deputy.township)
    assignment = (
        DutyAssignment.objects.select_related("duty_day")
        .filter(
            deputy=deputy,
            duty_day__date=now.date(),
            duty_day__station=station,
            duty_day__status=DutyDayStatus.PUBLISHED,
        )
        .first()
    )
    if assignment is None:
        raise DutyError(_("You are not on duty at %(station)s today.") % {"station": station.name})
    if assignment.status == AttendanceStatus.PRESENT:
        return assignment
    if assignment.status == AttendanceStatus.LEAVE:
        raise DutyError(_("You are on approved leave today; there is nothing to sign."))
    opens, closes = sign_in_window(settings=settings, day=now.date())
    if now < opens:
        raise DutyError(_("Sign-in opens at %(time)s.") % {"time": f"{settings.window_opens:%H:%M}"})
    if now > closes:
        raise DutyError(
            _("Sign-in closed at %(time)s. Ask the congress office to record your attendance.")
            % {"time": f"{settings.window_closes:%H:%M}"}
        )
    with transaction.atomic():
        # Claim once: of two taps at the same moment only one writes, and the first time is kept.
        claimed = (
            DutyAssignment.objects.filter(pk=assignment.pk, signed_in_at__isnull=True)
            .exclude(status=AttendanceStatus.LEAVE)
            .update(
                status=AttendanceStatus.PRESENT,
                signed_in_at=now,
                late=now > day_start(assignment.duty_day),
            )
        )
        assignment.refresh_from_db()
        if claimed == 1:
            history_record_update(assignment, user=deputy.user)
    return assignment


def attendance_record(
    *, assignment: DutyAssignment, status: str, note: str, user: AbstractBaseUser, now: datetime | None = None
) -> DutyAssignment:
    """The office records a deputy's attendance on the day's sheet, with the reason."""
    now = local_now(now)
    if status not in AttendanceStatus.values or status == AttendanceStatus.EXPECTED:
        raise DutyError(_("Choose present, on leave or absent."))
    if not note.strip():
        raise DutyError(_("Say why the office records this attendance."))
    if assignment.duty_day.date > now.date():
        raise DutyError(_("Attendance can be recorded on the day or after it, not before."))
    with transaction.atomic():
        assignment.status = status
        assignment.note = note.strip()[:200]
        assignment.recorded_by = user
        if status == AttendanceStatus.PRESENT:
            assignment.signed_in_at = assignment.signed_in_at or now
        else:
            assignment.signed_in_at = None
            assignment.late = False
        assignment.save()
    return assignment


def duty_days_close(*, now: datetime | None = None) -> int:
    """After the sign-in window, mark whoever neither signed in nor has leave as absent; once per day."""
    now = local_now(now)
    closed = 0
    days = DutyDay.objects.filter(
        status=DutyDayStatus.PUBLISHED, closed_at__isnull=True, date__lte=now.date()
    ).select_related("township")
    for duty_day in days:
        settings = reception_settings_for(township=duty_day.township)
        if duty_day.date == now.date() and now.time() <= settings.window_closes:
            continue
        with transaction.atomic():
            if DutyDay.objects.filter(pk=duty_day.pk, closed_at__isnull=True).update(closed_at=now) != 1:
                continue  # another run closed it first
            duty_day.refresh_from_db()
            history_record_update(duty_day)
            absent = list(duty_day.assignments.select_for_update().filter(status=AttendanceStatus.EXPECTED))
            for assignment in absent:
                assignment.status = AttendanceStatus.ABSENT
            bulk_update_with_history(absent, DutyAssignment, ["status"], custom_historical_attrs=history_attrs())
            refused = list(
                LeaveRequest.objects.select_for_update().filter(
                    assignment__duty_day=duty_day, status=LeaveStatus.PENDING
                )
            )
            comment = _("Not decided before the duty day.")
            for leave in refused:
                leave.status, leave.decided_at, leave.comment = LeaveStatus.REFUSED, now, comment
            bulk_update_with_history(
                refused, LeaveRequest, ["status", "decided_at", "comment"], custom_historical_attrs=history_attrs()
            )
        closed += 1
    return closed
