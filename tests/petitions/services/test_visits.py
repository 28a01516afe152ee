"""Visits, referrals and their deadlines, progress, finishing and closing, extensions and the referral
reminders (petitions/services/visits.py)."""

from datetime import date, datetime, timedelta

import pytest

from congress.models import Notification, Role
from petitions.models import (
    DeadlineExtension,
    ExtensionStatus,
    HandlingSuggestion,
    ReceptionSettings,
    Referral,
    ReferralNote,
    ReferralStatus,
    Visit,
    VisitCategory,
    VisitOutcome,
)
from petitions.services.visits import (
    ReferralPlan,
    VisitError,
    extension_decide,
    extension_request,
    referral_close,
    referral_create,
    referral_finish,
    referral_progress,
    referral_reminders_send,
)
from tests.factories import DepartmentFactory, DeputyFactory, MembershipFactory, StationFactory, UserFactory
from tests.petitions.conftest import LATER, TZ, VISIT_AT, VISIT_DAY, reload

pytestmark = pytest.mark.django_db


def at(day: date, hour: int = 9, minute: int = 30) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=TZ)


@pytest.fixture
def two_deputies(town_a):
    return [DeputyFactory(township=town_a, name="张代表"), DeputyFactory(township=town_a, name="李代表")]


@pytest.fixture
def referral(refer):
    return refer()


def nothing_written() -> bool:
    return not (
        Visit.objects.exists()
        or HandlingSuggestion.objects.exists()
        or Referral.objects.exists()
        or Notification.objects.exists()
    )


def notified(key_prefix: str) -> list[str]:
    return sorted(Notification.objects.filter(key__startswith=key_prefix).values_list("recipient__username", flat=True))


# --- visit_record ---------------------------------------------------------------------------------------


def test_a_recorded_visit_is_saved_with_what_the_visitor_raised(record, town_a, alice, station, category):
    visit = record(visitor_name="  王大妈 ", visitor_count=3)

    saved = Visit.objects.get(pk=visit.pk)
    assert (saved.township, saved.station, saved.category, saved.recorded_by) == (town_a, station, category, alice)
    assert (saved.visitor_name, saved.visitor_count, saved.visitor_phone) == ("王大妈", 3, "13911112222")
    assert (saved.outcome, saved.answer, saved.received_at) == (
        VisitOutcome.ANSWERED,
        "已联系供电所，本周修好",
        VISIT_AT,
    )


def test_a_recorded_visit_keeps_the_deputies_present(record, two_deputies):
    visit = record(deputies=two_deputies)

    assert set(visit.deputies.all()) == set(two_deputies)


def test_each_handling_suggestion_is_kept_by_the_deputy_who_made_it(record, two_deputies):
    zhang, li = two_deputies

    visit = record(suggestions=[(zhang, "请交通办排查"), (li, "纳入明年民生实事")])

    assert list(visit.suggestions.values_list("deputy__name", "text")) == [
        ("张代表", "请交通办排查"),
        ("李代表", "纳入明年民生实事"),
    ]


def test_a_referred_visit_without_a_referral_plan_is_refused_and_nothing_is_written(record):
    with pytest.raises(VisitError):
        record(outcome=VisitOutcome.REFERRED, answer="", referral=None)

    assert nothing_written()


def test_a_visit_answered_on_the_spot_needs_the_answer(record):
    with pytest.raises(VisitError):
        record(outcome=VisitOutcome.ANSWERED, answer="   ")

    assert nothing_written()


@pytest.mark.parametrize("foreign", ["station", "category", "deputy present", "suggesting deputy", "department"])
def test_a_row_of_another_township_in_a_visit_is_refused_and_nothing_is_written(record, town_b, two_deputies, foreign):
    changes = {}
    if foreign == "station":
        changes["station"] = StationFactory(township=town_b)
    elif foreign == "category":
        changes["category"] = VisitCategory.objects.create(township=town_b, name="乙镇的类别")
    elif foreign == "deputy present":
        changes["deputies"] = [two_deputies[0], DeputyFactory(township=town_b)]
    elif foreign == "suggesting deputy":
        changes["suggestions"] = [(two_deputies[0], "可以"), (DeputyFactory(township=town_b), "不该出现")]
    else:
        plan = ReferralPlan(department=DepartmentFactory(township=town_b), responsible_name="乙镇的人")
        changes.update(outcome=VisitOutcome.REFERRED, answer="", referral=plan)

    with pytest.raises(VisitError):
        record(**changes)

    assert nothing_written()


def test_a_referred_visit_is_written_with_its_referral(refer, department_a):
    referral = refer()

    assert referral.visit.outcome == VisitOutcome.REFERRED
    assert (referral.department, referral.responsible_name, referral.status) == (
        department_a,
        "周主任",
        ReferralStatus.OPEN,
    )


# --- referral_create: deadlines ---------------------------------------------------------------------------


def test_a_referrals_deadlines_default_to_15_and_60_days_after_the_visit(refer):
    referral = refer()

    assert (referral.answer_due, referral.due) == (date(2026, 11, 17), date(2027, 1, 1))


def test_the_default_deadlines_count_from_the_visits_local_date(refer):
    # 07:00 in Shanghai on 2 November is still 1 November in UTC.
    referral = refer(received_at=at(VISIT_DAY, 7, 0))

    assert (referral.answer_due, referral.due) == (date(2026, 11, 17), date(2027, 1, 1))


def test_the_default_deadlines_follow_the_towns_reception_settings(refer, town_a):
    ReceptionSettings.objects.create(township=town_a, referral_answer_days=7, referral_finish_days=30)

    referral = refer()

    assert (referral.answer_due, referral.due) == (date(2026, 11, 9), date(2026, 12, 2))


def test_explicit_deadlines_are_kept(refer):
    referral = refer(answer_due=date(2026, 11, 5), due=date(2026, 11, 20))

    assert (referral.answer_due, referral.due) == (date(2026, 11, 5), date(2026, 11, 20))


@pytest.mark.parametrize(
    "deadlines",
    [{"answer_due": date(2026, 11, 1)}, {"due": date(2026, 11, 1), "answer_due": date(2026, 10, 30)}],
    ids=["answer-by", "resolve-by"],
)
def test_a_deadline_before_the_visit_is_refused_and_nothing_is_written(refer, deadlines):
    with pytest.raises(VisitError):
        refer(**deadlines)

    assert nothing_written()


def test_resolve_by_before_answer_by_is_refused(refer):
    with pytest.raises(VisitError):
        refer(answer_due=date(2026, 11, 20), due=date(2026, 11, 10))

    assert nothing_written()


def test_a_referral_without_a_responsible_person_is_refused(record, department_a):
    visit = record()

    with pytest.raises(VisitError):
        referral_create(visit=visit, plan=ReferralPlan(department=department_a, responsible_name="  "))

    assert not Referral.objects.exists()


def test_the_handling_units_staff_are_told_of_a_new_referral(refer, carol, alice, town_a):
    other_unit = DepartmentFactory(township=town_a)
    MembershipFactory(user=UserFactory(username="uma"), township=town_a, role=Role.UNIT, department=other_unit)

    referral = refer()

    assert notified("referral-new:") == ["carol"]
    assert Notification.objects.get(recipient=carol).url == f"/visits/referrals/{referral.pk}/"


# --- the referral's life ----------------------------------------------------------------------------------


def test_a_progress_note_moves_an_open_referral_to_in_progress(referral, carol):
    note = referral_progress(referral=referral, user=carol, text="已到现场查看")

    assert reload(referral).status == ReferralStatus.IN_PROGRESS
    assert (note.author, note.text) == (carol, "已到现场查看")


def test_a_further_progress_note_keeps_the_referral_in_progress(referral, carol):
    referral_progress(referral=referral, user=carol, text="已到现场查看")

    referral_progress(referral=referral, user=carol, text="已报供电所")

    assert reload(referral).status == ReferralStatus.IN_PROGRESS
    assert referral.notes.count() == 2


def test_an_empty_progress_note_is_refused(referral, carol):
    with pytest.raises(VisitError):
        referral_progress(referral=referral, user=carol, text="  ")

    assert reload(referral).status == ReferralStatus.OPEN
    assert not referral.notes.exists()


def test_a_referral_in_progress_can_be_finished_as_resolved_with_its_result(referral, carol):
    referral_progress(referral=referral, user=carol, text="已到现场查看")

    referral_finish(referral=referral, user=carol, resolved=True, result="路灯已修复", now=LATER)

    reload(referral)
    assert (referral.status, referral.result, referral.finished_at) == (ReferralStatus.RESOLVED, "路灯已修复", LATER)


def test_a_referral_note_records_the_finish(referral, carol):
    referral_finish(referral=referral, user=carol, resolved=True, result="路灯已修复", now=LATER)

    assert ReferralNote.objects.filter(referral=referral, author=carol).count() == 1


def test_finishing_as_resolved_with_an_empty_result_is_refused(referral, carol):
    with pytest.raises(VisitError):
        referral_finish(referral=referral, user=carol, resolved=True, result=" ", now=LATER)

    reload(referral)
    assert (referral.status, referral.finished_at) == (ReferralStatus.OPEN, None)


def test_a_referral_can_be_finished_as_unresolvable_with_the_reason(referral, carol):
    referral_finish(referral=referral, user=carol, resolved=False, result="属县级事权", now=LATER)

    reload(referral)
    assert (referral.status, referral.result) == (ReferralStatus.UNRESOLVABLE, "属县级事权")


def test_finishing_as_unresolvable_without_a_reason_is_refused(referral, carol):
    with pytest.raises(VisitError):
        referral_finish(referral=referral, user=carol, resolved=False, result="", now=LATER)

    assert reload(referral).status == ReferralStatus.OPEN


def test_a_finished_referral_cannot_be_finished_again(referral, carol):
    referral_finish(referral=referral, user=carol, resolved=False, result="属县级事权", now=LATER)

    with pytest.raises(VisitError):
        referral_finish(referral=referral, user=carol, resolved=True, result="改口说解决了", now=LATER)

    assert (reload(referral).status, referral.result) == (ReferralStatus.UNRESOLVABLE, "属县级事权")


def test_a_finished_referral_takes_no_more_progress(referral, carol):
    referral_finish(referral=referral, user=carol, resolved=True, result="路灯已修复", now=LATER)
    notes = referral.notes.count()

    with pytest.raises(VisitError):
        referral_progress(referral=referral, user=carol, text="再补一句")

    assert referral.notes.count() == notes


@pytest.mark.parametrize("resolved", [True, False], ids=["resolved", "unresolvable"])
def test_a_finished_referral_is_closed_once_the_visitor_is_told(referral, carol, resolved):
    referral_finish(referral=referral, user=carol, resolved=resolved, result="结果", now=LATER)
    told = LATER + timedelta(days=1)

    referral_close(referral=referral, told_at=told, satisfied=True, now=told + timedelta(hours=1))

    reload(referral)
    assert (referral.status, referral.visitor_told_at, referral.visitor_satisfied) == (
        ReferralStatus.CLOSED,
        told,
        True,
    )


@pytest.mark.parametrize("progressed", [False, True], ids=["open", "in_progress"])
def test_an_unfinished_referral_cannot_be_closed(referral, carol, progressed):
    if progressed:
        referral_progress(referral=referral, user=carol, text="已到现场查看")
    status = reload(referral).status

    with pytest.raises(VisitError):
        referral_close(referral=referral, told_at=LATER, satisfied=True, now=LATER + timedelta(days=1))

    reload(referral)
    assert (referral.status, referral.visitor_told_at) == (status, None)


@pytest.mark.parametrize(
    "told_at", [LATER + timedelta(days=2), VISIT_AT - timedelta(minutes=1)], ids=["in-the-future", "before-the-visit"]
)
def test_closing_with_the_visitor_told_outside_visit_to_now_is_refused(referral, carol, told_at):
    referral_finish(referral=referral, user=carol, resolved=True, result="路灯已修复", now=LATER)

    with pytest.raises(VisitError):
        referral_close(referral=referral, told_at=told_at, satisfied=True, now=LATER + timedelta(days=1))

    reload(referral)
    assert (referral.status, referral.visitor_told_at) == (ReferralStatus.RESOLVED, None)


@pytest.fixture
def closed(referral, carol):
    referral_finish(referral=referral, user=carol, resolved=True, result="路灯已修复", now=LATER)
    referral_close(referral=referral, told_at=LATER, satisfied=False, now=LATER + timedelta(hours=1))
    return referral


def test_a_closed_referral_takes_no_more_progress(closed, carol):
    notes = closed.notes.count()

    with pytest.raises(VisitError):
        referral_progress(referral=closed, user=carol, text="再补一句")

    assert (reload(closed).status, closed.notes.count()) == (ReferralStatus.CLOSED, notes)


def test_a_closed_referral_cannot_be_finished_again(closed, carol):
    with pytest.raises(VisitError):
        referral_finish(referral=closed, user=carol, resolved=False, result="改了", now=LATER)

    assert (reload(closed).status, closed.result) == (ReferralStatus.CLOSED, "路灯已修复")


# --- extensions --------------------------------------------------------------------------------------------


@pytest.fixture
def asked(referral, carol):
    return extension_request(referral=referral, user=carol, new_due=date(2027, 2, 1), reason="需等供电所排期")


def test_an_extension_request_moves_nothing_until_approved(referral, asked):
    assert reload(referral).due == date(2027, 1, 1)
    assert (asked.status, asked.old_due, asked.new_due) == (ExtensionStatus.PENDING, date(2027, 1, 1), date(2027, 2, 1))


def test_the_office_is_told_of_an_extension_request(alice, office2, dave, referral, asked):
    assert notified("extension-asked:") == ["alice", "olivia"]


@pytest.mark.parametrize("new_due", [date(2027, 1, 1), date(2026, 12, 31)], ids=["same", "earlier"])
def test_an_extension_must_ask_for_a_later_deadline(referral, carol, new_due):
    with pytest.raises(VisitError):
        extension_request(referral=referral, user=carol, new_due=new_due, reason="理由")

    assert not DeadlineExtension.objects.exists()


def test_a_second_extension_while_one_waits_is_refused(referral, carol, asked):
    with pytest.raises(VisitError):
        extension_request(referral=referral, user=carol, new_due=date(2027, 3, 1), reason="再延一次")

    assert list(DeadlineExtension.objects.all()) == [asked]


def test_an_approved_extension_moves_the_deadline_and_is_kept(referral, asked, alice):
    extension_decide(extension=asked, approve=True, user=alice, now=LATER)

    assert reload(referral).due == date(2027, 2, 1)
    kept = DeadlineExtension.objects.get(pk=asked.pk)
    assert (kept.status, kept.old_due, kept.new_due, kept.decided_by, kept.decided_at) == (
        ExtensionStatus.APPROVED,
        date(2027, 1, 1),
        date(2027, 2, 1),
        alice,
        LATER,
    )


def test_a_refused_extension_leaves_the_deadline(referral, asked, alice):
    extension_decide(extension=asked, approve=False, user=alice, now=LATER)

    assert reload(referral).due == date(2027, 1, 1)
    assert reload(asked).status == ExtensionStatus.REFUSED


@pytest.mark.parametrize("first", [True, False], ids=["after-approval", "after-refusal"])
def test_an_extension_cannot_be_decided_twice(referral, asked, alice, office2, first):
    extension_decide(extension=asked, approve=first, user=alice, now=LATER)
    due = reload(referral).due

    with pytest.raises(VisitError):
        extension_decide(extension=asked, approve=not first, user=office2, now=LATER + timedelta(hours=1))

    reload(asked)
    assert (asked.decided_by, asked.decided_at, reload(referral).due) == (alice, LATER, due)


def test_after_a_decision_a_new_extension_may_be_asked(referral, asked, alice, carol):
    extension_decide(extension=asked, approve=True, user=alice, now=LATER)

    again = extension_request(referral=reload(referral), user=carol, new_due=date(2027, 3, 1), reason="还需时间")

    assert (again.old_due, again.status) == (date(2027, 2, 1), ExtensionStatus.PENDING)


# --- reminders ----------------------------------------------------------------------------------------------


@pytest.fixture
def staff(alice, office2, carol, dave, town_a):
    """Office alice and olivia, carol of department_a; dave (town B) and uma of another unit must hear nothing."""
    other_unit = DepartmentFactory(township=town_a)
    MembershipFactory(user=UserFactory(username="uma"), township=town_a, role=Role.UNIT, department=other_unit)
    return ["alice", "carol", "olivia"]


def test_a_referral_due_in_three_days_reminds_the_office_and_the_units_staff_once_each(refer, staff):
    refer(answer_due=date(2026, 11, 10), due=date(2026, 11, 23))

    sent = referral_reminders_send(today=date(2026, 11, 20))

    assert sent == 3
    assert notified("referral-due:") == staff


def test_running_the_due_reminders_twice_sends_nothing_more(refer, staff):
    refer(answer_due=date(2026, 11, 10), due=date(2026, 11, 23))
    referral_reminders_send(today=date(2026, 11, 20))

    assert referral_reminders_send(today=date(2026, 11, 20)) == 0
    assert notified("referral-due:") == staff


@pytest.mark.parametrize("days_left", [4, 2, 0])
def test_no_due_reminder_other_than_three_days_before(refer, staff, days_left):
    refer(answer_due=date(2026, 11, 10), due=date(2026, 11, 20) + timedelta(days=days_left))

    assert referral_reminders_send(today=date(2026, 11, 20)) == 0


def test_an_overdue_referral_reminds_each_one_once_that_week(refer, staff):
    refer(answer_due=date(2026, 11, 10), due=date(2026, 11, 20))

    first = referral_reminders_send(today=date(2026, 11, 24))  # Tuesday
    again = referral_reminders_send(today=date(2026, 11, 29))  # Sunday, same ISO week

    assert (first, again) == (3, 0)
    assert notified("referral-overdue:") == staff


def test_an_overdue_referral_reminds_again_the_next_week(refer, staff):
    refer(answer_due=date(2026, 11, 10), due=date(2026, 11, 20))
    referral_reminders_send(today=date(2026, 11, 24))

    assert referral_reminders_send(today=date(2026, 11, 30)) == 3  # Monday of the next ISO week
    assert notified("referral-overdue:") == sorted(staff * 2)


def test_an_overdue_reminder_crosses_the_iso_year_correctly(refer, staff):
    refer(answer_due=date(2026, 12, 1), due=date(2026, 12, 20))
    referral_reminders_send(today=date(2026, 12, 31))  # Thursday of ISO week 2026-W53

    assert referral_reminders_send(today=date(2027, 1, 3)) == 0  # Sunday, still 2026-W53
    assert referral_reminders_send(today=date(2027, 1, 4)) == 3  # 2027-W01


@pytest.mark.parametrize("resolved", [True, False], ids=["resolved", "unresolvable"])
def test_finished_referrals_get_no_reminders(refer, staff, carol, resolved):
    due_soon = refer(answer_due=date(2026, 11, 10), due=date(2026, 11, 23))
    late = refer(answer_due=date(2026, 11, 10), due=date(2026, 11, 10))
    for r in (due_soon, late):
        referral_finish(referral=r, user=carol, resolved=resolved, result="结果", now=LATER)

    assert referral_reminders_send(today=date(2026, 11, 20)) == 0
    assert not Notification.objects.filter(key__startswith="referral-due").exists()
    assert not Notification.objects.filter(key__startswith="referral-overdue").exists()


def test_closed_referrals_get_no_reminders(closed, staff):
    Referral.objects.filter(pk=closed.pk).update(due=date(2026, 11, 12), answer_due=date(2026, 11, 10))

    assert referral_reminders_send(today=date(2026, 11, 20)) == 0
