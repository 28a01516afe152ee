"""Every service that writes a row with history (save, delete, claim-once update, bulk write) leaves as its newest
history row who made the change and from where. A case builds its rows outside any request (their history names
nobody), then `w.call(...)` runs its service as a named user from ADDRESS. The jobs' services, and the guard that
every service function has a case or a reason it needs none, are in test_history_jobs.py."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from activities import services as activities
from activities.models import Activity, ActivityAttendance, GroupPlanItem
from assessments.models import Commendation, GradeThresholds, Item, PartyReport, VisitProposal
from assessments.services import assessment, bulletin, party, record, suggestions, year_end
from deputies.models import Deputy, GroupMembership, LargeGroup, LinkPurpose, Rule, RuleKind, Term
from deputies.services import imports, register, rules, terms, towns
from proposals.models import CoSigner, Extension, HandlingSettings, Meeting, Proposal, Reply
from proposals.services import filing, handling, handling_rules, inspections, participation
from proposals.services import links as proposal_links
from tests.congress import history_cases_matters  # noqa: F401 (importing it declares the matters' cases)
from tests.congress.history_cases_petitions import link_of  # importing it also declares the petitions cases
from tests.congress.history_world import (
    ADDRESS,
    CASES,
    DAY,
    FEBRUARY,
    NOW,
    PAST,
    TODAY,
    World,
    case,
    changed,
    check_history,
    created,
    deleted,
    made,
    on_row,
)
from tests.deputies.accounts import history_cases  # noqa: F401 (importing it declares the logins' cases)
from tests.deputies.sheets import deputy_row, upload, workbook
from tests.factories import SmallGroupFactory

# --- deputies ----------------------------------------------------------------------------------------------

made(
    register.register_save, "alice", lambda w: dict(instance=LargeGroup(name="第九大组"), township=w.town),
    name="第九大组",
)  # fmt: skip
on_row(
    register.deputy_save, "alice", lambda w: w.other(), lambda w, row: dict(deputy=row, township=w.town), name="张三"
)


@case(register.deputy_end_term, "alice")
def deputy_end_term(w):
    stint = w.stint()
    return [changed(w.call(deputy=w.deputy, on=DAY), status="ended"), changed(stint, end_date=DAY)]


@case(towns.town_create, "alice")
def town_create(w):
    arguments = dict(county_name="新县", county_code="xinxian", town_name="新镇", code="xinzhen", term_number=18)
    new = w.call(**arguments, term_starts_on=DAY, office_login="xinzhen-office")
    return [created(new.term, number=18), created(new.office.memberships.get(), role="office")]


@case(register.deputy_reinstate, "alice")
def deputy_reinstate(w):
    Deputy.objects.filter(pk=w.deputy.pk).update(status="ended")
    w.deputy.refresh_from_db()
    w.call(deputy=w.deputy, on=DAY)
    return [changed(w.deputy, status="serving"), created(GroupMembership.objects.get(deputy=w.deputy), start_date=DAY)]


@case(register.group_membership_sync, "alice")
def group_membership_sync(w):
    stint, other_group = w.stint(), SmallGroupFactory(township=w.town)
    Deputy.objects.filter(pk=w.deputy.pk).update(small_group=other_group)
    w.deputy.refresh_from_db()
    w.call(deputy=w.deputy, on=DAY)
    new = GroupMembership.objects.get(deputy=w.deputy, end_date__isnull=True)
    return [changed(stint, end_date=DAY), created(new, small_group_id=other_group.pk)]


@case(register.deputies_bulk_write, "alice")
def deputies_bulk_write(w):
    w.stint()  # the changed deputy stays in their group: no membership row to write for them
    new = Deputy(township=w.town, name="新代表", gender="M", small_group=w.group)
    w.deputy.phone = "13900000099"
    w.call(created=[new], updated=[w.deputy], fields=["phone"], on=DAY)
    return [
        created(new, name="新代表"),
        created(GroupMembership.objects.get(deputy=new), start_date=DAY),
        changed(w.deputy, phone="13900000099"),
    ]


@case(imports.register_import_confirm, "alice")
def register_import_confirm(w):
    kind, sheet = imports.KINDS["deputies"], upload(workbook([deputy_row("新代表", w.group.name)]))
    preview = imports.register_import_preview(kind=kind, township=w.town, upload=sheet)
    w.call(kind=kind, township=w.town, token=preview.token, filename=preview.filename, only_valid=False)
    return [created(Deputy.objects.get(name="新代表"), name="新代表")]


@case(register.small_groups_create, "alice")
def small_groups_create(w):
    first, second = w.call(
        township=w.town, groups={"第二代表小组": "第二代表大组", "第三代表小组": w.group.large_group.name}
    )
    large = LargeGroup.objects.get(township=w.town, name="第二代表大组")
    return [
        created(large, name="第二代表大组"),
        created(first, name="第二代表小组"),
        created(second, name="第三代表小组"),
    ]


@case(terms.term_start, "alice")
def term_start(w):
    return [created(w.call(township=w.town, number=18, starts_on=PAST), number=18)]


@case(terms.term_end, "alice")
def term_end(w):
    term = Term.objects.create(township=w.town, number=18, starts_on=date(2021, 1, 1))
    Deputy.objects.filter(pk=w.deputy.pk).update(term=18, status="serving")
    stint = w.stint()
    w.call(township=w.town, ends_on=DAY)
    return [changed(term, ends_on=DAY), changed(w.deputy, status="ended"), changed(stint, end_date=DAY)]


# --- activities --------------------------------------------------------------------------------------------

made(
    activities.activity_save, "alice",
    lambda w: dict(activity=Activity(kind="inspection", title="视察道路", date=DAY), township=w.town, user=w.alice),
)  # fmt: skip
on_row(
    activities.activity_attendance_record, "alice", lambda w: w.invited(w.activity(PAST)),
    lambda w, row: dict(activity=row.activity, statuses={row.deputy_id: "attended"}, user=w.alice), status="attended",
)  # fmt: skip
made(
    activities.activity_leave_ask, "bob", lambda w: dict(attendance=w.invited(), deputy=w.deputy, reason="外出"),
    changed, leave_state="pending", leave_reason="外出",
)  # fmt: skip
made(
    activities.activity_leave_decide, "alice",
    lambda w: dict(attendance=w.invited(leave_state="pending", leave_asked_at=NOW), approve=True, comment="",
                   user=w.alice),
    changed, leave_state="approved", status="leave",
)  # fmt: skip
made(
    activities.self_study_record, "bob",
    lambda w: dict(attendance=w.invited(w.activity(PAST, kind="training", training_form="self_study")),
                   deputy=w.deputy, note="学习了代表法"),
    changed, status="attended",
)  # fmt: skip
made(
    activities.plan_item_save, "alice",
    lambda w: dict(item=GroupPlanItem(small_group=w.group, year=2026, quarter=2, title="调研"), township=w.town),
)  # fmt: skip


@case(activities.activity_invite, "alice")
def activity_invite(w):
    activity = w.activity()
    w.call(activity=activity, deputies=[w.deputy])
    return [created(ActivityAttendance.objects.get(activity=activity), deputy_id=w.deputy.pk, status="invited")]


on_row(activities.activity_uninvite, "alice", World.invited, lambda w, row: dict(attendance=row), deleted)
on_row(
    activities.plan_item_delete, "alice",
    lambda w: GroupPlanItem.objects.create(township=w.town, small_group=w.group, year=2026, quarter=2, title="调研"),
    lambda w, row: dict(item=row), deleted,
)  # fmt: skip


# --- proposals -------------------------------------------------------------------------------------------

made(
    filing.proposal_save, "alice",
    lambda w: dict(proposal=Proposal(title="修路", content="建议。", category="infrastructure", lead_deputy=w.deputy),
                   township=w.town, cosigners=[], user=w.alice, by_office=True),
    status="draft",
)  # fmt: skip
made(
    filing.attachment_add, "alice",
    lambda w: dict(proposal=w.proposal(), upload=SimpleUploadedFile("说明.pdf", b"%PDF-1.4"), user=w.alice),
    name="说明.pdf",
)  # fmt: skip
made(filing.proposal_submit, "bob", lambda w: dict(proposal=w.proposal()), changed, status="submitted")
made(
    filing.proposal_review, "alice", lambda w: dict(proposal=w.proposal("submitted"), decision="accept"),
    changed, status="accepted", number=1,
)  # fmt: skip
made(
    handling.meeting_record, "carol",
    lambda w: dict(proposal=w.assigned(), stage="consult", held_on=PAST, form="visit", participants="代表", notes="",
                   user=w.carol),
    stage="consult",
)  # fmt: skip
made(
    handling_rules.handling_settings_save, "alice",
    lambda w: dict(settings=HandlingSettings(township=w.town, phone_third_meeting=True)),
    phone_third_meeting=True,
)  # fmt: skip
made(handling.note_add, "carol", lambda w: dict(proposal=w.assigned(), user=w.carol, text="已勘察"), text="已勘察")
made(
    handling.assisting_opinion, "carol",
    lambda w: dict(unit=w.assigned("assisting").units.get(), text="同意"), changed, opinion="同意",
)  # fmt: skip
made(
    handling.extension_request, "carol", lambda w: dict(proposal=w.assigned(), months=1, reason="需协调资金"),
    status="pending",
)  # fmt: skip
made(
    handling.reply_actions_done, "alice", lambda w: dict(reply=w.reply(), on=TODAY), changed, actions_done_at=TODAY,
)  # fmt: skip


on_row(
    filing.cosign_confirm, "bob",
    lambda w: CoSigner.objects.create(township=w.town, proposal=w.proposal(lead_deputy=w.other()), deputy=w.deputy),
    lambda w, row: dict(proposal=row.proposal, deputy=w.deputy), confirmed_at=NOW,
)  # fmt: skip


@case(filing.proposal_assign, "alice")
def proposal_assign(w):
    proposal = w.call(proposal=w.proposal("accepted"), main=w.department, assisting=[], today=TODAY)
    return [changed(proposal, status="assigned"), created(proposal.units.get(), role="main")]


@case(handling.extension_decide, "alice")
def proposal_extension_decide(w):
    proposal = w.assigned()
    extension = Extension.objects.create(township=w.town, proposal=proposal, months=1, reason="需协调资金")
    w.call(extension=extension, approve=True, user=w.alice)
    return [changed(extension, status="approved"), changed(proposal, due=date(2026, 6, 27))]


@case(handling.reply_submit, "carol")
def reply_submit(w):
    proposal = w.assigned()
    for stage in ("consult", "handle"):  # the first two meetings with the deputy are recorded
        Meeting.objects.create(township=w.town, proposal=proposal, round=1, stage=stage, held_on=PAST, form="visit")
    draft = handling.ReplyDraft(
        reply_class="A", text="已办理", signer="李", contact="王", phone="1",
        meeting_held_on=PAST, meeting_form="meeting", meeting_participants="代表",
    )  # fmt: skip
    reply = w.call(proposal=proposal, user=w.carol, draft=draft)
    return [created(reply, submitted_by_id=w.carol.pk), changed(proposal, status="replied")]


@case(handling.feedback_give, "bob")
def feedback_give(w):
    proposal, aspects = w.proposal("replied"), ("consultation", "attitude", "reply", "result", "overall")
    feedback = w.call(proposal=proposal, deputy=w.deputy, ratings=dict.fromkeys(aspects, "satisfied"))
    return [created(feedback, overall="satisfied"), changed(proposal, status="closed")]


@case(proposal_links.reply_link_rate, "bob")
def reply_link_rate(w):
    proposal, aspects = w.proposal("replied"), ("consultation", "attitude", "reply", "result", "overall")
    reply = Reply.objects.create(
        township=w.town,
        proposal=proposal,
        round=1,
        reply_class="A",
        text="已办理",
        signer="李",
        contact="王",
        phone="1",
    )
    feedback = w.call(
        link=link_of(w, LinkPurpose.RATE, reply.pk), reply=reply, ratings=dict.fromkeys(aspects, "satisfied")
    )
    return [created(feedback, overall="satisfied"), changed(proposal, status="closed")]


# --- assessments -----------------------------------------------------------------------------------------

made(
    bulletin.bulletin_update, "alice",
    lambda w: dict(bulletin=w.draft_bulletin(), title="二月通报", summary="", praised="", urged=""),
    changed, title="二月通报",
)  # fmt: skip
made(
    bulletin.bulletin_publish, "alice", lambda w: dict(bulletin=w.draft_bulletin(), user=w.alice),
    changed, status="published",
)  # fmt: skip
made(
    record.commendation_add, "alice",
    lambda w: dict(deputy=w.deputy, year=2025, title="优秀代表", awarded_on=PAST, user=w.alice), title="优秀代表",
)  # fmt: skip


on_row(
    record.commendation_remove, "alice",
    lambda w: record.commendation_add(deputy=w.deputy, year=2025, title="优秀代表", awarded_on=PAST, user=w.alice),
    lambda w, row: dict(commendation=row), deleted,
)  # fmt: skip


@case(bulletin.month_assess, "alice")
def month_assess(w):
    draft = w.draft_bulletin()
    w.call(township=w.town, month=FEBRUARY)
    return [changed(draft, status="draft")]


@case(assessment.standard_ensure, "alice")
def standard_ensure(w):
    standard = w.call(township=w.town)
    return [created(standard), *(created(item) for item in standard.items.all())]


@case(assessment.standard_save, "alice")
def standard_save(w):
    rules = {item: (2, None) for item in Item.values}
    standard = w.call(township=w.town, active_from=DAY, rules=rules, note="加分", user=w.alice)
    return [created(standard, note="加分"), *(created(item, points=2) for item in standard.items.all())]


on_row(
    bulletin.bulletin_draft, "alice", World.draft_bulletin, lambda w, row: dict(township=w.town, month=FEBRUARY),
    status="draft",
)  # fmt: skip


@case(suggestions.visit_suggestion_draft, "alice")
def visit_suggestion_draft(w):
    visit = w.visit("suggestion")
    proposal = w.call(visit=visit, deputy=w.deputy, user=w.alice)
    return [created(proposal, status="draft"), created(VisitProposal.objects.get(visit=visit))]


on_row(
    year_end.thresholds_save, "alice", lambda w: GradeThresholds.objects.create(township=w.town),
    lambda w, row: dict(township=w.town, excellent=90, competent=60, basic=30), excellent=90,
)  # fmt: skip


@case(year_end.commend_excellent, "alice")
def commend_excellent(w):
    w.call(township=w.town, year=2025, deputies=[w.deputy], title="优秀代表", awarded_on=PAST, user=w.alice)
    return [created(Commendation.objects.get(deputy=w.deputy), title="优秀代表")]


made(
    party.party_report_save, "alice",
    lambda w: dict(report=PartyReport(subject="关于代表联络站的报告", sent_on=PAST), township=w.town, user=w.alice),
    subject="关于代表联络站的报告",
)  # fmt: skip
made(
    party.year_review_save, "alice",
    lambda w: dict(township=w.town, year=2025, rating="satisfied", assessment="满意", assessed_on=PAST),
    rating="satisfied",
)  # fmt: skip


@case(inspections.inspection_record, "alice")
def inspection_record(w):
    item = w.proposal("assigned", key_item=True, key_leader=w.leader)
    special = w.activity(kind="special")
    found = w.call(proposal=item, activity=special, findings="进度过半", user=w.alice)
    return [created(found, findings="进度过半")]


@case(participation.participants_set, "carol")
def participants_set(w):
    """Who took part is history too: the record's history row of each change names who made it, and holds the
    leaders, departments and deputies as they then were."""
    meeting = Meeting.objects.create(
        township=w.town, proposal=w.assigned(), round=1, stage="consult", held_on=PAST, form="visit"
    )
    present = participation.Participants.of(leaders=[w.leader], departments=[w.department], deputies=[w.deputy])
    w.call(record=meeting, participants=present)
    newest = meeting.history.order_by("-history_id").first()
    kept = {kind: [row.pk for row in getattr(meeting, kind).all()] for kind in ("leaders", "departments", "deputies")}
    held = {
        "leaders": [row.leader_id for row in newest.leaders.all()],
        "departments": [row.department_id for row in newest.departments.all()],
        "deputies": [row.deputy_id for row in newest.deputies.all()],
    }
    assert held == kept == {"leaders": [w.leader.pk], "departments": [w.department.pk], "deputies": [w.deputy.pk]}
    return [changed(meeting, stage="consult")]


# --- The rules library ---------------------------------------------------------------------------------------


def a_rule(w) -> Rule:
    return rules.rule_create(
        township=w.town, user=None, title="代表学习制度", kind=RuleKind.STUDY, text="第一条 学习。", in_force_on=PAST
    )


@case(rules.rule_create, "alice")
def rule_create(w):
    rule = w.call(
        township=w.town,
        user=w.alice,
        title="代表视察制度",
        kind=RuleKind.INSPECTION,
        text="第一条 视察。",
        in_force_on=PAST,
    )
    return [created(rule, title="代表视察制度", state="draft"), created(rule.versions.get(), number=1)]


on_row(
    rules.rule_edit, "alice", a_rule,
    lambda w, row: dict(rule=row, title="代表学习培训制度", kind=RuleKind.STUDY), title="代表学习培训制度",
)  # fmt: skip
on_row(rules.rule_publish, "alice", a_rule, lambda w, row: dict(rule=row, published=True), state="published")
on_row(rules.rule_mark_public, "alice", a_rule, lambda w, row: dict(rule=row, public=True), is_public=True)


@case(rules.rule_version_add, "alice")
def rule_version_add(w):
    version = w.call(rule=a_rule(w), user=w.alice, text="第一条 学习（修订）。", in_force_on=TODAY)
    return [created(version, number=2, text="第一条 学习（修订）。")]


# --- The test ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("service", sorted(CASES))
def test_the_service_leaves_a_history_row_naming_who_changed_the_record_and_from_where(service, world):
    world.service, actor, run = CASES[service]
    world.actor = getattr(world, actor)
    expected = run(world)
    assert world.calls == 1, "a case runs its service once, through world.call"
    check_history(expected, user=world.actor, address=ADDRESS)
