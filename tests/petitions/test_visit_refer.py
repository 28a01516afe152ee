"""The office refers a visit recorded as a deputy's handling suggestion (a voter's matter a deputy took on the
phone, say): the visit becomes referred, the unit is told, the voter hears of the unit and the deadline; every
refusal changes nothing; only the office of the visit's town may."""

from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import translation

from congress.models import Notification
from petitions.models import MatterStatus, MatterUpdate, Referral, VisitOutcome
from petitions.services import matters
from petitions.services.matters import TakePlan
from petitions.services.visits import ReferralPlan, VisitError, visit_refer
from tests.factories import DepartmentFactory
from tests.petitions.conftest import VISIT_DAY, matter_texts, reload

pytestmark = pytest.mark.django_db


@pytest.fixture
def english():
    """The services' refusals read in their own words (the pages speak the town's language)."""
    with translation.override("en"):
        yield


@pytest.fixture
def suggested(record, bob):
    """A reception's visit recorded as bob's handling suggestion."""
    return record(outcome=VisitOutcome.SUGGESTION, answer="", suggestions=[(bob.deputy, "建议镇里统一更换路灯")])


@pytest.fixture
def taken(matter, bob, category):
    """A voter's matter bob took on the phone, recorded as his handling suggestion."""
    plan = TakePlan(
        category=category, outcome=VisitOutcome.SUGGESTION, suggestions=[(bob.deputy, "建议交办社会事务办")]
    )
    return matters.matter_take(matter=matter, user=bob, plan=plan, deputy=bob.deputy)


def plan(department, **changes) -> ReferralPlan:
    return ReferralPlan(
        **{"department": department, "responsible_name": "周主任", "responsible_phone": "13700002222", **changes}
    )


def unit_told(carol) -> int:
    return Notification.objects.filter(recipient=carol, key__startswith="referral-new:").count()


def test_the_office_refers_a_suggestion_and_the_unit_is_told(suggested, alice, carol, department_a):
    referral = visit_refer(visit=suggested, plan=plan(department_a), user=alice)
    visit = reload(suggested)
    assert visit.outcome == VisitOutcome.REFERRED
    assert visit.referral == referral
    assert referral.department == department_a and referral.responsible_name == "周主任"
    assert referral.answer_due >= VISIT_DAY and referral.due >= referral.answer_due
    assert unit_told(carol) == 1
    assert visit.suggestions.get().text == "建议镇里统一更换路灯"
    assert visit.history.first().history_user == alice
    assert not MatterUpdate.objects.exists()


def test_a_voters_matter_referred_tells_the_voter(taken, matter, alice, carol, department_a):
    referral = visit_refer(visit=taken, plan=plan(department_a), user=alice)
    matter = reload(matter)
    assert matter.status == MatterStatus.HANDLING
    assert list(matter.updates.values_list("kind", flat=True)) == ["taken", "referred"]
    told = matter.updates.get(kind="referred").text
    assert department_a.name in told and "周主任" not in told and "13700002222" not in told
    texts = matter_texts(matter)
    assert len(texts) == 2 and texts[1].kind == "matter-update"
    assert texts[1].params["reference"] == matter.reference
    assert unit_told(carol) == 1
    assert reload(taken).referral == referral


def nothing_changed(visit, carol, outcome=VisitOutcome.SUGGESTION, referrals=0) -> None:
    visit = reload(visit)
    assert visit.outcome == outcome
    assert Referral.objects.filter(visit=visit).count() == referrals
    assert unit_told(carol) == referrals
    assert not MatterUpdate.objects.filter(kind="referred").exists()


def test_a_visit_already_referred_is_refused(english, refer, alice, carol, department_a):
    referral = refer()
    with pytest.raises(VisitError, match="already referred"):
        visit_refer(visit=referral.visit, plan=plan(department_a), user=alice)
    nothing_changed(referral.visit, carol, VisitOutcome.REFERRED, referrals=1)


def test_a_suggestion_referred_twice_is_refused_the_second_time(english, suggested, alice, carol, department_a):
    visit_refer(visit=suggested, plan=plan(department_a), user=alice)
    with pytest.raises(VisitError, match="already referred"):
        visit_refer(visit=suggested, plan=plan(department_a, responsible_name="另一人"), user=alice)
    assert reload(suggested).referral.responsible_name == "周主任"
    assert unit_told(carol) == 1


@pytest.mark.parametrize("outcome", [VisitOutcome.ANSWERED, VisitOutcome.PASSED_UP])
def test_a_visit_of_another_outcome_is_refused(english, record, outcome, alice, carol, department_a):
    visit = record(outcome=outcome, answer="已解释" if outcome == VisitOutcome.ANSWERED else "")
    with pytest.raises(VisitError, match="suggestion"):
        visit_refer(visit=visit, plan=plan(department_a), user=alice)
    nothing_changed(visit, carol, outcome)


def test_a_department_of_another_town_is_refused(suggested, alice, carol, town_b):
    with pytest.raises(VisitError):
        visit_refer(visit=suggested, plan=plan(DepartmentFactory(township=town_b)), user=alice)
    nothing_changed(suggested, carol)


def test_no_responsible_person_is_refused(english, taken, matter, alice, carol, department_a):
    with pytest.raises(VisitError, match="responsible"):
        visit_refer(visit=taken, plan=plan(department_a, responsible_name="  "), user=alice)
    nothing_changed(taken, carol)
    assert len(matter_texts(matter)) == 1


@pytest.mark.parametrize("field", ["answer_due", "due"])
def test_a_deadline_before_the_visit_is_refused(english, suggested, field, alice, carol, department_a):
    with pytest.raises(VisitError, match="before the visit"):
        visit_refer(visit=suggested, plan=plan(department_a, **{field: VISIT_DAY - timedelta(days=1)}), user=alice)
    nothing_changed(suggested, carol)


# --- through the pages ------------------------------------------------------------------------------------


def form_data(department, **changes) -> dict:
    return {"department": department.pk, "responsible_name": "周主任", "responsible_phone": "", **changes}


def test_the_office_sees_the_refer_form_on_a_suggestion_only(login, alice, suggested, refer):
    client = login(alice)
    assert reverse("visit_refer", args=[suggested.pk]) in client.get(reverse("visit_detail", args=[suggested.pk])).text
    referred = refer().visit
    assert (
        reverse("visit_refer", args=[referred.pk]) not in client.get(reverse("visit_detail", args=[referred.pk])).text
    )


def test_a_reader_sees_no_refer_form(login, leo, suggested):
    page = login(leo).get(reverse("visit_detail", args=[suggested.pk]))
    assert page.status_code == 200 and reverse("visit_refer", args=[suggested.pk]) not in page.text


def test_the_office_refers_through_the_page(login, alice, carol, taken, matter, department_a):
    client = login(alice)
    assert reverse("visit_detail", args=[taken.pk]) in client.get(reverse("matter_detail", args=[matter.pk])).text
    response = client.post(reverse("visit_refer", args=[taken.pk]), form_data(department_a))
    assert response.status_code == 302 and response.url == reverse("visit_detail", args=[taken.pk])
    assert [m.level_tag for m in get_messages(response.wsgi_request)] == ["success"]
    assert reload(taken).outcome == VisitOutcome.REFERRED
    assert reload(matter).updates.filter(kind="referred").exists()
    assert unit_told(carol) == 1


def test_an_incomplete_form_goes_back_with_the_error_and_changes_nothing(login, alice, carol, suggested):
    response = login(alice).post(reverse("visit_refer", args=[suggested.pk]), {"responsible_name": "周主任"})
    assert response.status_code == 302 and response.url == reverse("visit_detail", args=[suggested.pk])
    assert [m.level_tag for m in get_messages(response.wsgi_request)] == ["error"]
    nothing_changed(suggested, carol)


def test_a_refusal_goes_back_with_its_reason(login, alice, carol, suggested, department_a):
    early = (VISIT_DAY - timedelta(days=1)).isoformat()
    response = login(alice).post(reverse("visit_refer", args=[suggested.pk]), form_data(department_a, due=early))
    assert response.url == reverse("visit_detail", args=[suggested.pk])
    said = [str(m) for m in get_messages(response.wsgi_request)]
    assert len(said) == 1 and "早于来访" in said[0]
    nothing_changed(suggested, carol)


def test_a_department_of_another_town_is_not_a_choice(login, alice, carol, suggested, town_b):
    other = DepartmentFactory(township=town_b)
    response = login(alice).post(reverse("visit_refer", args=[suggested.pk]), form_data(other))
    assert [m.level_tag for m in get_messages(response.wsgi_request)] == ["error"]
    nothing_changed(suggested, carol)


@pytest.mark.parametrize("who", ["bob", "leo"])
def test_a_deputy_or_a_leader_is_forbidden(request, login, who, carol, suggested, department_a):
    response = login(request.getfixturevalue(who)).post(
        reverse("visit_refer", args=[suggested.pk]), form_data(department_a)
    )
    assert response.status_code == 403
    nothing_changed(suggested, carol)


def test_another_towns_office_gets_not_found(login, dave, carol, suggested, department_a):
    response = login(dave).post(reverse("visit_refer", args=[suggested.pk]), form_data(department_a))
    assert response.status_code == 404
    nothing_changed(suggested, carol)
