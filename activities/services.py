"""Writes of activities and training: saving an activity, inviting deputies, recording who came, the leave a
deputy asks and the office decides, a deputy's self-study, and the small groups' yearly plans."""

from collections.abc import Iterable, Mapping
from datetime import date, datetime

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from activities.models import Activity, ActivityAttendance, Attendance, GroupPlanItem, LeaveState
from congress.audit import history_attrs, history_record_update
from congress.dates import format_day
from congress.errors import RuleViolation
from congress.models import Township
from congress.services import notify_deputy, notify_office
from deputies.models import Deputy, DeputyStatus


class ActivityError(RuleViolation):
    """An activity rule refused the action; the message says why, for the person who tried."""


def _today(today: date | None) -> date:
    return today or timezone.localdate()


def _now(now: datetime | None) -> datetime:
    return timezone.localtime(now or timezone.now())


def activity_save(*, activity: Activity, township: Township, user: AbstractBaseUser | None = None) -> Activity:
    """Save an activity after checking its plan item and that recorded attendance is not moved into the future."""
    activity.township = township
    item = activity.plan_item
    if item is not None:
        if item.township_id != township.pk:
            raise ActivityError(_("Choose a planned activity of this township."))
        if item.year != activity.date.year:
            raise ActivityError(
                _("This activity is dated %(year)s; the planned item belongs to the %(plan)s plan.")
                % {"year": activity.date.year, "plan": item.year}
            )
        if activity.small_group_id is None:
            activity.small_group_id = item.small_group_id
        elif activity.small_group_id != item.small_group_id:
            raise ActivityError(_("The planned item belongs to another small group."))
    if (
        activity.pk
        and activity.date > timezone.localdate()
        and activity.attendances.filter(status__in=[Attendance.ATTENDED, Attendance.ABSENT]).exists()
    ):
        raise ActivityError(_("Attendance is already recorded; the activity cannot move to a day still to come."))
    if activity.created_by_id is None and user is not None:
        activity.created_by = user
    with transaction.atomic():
        activity.full_clean()
        activity.save()
    return activity


def activity_invite(*, activity: Activity, deputies: Iterable[Deputy], today: date | None = None) -> int:
    """Invite serving deputies of the activity's township; those already invited stay as they are."""
    wanted = [d for d in deputies if d.township_id == activity.township_id and d.status == DeputyStatus.SERVING]
    with transaction.atomic():
        already = set(activity.attendances.values_list("deputy_id", flat=True))
        new = [d for d in {d.pk: d for d in wanted}.values() if d.pk not in already]
        bulk_create_with_history(
            [ActivityAttendance(township_id=activity.township_id, activity=activity, deputy=d) for d in new],
            ActivityAttendance,
            custom_historical_attrs=history_attrs(),
        )
        if activity.date >= _today(today):
            for deputy in new:
                notify_deputy(
                    deputy,
                    key=f"activity-invited:{activity.pk}:{deputy.pk}",
                    subject=_("You are invited: %(title)s on %(date)s")
                    % {"title": activity.title, "date": format_day(activity.date, weekday=True)},
                    body=activity.places,
                    url=reverse("my_activities"),
                )
    return len(new)


def activity_uninvite(*, attendance: ActivityAttendance) -> None:
    """Take back an invitation that nothing has been recorded on yet."""
    if attendance.status != Attendance.INVITED or attendance.leave_state == LeaveState.PENDING:
        raise ActivityError(
            _("%(name)s already has attendance or leave recorded; change that instead.")
            % {"name": attendance.deputy.name}
        )
    attendance.delete()


def activity_attendance_record(
    *,
    activity: Activity,
    statuses: Mapping[int, str],
    user: AbstractBaseUser,
    notes: Mapping[int, str] | None = None,
    now: datetime | None = None,
) -> int:
    """Record who attended, was on leave or absent, for invited deputies only; all rows or none change."""
    now = _now(now)
    notes = notes or {}
    if activity.date > now.date():
        raise ActivityError(_("Attendance is recorded on or after the day of the activity."))
    valid = set(Attendance.values) - {Attendance.INVITED}
    if any(status not in valid for status in statuses.values()):
        raise ActivityError(_("Choose attended, on leave or absent for each deputy."))
    with transaction.atomic():
        rows = {
            a.deputy_id: a
            for a in activity.attendances.select_for_update()
            .filter(deputy_id__in=list(statuses))
            .select_related("deputy")
        }
        strangers = set(statuses) - set(rows)
        if strangers:
            names = Deputy.objects.filter(pk__in=strangers, township_id=activity.township_id).values_list(
                "name", flat=True
            )
            raise ActivityError(
                _("Not invited to this activity: %(names)s. Invite them first.")
                % {"names": "、".join(names) or _("an unknown deputy")}
            )
        changed = 0
        for deputy_id, status in statuses.items():
            row = rows[deputy_id]
            note = (notes.get(deputy_id) or row.note)[:300]
            if row.status == status and row.note == note:
                continue
            row.status, row.note, row.recorded_by, row.recorded_at = status, note, user, now
            row.save(update_fields=["status", "note", "recorded_by", "recorded_at"])
            changed += 1
    return changed


def activity_leave_ask(
    *, attendance: ActivityAttendance, deputy: Deputy, reason: str, now: datetime | None = None
) -> ActivityAttendance:
    """A deputy asks leave from an activity they are invited to, by the day of the activity at the latest."""
    now = _now(now)
    activity = attendance.activity
    if attendance.deputy_id != deputy.pk:
        raise ActivityError(_("You can ask leave only from your own invitation."))
    if now.date() > activity.date:
        raise ActivityError(_("The activity is over; leave is asked before it, not after."))
    if activity.is_self_study:
        raise ActivityError(_("Self-study needs no leave; record your study when you have done it."))
    if attendance.status != Attendance.INVITED:
        raise ActivityError(
            _("Your attendance is already recorded as %(status)s.") % {"status": attendance.get_status_display()}
        )
    if not reason.strip():
        raise ActivityError(_("Give the reason for the leave."))
    with transaction.atomic():
        claimed = (
            ActivityAttendance.objects.filter(pk=attendance.pk, status=Attendance.INVITED)
            .exclude(leave_state=LeaveState.PENDING)
            .update(leave_state=LeaveState.PENDING, leave_reason=reason.strip()[:300], leave_asked_at=now)
        )
        if claimed != 1:
            raise ActivityError(_("A leave request for this activity is already waiting for a decision."))
        attendance.refresh_from_db()
        history_record_update(attendance, user=deputy.user)
        notify_office(
            township=activity.township,
            key=f"activity-leave:{attendance.pk}:{now:%Y%m%d%H%M%S}",
            subject=_("%(name)s asks leave from “%(title)s” on %(date)s")
            % {"name": deputy.name, "title": activity.title, "date": format_day(activity.date, weekday=True)},
            body=attendance.leave_reason,
            url=reverse("activity_detail", args=[activity.pk]),
        )
    return attendance


def activity_leave_decide(
    *,
    attendance: ActivityAttendance,
    approve: bool,
    comment: str,
    user: AbstractBaseUser,
    now: datetime | None = None,
) -> ActivityAttendance:
    """The office approves or refuses a deputy's leave from an activity, once; the deputy is told."""
    now = _now(now)
    deputy = attendance.deputy
    if deputy.user_id is not None and deputy.user_id == user.pk:
        raise ActivityError(_("Nobody decides their own leave."))
    if not approve and not comment.strip():
        raise ActivityError(_("Say why the leave is refused."))
    if approve and attendance.status not in (Attendance.INVITED, Attendance.LEAVE):
        raise ActivityError(
            _("Attendance is already recorded as %(status)s; change the attendance instead.")
            % {"status": attendance.get_status_display()}
        )
    state = LeaveState.APPROVED if approve else LeaveState.REFUSED
    with transaction.atomic():
        # Claim once: of two office users deciding at the same moment, only the first decision counts.
        claimed = ActivityAttendance.objects.filter(pk=attendance.pk, leave_state=LeaveState.PENDING).update(
            leave_state=state, leave_decided_by=user, leave_decided_at=now, leave_comment=comment.strip()[:300]
        )
        if claimed != 1:
            raise ActivityError(_("This request was already decided."))
        if approve:
            ActivityAttendance.objects.filter(pk=attendance.pk, status=Attendance.INVITED).update(
                status=Attendance.LEAVE, note=attendance.leave_reason[:300]
            )
        attendance.refresh_from_db()
        history_record_update(attendance, user=user)
        activity = attendance.activity
        notify_deputy(
            deputy,
            key=f"activity-leave-decided:{attendance.pk}:{now:%Y%m%d%H%M%S}",
            subject=(
                _("Your leave from “%(title)s” is approved") if approve else _("Your leave from “%(title)s” is refused")
            )
            % {"title": activity.title},
            body=attendance.leave_comment,
            url=reverse("my_activities"),
        )
    return attendance


def self_study_record(
    *, attendance: ActivityAttendance, deputy: Deputy, note: str, now: datetime | None = None
) -> ActivityAttendance:
    """A deputy records having studied the material handed out (发放资料自学)."""
    now = _now(now)
    activity = attendance.activity
    if attendance.deputy_id != deputy.pk:
        raise ActivityError(_("You can record only your own study."))
    if not activity.is_self_study:
        raise ActivityError(_("Only self-study material is recorded by the deputy; the office records the rest."))
    if now.date() < activity.date:
        raise ActivityError(
            _("The material is handed out on %(date)s; record your study after that.")
            % {"date": format_day(activity.date, weekday=True)}
        )
    if now.year != activity.date.year and now.date() > date(activity.date.year + 1, 1, 31):
        raise ActivityError(_("That year's record is closed; ask the congress office."))
    if attendance.status in (Attendance.ABSENT, Attendance.LEAVE):
        raise ActivityError(
            _("The congress office recorded you as %(status)s; ask the office to change it.")
            % {"status": attendance.get_status_display()}
        )
    if not note.strip():
        raise ActivityError(_("Write a line on what you studied."))
    attendance.status = Attendance.ATTENDED
    attendance.note = note.strip()[:300]
    attendance.recorded_by = deputy.user
    attendance.recorded_at = now
    with transaction.atomic():
        attendance.save(update_fields=["status", "note", "recorded_by", "recorded_at"])
    return attendance


def plan_item_save(*, item: GroupPlanItem, township: Township) -> GroupPlanItem:
    """Add or change one planned activity of a small group's yearly plan."""
    if item.small_group.township_id != township.pk:
        raise ActivityError(_("Choose a small group of this township."))
    item.township = township
    with transaction.atomic():
        item.full_clean()
        item.save()
    return item


def plan_item_delete(*, item: GroupPlanItem) -> None:
    """Take an item out of the plan; activities already held under it stay, no longer tied to it."""
    item.delete()
