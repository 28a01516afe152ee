"""The deputies' suggestions carried through (petitions/services/suggestions.py, and suggestion_add's duty rule):
the chairing leader's confirmation, the unit's decision and the carrying out, the deputy told each time; every
refusal changes nothing."""

from datetime import date, timedelta

import pytest
from django.forms.models import model_to_dict
from django.utils.translation import gettext as _

from congress.models import Notification
from petitions.models import AttendanceStatus, DutyAssignment, HandlingSuggestion, Referral, ReferralStatus
from petitions.services.suggestions import (
    Confirmation,
    referral_confirm,
    suggestion_carry_out,
    suggestion_decide,
    suggestion_reopen,
)
from petitions.services.visits import VisitError, referral_finish, referral_progress, suggestion_add
from tests.factories import DepartmentFactory, DeputyFactory, LeaderFactory, StationFactory
from tests.petitions.conftest import DAY, LATER, VISIT_AT, VISIT_DAY, assignment_of, deputy, mark_present, reload

pytestmark = pytest.mark.django_db


def plan(referral: Referral, **changes) -> Confirmation:
    fields = {
        "department": referral.department,
        "responsible_name": referral.responsible_name,
        "responsible_phone": referral.responsible_phone,
        "answer_due": referral.answer_due,
        "due": referral.due,
    }
    return Confirmation(**(fields | changes))


def snapshot(*rows) -> list[dict]:
    return [model_to_dict(type(row).objects.get(pk=row.pk)) for row in rows]


def unit_told() -> list[str]:
    return sorted(Notification.objects.filter(key__startswith="referral-confirmed:").values_list("key", flat=True))


def deputy_told(prefix: str = "suggestion-") -> list[str]:
    return sorted(Notification.objects.filter(key__startswith=prefix).values_list("recipient_name", flat=True))


def the_suggestion(referral: Referral) -> HandlingSuggestion:
    return referral.visit.suggestions.get()


# --- The chairing leader's confirmation ----------------------------------------------------------------------


def test_the_leader_who_received_the_visit_confirms_its_referral_as_it_stands(chaired_case, leo):
    referral_confirm(referral=chaired_case, leader=leo.leader, user=leo, plan=plan(chaired_case), now=LATER)

    referral = reload(chaired_case)
    assert (referral.confirmed_by, referral.confirmed_at) == (leo.leader, LATER)
    assert unit_told() == []  # nothing changed for the unit: it is not told again


def test_a_changed_deadline_is_confirmed_and_the_unit_is_told(chaired_case, leo, carol):
    new_due = chaired_case.due + timedelta(days=10)

    referral_confirm(referral=chaired_case, leader=leo.leader, user=leo, plan=plan(chaired_case, due=new_due))

    assert reload(chaired_case).due == new_due
    assert Notification.objects.filter(key__startswith="referral-confirmed:", recipient=carol).exists()


def test_a_changed_unit_and_person_are_confirmed_and_the_new_unit_is_told(chaired_case, leo, town_a):
    other = DepartmentFactory(township=town_a, name="农业服务中心", phone="13600003333")

    referral_confirm(
        referral=chaired_case,
        leader=leo.leader,
        user=leo,
        plan=plan(chaired_case, department=other, responsible_name="吴站长", responsible_phone=""),
    )

    referral = reload(chaired_case)
    assert (referral.department, referral.responsible_name) == (other, "吴站长")
    assert Notification.objects.filter(key__startswith="referral-confirmed:", phone="13600003333").exists()


def test_a_leader_of_the_duty_day_confirms_a_visit_another_leader_received(chaired_case, town_a, make_day, groups):
    day = make_day(VISIT_DAY, groups[0])
    chair = LeaderFactory(township=town_a, name="陈镇长")
    day.leaders.add(chair)
    type(chaired_case.visit).objects.filter(pk=chaired_case.visit_id).update(duty_day=day)

    referral_confirm(referral=chaired_case, leader=chair, user=None, plan=plan(chaired_case))

    assert reload(chaired_case).confirmed_by == chair


def test_a_leader_who_did_not_chair_the_visit_is_refused_and_nothing_changes(chaired_case, town_a):
    other = LeaderFactory(township=town_a, name="林书记")
    before = snapshot(chaired_case)

    with pytest.raises(VisitError) as refused:
        referral_confirm(referral=chaired_case, leader=other, user=None, plan=plan(chaired_case, due=date(2027, 1, 1)))

    assert refused.value.messages == [_("Only the leader who chaired this visit's reception confirms its referral.")]
    assert snapshot(chaired_case) == before and unit_told() == []


def test_a_leader_of_another_town_is_refused_and_nothing_changes(chaired_case, town_b):
    stranger = LeaderFactory(township=town_b, name="外镇领导")
    before = snapshot(chaired_case)

    with pytest.raises(VisitError):
        referral_confirm(referral=chaired_case, leader=stranger, user=None, plan=plan(chaired_case))

    assert snapshot(chaired_case) == before


def test_a_finished_referral_cannot_be_confirmed(chaired_case, leo, carol):
    referral_finish(referral=chaired_case, user=carol, resolved=True, result="已修好")
    before = snapshot(chaired_case)

    with pytest.raises(VisitError):
        referral_confirm(referral=chaired_case, leader=leo.leader, user=leo, plan=plan(chaired_case))

    assert snapshot(chaired_case) == before


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"answer_due": VISIT_DAY - timedelta(days=1)}, "A deadline cannot be before the visit."),
        ({"due": VISIT_DAY - timedelta(days=1)}, "A deadline cannot be before the visit."),
        (
            {"answer_due": VISIT_DAY + timedelta(days=20), "due": VISIT_DAY + timedelta(days=10)},
            "The deadline to resolve cannot be before the deadline to answer.",
        ),
        ({"responsible_name": "  "}, "Name the person responsible for the case."),
    ],
)
def test_a_bad_confirmation_is_refused_and_nothing_changes(chaired_case, leo, changes, message):
    before = snapshot(chaired_case)

    with pytest.raises(VisitError) as refused:
        referral_confirm(referral=chaired_case, leader=leo.leader, user=leo, plan=plan(chaired_case, **changes))

    assert refused.value.messages == [_(message)]
    assert snapshot(chaired_case) == before and unit_told() == []


# --- The unit's decision ----------------------------------------------------------------------------------


def test_the_unit_adopts_a_suggestion_and_the_deputy_is_told(chaired_case, carol, department_a, suggester):
    suggestion = the_suggestion(chaired_case)

    suggestion_decide(
        suggestion=suggestion, user=carol, unit=department_a, adopted=True, response="已安排先修主干道", now=LATER
    )

    suggestion = reload(suggestion)
    assert (suggestion.adopted, suggestion.response, suggestion.decided_by, suggestion.decided_at) == (
        True,
        "已安排先修主干道",
        carol,
        LATER,
    )
    message = Notification.objects.get(key__startswith="suggestion-decided:")
    assert (message.recipient, message.phone) == (suggester.user, suggester.phone)


def test_a_suggestion_not_adopted_says_why_and_the_deputy_is_told(chaired_case, carol, department_a):
    suggestion = the_suggestion(chaired_case)

    suggestion_decide(suggestion=suggestion, user=carol, unit=department_a, adopted=False, response="资金不足")

    assert reload(suggestion).adopted is False
    assert deputy_told("suggestion-decided:") == ["张代表"]


def test_a_deputy_without_a_login_is_told_by_text(chaired_case, carol, department_a, town_a):
    visit = chaired_case.visit
    no_login = DeputyFactory(township=town_a, name="王代表", user=None, phone="13500004444")
    suggestion = suggestion_add(visit=visit, deputy=no_login, text="请村委会配合")

    suggestion_decide(suggestion=suggestion, user=carol, unit=department_a, adopted=True, response="已配合")

    message = Notification.objects.get(key__startswith=f"suggestion-decided:{suggestion.pk}:")
    assert (message.recipient, message.phone) == (None, "13500004444")


@pytest.mark.parametrize("adopted", [True, False])
def test_a_decision_without_a_response_is_refused(chaired_case, carol, department_a, adopted):
    suggestion = the_suggestion(chaired_case)
    before = snapshot(suggestion)

    with pytest.raises(VisitError):
        suggestion_decide(suggestion=suggestion, user=carol, unit=department_a, adopted=adopted, response=" ")

    assert snapshot(suggestion) == before and deputy_told() == []


def test_a_unit_that_is_not_the_referrals_cannot_decide(chaired_case, carol, town_a):
    suggestion = the_suggestion(chaired_case)
    before = snapshot(suggestion)

    with pytest.raises(VisitError) as refused:
        suggestion_decide(
            suggestion=suggestion, user=carol, unit=DepartmentFactory(township=town_a), adopted=True, response="好"
        )

    assert refused.value.messages == [_("Only the unit handling the case decides on its suggestions.")]
    assert snapshot(suggestion) == before and deputy_told() == []


def test_a_suggestion_on_a_visit_not_referred_cannot_be_decided(record, suggester, alice):
    suggestion = suggestion_add(visit=record(), deputy=suggester, text="建议公开进度")

    with pytest.raises(VisitError):
        suggestion_decide(suggestion=suggestion, user=alice, unit=None, adopted=True, response="好")

    assert reload(suggestion).adopted is None


def test_a_decision_is_made_once_until_the_office_reopens_it(chaired_case, carol, alice, department_a):
    suggestion = the_suggestion(chaired_case)
    suggestion_decide(suggestion=suggestion, user=carol, unit=department_a, adopted=False, response="资金不足")
    before = snapshot(suggestion)

    with pytest.raises(VisitError):
        suggestion_decide(suggestion=suggestion, user=carol, unit=department_a, adopted=True, response="改为采纳")
    assert snapshot(suggestion) == before

    suggestion_reopen(suggestion=suggestion, user=alice)
    assert reload(suggestion).adopted is None
    suggestion_decide(suggestion=suggestion, user=carol, unit=department_a, adopted=True, response="追加资金后采纳")

    assert (reload(suggestion).adopted, suggestion.response) == (True, "追加资金后采纳")
    assert deputy_told("suggestion-decided:") == ["张代表", "张代表"]


def test_an_undecided_suggestion_cannot_be_reopened(chaired_case, alice):
    with pytest.raises(VisitError):
        suggestion_reopen(suggestion=the_suggestion(chaired_case), user=alice)


# --- Carried out ------------------------------------------------------------------------------------------


@pytest.fixture
def adopted(chaired_case, carol, department_a) -> HandlingSuggestion:
    suggestion = the_suggestion(chaired_case)
    suggestion_decide(suggestion=suggestion, user=carol, unit=department_a, adopted=True, response="先修主干道")
    return reload(suggestion)


def finish(referral: Referral, user) -> None:
    referral_finish(referral=referral, user=user, resolved=True, result="路灯已修复")


def test_an_adopted_suggestion_is_carried_out_once_its_case_is_finished(adopted, chaired_case, carol, department_a):
    finish(chaired_case, carol)
    on = VISIT_DAY + timedelta(days=5)

    suggestion_carry_out(suggestion=adopted, user=carol, unit=department_a, on=on, today=on + timedelta(days=1))

    assert reload(adopted).carried_out_at.date() == on
    assert deputy_told("suggestion-carried-out:") == ["张代表"]


@pytest.mark.parametrize("status", [ReferralStatus.OPEN, ReferralStatus.IN_PROGRESS])
def test_a_suggestion_is_not_carried_out_while_its_case_is_open(adopted, chaired_case, carol, department_a, status):
    if status == ReferralStatus.IN_PROGRESS:
        referral_progress(referral=chaired_case, user=carol, text="已联系供电所")
    before = snapshot(adopted)

    with pytest.raises(VisitError) as refused:
        suggestion_carry_out(suggestion=adopted, user=carol, unit=department_a, on=VISIT_DAY, today=VISIT_DAY)

    assert refused.value.messages == [_("A suggestion is carried out when its case is finished.")]
    assert snapshot(adopted) == before and deputy_told("suggestion-carried-out:") == []


@pytest.mark.parametrize("adopt", [None, False])
def test_only_an_adopted_suggestion_is_carried_out(chaired_case, carol, department_a, adopt):
    suggestion = the_suggestion(chaired_case)
    if adopt is False:
        suggestion_decide(suggestion=suggestion, user=carol, unit=department_a, adopted=False, response="不采纳")
    finish(chaired_case, carol)
    before = snapshot(suggestion)

    with pytest.raises(VisitError) as refused:
        suggestion_carry_out(suggestion=suggestion, user=carol, unit=department_a, on=VISIT_DAY, today=VISIT_DAY)

    assert refused.value.messages == [_("Only an adopted suggestion can be carried out.")]
    assert snapshot(suggestion) == before


def test_a_date_in_the_future_is_refused(adopted, chaired_case, carol, department_a):
    finish(chaired_case, carol)
    before = snapshot(adopted)

    with pytest.raises(VisitError):
        suggestion_carry_out(
            suggestion=adopted, user=carol, unit=department_a, on=VISIT_DAY + timedelta(days=2), today=VISIT_DAY
        )

    assert snapshot(adopted) == before


def test_another_unit_cannot_mark_a_suggestion_carried_out(adopted, chaired_case, carol, town_a):
    finish(chaired_case, carol)
    before = snapshot(adopted)

    with pytest.raises(VisitError):
        suggestion_carry_out(
            suggestion=adopted, user=carol, unit=DepartmentFactory(township=town_a), on=VISIT_DAY, today=VISIT_DAY
        )

    assert snapshot(adopted) == before


def test_a_carried_out_suggestion_is_neither_carried_out_again_nor_reopened(
    adopted, chaired_case, carol, alice, department_a
):
    finish(chaired_case, carol)
    suggestion_carry_out(suggestion=adopted, user=carol, unit=department_a, on=VISIT_DAY, today=VISIT_DAY)
    before = snapshot(adopted)

    with pytest.raises(VisitError):
        suggestion_carry_out(suggestion=adopted, user=alice, unit=None, on=VISIT_DAY, today=VISIT_DAY)
    with pytest.raises(VisitError):
        suggestion_reopen(suggestion=adopted, user=alice)

    assert snapshot(adopted) == before


# --- A deputy on duty adds a suggestion on the day ------------------------------------------------------------


@pytest.fixture
def day_visit(monday, record):
    """A visit received on DAY's duty (group 1: 张三 and 李四 have logins), 张三 signed in."""
    mark_present(monday, "张三")
    return record(duty_day=monday, received_at=VISIT_AT.replace(year=DAY.year, month=DAY.month, day=DAY.day))


def test_a_deputy_signed_in_on_the_day_adds_a_suggestion_to_its_visit(day_visit, monday):
    suggestion = suggestion_add(
        visit=day_visit, deputy=deputy("张三"), text=" 建议联系供电所 ", duty_day=monday, today=DAY
    )

    assert (suggestion.visit, suggestion.deputy.name, suggestion.text) == (day_visit, "张三", "建议联系供电所")


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("another day", "A suggestion is added from the phone on the duty day itself only."),
        ("not signed in", "Only a deputy signed in on duty that day adds suggestions to its visits."),
        ("on leave", "Only a deputy signed in on duty that day adds suggestions to its visits."),
        ("absent", "Only a deputy signed in on duty that day adds suggestions to its visits."),
        ("not on the day", "Only a deputy signed in on duty that day adds suggestions to its visits."),
        ("visit of another day", "This visit was not received on that duty day."),
        ("empty", "Write the suggestion."),
    ],
)
def test_a_deputys_suggestion_breaking_the_duty_rule_is_refused(day_visit, monday, record, groups, case, message):
    who, visit, text, today = deputy("张三"), day_visit, "建议联系供电所", DAY
    if case == "another day":
        today = DAY + timedelta(days=1)
    elif case == "not signed in":
        who = deputy("李四")
    elif case in ("on leave", "absent"):
        DutyAssignment.objects.filter(pk=assignment_of(monday, "张三").pk).update(
            status=AttendanceStatus.LEAVE if case == "on leave" else AttendanceStatus.ABSENT
        )
    elif case == "not on the day":
        who = deputy("钱七")  # group 2
    elif case == "visit of another day":
        visit = record(received_at=VISIT_AT)
    else:
        text = "  "

    with pytest.raises(VisitError) as refused:
        suggestion_add(visit=visit, deputy=who, text=text, duty_day=monday, today=today)

    assert refused.value.messages == [_(message)]
    assert not HandlingSuggestion.objects.exists()


def test_a_deputy_cannot_add_a_suggestion_to_another_towns_visit(day_visit, monday, town_b):
    stranger = DeputyFactory(township=town_b, small_group=None)

    with pytest.raises(VisitError):
        suggestion_add(visit=day_visit, deputy=stranger, text="外镇的建议", duty_day=monday, today=DAY)

    assert not HandlingSuggestion.objects.exists()


def test_the_office_adds_a_suggestion_for_any_deputy_on_any_day(record, town_a):
    visit = record()
    anyone = DeputyFactory(township=town_a, name="周代表")

    suggestion_add(visit=visit, deputy=anyone, text="事后补记的建议")

    assert visit.suggestions.get().deputy == anyone


def test_a_duty_day_of_another_town_is_refused(day_visit, town_b):
    StationFactory(township=town_b)
    with pytest.raises(VisitError):
        suggestion_add(visit=day_visit, deputy=deputy("张三"), text="好", duty_day=_foreign_day(town_b), today=DAY)
    assert not HandlingSuggestion.objects.exists()


def _foreign_day(town):
    from petitions.models import DutyDay
    from tests.factories import SmallGroupFactory

    return DutyDay.objects.create(
        township=town, date=DAY, start_time="08:00", station=StationFactory(township=town),
        small_group=SmallGroupFactory(township=town),
    )  # fmt: skip
