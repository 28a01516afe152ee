"""Writes of proposals and suggestions: filing, co-signing, review, assignment, the three meetings, progress,
extensions, the reply, the lead deputy's feedback and re-handling, and the reminders. Each transition is
allowed from the states named here and nowhere else."""

from datetime import date

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from congress.dates import format_day
from congress.services import notify_office, notify_person
from proposals.models import (
    Proposal,
    Reply,
    Status,
    UnitRole,
    overdue_q,
)
from proposals.services.rules import rate_request_send, tell_units


def proposal_reminders_send(*, today: date | None = None) -> int:
    """To the main unit: reply due in 14 and in 3 days, overdue (weekly), the first meeting still missing
    two weeks after assignment; to the lead deputy: a reply waiting for feedback. Each once per step."""
    today = today or timezone.localdate()
    week = today.isocalendar()
    sent = 0
    handling = Proposal.objects.filter(status=Status.ASSIGNED).select_related("township")
    for proposal in handling:
        steps = []
        left = (proposal.due - today).days
        if left in (14, 3):
            steps.append(
                (
                    f"proposal-due{left}:{proposal.pk}:{proposal.round}",
                    _("Reply due in %(n)d days: %(t)s") % {"n": left, "t": proposal.heading},
                )
            )
        elif left < 0:
            steps.append(
                (
                    f"proposal-overdue:{proposal.pk}:{week.year}-W{week.week:02d}",
                    _("Reply overdue since %(d)s: %(t)s") % {"d": format_day(proposal.due), "t": proposal.heading},
                )
            )
        assigned = timezone.localtime(proposal.assigned_at).date() if proposal.assigned_at else today
        # Only the first round: a re-handled item already met its deputy, and its month is short.
        if proposal.round == 1 and (today - assigned).days >= 14 and not proposal.meetings.exists():
            steps.append(
                (
                    f"proposal-meeting-missing:{proposal.pk}:{proposal.round}",
                    _("No meeting with the deputy recorded yet: %(t)s") % {"t": proposal.heading},
                )
            )
        for key, subject in steps:
            sent += tell_units(proposal, key=key, subject=subject, main_only=True)
    waiting = Proposal.objects.filter(status=Status.REPLIED).select_related(
        "lead_deputy__user", "lead_deputy__township", "township"
    )
    replies = {(r.proposal_id, r.round): r for r in Reply.objects.filter(proposal__in=waiting)}
    for proposal in waiting:
        reply = replies.get((proposal.pk, proposal.round))
        if reply is None:
            continue
        sent += rate_request_send(
            proposal=proposal,
            reply=reply,
            key=f"proposal-feedback-wait:{proposal.pk}:{proposal.round}",
            subject=_("Your feedback is awaited: %(t)s") % {"t": proposal.heading},
        )
    return sent


def proposal_overdue_escalate(*, today: date | None = None) -> int:
    """Once a week while an item is overdue: tell the office and the item's leading leader (领导领办), by text
    to the leader's phone and in their inbox when they have a login. Returns how many messages are new."""
    today = today or timezone.localdate()
    week = today.isocalendar()
    sent = 0
    items = (
        Proposal.objects.filter(overdue_q(today))
        .select_related("township", "key_leader__user")
        .prefetch_related("units__department")
    )
    for proposal in items:
        days = (today - proposal.due).days
        key = f"proposal-overdue-escalated:{proposal.pk}:{week.year}-W{week.week:02d}"
        subject = ngettext("Reply overdue by %(days)s day: %(t)s", "Reply overdue by %(days)s days: %(t)s", days) % {
            "days": days,
            "t": proposal.heading,
        }
        main = next((u.department.name for u in proposal.units.all() if u.role == UnitRole.MAIN), "")
        body = _("Main unit: %(unit)s · reply due %(d)s") % {"unit": main, "d": format_day(proposal.due)}
        url = reverse("proposal_detail", args=[proposal.pk])
        sent += notify_office(township=proposal.township, key=key, subject=subject, body=body, url=url)
        leader = proposal.key_leader
        if leader is not None:
            created = notify_person(
                name=leader.name,
                phone=leader.phone,
                user=leader.user,
                township=proposal.township,
                key=f"{key}:leader",
                subject=subject,
                body=body,
                url=url,
            )
            sent += created is not None
    return sent
