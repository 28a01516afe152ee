"""Writes of reception duty: the roster, publishing, sign-in, attendance, leave, substitutes, closing the day
and the reminders. Each rule lives here once; each write is one transaction with its messages in the outbox."""

from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from congress.audit import history_record_update
from congress.dates import format_day, local_now, month_day
from congress.models import Notification
from congress.services import notify_deputy, notify_office
from deputies.models import Deputy, DeputyStatus, LinkPurpose
from deputies.services.links import link_send
from petitions.models import (
    AttendanceStatus,
    DutyAssignment,
    DutyDay,
    LeaveRequest,
    LeaveStatus,
    SubstituteStatus,
)
from petitions.services.duty import DutyError, day_start


def leave_request_create(
    *,
    assignment: DutyAssignment,
    deputy: Deputy,
    reason: str,
    substitute: Deputy | None = None,
    now: datetime | None = None,
) -> LeaveRequest:
    """A deputy asks leave from a coming duty day of their own, before the day starts."""
    now = local_now(now)
    if assignment.deputy_id != deputy.pk:
        raise DutyError(_("You can ask leave only from your own duty."))
    if now >= day_start(assignment.duty_day):
        raise DutyError(_("Leave must be asked before the duty day starts."))
    if assignment.status != AttendanceStatus.EXPECTED:
        raise DutyError(_("This duty is already %(status)s.") % {"status": assignment.get_status_display()})
    if not reason.strip():
        raise DutyError(_("Give the reason for the leave."))
    if substitute is not None:
        _check_substitute(assignment.duty_day, substitute, deputy)
    try:
        with transaction.atomic():
            leave = LeaveRequest.objects.create(
                township=assignment.township,
                assignment=assignment,
                reason=reason.strip()[:300],
                requested_at=now,
                substitute=substitute,
                substitute_status=SubstituteStatus.ASKED if substitute else SubstituteStatus.NONE,
            )
            notify_office(
                township=assignment.township,
                key=f"leave-asked:{leave.pk}",
                subject=_("%(name)s asks leave from %(date)s")
                % {"name": deputy.name, "date": format_day(assignment.duty_day.date, weekday=True)},
                body=leave.reason,
                url=reverse("leave_list"),
            )
            if substitute is not None:
                _ask_substitute(leave)
    except IntegrityError:
        raise DutyError(_("A leave request for this duty is already waiting for a decision.")) from None
    return leave


def _check_substitute(duty_day: DutyDay, substitute: Deputy, deputy: Deputy) -> None:
    if substitute.pk == deputy.pk or substitute.township_id != duty_day.township_id:
        raise DutyError(_("The substitute must be another deputy of this township."))
    if substitute.status != DeputyStatus.SERVING:
        raise DutyError(_("The substitute must be a serving deputy."))
    if DutyAssignment.objects.filter(duty_day=duty_day, deputy=substitute).exists():
        raise DutyError(_("%(name)s is already on duty that day.") % {"name": substitute.name})


def _ask_substitute(leave: LeaveRequest) -> None:
    """Text the asked deputy a one-tap link to accept or decline, valid until the duty day starts."""
    day, substitute, asker = leave.assignment.duty_day, leave.substitute, leave.assignment.deputy

    def send(code: str) -> Notification | None:
        path = reverse("stand_in_link", kwargs={"code": code})
        return notify_deputy(
            substitute,
            key=f"substitute-asked:{leave.pk}",
            subject=_("%(name)s asks you to stand in on %(date)s")
            % {"name": asker.name, "date": format_day(day.date, weekday=True)},
            url=path,
            kind="substitute-asked",
            params={
                "name": substitute.name,
                "asker": asker.name,
                "date": month_day(day.date),
                "code": code,
            },
        )

    link_send(
        deputy=substitute, purpose=LinkPurpose.SUBSTITUTE, target_id=leave.pk, expires_at=day_start(day), send=send
    )


def leave_decide(
    *, leave: LeaveRequest, approve: bool, comment: str, user: AbstractBaseUser, now: datetime | None = None
) -> LeaveRequest:
    """The office approves or refuses a leave request, once; the deputy is told."""
    now = local_now(now)
    deputy = leave.assignment.deputy
    if deputy.user_id is not None and deputy.user_id == user.pk:
        raise DutyError(_("Nobody decides their own leave."))
    if not approve and not comment.strip():
        raise DutyError(_("Say why the leave is refused."))
    with transaction.atomic():
        status = LeaveStatus.APPROVED if approve else LeaveStatus.REFUSED
        # Claim once: two office users deciding at the same moment, only the first decision counts.
        claimed = LeaveRequest.objects.filter(pk=leave.pk, status=LeaveStatus.PENDING).update(
            status=status, decided_by=user, decided_at=now, comment=comment.strip()[:300]
        )
        if claimed != 1:
            raise DutyError(_("This request was already decided."))
        leave.refresh_from_db()
        history_record_update(leave, user=user)
        if approve:
            if DutyAssignment.objects.filter(pk=leave.assignment_id, status=AttendanceStatus.EXPECTED).update(
                status=AttendanceStatus.LEAVE, note=leave.reason[:200]
            ):
                history_record_update(DutyAssignment.objects.get(pk=leave.assignment_id), user=user)
            if leave.substitute_status == SubstituteStatus.ACCEPTED:
                _substitute_assign(leave)
        notify_deputy(
            deputy,
            key=f"leave-decided:{leave.pk}",
            subject=(_("Your leave from %(date)s is approved") if approve else _("Your leave from %(date)s is refused"))
            % {"date": format_day(leave.assignment.duty_day.date, weekday=True)},
            body=leave.comment,
            url=reverse("my_duties"),
        )
    return leave


def substitute_respond(
    *, leave: LeaveRequest, deputy: Deputy, accept: bool, now: datetime | None = None
) -> LeaveRequest:
    """The asked deputy accepts or declines standing in; accepted on an approved leave puts them on duty."""
    now = local_now(now)
    if leave.substitute_id != deputy.pk or leave.substitute_status != SubstituteStatus.ASKED:
        raise DutyError(_("You have not been asked to stand in on this day."))
    if now >= day_start(leave.assignment.duty_day):
        raise DutyError(_("The duty day has started."))
    if accept:
        _check_substitute(leave.assignment.duty_day, deputy, leave.assignment.deputy)
    with transaction.atomic():
        leave.substitute_status = SubstituteStatus.ACCEPTED if accept else SubstituteStatus.DECLINED
        leave.save(update_fields=["substitute_status"])
        if accept and leave.status == LeaveStatus.APPROVED:
            _substitute_assign(leave)
    return leave


def _substitute_assign(leave: LeaveRequest) -> None:
    original = leave.assignment
    DutyAssignment.objects.get_or_create(
        duty_day=original.duty_day,
        deputy=leave.substitute,
        defaults={"township": original.township, "replaces": original},
    )


# --- Reminders --------------------------------------------------------------------------------------
