"""The suggestions carried through, by their pages: the referral page shows them and their state to the unit, the
leader and the office; the chairing leader confirms (the office in their name); the unit decides and marks them
carried out; a deputy on duty adds one from the phone and sees the outcome on their home and in their record.
Another town, another unit, a leader who did not chair: refused, nothing changed."""

from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.forms.models import model_to_dict
from django.utils.translation import gettext as _

from congress.dates import format_day
from congress.models import Role
from petitions.models import HandlingSuggestion, Referral
from petitions.services.suggestions import suggestion_carry_out, suggestion_decide
from petitions.services.visits import referral_finish
from tests.factories import DepartmentFactory, DeputyFactory, LeaderFactory, MembershipFactory, UserFactory
from tests.pages import table_rows
from tests.petitions.conftest import DAY, VISIT_AT, deputy, mark_present, reload

pytestmark = pytest.mark.django_db


def told(response) -> list[tuple[str, str]]:
    return [(m.level_tag, str(m)) for m in get_messages(response.wsgi_request)]


def confirm_data(referral: Referral, **changes) -> dict:
    return {
        "department": referral.department_id,
        "responsible_name": referral.responsible_name,
        "responsible_phone": referral.responsible_phone,
        "answer_due": referral.answer_due.isoformat(),
        "due": referral.due.isoformat(),
    } | changes


def state(row) -> dict:
    return model_to_dict(type(row).objects.get(pk=row.pk))


# --- The referral page --------------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["alice", "carol", "leo"])
def test_the_referral_page_shows_each_suggestion_with_its_deputy_and_state(chaired_case, login, who, request):
    suggestion = chaired_case.visit.suggestions.get()
    suggestion_decide(
        suggestion=suggestion, user=None, unit=None, adopted=True, response="已安排先修主干道", now=VISIT_AT
    )

    page = login(request.getfixturevalue(who)).get(f"/visits/referrals/{chaired_case.pk}/").content.decode()

    assert f'data-suggestion="{suggestion.pk}"' in page
    assert "张代表" in page and "建议先修主干道路灯" in page and "已安排先修主干道" in page
    assert 'data-state="adopted"' in page


def test_only_the_office_and_the_unit_see_the_decision_forms(chaired_case, login, alice, carol, leo):
    suggestion = chaired_case.visit.suggestions.get()
    form = f"/visits/suggestions/{suggestion.pk}/decide/"

    assert form in login(alice).get(f"/visits/referrals/{chaired_case.pk}/").content.decode()
    assert form in login(carol).get(f"/visits/referrals/{chaired_case.pk}/").content.decode()
    assert form not in login(leo).get(f"/visits/referrals/{chaired_case.pk}/").content.decode()


# --- The leader's confirmation --------------------------------------------------------------------------------


def test_the_chairing_leader_confirms_a_new_deadline_on_the_referral_page(chaired_case, login, leo):
    client = login(leo)
    new_due = chaired_case.due + timedelta(days=7)
    assert f"/visits/referrals/{chaired_case.pk}/confirm/" in client.get(f"/visits/referrals/{chaired_case.pk}/").text

    response = client.post(
        f"/visits/referrals/{chaired_case.pk}/confirm/", confirm_data(chaired_case, due=new_due.isoformat())
    )

    referral = reload(chaired_case)
    assert (referral.confirmed_by, referral.due) == (leo.leader, new_due)
    assert ("success", _("The referral is confirmed.")) in told(response)
    page = client.get(f"/visits/referrals/{chaired_case.pk}/").text
    shown = page.split("data-confirmation>")[1].split("</dd>")[0]
    assert "黎欧" in shown and format_day(referral.confirmed_at) in shown


def test_the_office_confirms_in_the_chairing_leaders_name_and_history_names_the_office(chaired_case, login, alice, leo):
    login(alice).post(f"/visits/referrals/{chaired_case.pk}/confirm/", confirm_data(chaired_case))

    referral = reload(chaired_case)
    assert referral.confirmed_by == leo.leader
    assert referral.history.latest().history_user == alice


def test_a_leader_who_did_not_chair_the_visit_is_refused(chaired_case, login, town_a):
    user = UserFactory(username="lin")
    MembershipFactory(user=user, township=town_a, role=Role.LEADER)
    LeaderFactory(township=town_a, user=user, name="林书记")
    before = state(chaired_case)

    response = login(user).post(f"/visits/referrals/{chaired_case.pk}/confirm/", confirm_data(chaired_case))

    assert ("error", _("Only the leader who chaired this visit's reception confirms its referral.")) in told(response)
    assert state(chaired_case) == before


def test_a_leader_of_another_town_finds_no_referral_to_confirm(chaired_case, login, town_b):
    user = UserFactory(username="stranger-leader")
    MembershipFactory(user=user, township=town_b, role=Role.LEADER)
    LeaderFactory(township=town_b, user=user, name="外镇领导")
    before = state(chaired_case)

    response = login(user).post(f"/visits/referrals/{chaired_case.pk}/confirm/", confirm_data(chaired_case))

    assert response.status_code == 404
    assert state(chaired_case) == before


def test_a_unit_cannot_confirm(chaired_case, login, carol):
    before = state(chaired_case)

    response = login(carol).post(f"/visits/referrals/{chaired_case.pk}/confirm/", confirm_data(chaired_case))

    assert response.status_code == 403 and state(chaired_case) == before


def test_the_office_sees_unconfirmed_referrals_marked_in_the_list(chaired_case, login, alice, carol, leo):
    assert "data-unconfirmed" in login(alice).get("/visits/referrals/").text
    assert "data-unconfirmed" not in login(carol).get("/visits/referrals/").text

    login(leo).post(f"/visits/referrals/{chaired_case.pk}/confirm/", confirm_data(chaired_case))

    assert "data-unconfirmed" not in login(alice).get("/visits/referrals/").text


def test_the_leaders_home_lists_the_referrals_of_their_days_awaiting_confirmation(chaired_case, login, leo):
    client = login(leo)
    assert f'data-to-confirm="{chaired_case.pk}"' in client.get("/").text

    client.post(f"/visits/referrals/{chaired_case.pk}/confirm/", confirm_data(chaired_case))

    assert f'data-to-confirm="{chaired_case.pk}"' not in client.get("/").text


# --- The unit's decision and carrying out ---------------------------------------------------------------------


def test_the_unit_adopts_then_after_finishing_marks_the_suggestion_carried_out(chaired_case, login, carol):
    suggestion = chaired_case.visit.suggestions.get()
    client = login(carol)

    client.post(f"/visits/suggestions/{suggestion.pk}/decide/", {"adopted": "yes", "response": "先修主干道"})
    assert reload(suggestion).adopted is True

    early = client.post(f"/visits/suggestions/{suggestion.pk}/carried-out/", {"on": VISIT_AT.date().isoformat()})
    assert ("error", _("A suggestion is carried out when its case is finished.")) in told(early)
    assert reload(suggestion).carried_out_at is None

    referral_finish(referral=chaired_case, user=carol, resolved=True, result="路灯已修复")
    client.post(f"/visits/suggestions/{suggestion.pk}/carried-out/", {"on": VISIT_AT.date().isoformat()})

    assert reload(suggestion).carried_out_at.date() == VISIT_AT.date()
    assert 'data-state="carried_out"' in client.get(f"/visits/referrals/{chaired_case.pk}/").text


def test_a_decision_without_a_response_is_refused_by_the_page(chaired_case, login, carol):
    suggestion = chaired_case.visit.suggestions.get()
    before = state(suggestion)

    response = login(carol).post(f"/visits/suggestions/{suggestion.pk}/decide/", {"adopted": "yes", "response": ""})

    assert response.status_code == 302 and told(response)[0][0] == "error"
    assert state(suggestion) == before


def test_another_unit_finds_no_suggestion_to_decide(chaired_case, login, town_a):
    other = UserFactory(username="other-unit")
    MembershipFactory(user=other, township=town_a, role=Role.UNIT, department=DepartmentFactory(township=town_a))
    suggestion = chaired_case.visit.suggestions.get()
    before = state(suggestion)

    response = login(other).post(f"/visits/suggestions/{suggestion.pk}/decide/", {"adopted": "yes", "response": "好"})

    assert response.status_code == 404 and state(suggestion) == before


def test_another_towns_office_finds_no_suggestion(chaired_case, login, dave):
    suggestion = chaired_case.visit.suggestions.get()

    response = login(dave).post(f"/visits/suggestions/{suggestion.pk}/decide/", {"adopted": "yes", "response": "好"})

    assert response.status_code == 404 and reload(suggestion).adopted is None


def test_only_the_office_reopens_a_decision(chaired_case, login, alice, carol):
    suggestion = chaired_case.visit.suggestions.get()
    suggestion_decide(suggestion=suggestion, user=carol, unit=None, adopted=False, response="资金不足")

    assert login(carol).post(f"/visits/suggestions/{suggestion.pk}/reopen/").status_code == 403
    assert reload(suggestion).adopted is False

    login(alice).post(f"/visits/suggestions/{suggestion.pk}/reopen/")
    assert reload(suggestion).adopted is None


# --- The deputy on the phone --------------------------------------------------------------------------------


@pytest.fixture
def on_duty_today(monday, record, time_machine, login):
    """DAY's duty, its clock at 10:00 that day, 张三 signed in, a visit recorded on it; 张三's phone client."""
    time_machine.move_to(VISIT_AT.replace(year=DAY.year, month=DAY.month, day=DAY.day, hour=10), tick=False)
    mark_present(monday, "张三")
    visit = record(duty_day=monday, received_at=VISIT_AT.replace(year=DAY.year, month=DAY.month, day=DAY.day, hour=9))
    return monday, visit, login(deputy("张三").user)


def test_a_deputy_on_duty_sees_the_days_visits_without_the_visitors_personal_data(on_duty_today):
    day, visit, phone = on_duty_today

    page = phone.get(f"/duty/mine/days/{day.pk}/").text

    assert visit.content in page and visit.category.name in page
    assert visit.visitor_name not in page and visit.visitor_phone not in page
    assert f"/duty/mine/days/{day.pk}/suggest/" in page


def test_a_deputy_on_duty_adds_a_suggestion_and_sees_it_on_their_home(on_duty_today):
    day, visit, phone = on_duty_today

    response = phone.post(f"/duty/mine/days/{day.pk}/suggest/", {"visit": visit.pk, "text": "建议联系供电所"})

    assert response.status_code == 302
    assert visit.suggestions.get().deputy.name == "张三"
    home = phone.get("/").text
    assert 'id="my-suggestions"' in home and "建议联系供电所" in home and 'data-state="undecided"' in home
    assert visit.visitor_name not in home and visit.visitor_phone not in home


def test_a_deputy_cannot_add_a_suggestion_on_another_day(on_duty_today, time_machine, login):
    day, visit, _phone = on_duty_today
    time_machine.move_to(VISIT_AT.replace(year=DAY.year, month=DAY.month, day=DAY.day + 1), tick=False)
    phone = login(deputy("张三").user)

    response = phone.post(f"/duty/mine/days/{day.pk}/suggest/", {"visit": visit.pk, "text": "晚了一天的建议"})

    assert ("error", _("A suggestion is added from the phone on the duty day itself only.")) in told(response)
    assert not HandlingSuggestion.objects.exists()


def test_a_deputy_cannot_add_a_suggestion_to_a_visit_of_another_day(on_duty_today, record):
    day, visit, phone = on_duty_today
    other = record(received_at=visit.received_at - timedelta(days=7))

    response = phone.post(f"/duty/mine/days/{day.pk}/suggest/", {"visit": other.pk, "text": "别的日子的来访"})

    assert ("error", _("This visit was not received on that duty day.")) in told(response)
    assert not HandlingSuggestion.objects.exists()


def test_an_empty_suggestion_is_refused(on_duty_today):
    day, visit, phone = on_duty_today

    response = phone.post(f"/duty/mine/days/{day.pk}/suggest/", {"visit": visit.pk, "text": ""})

    assert told(response)[0][0] == "error" and not HandlingSuggestion.objects.exists()


def test_a_deputy_not_on_the_day_finds_nothing(on_duty_today, login):
    day, visit, _phone = on_duty_today
    stranger = login(deputy("钱七").user)  # group 2: not on DAY

    assert stranger.get(f"/duty/mine/days/{day.pk}/").status_code == 404
    response = stranger.post(f"/duty/mine/days/{day.pk}/suggest/", {"visit": visit.pk, "text": "不在岗的建议"})

    assert response.status_code == 404 and not HandlingSuggestion.objects.exists()


def test_a_deputy_who_has_not_signed_in_is_refused(on_duty_today, login):
    day, visit, _phone = on_duty_today
    li = login(deputy("李四").user)  # on DAY's duty, not signed in

    response = li.post(f"/duty/mine/days/{day.pk}/suggest/", {"visit": visit.pk, "text": "未签到的建议"})

    assert told(response)[0][0] == "error" and not HandlingSuggestion.objects.exists()


def test_another_towns_deputy_finds_no_duty_day(on_duty_today, login, town_b):
    day, visit, _phone = on_duty_today
    user = UserFactory(username="outsider")
    MembershipFactory(user=user, township=town_b, role=Role.DEPUTY)
    DeputyFactory(township=town_b, user=user)
    response = login(user).post(f"/duty/mine/days/{day.pk}/suggest/", {"visit": visit.pk, "text": "外镇"})

    assert response.status_code == 404 and not HandlingSuggestion.objects.exists()


def test_the_record_counts_the_suggestions_made_adopted_and_carried_out(chaired_case, login, alice, suggester, carol):
    suggestion = chaired_case.visit.suggestions.get()
    suggestion_decide(suggestion=suggestion, user=carol, unit=None, adopted=True, response="先修主干道")
    referral_finish(referral=chaired_case, user=carol, resolved=True, result="路灯已修复")
    suggestion_carry_out(suggestion=suggestion, user=carol, unit=None, on=VISIT_AT.date(), today=VISIT_AT.date())

    for client in (login(alice), login(suggester.user)):
        response = client.get(f"/records/{suggester.pk}/?year={VISIT_AT.year}")
        record = response.context["record"]
        assert (record.duty.suggestions, record.duty.suggestions_adopted, record.duty.suggestions_carried_out) == (
            1,
            1,
            1,
        )
        assert "建议先修主干道路灯" in response.text and chaired_case.visit.visitor_name not in response.text


def test_the_record_workbook_lists_the_suggestions_with_their_state(chaired_case, login, alice, suggester, carol):
    from io import BytesIO

    from openpyxl import load_workbook

    suggestion_decide(
        suggestion=chaired_case.visit.suggestions.get(), user=carol, unit=None, adopted=False, response="资金不足"
    )

    content = login(alice).get(f"/records/{suggester.pk}/export/?year={VISIT_AT.year}").content

    book = load_workbook(BytesIO(content))
    sheet = next(s for s in book.worksheets if s.title == _("Handling suggestions")[:31])
    [row] = table_rows(sheet)[1:]
    assert row[3:] == ("建议先修主干道路灯", _("Not adopted"), "资金不足")
    counts = {r[0]: r[1] for r in table_rows(book[_("Reception duty and visits")[:31]])[1:]}
    assert counts[_("Handling suggestions made")] == 1 and counts[_("Handling suggestions adopted")] == 0


def test_the_referral_page_and_the_deputys_home_do_not_grow_with_the_suggestions(
    chaired_case, login, alice, suggester, django_assert_max_num_queries
):
    from petitions.services.visits import suggestion_add

    office, phone = login(alice), login(suggester.user)
    with django_assert_max_num_queries(40) as one:
        office.get(f"/visits/referrals/{chaired_case.pk}/")
    with django_assert_max_num_queries(40) as home_one:
        phone.get("/")
    for n in range(5):
        suggestion_add(visit=chaired_case.visit, deputy=suggester, text=f"第{n}条建议")

    with django_assert_max_num_queries(len(one.captured_queries)):
        office.get(f"/visits/referrals/{chaired_case.pk}/")
    with django_assert_max_num_queries(len(home_one.captured_queries)):
        phone.get("/")
