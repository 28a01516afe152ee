"""The services of voters' matters: taken into a visit, told at each step, answered again, spam, approval."""

import pytest

from petitions.models import BlockedPhone, MatterStatus, MatterUpdate, ReferralStatus, Visit, VisitOutcome
from petitions.services import matters
from petitions.services.matters import MatterError, TakePlan
from petitions.services.visits import ReferralPlan, VisitError, referral_finish
from tests.petitions.conftest import matter_texts, reload

pytestmark = pytest.mark.django_db


def answered(category) -> TakePlan:
    return TakePlan(category=category, outcome=VisitOutcome.ANSWERED, answer="已联系供电所，三天内修好")


def referred(category, department) -> TakePlan:
    plan = ReferralPlan(department=department, responsible_name="周主任", responsible_phone="13700002222")
    return TakePlan(category=category, outcome=VisitOutcome.REFERRED, referral=plan)


def test_taking_a_matter_records_its_visit_from_the_matter(matter, alice, category):
    visit = matters.matter_take(matter=matter, user=alice, plan=answered(category))
    matter = reload(matter)
    assert matter.visit == visit
    assert matter.taken_by == alice and matter.taken_at is not None
    assert visit.station == matter.station
    assert visit.visitor_name == "张三" and visit.visitor_phone == matter.phone
    assert visit.visitor_address == matter.village and visit.content == matter.content
    assert visit.received_at == matter.created_at
    assert visit.recorded_by == alice


def test_a_deputy_who_takes_it_is_among_the_visits_deputies(matter, bob, category):
    visit = matters.matter_take(matter=matter, user=bob, plan=answered(category), deputy=bob.deputy)
    assert list(visit.deputies.all()) == [bob.deputy]


def test_an_anonymous_voter_is_recorded_under_a_word_for_the_public(town_a, point, alice, category):
    from tests.factories import VoterMatterFactory

    nameless = VoterMatterFactory(township=town_a, station=point, name="")
    visit = matters.matter_take(matter=nameless, user=alice, plan=answered(category))
    assert visit.visitor_name


def test_answered_on_the_spot_tells_the_voter_taken_then_the_answer(matter, alice, category):
    matters.matter_take(matter=matter, user=alice, plan=answered(category))
    matter = reload(matter)
    assert matter.status == MatterStatus.ANSWERED and matter.answered_at is not None
    assert list(matter.updates.values_list("kind", flat=True)) == ["taken", "answered"]
    texts = matter_texts(matter)
    assert len(texts) == 2
    assert texts[1].body == "已联系供电所，三天内修好"
    assert all(t.params["reference"] == matter.reference for t in texts)


def test_a_referred_matter_tells_the_unit_and_deadline_but_no_ones_phone(matter, alice, category, department_a):
    matters.matter_take(matter=matter, user=alice, plan=referred(category, department_a))
    matter = reload(matter)
    assert matter.status == MatterStatus.HANDLING
    told = matter.updates.get(kind="referred").text
    assert department_a.name in told
    assert "13700002222" not in told and "周主任" not in told


def test_the_finished_referral_tells_the_voter_the_result(matter, alice, carol, category, department_a):
    visit = matters.matter_take(matter=matter, user=alice, plan=referred(category, department_a))
    referral_finish(referral=visit.referral, user=carol, resolved=True, result="路灯已换新")
    matter = reload(matter)
    assert visit.referral.status == ReferralStatus.RESOLVED
    assert matter.status == MatterStatus.ANSWERED and matter.answered_at is not None
    assert "路灯已换新" in matter.updates.get(kind="resolved").text
    assert len(matter_texts(matter)) == 3


def test_a_referral_of_a_reception_visit_tells_no_voter(refer, carol):
    referral = refer()
    referral_finish(referral=referral, user=carol, resolved=True, result="已修复")
    assert not MatterUpdate.objects.exists()


def test_a_matter_is_taken_once_the_second_taker_is_refused_and_nothing_doubles(matter, alice, bob, category):
    matters.matter_take(matter=matter, user=alice, plan=answered(category))
    with pytest.raises(MatterError):
        matters.matter_take(matter=matter, user=bob, plan=answered(category), deputy=bob.deputy)
    matter = reload(matter)
    assert matter.taken_by == alice
    assert matter.updates.filter(kind="taken").count() == 1
    assert Visit.objects.count() == 1


def test_a_take_refused_by_the_visit_rules_leaves_the_matter_new(matter, alice, category):
    with pytest.raises(VisitError):
        matters.matter_take(matter=matter, user=alice, plan=TakePlan(category=category, outcome="answered"))
    matter = reload(matter)
    assert matter.status == MatterStatus.NEW and matter.visit is None and matter.taken_at is None
    assert not matter_texts(matter)


def test_a_returned_matter_is_answered_again_and_the_voter_told(matter, alice, category):
    from django.utils import timezone

    matters.matter_take(matter=matter, user=alice, plan=answered(category))
    type(matter).objects.filter(pk=matter.pk).update(status=MatterStatus.HANDLING, reopened_at=timezone.now())
    matters.matter_answer_again(matter=matter, user=alice, text="再次协调，已安排维修")
    matter = reload(matter)
    assert matter.status == MatterStatus.ANSWERED
    assert matter.updates.get(kind="answered-again").text == "再次协调，已安排维修"


def test_only_a_returned_matter_is_answered_again(matter, alice):
    with pytest.raises(MatterError):
        matters.matter_answer_again(matter=matter, user=alice, text="答复")
    assert reload(matter).status == MatterStatus.NEW


def test_spam_hides_the_matter_and_blocks_its_mobile_in_the_town(matter, alice):
    matters.matter_spam(matter=matter, user=alice)
    matter = reload(matter)
    assert matter.status == MatterStatus.SPAM and matter.spam_at is not None
    assert BlockedPhone.objects.filter(township=matter.township, phone=matter.phone, blocked_by=alice).exists()
    assert not matter_texts(matter)


def test_a_taken_matter_is_not_spam(matter, alice, category):
    matters.matter_take(matter=matter, user=alice, plan=answered(category))
    with pytest.raises(MatterError):
        matters.matter_spam(matter=matter, user=alice)
    assert not BlockedPhone.objects.exists()


def test_unblocking_lets_the_mobile_leave_matters_again(matter, alice):
    matters.matter_spam(matter=matter, user=alice)
    matters.phone_unblock(matter=matter, user=alice)
    assert not BlockedPhone.objects.exists()
    assert reload(matter).status == MatterStatus.SPAM
    with pytest.raises(MatterError):
        matters.phone_unblock(matter=matter, user=alice)


def test_approval_needs_the_voters_leave(matter, alice, category):
    type(matter).objects.filter(pk=matter.pk).update(public_allowed=False)
    matters.matter_take(matter=matter, user=alice, plan=answered(category))
    with pytest.raises(MatterError):
        matters.matter_approve(matter=reload(matter), user=alice)
    assert reload(matter).public_approved_at is None


def test_an_answered_matter_the_voter_allowed_is_approved_then_withdrawn(matter, alice, category):
    with pytest.raises(MatterError):
        matters.matter_approve(matter=matter, user=alice)  # not answered yet
    matters.matter_take(matter=matter, user=alice, plan=answered(category))
    matters.matter_approve(matter=matter, user=alice)
    assert reload(matter).public_approved_at is not None
    matters.matter_approve(matter=matter, user=alice, approve=False)
    assert reload(matter).public_approved_at is None
