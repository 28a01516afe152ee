"""Reads of the town's logins (账号管理): who of the town has a login, in what state, and the rows an action
on a login may touch."""

import re
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db.models import F, Model, TextChoices
from django.utils.translation import gettext_lazy as _

from congress.lockout import LoginLock, login_locks
from congress.models import Department, Leader, Membership, PasswordState, Role, Township
from deputies.models import Deputy, DeputyStatus

MOBILE = re.compile(r"^1[3-9]\d{9}$")


class AccountKind(TextChoices):
    DEPUTY = "deputy", _("Deputy")
    LEADER = "leader", _("Town leader")
    UNIT = "unit", _("Handling unit")
    OFFICE = "office", _("Congress office")


class AccountStatus(TextChoices):
    NONE = "none", _("No login")
    ACTIVE = "active", _("Active")
    INITIAL = "initial", _("Must change password")
    DISABLED = "disabled", _("Disabled")


# The person behind each kind of login, and the role their login gets.
PERSON_MODELS: dict[str, type[Model]] = {
    AccountKind.DEPUTY: Deputy,
    AccountKind.LEADER: Leader,
    AccountKind.UNIT: Department,
}
KIND_ROLES = {
    AccountKind.DEPUTY: Role.DEPUTY,
    AccountKind.LEADER: Role.LEADER,
    AccountKind.UNIT: Role.UNIT,
    AccountKind.OFFICE: Role.OFFICE,
}


def mobile_of(phone: str) -> str:
    """The mainland mobile in a register's phone (spaces and dashes dropped); empty for a landline or none."""
    digits = re.sub(r"[\s-]", "", phone or "")
    return digits if MOBILE.match(digits) else ""


def person_name(person: Model) -> str:
    """Whom a login is for: a deputy's or leader's name, a handling unit's contact person (else the unit)."""
    if isinstance(person, Department):
        return person.contact_person or person.name
    return person.name


def person_login(person: Model) -> AbstractBaseUser | None:
    """The login a deputy, leader or handling unit already has, if any."""
    if isinstance(person, Department):
        unit = Membership.objects.filter(role=Role.UNIT, department=person).select_related("user").first()
        return unit.user if unit is not None else None
    return person.user


@dataclass
class AccountRow:
    """One person of the town on the accounts page, with their login if they have one."""

    kind: str
    name: str
    detail: str
    phone: str
    person: Model | None
    user: AbstractBaseUser | None
    memberships: list[Membership] = field(default_factory=list)
    own_password: bool = False

    @property
    def status(self) -> str:
        if self.user is None:
            return AccountStatus.NONE
        if not self.user.is_active:
            return AccountStatus.DISABLED
        return AccountStatus.ACTIVE if self.own_password else AccountStatus.INITIAL

    @property
    def status_label(self) -> str:
        return AccountStatus(self.status).label

    @property
    def kind_label(self) -> str:
        return AccountKind(self.kind).label

    @property
    def needs_slip(self) -> bool:
        """Still on an initial password: a slip (or a text) hands it out."""
        return self.status == AccountStatus.INITIAL


def _rows(township: Township) -> list[AccountRow]:
    memberships = list(Membership.objects.filter(township=township).select_related("user", "department").order_by("pk"))
    by_user: dict[int, list[Membership]] = {}
    unit_login: dict[int, Membership] = {}
    for membership in memberships:
        by_user.setdefault(membership.user_id, []).append(membership)
        if membership.role == Role.UNIT:
            unit_login.setdefault(membership.department_id, membership)
    rows = [
        AccountRow(AccountKind.DEPUTY, d.name, d.small_group.name if d.small_group else "", d.phone, d, d.user)
        for d in Deputy.objects.for_township(township)
        .filter(status=DeputyStatus.SERVING)
        .select_related("user", "small_group")
        .order_by("name_sort", "pk")
    ]
    rows += [
        AccountRow(AccountKind.LEADER, leader.name, leader.title, leader.phone, leader, leader.user)
        for leader in Leader.objects.for_township(township).filter(is_active=True).select_related("user")
    ]
    for unit in Department.objects.for_township(township).filter(is_active=True).order_by("kind", "name"):
        login = unit_login.get(unit.pk)
        rows.append(
            AccountRow(AccountKind.UNIT, person_name(unit), unit.name, unit.phone, unit, login.user if login else None)
        )
    rows += [
        AccountRow(AccountKind.OFFICE, m.user.get_full_name() or m.user.get_username(), "", m.phone, None, m.user)
        for m in memberships
        if m.role == Role.OFFICE
    ]
    users = {row.user.pk for row in rows if row.user is not None}
    own = set(
        PasswordState.objects.filter(user_id__in=users, own_password=F("user__password"))
        .exclude(own_password="")
        .values_list("user_id", flat=True)
    )
    for row in rows:
        if row.user is not None:
            row.memberships = by_user.get(row.user.pk, [])
            row.own_password = row.user.pk in own
    return rows


def account_list(*, viewer: Membership, township: Township, kind: str = "", status: str = "") -> list[AccountRow]:
    """Every serving deputy, active leader, active handling unit and office login of the town, with the state of
    their login, filtered by kind and status; a fixed number of queries at any length."""
    rows = _rows(township)
    return [row for row in rows if (not kind or row.kind == kind) and (not status or row.status == status)]


def account_person(*, viewer: Membership, township: Township, kind: str, pk: int) -> Model:
    """The deputy, leader or handling unit of the town a login is made for; DoesNotExist for another town's."""
    model = PERSON_MODELS[kind]
    related = ["user"] if model is not Department else []
    return model.objects.for_township(township).select_related(*related).get(pk=pk)


def account_user(*, viewer: Membership, township: Township, pk: int) -> AbstractBaseUser:
    """A login holding a role in the town; DoesNotExist for any other (another town's, an administrator's)."""
    return get_user_model().objects.filter(memberships__township=township).distinct().get(pk=pk)


def account_membership(*, viewer: Membership, township: Township, pk: int) -> Membership:
    """One role of a login in the town; DoesNotExist for another town's."""
    return Membership.objects.filter(township=township).select_related("user", "department").get(pk=pk)


def account_holder_name(*, user: AbstractBaseUser, township: Township) -> str:
    """What the office calls a login: the deputy's, leader's or unit contact's name, else the login's own."""
    deputy = Deputy.objects.for_township(township).filter(user=user).values_list("name", flat=True).first()
    leader = Leader.objects.for_township(township).filter(user=user).values_list("name", flat=True).first()
    unit = Membership.objects.filter(user=user, township=township, role=Role.UNIT).select_related("department").first()
    unit_name = person_name(unit.department) if unit is not None else None
    return deputy or leader or unit_name or user.get_full_name() or user.get_username()


@dataclass(frozen=True)
class LockedLogin:
    """A login of the town that failed logins locked at some address or made to wait."""

    user: AbstractBaseUser
    name: str
    lock: LoginLock


def account_locks(*, viewer: Membership, township: Township) -> list[LockedLogin]:
    """The town's logins locked at an address or made to wait by failed logins, by login name: two queries, and
    a few for each locked login's name (there are seldom more than one or two)."""
    users = {u.get_username(): u for u in get_user_model().objects.filter(memberships__township=township).distinct()}
    locks = login_locks(users)
    return [
        LockedLogin(users[login], account_holder_name(user=users[login], township=township), lock)
        for login, lock in sorted(locks.items())
    ]
