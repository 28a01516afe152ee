"""The accounts page as the office uses it (alice, through the test client): the list and its filters, making a
login and its slip, printing slips again, and the refusals shown as messages."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages
from django.urls import reverse

from congress.models import Membership, Role
from deputies.services import accounts
from tests.factories import DepartmentFactory, DeputyFactory, LeaderFactory

pytestmark = pytest.mark.django_db
User = get_user_model()


def shown(response) -> list[tuple[str, str]]:
    return [(m.level_tag, str(m)) for m in get_messages(response.wsgi_request)]


def test_the_accounts_page_lists_the_towns_people_with_the_state_of_their_login(login, alice, bob, leo, carol, dave):
    DeputyFactory(township=bob.deputy.township, name="无账号")
    page = login(alice).get(reverse("account_list"))

    states = {row.name: row.status for row in page.context["rows"]}
    assert states["鲍勃"] == "active" and states["黎欧"] == "active" and states["无账号"] == "none"
    assert "dave" not in page.content.decode()
    assert {row.kind for row in page.context["rows"]} == {"deputy", "leader", "unit", "office"}


def test_the_accounts_page_filters_by_kind_and_state(login, alice, bob, leo):
    deputy = DeputyFactory(township=bob.deputy.township, name="新代表")
    accounts.account_create(township=deputy.township, person=deputy)
    client = login(alice)

    rows = client.get(reverse("account_list"), {"kind": "deputy", "status": "initial"}).context["rows"]

    assert [row.name for row in rows] == ["新代表"]
    assert [row.name for row in client.get(reverse("account_list"), {"kind": "leader"}).context["rows"]] == ["黎欧"]


def test_the_accounts_page_costs_the_same_queries_at_any_length(login, alice, town_a, django_assert_max_num_queries):
    client = login(alice)
    for n in range(30):
        accounts.account_create(township=town_a, person=DeputyFactory(township=town_a, phone=f"1370000{n:04d}"))
    with django_assert_max_num_queries(16):
        client.get(reverse("account_list"))


def test_making_a_login_shows_its_slip_once_and_never_caches_it(login, alice, town_a):
    deputy = DeputyFactory(township=town_a, name="张三", phone="13900001111")

    response = login(alice).post(reverse("account_create_deputy", args=[deputy.pk]))

    assert response.status_code == 200
    [slip] = response.context["slips"]
    assert (slip.name, slip.login) == ("张三", "13900001111")
    assert slip.password in response.content.decode() and "http://testserver/" in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    assert User.objects.get(username="13900001111").check_password(slip.password)


def test_a_login_for_a_person_with_no_mobile_is_refused_without_a_name(login, alice, town_a):
    deputy = DeputyFactory(township=town_a, name="李四", phone="")
    client = login(alice)

    response = client.post(reverse("account_create_deputy", args=[deputy.pk]), {"login_name": ""})

    assert response.status_code == 200 and "slips" not in response.context
    assert [level for level, _text in shown(response)] == ["error"]
    deputy.refresh_from_db()
    assert deputy.user is None
    response = client.post(reverse("account_create_deputy", args=[deputy.pk]), {"login_name": "lisi"})
    assert response.context["slips"][0].login == "lisi"


def test_leaders_and_units_get_logins_from_their_own_pages(login, alice, town_a):
    leader = LeaderFactory(township=town_a, name="孙八", phone="13900002222")
    unit = DepartmentFactory(township=town_a, name="水务站", contact_person="周九", phone="13900003333")
    client = login(alice)

    assert reverse("account_create_leader", args=[leader.pk]) in client.get(reverse("leader_list")).content.decode()
    assert reverse("account_create_unit", args=[unit.pk]) in client.get(reverse("department_list")).content.decode()
    client.post(reverse("account_create_leader", args=[leader.pk]))
    client.post(reverse("account_create_unit", args=[unit.pk]))

    assert Membership.objects.get(user__username="13900002222").role == Role.LEADER
    assert Membership.objects.get(user__username="13900003333").department == unit


def test_another_towns_person_is_not_found(login, dave, town_a):
    deputy = DeputyFactory(township=town_a)
    assert login(dave).post(reverse("account_create_deputy", args=[deputy.pk])).status_code == 404


def test_printing_slips_twice_shows_new_passwords_and_the_first_no_longer_open_the_logins(login, alice, town_a):
    made = [
        accounts.account_create(township=town_a, person=DeputyFactory(township=town_a, phone=f"1390000{n:04d}"))
        for n in range(2)
    ]
    users = [User.objects.get(username=m.login).pk for m in made]
    client = login(alice)

    first = client.post(reverse("account_slips"), {"users": users}).context["slips"]
    second = client.post(reverse("account_slips"), {"users": users}).context["slips"]

    assert len(first) == len(second) == 2
    for old, new in zip(first, second, strict=True):
        user = User.objects.get(username=new.login)
        assert old.password != new.password
        assert user.check_password(new.password) and not user.check_password(old.password)


def test_printing_slips_for_no_login_is_refused_with_a_message(login, alice):
    response = login(alice).post(reverse("account_slips"))
    assert response.status_code == 302 and [level for level, _text in shown(response)] == ["error"]


def test_logins_for_all_who_lack_one_are_shown_on_slips(login, alice, bob, town_a):
    DeputyFactory(township=town_a, name="甲", phone="13900005555")
    DeputyFactory(township=town_a, name="乙", phone="")

    response = login(alice).post(reverse("accounts_create_missing"))

    assert [slip.name for slip in response.context["slips"]] == ["甲"]
    assert any(level == "warning" and text.startswith("乙") for level, text in shown(response))


def test_texting_the_ticked_people_sends_their_logins(login, alice, town_a):
    made = accounts.account_create(township=town_a, person=DeputyFactory(township=town_a, phone="13900006666"))
    client = login(alice)
    assert reverse("account_send") in client.get(reverse("account_list")).content.decode()

    response = client.post(reverse("account_send"), {"users": [User.objects.get(username=made.login).pk]})

    assert response.status_code == 302 and [level for level, _text in shown(response)] == ["success"]


def test_leaving_the_town_without_an_active_office_login_is_refused_with_a_message(login, alice, department_a):
    membership = Membership.objects.get(user=alice)
    data = {"role": Role.UNIT, "department": department_a.pk}

    response = login(alice).post(reverse("account_role", args=[membership.pk]), data)

    assert response.status_code == 200 and [level for level, _text in shown(response)] == ["error"]
    membership.refresh_from_db()
    assert membership.role == Role.OFFICE


def test_an_office_cannot_disable_its_own_login_from_the_page(login, alice, town_a):
    Membership.objects.create(user=User.objects.create(username="olga"), township=town_a, role=Role.OFFICE)
    response = login(alice).post(reverse("account_disable", args=[alice.pk]))
    assert [level for level, _text in shown(response)] == ["error"]
    alice.refresh_from_db()
    assert alice.is_active


def test_the_office_disables_and_enables_a_deputys_login(login, alice, bob):
    client = login(alice)
    client.post(reverse("account_disable", args=[bob.pk]))
    bob.refresh_from_db()
    assert not bob.is_active
    client.post(reverse("account_enable", args=[bob.pk]))
    bob.refresh_from_db()
    assert bob.is_active


def test_a_reset_shows_the_new_password_on_a_slip(login, alice, bob):
    response = login(alice).post(reverse("account_reset", args=[bob.pk]))
    [slip] = response.context["slips"]
    bob.refresh_from_db()
    assert slip.login == "bob" and bob.check_password(slip.password)


def test_the_office_changes_a_logins_role(login, alice, carol):
    membership = Membership.objects.get(user=carol)
    response = login(alice).post(reverse("account_role", args=[membership.pk]), {"role": Role.OFFICE})
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.role == Role.OFFICE
