"""Reception duty through a deputy's one-tap links: the link a duty reminder carries (sign in on the day, or ask
leave before it) and the one a stand-in request carries (accept or decline). Each action is the duty rule's own
service (duty_sign_in, leave_request_create, substitute_respond) with the link used once in its transaction."""

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from congress.dates import format_day, local_now
from deputies.models import Deputy, DeputyLink, LinkAction, LinkPurpose
from deputies.services.links import link_use
from petitions.models import AttendanceStatus, DutyAssignment, LeaveRequest, LeaveStatus, ReceptionSettings
from petitions.services.attendance import duty_sign_in
from petitions.services.duty import DutyError, day_start, sign_in_window
from petitions.services.leave import leave_request_create, substitute_respond


def duty_link_path(code: str) -> str:
    return reverse("duty_link", kwargs={"code": code})


def duty_link_expiry(*, assignment: DutyAssignment, settings: ReceptionSettings) -> datetime:
    """A duty link works until the day's sign-in window closes."""
    return sign_in_window(settings=settings, duty_day=assignment.duty_day)[1]


@dataclass(frozen=True)
class DutyOffers:
    """What a duty link's page offers now: sign in (the day's window is open), ask leave (the day has not
    started), and when the window opens and closes."""

    sign_in: bool
    leave: bool
    opens: datetime
    closes: datetime


def duty_link_offers(
    *, link: DeputyLink, assignment: DutyAssignment, settings: ReceptionSettings, now: datetime | None = None
) -> DutyOffers:
    """What the deputy may do with the link now; the services decide again when they act."""
    now = local_now(now)
    opens, closes = sign_in_window(settings=settings, duty_day=assignment.duty_day)
    expected = assignment.status == AttendanceStatus.EXPECTED
    waiting = any(leave.status == LeaveStatus.PENDING for leave in assignment.leave_requests.all())
    return DutyOffers(
        sign_in=expected and link.used_action in ("", LinkAction.SIGN_IN) and opens <= now <= closes,
        leave=expected and not link.used_action and not waiting and now < day_start(assignment.duty_day),
        opens=opens,
        closes=closes,
    )


def duty_link_sign_in(*, link: DeputyLink, assignment: DutyAssignment, now: datetime | None = None) -> DutyAssignment:
    """Sign in with the duty link, on the duty's day inside its window; tapped again, it shows the sign-in."""
    now = local_now(now)
    day = assignment.duty_day
    if link.purpose != LinkPurpose.DUTY or link.target_id != assignment.pk:
        raise DutyError(_("This link is not for this duty."))
    if now.date() != day.date:
        raise DutyError(
            _("This duty is on %(date)s: sign in on that day.") % {"date": format_day(day.date, weekday=True)}
        )
    with transaction.atomic():
        if link_use(link=link, action=LinkAction.SIGN_IN, now=now):
            duty_sign_in(deputy=link.deputy, station=day.station, now=now)
    assignment.refresh_from_db()
    return assignment


def duty_link_leave(
    *,
    link: DeputyLink,
    assignment: DutyAssignment,
    reason: str,
    substitute: Deputy | None = None,
    now: datetime | None = None,
) -> LeaveRequest | None:
    """Ask leave with the duty link, before the day starts; returns the request, or None when this link had
    already asked it (sent twice: nothing new)."""
    if link.purpose != LinkPurpose.DUTY or link.target_id != assignment.pk:
        raise DutyError(_("This link is not for this duty."))
    now = local_now(now)
    with transaction.atomic():
        if not link_use(link=link, action=LinkAction.LEAVE, now=now):
            return None
        return leave_request_create(
            assignment=assignment, deputy=link.deputy, reason=reason, substitute=substitute, now=now
        )


def stand_in_link_answer(
    *, link: DeputyLink, leave: LeaveRequest, accept: bool, now: datetime | None = None
) -> LeaveRequest:
    """Accept or decline standing in with the link the request's text carried; the same answer again changes
    nothing, the other answer is refused."""
    if link.purpose != LinkPurpose.SUBSTITUTE or link.target_id != leave.pk:
        raise DutyError(_("This link is not for this request."))
    now = local_now(now)
    action = LinkAction.ACCEPT if accept else LinkAction.DECLINE
    with transaction.atomic():
        if link_use(link=link, action=action, now=now):
            substitute_respond(leave=leave, deputy=link.deputy, accept=accept, now=now)
    leave.refresh_from_db()
    return leave
