"""Writes of reception duty: the roster, publishing, sign-in, attendance, leave, substitutes, closing the day
and the reminders. Each rule lives here once; each write is one transaction with its messages in the outbox."""

from datetime import datetime, time, timedelta
from functools import partial

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from congress.audit import history_record_update
from congress.dates import format_day, local_now, month_day
from congress.models import Notification, Township
from congress.services import notify_deputy, notify_office
from deputies.models import LinkPurpose
from deputies.services.links import link_send
from petitions.models import (
    AttendanceStatus,
    DutyAssignment,
    DutyDay,
    DutyDayStatus,
    LeaveRequest,
    LeaveStatus,
    ReceptionSettings,
)
from petitions.services.duty import MISSING_SIGN_IN_AFTER, day_start
from petitions.services.links import duty_link_expiry, duty_link_path

# On the duty's own day a deputy not yet reminded (a day published or joined late) is reminded from this hour,
# by an urgent text: holding it for the quiet hours would deliver it after the duty began.
MORNING_REMINDER_FROM = time(6, 0)


def duty_reminders_send(*, now: datetime | None = None) -> int:
    """The day before a duty, from the town's reminder time, one text to each deputy on it (login or not) with a
    one-tap link to sign in or ask leave; on the day itself, from MORNING_REMINDER_FROM until sign-in closes, an
    urgent one to whoever was not reminded. Once per deputy and day."""
    now = local_now(now)
    tomorrow = now.date() + timedelta(days=1)
    sent = 0
    assignments = DutyAssignment.objects.filter(
        duty_day__date__in=[now.date(), tomorrow],
        duty_day__status=DutyDayStatus.PUBLISHED,
        status=AttendanceStatus.EXPECTED,
    ).select_related("deputy__user", "deputy__township", "duty_day__station", "duty_day__small_group")
    town_settings = {s.township_id: s for s in ReceptionSettings.objects.all()}
    for assignment in assignments:
        settings = town_settings.get(assignment.township_id) or ReceptionSettings(township=assignment.township)
        expires_at = duty_link_expiry(assignment=assignment, settings=settings)
        if assignment.duty_day.date == tomorrow:
            due = now.time() >= settings.reminder_time
        else:
            due = now.time() >= MORNING_REMINDER_FROM and now < expires_at
        if not due:
            continue
        created = link_send(
            deputy=assignment.deputy,
            purpose=LinkPurpose.DUTY,
            target_id=assignment.pk,
            expires_at=expires_at,
            send=partial(_remind, assignment, urgent=assignment.duty_day.date == now.date()),
        )
        sent += created is not None
    return sent


def _remind(assignment: DutyAssignment, code: str, *, urgent: bool) -> Notification | None:
    day, deputy, path = assignment.duty_day, assignment.deputy, duty_link_path(code)
    return notify_deputy(
        deputy,
        key=f"duty-reminder:{assignment.pk}:{day.date:%Y-%m-%d}",
        subject=(
            _("Reminder: reception duty today at %(time)s")
            if urgent
            else _("Reminder: reception duty tomorrow at %(time)s")
        )
        % {"time": f"{day.start_time:%H:%M}"},
        body=_("%(date)s %(time)s at %(station)s, %(address)s. Sign in on arrival or ask leave now.")
        % {
            "date": format_day(day.date, weekday=True),
            "time": f"{day.start_time:%H:%M}",
            "station": day.station.name,
            "address": day.station.address,
        },
        url=path,
        kind="duty-reminder",
        params={
            "name": deputy.name,
            "date": month_day(day.date),
            "time": f"{day.start_time:%H:%M}",
            "place": day.station.name,
            "code": code,
        },
        urgent=urgent,
    )


def leave_pending_remind(*, now: datetime | None = None) -> int:
    """Tell each town's office, once a day, how many leave requests wait for a decision."""
    now = local_now(now)
    sent = 0
    waiting = LeaveRequest.objects.filter(status=LeaveStatus.PENDING, assignment__duty_day__date__gte=now.date())
    towns = Township.objects.filter(pk__in=waiting.values("township"))
    for township in towns:
        count = waiting.filter(township=township).count()
        sent += notify_office(
            township=township,
            key=f"leave-pending:{township.pk}:{now.date():%Y-%m-%d}",
            subject=_("%(count)d leave requests wait for a decision") % {"count": count},
            url=reverse("leave_list"),
        )
    return sent


def missing_sign_in_alert(*, now: datetime | None = None) -> int:
    """15 minutes after a duty starts, tell the office who has not signed in; once per day."""
    now = local_now(now)
    sent = 0
    days = DutyDay.objects.filter(
        date=now.date(), status=DutyDayStatus.PUBLISHED, missing_alert_at__isnull=True
    ).select_related("township")
    for duty_day in days:
        if now < day_start(duty_day) + MISSING_SIGN_IN_AFTER:
            continue
        with transaction.atomic():
            if DutyDay.objects.filter(pk=duty_day.pk, missing_alert_at__isnull=True).update(missing_alert_at=now) != 1:
                continue
            duty_day.refresh_from_db()
            history_record_update(duty_day)
            missing = list(
                duty_day.assignments.filter(status=AttendanceStatus.EXPECTED).values_list("deputy__name", flat=True)
            )
            if not missing:
                continue
            sent += notify_office(
                township=duty_day.township,
                key=f"missing-sign-in:{duty_day.pk}",
                subject=_("Not signed in yet on %(date)s: %(names)s")
                % {"date": format_day(duty_day.date, weekday=True), "names": "、".join(missing)},
                url=reverse("duty_day_detail", args=[duty_day.pk]),
            )
    return sent
