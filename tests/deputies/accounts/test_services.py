"""Logins for the town's people: made, handed out, reset, disabled and changed through the services; every
refusal changes nothing."""

import re

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils.translation import gettext as _
from simple_history.utils import get_history_model_for_model

from congress.audit import changes_made_by
from congress.models import Membership, Notification, Role, password_is_own
from congress.services import READABLE as PASSWORD_ALPHABET
from congress.services import password_state_record
from congress.sms import MemorySmsBackend
from deputies.services import accounts
from deputies.services.accounts import AccountError
from tests.factories import DepartmentFactory, DeputyFactory, LeaderFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db
User = get_user_model()


LAST_OFFICE = "This is the town's last active office login: the town would have nobody to run it."


def said(msgid: str) -> str:
    """A refusal's message in the language the tests run in, as a pattern for pytest.raises."""
    return re.escape(_(msgid))


def counts() -> tuple[int, int, int]:
    return User.objects.count(), Membership.objects.count(), Membership.history.count()


def test_a_deputys_login_is_their_mobile_with_an_initial_password_and_the_deputy_role(town_a):
    deputy = DeputyFactory(township=town_a, name="张三", phone="13900001111")

    issued = accounts.account_create(township=town_a, person=deputy)

    user = User.objects.get(username="13900001111")
    assert (issued.name, issued.login) == ("张三", "13900001111")
    assert len(issued.password) == 8 and set(issued.password) <= set(PASSWORD_ALPHABET)
    assert not set(issued.password) & set("0O1l")
    assert user.check_password(issued.password) and user.first_name == "张三"
    deputy.refresh_from_db()
    assert deputy.user == user
    membership = Membership.objects.get(user=user)
    assert (membership.township, membership.role, membership.phone) == (town_a, Role.DEPUTY, "13900001111")
    assert not password_is_own(user), "an initial password is never the user's own"


def test_the_first_login_with_the_initial_password_asks_for_a_password_of_ones_own(town_a):
    issued = accounts.account_create(township=town_a, person=DeputyFactory(township=town_a, phone="13900001111"))
    client = Client()

    response = client.post(reverse("login"), {"username": issued.login, "password": issued.password})
    assert response.status_code == 302
    assert client.get(reverse("home")).url == reverse("password_change")

    response = client.post(
        reverse("password_change"),
        {"old_password": issued.password, "new_password1": "Zhang-own-2026", "new_password2": "Zhang-own-2026"},
    )
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 200
    assert password_is_own(User.objects.get(username=issued.login))


def test_a_person_with_no_mobile_is_refused_without_a_login_name(town_a):
    deputy = DeputyFactory(township=town_a, name="李四", phone="")
    before = counts()

    with pytest.raises(AccountError, match="李四"):
        accounts.account_create(township=town_a, person=deputy)

    assert counts() == before
    deputy.refresh_from_db()
    assert deputy.user is None


def test_a_landline_is_no_login_name_either(town_a):
    leader = LeaderFactory(township=town_a, phone="0873-1234567")
    with pytest.raises(AccountError):
        accounts.account_create(township=town_a, person=leader)


def test_a_person_with_no_mobile_gets_the_login_name_the_office_types(town_a):
    deputy = DeputyFactory(township=town_a, phone="")

    issued = accounts.account_create(township=town_a, person=deputy, login_name=" lisi ")

    assert issued.login == "lisi"
    assert Membership.objects.get(user__username="lisi").phone == ""


def test_a_login_name_already_taken_is_refused(town_a, alice):
    deputy = DeputyFactory(township=town_a, phone="")
    before = counts()
    with pytest.raises(AccountError, match="alice") as refusal:
        accounts.account_create(township=town_a, person=deputy, login_name="alice")
    assert str(Role.OFFICE.label) in refusal.value.text
    assert counts() == before


def test_a_phone_already_another_persons_login_is_refused_naming_their_role_only(town_a, bob):
    Membership.objects.filter(user=bob).update(phone="13900002222")
    leader = LeaderFactory(township=town_a, name="王五", phone="13900002222")
    before = counts()

    with pytest.raises(AccountError) as refusal:
        accounts.account_create(township=town_a, person=leader)

    text = refusal.value.text
    assert "13900002222" in text and str(Role.DEPUTY.label) in text
    assert "bob" not in text and "鲍勃" not in text, "the other person's login and name stay private"
    assert counts() == before
    leader.refresh_from_db()
    assert leader.user is None


def test_a_leader_who_is_also_a_deputy_gets_the_leader_role_on_the_same_login(town_a):
    deputy = DeputyFactory(township=town_a, name="赵六", phone="13900003333")
    first = accounts.account_create(township=town_a, person=deputy)
    leader = LeaderFactory(township=town_a, name="赵六", phone="139 0000 3333")

    issued = accounts.account_create(township=town_a, person=leader)

    assert issued.password == "", "the login keeps its password"
    user = User.objects.get(username="13900003333")
    assert user.check_password(first.password)
    assert sorted(Membership.objects.filter(user=user).values_list("role", flat=True)) == ["deputy", "leader"]
    leader.refresh_from_db()
    assert leader.user == user


def test_a_person_with_two_roles_chooses_between_them_after_logging_in(town_a):
    deputy = DeputyFactory(township=town_a, name="赵六", phone="13900003333")
    issued = accounts.account_create(township=town_a, person=deputy)
    accounts.account_create(township=town_a, person=LeaderFactory(township=town_a, name="赵六", phone="13900003333"))
    user = User.objects.get(username="13900003333")
    password_state_record(user=user)
    client = Client()
    client.post(reverse("login"), {"username": issued.login, "password": issued.password})

    leader_role = Membership.objects.get(user=user, role=Role.LEADER)
    page = client.get(reverse("home"))
    assert page.wsgi_request.role == Role.DEPUTY and len(page.wsgi_request.memberships) == 2
    client.post(reverse("township_switch"), {"membership": leader_role.pk})

    assert client.get(reverse("home")).wsgi_request.role == Role.LEADER
    assert client.get(reverse("deputy_list")).status_code == 200


def test_a_unit_login_is_a_unit_membership_of_its_department(town_a):
    unit = DepartmentFactory(township=town_a, name="农业办", contact_person="钱七", phone="13900004444")

    issued = accounts.account_create(township=town_a, person=unit)

    membership = Membership.objects.get(user__username=issued.login)
    assert (issued.name, membership.role, membership.department) == ("钱七", Role.UNIT, unit)


def test_a_person_who_has_a_login_is_refused_a_second(town_a, bob):
    before = counts()
    with pytest.raises(AccountError):
        accounts.account_create(township=town_a, person=bob.deputy)
    assert counts() == before


def test_logins_for_all_who_lack_one_pass_over_who_cannot_have_one(town_a, bob, leo, carol):
    DeputyFactory(township=town_a, name="有手机", phone="13900005555")
    DeputyFactory(township=town_a, name="没手机", phone="")
    LeaderFactory(township=town_a, name="新领导", phone="13900006666")

    outcome = accounts.accounts_create_missing(township=town_a)

    assert sorted(i.name for i in outcome.issued) == ["新领导", "有手机"]
    assert len(outcome.skipped) == 1 and outcome.skipped[0].startswith("没手机")
    assert all(i.password for i in outcome.issued)


def _initial_login(town, phone="13900007777"):
    issued = accounts.account_create(township=town, person=DeputyFactory(township=town, phone=phone))
    return User.objects.get(username=issued.login), issued


def test_printing_again_sets_new_passwords_and_the_first_slips_no_longer_open_the_login(town_a):
    user, created = _initial_login(town_a)

    first = accounts.account_passwords_issue(township=town_a, user_ids=[user.pk])
    second = accounts.account_passwords_issue(township=town_a, user_ids=[user.pk])

    user.refresh_from_db()
    assert first[0].password != second[0].password
    assert not user.check_password(created.password) and not user.check_password(first[0].password)
    assert user.check_password(second[0].password)
    client = Client()
    assert client.post(reverse("login"), {"username": user.username, "password": first[0].password}).status_code == 200
    assert client.post(reverse("login"), {"username": user.username, "password": second[0].password}).status_code == 302
    assert not password_is_own(user)


def test_no_slip_is_printed_for_a_login_whose_password_is_its_own(town_a, bob):
    user, _issued = _initial_login(town_a)
    hashes = (bob.password, User.objects.get(pk=user.pk).password)
    with pytest.raises(AccountError, match="鲍勃"):
        accounts.account_passwords_issue(township=town_a, user_ids=[user.pk, bob.pk])
    assert (User.objects.get(pk=bob.pk).password, User.objects.get(pk=user.pk).password) == hashes


def test_no_slip_is_printed_for_another_towns_login_or_none(town_a, dave):
    with pytest.raises(AccountError):
        accounts.account_passwords_issue(township=town_a, user_ids=[dave.pk])
    with pytest.raises(AccountError):
        accounts.account_passwords_issue(township=town_a, user_ids=[])


def test_initial_passwords_are_texted_straight_through_the_sms_backend_not_the_outbox(town_a):
    MemorySmsBackend.outbox.clear()
    user, _issued = _initial_login(town_a, phone="13900008888")

    outcome = accounts.account_passwords_send(township=town_a, user_ids=[user.pk])

    assert [i.login for i in outcome.issued] == ["13900008888"] and not outcome.skipped
    assert outcome.issued[0].password == "", "the office is not shown what was texted"
    [(phone, text)] = MemorySmsBackend.outbox
    assert phone == "13900008888" and "13900008888" in text and settings.SITE_URL in text
    user.refresh_from_db()
    candidates = re.findall(rf"(?<![0-9A-Za-z])[{PASSWORD_ALPHABET}]{{8}}(?![0-9A-Za-z])", text)
    assert [word for word in candidates if user.check_password(word)], "the text carries the new password"
    assert not password_is_own(user)
    assert not Notification.objects.exists(), "a password never goes through the outbox"


def test_a_text_that_fails_leaves_that_password_as_it_was(town_a, monkeypatch):
    user, issued = _initial_login(town_a)

    def fail(self, **kwargs):
        raise ConnectionError("gateway down")

    monkeypatch.setattr(MemorySmsBackend, "send", fail)
    outcome = accounts.account_passwords_send(township=town_a, user_ids=[user.pk])

    assert not outcome.issued and len(outcome.skipped) == 1
    user.refresh_from_db()
    assert user.check_password(issued.password)


def test_texting_is_refused_where_no_sms_gateway_is_set_up(town_a, settings):
    settings.SMS_BACKEND = "congress.sms.LoggingSmsBackend"
    user, issued = _initial_login(town_a)
    with pytest.raises(AccountError):
        accounts.account_passwords_send(township=town_a, user_ids=[user.pk])
    user.refresh_from_db()
    assert user.check_password(issued.password)


def test_a_reset_gives_a_new_initial_password_to_change_at_the_next_login(town_a, bob):
    issued = accounts.account_password_reset(township=town_a, user=bob)

    bob.refresh_from_db()
    assert bob.check_password(issued.password) and not password_is_own(bob)
    assert issued.name == "鲍勃"
    client = Client()
    client.post(reverse("login"), {"username": "bob", "password": issued.password})
    assert client.get(reverse("home")).url == reverse("password_change")


def test_the_last_active_office_login_of_a_town_cannot_be_disabled(town_a, alice, bob):
    other = UserFactory(username="olga")
    MembershipFactory(user=other, township=town_a, role=Role.OFFICE)
    accounts.account_disable(township=town_a, user=other, by=bob)
    before = counts()

    with pytest.raises(AccountError, match=said(LAST_OFFICE)):
        accounts.account_disable(township=town_a, user=alice, by=bob)

    assert counts() == before
    alice.refresh_from_db()
    assert alice.is_active


def test_disabling_a_login_ends_its_logins_and_enabling_lets_it_back(town_a, alice, bob):
    client = Client()
    client.force_login(bob)
    accounts.account_disable(township=town_a, user=bob, by=alice)

    bob.refresh_from_db()
    assert not bob.is_active
    assert client.get(reverse("home")).status_code == 302
    assert Client().post(reverse("login"), {"username": "bob", "password": "x"}).status_code == 200

    accounts.account_enable(township=town_a, user=bob)
    bob.refresh_from_db()
    assert bob.is_active


def test_an_office_cannot_disable_its_own_login(town_a, alice):
    MembershipFactory(user=UserFactory(username="olga"), township=town_a, role=Role.OFFICE)
    with pytest.raises(AccountError):
        accounts.account_disable(township=town_a, user=alice, by=alice)


def test_an_administrators_login_is_left_to_the_administration(town_a, alice):
    admin = UserFactory(username="root", is_superuser=True, is_staff=True)
    MembershipFactory(user=admin, township=town_a, role=Role.OFFICE)
    password = admin.password
    with pytest.raises(AccountError):
        accounts.account_password_reset(township=town_a, user=admin)
    admin.refresh_from_db()
    assert admin.password == password


def test_another_towns_login_is_refused(town_a, dave, alice):
    with pytest.raises(AccountError):
        accounts.account_disable(township=town_a, user=dave, by=alice)


def test_a_unit_contact_moves_to_the_office(town_a, carol):
    membership = Membership.objects.get(user=carol)
    accounts.account_role_change(township=town_a, membership=membership, role=Role.OFFICE)
    membership.refresh_from_db()
    assert (membership.role, membership.department) == (Role.OFFICE, None)


def test_a_role_change_that_leaves_the_town_without_an_office_is_refused(town_a, alice, department_a):
    membership = Membership.objects.get(user=alice)
    with pytest.raises(AccountError, match=said(LAST_OFFICE)):
        accounts.account_role_change(township=town_a, membership=membership, role=Role.UNIT, department=department_a)
    membership.refresh_from_db()
    assert membership.role == Role.OFFICE


@pytest.mark.parametrize(
    ("role", "why"),
    [
        (Role.UNIT, "Choose the handling unit this login works for."),
        (Role.DEPUTY, "This login is no deputy's: create deputies' logins from the accounts page."),
        (Role.COUNTY, "Choose a role of the town."),
    ],
)
def test_a_role_change_is_refused_when_the_role_does_not_fit(town_a, alice, leo, role, why):
    membership = Membership.objects.get(user=leo)
    with pytest.raises(AccountError, match=said(why)):
        accounts.account_role_change(township=town_a, membership=membership, role=role)
    membership.refresh_from_db()
    assert membership.role == Role.LEADER


def test_disabling_and_resetting_leave_history_rows_naming_the_office(town_a, alice, bob):
    history = get_history_model_for_model(Membership)
    with changes_made_by(user=alice, address="10.0.0.9"):
        accounts.account_password_reset(township=town_a, user=bob)
        accounts.account_disable(township=town_a, user=bob, by=alice)

    rows = list(history.objects.filter(user_id=bob.pk).order_by("-history_id")[:2])
    assert [(r.history_user, r.history_ip, r.history_type) for r in rows] == [(alice, "10.0.0.9", "~")] * 2
    assert [r.history_change_reason for r in rows] == [_("Login disabled"), _("Password reset")]
