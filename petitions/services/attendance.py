"""Writes of attendance on reception duty: a deputy's sign-in inside the day's window, the office's record of
attendance, and closing the day (absent, and leave left undecided refused)."""

from collections.abc import Mapping
from datetime import date, datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_update_with_history

from congress.audit import history_attrs, history_record_update
from congress.dates import local_now
from deputies.models import Deputy, Station
from petitions.models import (
    AttendanceStatus,
    DutyAssignment,
    DutyDay,
    DutyDayStatus,
    LeaveRequest,
    LeaveStatus,
    ReceptionSettings,
    SignInProof,
)
from petitions.presence import clean_code, code_matches
from petitions.selectors.duty import reception_settings_for
from petitions.services.duty import DutyError, day_start, sign_in_window


def duty_sign_in(
    *, deputy: Deputy, station: Station, code: str | None = None, now: datetime | None = None
) -> DutyAssignment:
    """Sign a deputy in for today's duty at this station, inside the window; a second sign-in keeps the first.
    Where the town asks for the day's code, a sign-in without it is recorded remote (the office confirms it or
    not) and a wrong code is refused; the right code later makes a remote sign-in present."""
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
    opens, closes = sign_in_window(settings=settings, duty_day=assignment.duty_day)
    if now < opens:
        raise DutyError(_("Sign-in opens at %(time)s.") % {"time": f"{timezone.localtime(opens):%H:%M}"})
    if now > closes:
        raise DutyError(
            _("Sign-in closed at %(time)s. Ask the congress office to record your attendance.")
            % {"time": f"{timezone.localtime(closes):%H:%M}"}
        )
    present = _presence_proven(settings=settings, assignment=assignment, code=code, day=now.date())
    claimable = DutyAssignment.objects.filter(pk=assignment.pk).exclude(
        status__in=[AttendanceStatus.LEAVE, AttendanceStatus.PRESENT]
    )
    if not present:
        claimable = claimable.filter(signed_in_at__isnull=True)  # a remote sign-in keeps its first time
    with transaction.atomic():
        # Claim once: of two taps at the same moment only one writes, and the first time is kept.
        claimed = claimable.update(
            status=AttendanceStatus.PRESENT if present else AttendanceStatus.REMOTE,
            signed_in_at=now,
            late=now > day_start(assignment.duty_day),
        )
        assignment.refresh_from_db()
        if claimed == 1:
            history_record_update(assignment, user=deputy.user)
    return assignment


MAX_CODE_FAILURES = 5


def _presence_proven(*, settings: ReceptionSettings, assignment: DutyAssignment, code: str | None, day: date) -> bool:
    """Whether the sign-in counts as present: always where the town needs no code; else only with the station's
    code of the day. A wrong code is refused rather than recorded remote, so that a slip of the finger is told
    at once and can be typed again; after a few wrong codes only a remote sign-in is left, so the six digits
    cannot be guessed inside the window."""
    if settings.sign_in_proof != SignInProof.DAILY_CODE:
        return True
    typed = clean_code(code)
    if not typed:
        return False
    if assignment.code_failures >= MAX_CODE_FAILURES:
        raise DutyError(
            _("Too many wrong codes. Sign in without the code: the congress office then confirms your attendance.")
        )
    if not code_matches(station_id=assignment.duty_day.station_id, day=day, code=typed):
        DutyAssignment.objects.filter(pk=assignment.pk).update(code_failures=F("code_failures") + 1)
        raise DutyError(
            _(
                "That is not today's code of this station. Type the code shown at the station, or sign in "
                "without it: the congress office then confirms your attendance."
            )
        )
    return True


def attendance_record(
    *, assignment: DutyAssignment, status: str, note: str, user: AbstractBaseUser, now: datetime | None = None
) -> DutyAssignment:
    """The office records one deputy's attendance; absence and leave need a reason, presence does not."""
    now = local_now(now)
    if status not in AttendanceStatus.values or status in (AttendanceStatus.EXPECTED, AttendanceStatus.REMOTE):
        raise DutyError(_("Choose present, on leave or absent."))
    if status != AttendanceStatus.PRESENT and not note.strip():
        raise DutyError(_("Give the reason for the absence or the leave."))
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


# What the day's sheet offers: the three statuses, and present but late (a status with its flag).
SHEET_LATE = "late"
SHEET_CHOICES = (AttendanceStatus.PRESENT, SHEET_LATE, AttendanceStatus.LEAVE, AttendanceStatus.ABSENT)
NEEDS_REASON = (SHEET_LATE, AttendanceStatus.LEAVE, AttendanceStatus.ABSENT)


def sheet_value(assignment: DutyAssignment) -> str:
    """The sheet's choice that shows an assignment as it stands ("" while nothing is recorded, and while a remote
    sign-in waits for the office to confirm it or not)."""
    if assignment.status in (AttendanceStatus.EXPECTED, AttendanceStatus.REMOTE):
        return ""
    if assignment.status == AttendanceStatus.PRESENT and assignment.late:
        return SHEET_LATE
    return assignment.status


def duty_attendance_record(
    *,
    duty_day: DutyDay,
    choices: Mapping[int, str],
    notes: Mapping[int, str],
    user: AbstractBaseUser,
    now: datetime | None = None,
) -> int:
    """The office records the day's whole sheet at once: present needs nothing more; late, leave and absence
    need a reason. All rows change or none; returns how many changed."""
    now = local_now(now)
    if duty_day.date > now.date():
        raise DutyError(_("Attendance can be recorded on the day or after it, not before."))
    wanted = {pk: value for pk, value in choices.items() if value}
    if any(value not in SHEET_CHOICES for value in wanted.values()):
        raise DutyError(_("Choose present, late, on leave or absent for each deputy."))
    if not wanted:
        raise DutyError(_("Nothing was recorded: choose the attendance of at least one deputy."))
    with transaction.atomic():
        rows = {
            a.pk: a
            for a in duty_day.assignments.select_for_update().filter(pk__in=list(wanted)).select_related("deputy")
        }
        if set(wanted) - set(rows):
            raise DutyError(_("A deputy on the sheet is no longer on this day; open the day again."))
        missing = [
            rows[pk].deputy.name
            for pk, value in wanted.items()
            if value in NEEDS_REASON and value != sheet_value(rows[pk]) and not (notes.get(pk) or "").strip()
        ]
        if missing:
            raise DutyError(
                _("Give the reason for %(names)s: lateness, leave and absence each need one.")
                % {"names": "、".join(missing)}
            )
        changed = [row for pk, row in rows.items() if _sheet_apply(row, wanted[pk], notes.get(pk, ""), user, now)]
        bulk_update_with_history(
            changed,
            DutyAssignment,
            ["status", "late", "note", "signed_in_at", "recorded_by"],
            default_user=user,
            custom_historical_attrs=history_attrs(),
        )
    return len(changed)


def _sheet_apply(row: DutyAssignment, value: str, note: str, user: AbstractBaseUser, now: datetime) -> bool:
    """Set one row from the sheet; False when it already reads so. A status kept keeps its note unless a new
    one is given (a deputy who signed in late themselves has none to give)."""
    note = note.strip()[:200] or (row.note if sheet_value(row) == value else "")
    if sheet_value(row) == value and row.note == note:
        return False
    row.status = AttendanceStatus.PRESENT if value == SHEET_LATE else value
    row.late = value == SHEET_LATE
    row.note, row.recorded_by = note, user
    if row.status == AttendanceStatus.PRESENT:
        row.signed_in_at = row.signed_in_at or now
    else:
        row.signed_in_at = None
    return True


def duty_days_close(*, now: datetime | None = None) -> int:
    """After the sign-in window, mark whoever neither signed in nor has leave as absent; once per day."""
    now = local_now(now)
    closed = 0
    days = DutyDay.objects.filter(
        status=DutyDayStatus.PUBLISHED, closed_at__isnull=True, date__lte=now.date()
    ).select_related("township")
    for duty_day in days:
        settings = reception_settings_for(township=duty_day.township)
        if duty_day.date == now.date() and now <= sign_in_window(settings=settings, duty_day=duty_day)[1]:
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
