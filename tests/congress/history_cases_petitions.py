"""The history cases of the petitions services (duty, leave, one-tap links, the panel, visits, referrals and the
suggestions carried through): importing this module declares them for test_history.py's test and the guard."""

from datetime import date, time

from deputies.models import LinkPurpose, StationLevel
from deputies.services.links import link_create, link_open
from petitions.models import (
    WORKING_DAY,
    DeadlineExtension,
    DutyAssignment,
    DutyDay,
    HandlingSuggestion,
    Holiday,
    MajorCase,
    PanelMember,
    PointSchedule,
    PriorTotals,
    Referral,
    Visit,
)
from petitions.presence import day_code
from petitions.services import attendance, duty, leave, links, panel, points, prior, visits
from petitions.services import suggestions as handling_suggestions
from tests.congress.history_world import (
    DAY,
    NOW,
    TODAY,
    World,
    at,
    case,
    changed,
    created,
    deleted,
    made,
    on_row,
)
from tests.factories import SmallGroupFactory, StationFactory

# --- petitions: duty and leave ------------------------------------------------------------------------------

made(duty.duty_assignment_add, "alice", lambda w: dict(duty_day=w.day(), deputy=w.other(), today=TODAY))
made(
    attendance.attendance_record, "alice",
    lambda w: dict(assignment=w.on_duty(), status="absent", note="未到", user=w.alice, now=at(12)),
    changed, status="absent", note="未到",
)  # fmt: skip
on_row(
    attendance.duty_attendance_record, "alice", World.on_duty,
    lambda w, row: dict(
        duty_day=row.duty_day, choices={row.pk: "absent"}, notes={row.pk: "未到"}, user=w.alice, now=at(12)
    ),
    status="absent", note="未到",
)  # fmt: skip
on_row(
    attendance.duty_sign_in, "bob", World.on_duty,
    lambda w, row: dict(
        deputy=w.deputy, station=w.station, code=day_code(station_id=w.station.pk, day=DAY), now=at(8)
    ),
    status="present", signed_in_at=at(8),
)  # fmt: skip
made(
    leave.leave_request_create, "bob",
    lambda w: dict(assignment=w.on_duty(), deputy=w.deputy, reason="外出", now=NOW), status="pending",
)  # fmt: skip


@case(duty.reception_settings_save, "alice")
def reception_settings_save(w):
    settings = w.call(settings=w.reception(), weekdays=[0, 2], holidays=[(date(2026, 5, 1), "劳动节")])
    return [changed(settings, weekdays="0,2"), created(Holiday.objects.get(township=w.town), name="劳动节")]


@case(duty.roster_generate, "alice")
def roster_generate(w):
    w.reception()
    [day] = w.call(township=w.town, start=DAY, end=DAY, today=TODAY)
    return [created(day, date=DAY), created(DutyAssignment.objects.get(duty_day=day), deputy_id=w.deputy.pk)]


def _point(w):
    """A contact point of the town whose rule makes 2 March its day, bob taking turns there."""
    point = StationFactory(township=w.town, name="甲村联络点", level=StationLevel.VILLAGE)
    w.reception()
    return point


@case(points.point_schedule_save, "alice")
def point_schedule_save(w):
    point = _point(w)
    schedule = w.call(
        station=point, ordinal=1, weekday=WORKING_DAY, start_time=time(9), per_day=1, deputies=[w.deputy], active=True
    )
    # Made, then its deputies set: the newest history row is the change that holds who takes turns.
    assert [row.deputy_id for row in schedule.history.order_by("-history_id").first().deputies.all()] == [w.deputy.pk]
    return [changed(schedule, station_id=point.pk)]


def _schedule(w):
    return PointSchedule.objects.create(township=w.town, station=_point(w), ordinal=1, weekday=WORKING_DAY, per_day=1)


@case(points.point_days_generate, "alice")
def point_days_generate(w):
    schedule = _schedule(w)
    schedule.deputies.set([w.deputy])
    [day] = w.call(schedule=schedule, start=DAY, end=DAY, today=TODAY)
    return [created(day, date=DAY, schedule_id=schedule.pk), created(DutyAssignment.objects.get(duty_day=day))]


@case(points.point_days_publish, "alice")
def point_days_publish(w):
    schedule = _schedule(w)
    day = DutyDay.objects.create(
        township=w.town, date=DAY, start_time=time(9), station=schedule.station, schedule=schedule, status="draft"
    )
    w.call(schedule=schedule, start=DAY, end=DAY)
    return [changed(day, status="published")]


@case(duty.duty_day_update, "alice")
def duty_day_update(w):
    day, group = w.on_duty().duty_day, SmallGroupFactory(township=w.town)
    newcomer = w.other(group=group)
    w.call(duty_day=day, day=DAY, small_group=group, station=w.station, leaders=[w.leader], today=TODAY)
    return [changed(day, small_group_id=group.pk), created(DutyAssignment.objects.get(deputy=newcomer))]


on_row(duty.duty_assignment_remove, "alice", World.on_duty, lambda w, row: dict(assignment=row, today=TODAY), deleted)
on_row(
    duty.roster_publish, "alice", lambda w: w.day(published=False),
    lambda w, row: dict(township=w.town, start=DAY, end=DAY), status="published",
)  # fmt: skip


@case(leave.leave_decide, "alice")
def leave_decide(w):
    substitute = w.other("李四")
    request = w.leave(substitute=substitute, substitute_status="accepted")
    w.call(leave=request, approve=True, comment="同意", user=w.alice, now=NOW)
    stand_in = DutyAssignment.objects.get(deputy=substitute)
    return [changed(request, status="approved"), changed(request.assignment, status="leave"), created(stand_in)]


@case(leave.substitute_respond, "bob")
def substitute_respond(w):
    request = w.leave(w.other(), substitute=w.deputy, substitute_status="asked", status="approved")
    w.call(leave=request, deputy=w.deputy, accept=True, now=NOW)
    stand_in = DutyAssignment.objects.get(deputy=w.deputy)
    return [changed(request, substitute_status="accepted"), created(stand_in, replaces_id=request.assignment_id)]


def link_of(w, purpose: str, target_id: int):
    """Bob's one-tap link to a row of his (the link's own row keeps no history: it records its use itself)."""
    code = link_create(deputy=w.deputy, purpose=purpose, target_id=target_id, expires_at=at(9))
    return link_open(code=code, purpose=purpose, now=NOW)


@case(links.duty_link_sign_in, "bob")
def duty_link_sign_in(w):
    assignment = w.on_duty()
    w.call(link=link_of(w, LinkPurpose.DUTY, assignment.pk), assignment=assignment, now=at(8))
    # The world's town asks for the day's code (a new town's choice): the text's link is a remote sign-in.
    return [changed(assignment, status="remote", signed_in_at=at(8))]


@case(links.duty_link_leave, "bob")
def duty_link_leave(w):
    assignment = w.on_duty()
    request = w.call(link=link_of(w, LinkPurpose.DUTY, assignment.pk), assignment=assignment, reason="外出", now=NOW)
    return [created(request, status="pending")]


@case(links.stand_in_link_answer, "bob")
def stand_in_link_answer(w):
    request = w.leave(w.other(), substitute=w.deputy, substitute_status="asked", status="approved")
    w.call(link=link_of(w, LinkPurpose.SUBSTITUTE, request.pk), leave=request, accept=True, now=NOW)
    stand_in = DutyAssignment.objects.get(deputy=w.deputy)
    return [changed(request, substitute_status="accepted"), created(stand_in, replaces_id=request.assignment_id)]


# --- petitions: major cases, the panel, visits and referrals ---------------------------------------------------

made(
    panel.major_case_save, "alice",
    lambda w: dict(case=MajorCase(title="征地补偿", lead_leader=w.leader), township=w.town, deputies=[], visits=[]),
)  # fmt: skip
made(panel.case_log, "alice", lambda w: dict(case=w.case(), user=w.alice, text="召开协调会"), text="召开协调会")
made(panel.panel_meeting_plan, "alice", lambda w: dict(township=w.town, month=DAY), month=date(2026, 3, 1))
made(
    panel.panel_meeting_record, "alice",
    lambda w: dict(meeting=w.panel_meeting(), held_on=TODAY, place="会议室", report="报告", attendees=[], leaders=[]),
    changed, place="会议室",
)  # fmt: skip
made(
    panel.panel_question_add, "alice",
    lambda w: dict(meeting=w.panel_meeting(), asked_by=w.deputy, to_leader=w.leader, question="何时修"),
)  # fmt: skip
made(
    visits.visit_record, "alice",
    lambda w: dict(township=w.town, user=w.alice, station=w.station, category=w.category(), visitor_name="来访群众",
                   content="道路破损", outcome="answered", answer="已解释", received_at=NOW),
    visitor_name="来访群众",
)  # fmt: skip
made(
    visits.referral_create, "alice",
    lambda w: dict(visit=w.visit("referred"), plan=visits.ReferralPlan(department=w.department, responsible_name="王")),
)  # fmt: skip
made(
    prior.prior_totals_save, "alice",
    lambda w: dict(township=w.town, year=2010, people_received=300, problems_solved=40, suggestions=5, source="台账"),
    year=2010, people_received=300,
)  # fmt: skip
on_row(
    prior.prior_totals_delete, "alice",
    lambda w: PriorTotals.objects.create(township=w.town, year=2011, people_received=10, problems_solved=1),
    lambda w, row: dict(totals=row), deleted,
)  # fmt: skip
made(visits.suggestion_add, "bob", lambda w: dict(visit=w.visit(), deputy=w.deputy, text="建议修路"), text="建议修路")
made(
    visits.observation_add, "bob", lambda w: dict(duty_day=w.on_duty().duty_day, deputy=w.deputy, text="接待有序"),
)  # fmt: skip
made(
    visits.referral_finish, "carol",
    lambda w: dict(referral=w.referral("in_progress"), user=w.carol, resolved=True, result="已修复", now=NOW),
    changed, status="resolved",
)  # fmt: skip
made(
    visits.referral_close, "alice",
    lambda w: dict(referral=w.referral("resolved"), told_at=NOW, satisfied=True, now=NOW), changed, status="closed",
)  # fmt: skip
made(
    visits.extension_request, "carol",
    lambda w: dict(referral=w.referral(), user=w.carol, new_due=date(2026, 4, 20), reason="需协调"), status="pending",
)  # fmt: skip


# --- the suggestions carried through: the leader confirms in person; the office in their name is named itself --


def _chaired_referral(w):
    referral = w.referral()
    Visit.objects.filter(pk=referral.visit_id).update(leader=w.leader)
    return Referral.objects.get(pk=referral.pk)


def _suggestion(w, referral=None, **fields):
    referral = referral or w.referral()
    return HandlingSuggestion.objects.create(
        township=w.town, visit=referral.visit, deputy=w.deputy, text="建议修路", **fields
    )


def _confirmation(referral):
    return handling_suggestions.Confirmation(
        department=referral.department, responsible_name="李主任", responsible_phone="", answer_due=referral.answer_due,
        due=referral.due,
    )  # fmt: skip


on_row(
    handling_suggestions.referral_confirm, "alice", _chaired_referral,
    lambda w, row: dict(referral=row, leader=w.leader, user=w.alice, plan=_confirmation(row), now=NOW),
    responsible_name="李主任",
)  # fmt: skip
on_row(
    handling_suggestions.suggestion_decide, "carol", _suggestion,
    lambda w, row: dict(suggestion=row, user=w.carol, unit=w.department, adopted=True, response="已采纳", now=NOW),
    adopted=True,
)  # fmt: skip
on_row(
    handling_suggestions.suggestion_carry_out, "carol",
    lambda w: _suggestion(w, w.referral("resolved"), adopted=True, response="已采纳", decided_at=NOW),
    lambda w, row: dict(suggestion=row, user=w.carol, unit=w.department, on=TODAY, today=TODAY),
)  # fmt: skip
on_row(
    handling_suggestions.suggestion_reopen, "alice",
    lambda w: _suggestion(w, adopted=False, response="不采纳", decided_at=NOW),
    lambda w, row: dict(suggestion=row, user=w.alice), adopted=None,
)  # fmt: skip


@case(panel.panel_members_set, "alice")
def panel_members_set(w):
    gone = deleted(PanelMember.objects.create(township=w.town, deputy=w.other()))
    w.call(township=w.town, deputies=[w.deputy])
    return [gone, created(PanelMember.objects.get(deputy=w.deputy))]


@case(visits.visit_categories_for, "alice")
def visit_categories_for(w):
    return [created(category, name=category.name) for category in w.call(township=w.town)]


@case(visits.referral_progress, "carol")
def referral_progress(w):
    referral = w.referral()
    note = w.call(referral=referral, user=w.carol, text="已现场查看")
    return [created(note, text="已现场查看"), changed(referral, status="in_progress")]


@case(visits.visit_refer, "alice")
def visit_refer(w):
    visit = w.visit("suggestion")
    plan = visits.ReferralPlan(department=w.department, responsible_name="王主任")
    referral = w.call(visit=visit, plan=plan, user=w.alice)
    return [changed(visit, outcome="referred"), created(referral, responsible_name="王主任")]


@case(visits.extension_decide, "alice")
def referral_extension_decide(w):
    referral = w.referral()
    extension = DeadlineExtension.objects.create(
        township=w.town, referral=referral, old_due=referral.due, new_due=date(2026, 4, 20), reason="需协调"
    )
    w.call(extension=extension, approve=True, user=w.alice, now=NOW)
    return [changed(extension, status="approved"), changed(referral, due=date(2026, 4, 20))]
