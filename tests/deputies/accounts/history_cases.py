"""The history cases of the town's logins (deputies/services/accounts.py), counted by the guard in
tests/congress/test_history_jobs.py and run by tests/congress/test_history.py: each change to a login leaves a
history row on its memberships (with the reason where no field shows it) naming the office and its address."""

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _

from congress.models import Membership, Role
from deputies.services import accounts
from tests.congress.history_world import case, changed, created
from tests.factories import DeputyFactory, LeaderFactory, UserFactory


def _initial(w):
    """A deputy of the town with a login still on its initial password, made outside any request."""
    issued = accounts.account_create(township=w.town, person=DeputyFactory(township=w.town, phone="13900001111"))
    return get_user_model().objects.get(username=issued.login)


@case(accounts.account_create, "alice")
def account_create(w):
    deputy = w.other()
    issued = w.call(township=w.town, person=deputy)
    membership = Membership.objects.get(user__username=issued.login)
    return [created(membership, role=Role.DEPUTY), changed(deputy, user_id=membership.user_id)]


@case(accounts.accounts_create_missing, "alice")
def accounts_create_missing(w):
    leader = LeaderFactory(township=w.town, phone="13900002222")
    w.call(township=w.town)
    leader.refresh_from_db()
    return [created(Membership.objects.get(user=leader.user), role=Role.LEADER), changed(leader)]


@case(accounts.account_passwords_issue, "alice")
def account_passwords_issue(w):
    user = _initial(w)
    w.call(township=w.town, user_ids=[user.pk])
    return [changed(Membership.objects.get(user=user), history_change_reason=_("Initial password printed"))]


@case(accounts.account_passwords_send, "alice")
def account_passwords_send(w):
    user = _initial(w)
    w.call(township=w.town, user_ids=[user.pk])
    return [changed(Membership.objects.get(user=user), history_change_reason=_("Initial password sent by text"))]


@case(accounts.account_password_reset, "alice")
def account_password_reset(w):
    w.call(township=w.town, user=w.bob)
    return [changed(Membership.objects.get(user=w.bob), history_change_reason=_("Password reset"))]


@case(accounts.account_disable, "alice")
def account_disable(w):
    w.call(township=w.town, user=w.bob, by=w.alice)
    return [changed(Membership.objects.get(user=w.bob), history_change_reason=_("Login disabled"))]


@case(accounts.account_enable, "alice")
def account_enable(w):
    get_user_model().objects.filter(pk=w.bob.pk).update(is_active=False)
    w.call(township=w.town, user=w.bob)
    return [changed(Membership.objects.get(user=w.bob), history_change_reason=_("Login enabled"))]


@case(accounts.account_unlock, "alice")
def account_unlock(w):
    w.call(township=w.town, user=w.bob)
    return [changed(Membership.objects.get(user=w.bob), history_change_reason=_("Login unlocked"))]


@case(accounts.account_role_change, "alice")
def account_role_change(w):
    olga = UserFactory(username="olga")
    membership = Membership.objects.create(user=olga, township=w.town, role=Role.OFFICE)
    w.call(township=w.town, membership=membership, role=Role.LEADER)
    return [changed(membership, role=Role.LEADER)]
