"""Constituent visits through their pages: who may see and do what, the visitor's phone for each role,
recording a visit through the form, and list pages whose query count does not grow with their rows."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import tablib
from django.db import connection
from django.test.utils import CaptureQueriesContext

from petitions.models import (
    DeadlineExtension,
    ExtensionStatus,
    HandlingSuggestion,
    Referral,
    ReferralStatus,
    Visit,
    VisitOutcome,
)
from petitions.services.visits import ReferralPlan, extension_request, visit_categories_for, visit_record
from tests.factories import DepartmentFactory, DeputyFactory

pytestmark = pytest.mark.django_db
TZ = ZoneInfo("Asia/Shanghai")
VISIT_AT = datetime(2026, 11, 2, 9, 30, tzinfo=TZ)
PHONE = "13911112222"
MASKED = "139****2222"


@pytest.fixture
def category(town_a):
    return visit_categories_for(township=town_a)[0]


@pytest.fixture
def make_visit(town_a, alice, station, category, department_a):
    """A visit in town A by alice; `to` refers it to a department of town A."""

    def make(to=None, phone=PHONE, name="王大妈") -> Visit:
        plan = ReferralPlan(department=to, responsible_name="周主任") if to else None
        return visit_record(
            township=town_a,
            user=alice,
            station=station,
            category=category,
            visitor_name=name,
            visitor_phone=phone,
            visitor_address="上坝村三组",
            content="村道路灯坏了三个月",
            outcome=VisitOutcome.REFERRED if to else VisitOutcome.ANSWERED,
            answer="" if to else "已答复",
            received_at=VISIT_AT,
            referral=plan,
        )

    return make


@pytest.fixture
def case(make_visit, department_a) -> Referral:
    """The visit of 王大妈 (phone 13911112222) referred to carol's department."""
    return make_visit(to=department_a).referral


@pytest.fixture
def other_unit_case(make_visit, town_a) -> Referral:
    """A town A visit referred to another unit than carol's."""
    return make_visit(to=DepartmentFactory(township=town_a, name="农业服务中心"), name="李大爷").referral


def reader(login, user, town_a):
    client = login(user)
    if user.username == "erin":
        client.post("/switch/", {"township": town_a.pk})
    return client


# --- who reaches what -------------------------------------------------------------------------------------


def test_a_unit_user_cannot_decide_an_extension(login, carol, case):
    extension = extension_request(referral=case, user=carol, new_due=date(2027, 2, 1), reason="需等排期")

    response = login(carol).post(f"/visits/extensions/{extension.pk}/decide/", {"decision": "approve"})

    assert response.status_code == 403
    extension.refresh_from_db()
    case.refresh_from_db()
    assert (extension.status, extension.decided_by, case.due) == (ExtensionStatus.PENDING, None, date(2027, 1, 1))


def test_the_office_approving_an_extension_through_its_page_moves_the_deadline(login, alice, carol, case):
    extension = extension_request(referral=case, user=carol, new_due=date(2027, 2, 1), reason="需等排期")

    response = login(alice).post(f"/visits/extensions/{extension.pk}/decide/", {"decision": "approve"})

    assert response.status_code == 302
    case.refresh_from_db()
    assert (DeadlineExtension.objects.get().status, case.due) == (ExtensionStatus.APPROVED, date(2027, 2, 1))


def test_a_unit_users_request_for_more_time_waits_for_the_office(login, carol, case):
    response = login(carol).post(
        f"/visits/referrals/{case.pk}/extend/", {"new_due": "2027-02-01", "reason": "需等排期"}
    )

    assert response.status_code == 302
    case.refresh_from_db()
    assert (DeadlineExtension.objects.get().status, case.due) == (ExtensionStatus.PENDING, date(2027, 1, 1))


@pytest.mark.parametrize("page", ["/visits/referrals/{r}/", "/visits/{v}/"], ids=["referral", "visit"])
def test_a_unit_user_gets_404_for_another_units_case(login, carol, other_unit_case, page):
    url = page.format(r=other_unit_case.pk, v=other_unit_case.visit_id)

    assert login(carol).get(url).status_code == 404


def test_a_unit_user_cannot_work_another_units_case(login, carol, other_unit_case):
    response = login(carol).post(f"/visits/referrals/{other_unit_case.pk}/progress/", {"text": "越权"})

    assert response.status_code == 404
    other_unit_case.refresh_from_db()
    assert (other_unit_case.status, other_unit_case.notes.count()) == (ReferralStatus.OPEN, 0)


def test_a_unit_users_list_holds_only_its_own_cases(login, carol, case, other_unit_case):
    response = login(carol).get("/visits/referrals/")

    assert [r.pk for r in response.context["page"].object_list] == [case.pk]


@pytest.mark.parametrize("page", ["/visits/referrals/{r}/", "/visits/{v}/"], ids=["referral", "visit"])
def test_the_office_of_another_town_gets_404_for_a_town_a_case(login, dave, case, page):
    assert login(dave).get(page.format(r=case.pk, v=case.visit_id)).status_code == 404


def test_the_office_of_another_town_cannot_work_a_town_a_case(login, dave, case):
    response = login(dave).post(f"/visits/referrals/{case.pk}/finish/", {"outcome": "resolved", "result": "越权"})

    assert response.status_code == 404
    case.refresh_from_db()
    assert (case.status, case.result) == (ReferralStatus.OPEN, "")


# --- recording a visit through the form --------------------------------------------------------------------


@pytest.fixture
def form_data(station, category, department_a):
    return {
        "received_at": "2026-11-02T09:30",
        "station": station.pk,
        "visitor_name": "王大妈",
        "visitor_phone": PHONE,
        "visitor_count": "1",
        "category": category.pk,
        "content": "村道路灯坏了三个月",
        "outcome": VisitOutcome.REFERRED,
        "department": department_a.pk,
        "responsible_name": "周主任",
    }


def test_a_referred_visit_without_a_department_shows_the_form_again_and_writes_nothing(login, alice, form_data):
    del form_data["department"]

    response = login(alice).post("/visits/new/", form_data)

    assert response.status_code == 200
    assert "department" in response.context["form"].errors
    assert not Visit.objects.exists() and not Referral.objects.exists()
    # The referral's fields, hidden by the page's script until the outcome is a referral, show with the error.
    assert 'data-when-outcome="referred" data-has-errors' in response.content.decode()


def test_a_full_visit_form_records_the_visit_its_suggestions_and_its_referral(
    login, alice, town_a, form_data, department_a
):
    zhang = DeputyFactory(township=town_a, name="张代表")
    li = DeputyFactory(township=town_a, name="李代表")
    form_data.update(
        deputies=[zhang.pk, li.pk],
        suggestion_1_deputy=zhang.pk,
        suggestion_1="请交通办排查",
        suggestion_2_deputy=li.pk,
        suggestion_2="纳入明年民生实事",
    )

    response = login(alice).post("/visits/new/", form_data)

    visit = Visit.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/visits/{visit.pk}/"
    assert (visit.visitor_phone, visit.received_at, visit.recorded_by) == (PHONE, VISIT_AT, alice)
    assert set(visit.deputies.all()) == {zhang, li}
    assert sorted(HandlingSuggestion.objects.values_list("deputy__name", "text")) == sorted(
        [("张代表", "请交通办排查"), ("李代表", "纳入明年民生实事")]
    )
    assert (visit.referral.department, visit.referral.responsible_name) == (department_a, "周主任")


def test_a_suggestion_without_its_deputy_shows_the_form_again_and_writes_nothing(login, alice, form_data):
    form_data["suggestion_1"] = "请交通办排查"

    response = login(alice).post("/visits/new/", form_data)

    assert response.status_code == 200
    assert "suggestion_1_deputy" in response.context["form"].errors
    assert not Visit.objects.exists()


@pytest.mark.parametrize("who", ["bob", "carol", "leo"])
def test_only_the_office_records_visits(request, login, town_a, form_data, who):
    user = request.getfixturevalue(who)

    response = login(user).post("/visits/new/", form_data)

    assert response.status_code == 403
    assert not Visit.objects.exists()


# --- the visitor's phone for every role ---------------------------------------------------------------------


@pytest.mark.parametrize("who", ["alice", "carol"])
@pytest.mark.parametrize("page", ["/visits/{v}/", "/visits/referrals/{r}/"], ids=["visit", "referral"])
def test_those_handling_the_case_see_the_visitors_phone_in_full(request, login, town_a, case, who, page):
    client = reader(login, request.getfixturevalue(who), town_a)

    response = client.get(page.format(v=case.visit_id, r=case.pk))

    assert response.status_code == 200
    assert PHONE in response.content.decode()


def test_the_office_sees_the_phone_in_full_on_the_visit_list(login, alice, case):
    assert PHONE in login(alice).get("/visits/").content.decode()


@pytest.mark.parametrize("who", ["leo", "erin"])
@pytest.mark.parametrize(
    "page", ["/visits/", "/visits/{v}/", "/visits/referrals/{r}/"], ids=["visit-list", "visit", "referral"]
)
def test_leaders_and_the_county_see_the_visitors_phone_masked(request, login, town_a, case, who, page):
    client = reader(login, request.getfixturevalue(who), town_a)

    response = client.get(page.format(v=case.visit_id, r=case.pk))

    assert response.status_code == 200
    body = response.content.decode()
    assert MASKED in body and PHONE not in body


@pytest.mark.parametrize("who", ["leo", "erin"])
def test_leaders_and_the_county_do_not_see_the_visitors_address(request, login, town_a, case, who):
    client = reader(login, request.getfixturevalue(who), town_a)

    assert "上坝村三组" not in client.get(f"/visits/{case.visit_id}/").content.decode()


@pytest.mark.parametrize("page", ["/visits/", "/visits/{v}/", "/visits/referrals/{r}/", "/visits/referrals/"], ids=str)
def test_a_deputy_is_refused_the_visit_pages(login, bob, case, page):
    response = login(bob).get(page.format(v=case.visit_id, r=case.pk))

    assert response.status_code == 403
    assert PHONE not in response.content.decode()


def cells(response) -> list[str]:
    data = tablib.Dataset().load(response.content, format="xlsx")
    return [str(value) for row in [data.headers, *data] for value in row]


@pytest.mark.parametrize("who", ["alice", "carol"])
def test_the_referral_export_never_holds_the_visitors_phone(request, login, case, who):
    response = login(request.getfixturevalue(who)).get("/visits/referrals/export/")

    values = cells(response)
    assert "王大妈" in values  # the case is there
    assert not any(PHONE in v or MASKED in v for v in values)


def test_the_public_pages_never_show_the_visitors_phone(client, town_a, station, case):
    code = town_a.code
    pages = [f"/public/{code}/", f"/public/{code}/stations/{station.pk}/", f"/public/{code}/roster/"]

    bodies = [client.get(page) for page in pages]

    assert [b.status_code for b in bodies] == [200, 200, 200]
    assert not any(PHONE in b.content.decode() or MASKED in b.content.decode() for b in bodies)


# --- list pages: queries do not grow with rows ---------------------------------------------------------------


def queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def add_visits(make_visit, department_a, n: int) -> None:
    for i in range(n):
        make_visit(to=department_a if i % 2 else None, name=f"群众{i}")


def test_the_visit_lists_queries_do_not_grow_with_its_rows(login, alice, make_visit, department_a):
    client = login(alice)
    add_visits(make_visit, department_a, 5)
    few = queries(client, "/visits/")

    add_visits(make_visit, department_a, 55)

    assert queries(client, "/visits/") == few


def test_the_referral_lists_queries_do_not_grow_with_its_rows(login, alice, make_visit, department_a):
    client = login(alice)
    for i in range(5):
        make_visit(to=department_a, name=f"群众{i}")
    few = queries(client, "/visits/referrals/")

    for i in range(55):
        make_visit(to=department_a, name=f"群众{i + 5}")

    assert Referral.objects.count() == 60
    assert queries(client, "/visits/referrals/") == few


def test_a_panel_question_can_name_the_referred_case_it_concerns(login, alice, bob, leo, town_a):
    from petitions.models import PanelMeeting, PanelQuestion
    from petitions.services.visits import ReferralPlan, visit_categories_for, visit_record
    from tests.factories import DepartmentFactory, StationFactory

    visit = visit_record(
        township=town_a,
        user=alice,
        station=StationFactory(township=town_a),
        category=visit_categories_for(township=town_a)[0],
        visitor_name="王",
        content="路灯",
        outcome="referred",
        referral=ReferralPlan(department=DepartmentFactory(township=town_a), responsible_name="张"),
    )
    month = visit.received_at.date().replace(day=1)
    meeting = PanelMeeting.objects.create(township=town_a, month=month, held_on=month)
    login(alice).post(
        f"/visits/panel/{meeting.pk}/question/",
        {
            "asked_by": bob.deputy.pk,
            "to_leader": leo.leader.pk,
            "question": "何时修好？",
            "referral": visit.referral.pk,
        },
    )
    assert PanelQuestion.objects.get().referral == visit.referral
