"""Writes of major cases and of the supervision panel: the month-end meeting, its report, attendance and the
questions put to the leaders; the meeting is planned and announced by a job."""

import calendar
from datetime import date, timedelta

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from congress.audit import history_attrs, history_record_update
from congress.dates import format_day
from congress.errors import RuleViolation
from congress.models import Leader, Township
from congress.services import notify_deputy, notify_office
from deputies.models import Deputy
from petitions.models import (
    CaseEntry,
    CaseStatus,
    MajorCase,
    PanelMeeting,
    PanelMember,
    PanelQuestion,
    Referral,
    Visit,
)

REMIND_DAYS_BEFORE = 3


class PanelError(RuleViolation):
    """A rule of major cases or of the panel refused the action; the message says why."""


def _same_town(township: Township, rows) -> None:
    if any(row.township_id != township.pk for row in rows if row is not None):
        raise PanelError(_("Everything here must belong to this township."))


def major_case_save(*, case: MajorCase, township: Township, deputies: list[Deputy], visits: list[Visit]) -> MajorCase:
    """Open or edit a major case with its deputies and the visits on its matter."""
    _same_town(township, [case.lead_leader, *deputies, *visits])
    with transaction.atomic():
        case.township = township
        if case.status == CaseStatus.CONCLUDED and case.concluded_on is None:
            case.concluded_on = timezone.localdate()
        if case.status == CaseStatus.OPEN:
            case.concluded_on = None
        case.full_clean()
        case.save()
        case.deputies.set(deputies)
        case.visits.set(visits)
    return case


def major_case_attach(*, case: MajorCase, visit: Visit) -> None:
    """Group one more visit on the case's matter."""
    _same_town(case.township, [visit])
    case.visits.add(visit)


def case_log(*, case: MajorCase, user: AbstractBaseUser, text: str) -> CaseEntry:
    if not text.strip():
        raise PanelError(_("Write what happened."))
    return CaseEntry.objects.create(township=case.township, case=case, author=user, text=text.strip())


def month_end_weekday(month: date) -> date:
    """The last working day (Monday to Friday) of the month: when the panel meets."""
    last = month.replace(day=calendar.monthrange(month.year, month.month)[1])
    while last.weekday() > 4:
        last -= timedelta(days=1)
    return last


def panel_meeting_plan(*, township: Township, month: date) -> PanelMeeting:
    """The panel's meeting for a month, planned on its last working day if not planned yet (once)."""
    first = month.replace(day=1)
    try:
        with transaction.atomic():
            meeting, _created = PanelMeeting.objects.get_or_create(
                township=township, month=first, defaults={"held_on": month_end_weekday(first)}
            )
    except IntegrityError:  # planned at the same moment by another run
        meeting = PanelMeeting.objects.get(township=township, month=first)
    return meeting


def panel_meetings_prepare(*, today: date | None = None) -> int:
    """Daily: plan this month's meeting in every township with a panel; 3 days before, tell its members."""
    today = today or timezone.localdate()
    sent = 0
    towns = Township.objects.filter(pk__in=PanelMember.objects.values("township"))
    for township in towns:
        meeting = panel_meeting_plan(township=township, month=today)
        if meeting.held_on - timedelta(days=REMIND_DAYS_BEFORE) != today:
            continue
        with transaction.atomic():
            if (
                PanelMeeting.objects.filter(pk=meeting.pk, reminded_at__isnull=True).update(reminded_at=timezone.now())
                != 1
            ):
                continue
            meeting.refresh_from_db()
            history_record_update(meeting)
            subject = _("Supervision panel meets on %(date)s") % {"date": format_day(meeting.held_on)}
            url = reverse("panel_meeting", args=[meeting.pk])
            members = PanelMember.objects.for_township(township).select_related("deputy__user", "deputy__township")
            for member in members:
                # A panel member without a login is texted; the meeting's page needs a login, so no link then.
                sent += (
                    notify_deputy(
                        member.deputy,
                        key=f"panel-reminder:{meeting.pk}:deputy:{member.deputy_id}",
                        subject=subject,
                        url=url if member.deputy.user_id else "",
                    )
                    is not None
                )
            sent += notify_office(township=township, key=f"panel-reminder:{meeting.pk}", subject=subject, url=url)
    return sent


def panel_meeting_record(
    *,
    meeting: PanelMeeting,
    held_on: date,
    place: str,
    report: str,
    attendees: list[Deputy],
    leaders: list[Leader],
    report_file=None,
) -> PanelMeeting:
    """Record the meeting as held: the date, the place, the leaders' report, who attended."""
    _same_town(meeting.township, [*attendees, *leaders])
    with transaction.atomic():
        meeting.held_on, meeting.place, meeting.report = held_on, place.strip(), report.strip()
        if report_file is not None:
            meeting.report_file = report_file
            meeting.report_name = (report_file.name or "").rsplit("/", 1)[-1][:200]
        meeting.full_clean()
        meeting.save()
        meeting.attendees.set(attendees)
        meeting.leaders.set(leaders)
    return meeting


def panel_question_add(
    *,
    meeting: PanelMeeting,
    asked_by: Deputy,
    to_leader: Leader,
    question: str,
    answer: str = "",
    follow_up: bool = False,
    referral: Referral | None = None,
) -> PanelQuestion:
    """A question put to a leader at the panel, with the answer and whether it is followed up."""
    _same_town(meeting.township, [asked_by, to_leader, referral])
    if not question.strip():
        raise PanelError(_("Write the question."))
    return PanelQuestion.objects.create(
        township=meeting.township,
        meeting=meeting,
        asked_by=asked_by,
        to_leader=to_leader,
        question=question.strip(),
        answer=answer.strip(),
        follow_up=follow_up,
        referral=referral,
    )


def panel_members_set(*, township: Township, deputies: list[Deputy]) -> None:
    _same_town(township, deputies)
    with transaction.atomic():
        PanelMember.objects.for_township(township).exclude(deputy__in=deputies).delete()
        # The members already on the panel are left out before the insert: only new rows get a history row.
        staying = set(PanelMember.objects.for_township(township).values_list("deputy_id", flat=True))
        bulk_create_with_history(
            [PanelMember(township=township, deputy=d) for d in deputies if d.pk not in staying],
            PanelMember,
            ignore_conflicts=True,
            custom_historical_attrs=history_attrs(),
        )
