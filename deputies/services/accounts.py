"""Logins for the town's people (账号管理): the office gives deputies, leaders and handling units' contacts a
login with an initial password, which they must change at their first login (no PasswordState is recorded for
it); hands the initial passwords out on printed slips or by text message; resets, disables, enables logins and
changes their roles. Initial passwords are never stored in clear: each hand-out sets new ones. Every change
leaves a history row on the login's memberships (with a reason where no field shows it) naming who made it."""

import logging
import re
from dataclasses import dataclass, field

from axes.utils import reset as axes_reset
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import Model
from django.utils.translation import gettext as _

from congress.errors import RuleViolation
from congress.messages import render_text
from congress.models import Department, Leader, Membership, Role, Township, password_is_own
from congress.services import initial_password
from congress.sms import get_sms_backend, sms_configured
from deputies.models import Deputy, DeputyStatus
from deputies.selectors.accounts import account_holder_name, mobile_of, person_login, person_name

logger = logging.getLogger(__name__)

# Read aloud or copied from paper: no 0/O/o, 1/l/I to mistake for one another.
LOGIN_NAME = re.compile(r"^[\w.@+-]{2,150}$")
TOWN_ROLES = (Role.OFFICE, Role.LEADER, Role.DEPUTY, Role.UNIT)


class AccountError(RuleViolation):
    """A rule of the town's logins refused the change."""


@dataclass(frozen=True)
class Issued:
    """A login and its new initial password, for one slip or one text message; the password is never stored.
    An empty password: a role was added to a login the person already had, whose password stays theirs."""

    name: str
    login: str
    password: str


@dataclass
class Outcome:
    """What a change to many logins did: the slips to print, and the people it passed over or failed, and why."""

    issued: list[Issued] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def _role_of(person: Model) -> str:
    return {Deputy: Role.DEPUTY, Leader: Role.LEADER, Department: Role.UNIT}[type(person)]


def _note(*, user: AbstractBaseUser, township: Township, reason: str) -> None:
    """A history row on each of the login's memberships in the town, saying what was done to the login."""
    for membership in Membership.objects.filter(user=user, township=township):
        membership._change_reason = reason[:100]
        membership.save()


def _refuse_administrators(user: AbstractBaseUser) -> None:
    if user.is_staff or user.is_superuser:
        raise AccountError(_("This login belongs to a system administrator: only the administration changes it."))


def _roles_text(user: AbstractBaseUser, township: Township) -> str:
    roles = [m.get_role_display() for m in Membership.objects.filter(user=user, township=township)]
    return "、".join(str(r) for r in roles) if roles else _("someone in another town")


def _same_person(user: AbstractBaseUser, township: Township, name: str) -> bool:
    """Whether a login of the town is held by someone of this name (a leader who is also a deputy, say)."""
    if not Membership.objects.filter(user=user, township=township).exists():
        return False
    return name in {user.get_full_name(), account_holder_name(user=user, township=township)}


def _existing_login(phone: str) -> AbstractBaseUser | None:
    users = get_user_model().objects
    return users.filter(username=phone).first() or users.filter(memberships__phone=phone).first()


def _refuse_taken(*, township: Township, person: Model, phone: str, login: str) -> AbstractBaseUser | None:
    """The login the person already holds by their phone (a role is added to it), or None for a new one;
    refused when the phone or the login name is another person's."""
    users = get_user_model().objects
    existing = _existing_login(phone) if phone else users.filter(username=login).first()
    if existing is None:
        return None
    name = person_name(person)
    if not phone or not _same_person(existing, township, name):
        message = (
            _("The phone %(phone)s is already the login of another person (%(roles)s).")
            if phone
            else _("The login name %(login)s is already taken (%(roles)s): choose another.")
        )
        raise AccountError(message % {"phone": phone, "login": login, "roles": _roles_text(existing, township)})
    _refuse_administrators(existing)
    if Membership.objects.filter(user=existing, township=township, role=_role_of(person)).exists():
        raise AccountError(_("%(name)s's login already has this role.") % {"name": name})
    return existing


def _refuse_person(person: Model) -> None:
    name = person_name(person)
    if person_login(person) is not None:
        raise AccountError(_("%(name)s already has a login.") % {"name": name})
    if isinstance(person, Deputy) and person.status != DeputyStatus.SERVING:
        raise AccountError(_("%(name)s's term has ended: a login is for serving deputies.") % {"name": name})
    if not isinstance(person, Deputy) and not person.is_active:
        raise AccountError(_("%(name)s is marked inactive in the register.") % {"name": name})


def _create(*, township: Township, person: Model, login_name: str) -> Issued:
    person = type(person).objects.select_for_update().get(pk=person.pk, township=township)
    _refuse_person(person)
    name, phone = person_name(person), mobile_of(person.phone)
    login = phone or login_name.strip()
    if not login:
        raise AccountError(_("%(name)s has no mobile phone in the register: type a login name.") % {"name": name})
    if not phone and not LOGIN_NAME.match(login):
        raise AccountError(_("A login name is 2 to 150 letters, digits or the signs . @ + - _ without spaces."))
    user = _refuse_taken(township=township, person=person, phone=phone, login=login)
    password = ""
    if user is None:
        password = initial_password()
        user = get_user_model()(username=login, first_name=name[:150])
        user.set_password(password)  # no PasswordState: the first login asks for a password of their own
        user.save()
    department = person if isinstance(person, Department) else None
    Membership.objects.create(user=user, township=township, role=_role_of(person), department=department, phone=phone)
    if not isinstance(person, Department):
        person.user = user
        person.save(update_fields=["user"])
    return Issued(name=name, login=user.get_username(), password=password)


def account_create(*, township: Township, person: Model, login_name: str = "") -> Issued:
    """Give a deputy, leader or handling unit of the town a login: their mobile as its name (else `login_name`),
    their role, and an initial password to change at the first login; or add the role to their own login."""
    with transaction.atomic():
        return _create(township=township, person=person, login_name=login_name)


def _without_login(township: Township) -> list[Model]:
    units_with_login = Membership.objects.filter(township=township, role=Role.UNIT).values("department")
    return [
        *Deputy.objects.for_township(township).filter(status=DeputyStatus.SERVING, user__isnull=True),
        *Leader.objects.for_township(township).filter(is_active=True, user__isnull=True),
        *Department.objects.for_township(township).filter(is_active=True).exclude(pk__in=units_with_login),
    ]


def accounts_create_missing(*, township: Township) -> Outcome:
    """A login for every serving deputy, active leader and handling unit of the town that lacks one; a person
    who cannot have one yet (no mobile, a phone taken) is passed over and named with the reason."""
    outcome = Outcome()
    with transaction.atomic():
        for person in _without_login(township):
            try:
                with transaction.atomic():
                    outcome.issued.append(_create(township=township, person=person, login_name=""))
            except AccountError as error:
                outcome.skipped.append(f"{person_name(person)}: {error.text}")
    return outcome


def _issue(*, user: AbstractBaseUser, township: Township, reason: str) -> Issued:
    password = initial_password()
    user.set_password(password)  # ends the login's sessions and every password handed out before
    user.save(update_fields=["password"])
    _note(user=user, township=township, reason=reason)
    return Issued(name=account_holder_name(user=user, township=township), login=user.get_username(), password=password)


def _initial_logins(*, township: Township, user_ids: list[int]) -> list[AbstractBaseUser]:
    """The chosen logins of the town, locked; refused unless each is enabled and still on an initial password."""
    if not user_ids:
        raise AccountError(_("Choose at least one login."))
    # The town's logins through a subquery: PostgreSQL locks no row of a DISTINCT join.
    of_town = Membership.objects.filter(township=township).values("user")
    users = list(
        get_user_model().objects.select_for_update().filter(pk__in=user_ids).filter(pk__in=of_town).order_by("pk")
    )
    if len(users) != len(set(user_ids)):
        raise AccountError(_("Some of the chosen logins are not this town's."))
    for user in users:
        name = account_holder_name(user=user, township=township)
        _refuse_administrators(user)
        if not user.is_active:
            raise AccountError(_("%(name)s's login is disabled: enable it first.") % {"name": name})
        if password_is_own(user):
            raise AccountError(
                _("%(name)s has already chosen their own password: reset it if they forgot it.") % {"name": name}
            )
    return users


def account_passwords_issue(*, township: Township, user_ids: list[int]) -> list[Issued]:
    """New initial passwords for the chosen logins still on one, to print on slips: slips printed before no
    longer open them."""
    with transaction.atomic():
        users = _initial_logins(township=township, user_ids=user_ids)
        return [_issue(user=user, township=township, reason=_("Initial password printed")) for user in users]


def _phone_of(user: AbstractBaseUser, township: Township) -> str:
    phones = Membership.objects.filter(user=user, township=township).exclude(phone="").values_list("phone", flat=True)
    return next(iter(phones), "") or mobile_of(user.get_username())


def account_passwords_send(*, township: Township, user_ids: list[int]) -> Outcome:
    """Text each chosen login still on an initial password its name and a new initial password, straight through
    the SMS backend (never the outbox, which keeps what it sends); a text that fails leaves that password as it
    was and names the person."""
    if not sms_configured():
        raise AccountError(_("Text messages are not set up on this site: print the slips instead."))
    outcome = Outcome()
    with transaction.atomic():
        users = _initial_logins(township=township, user_ids=user_ids)
        for user in users:
            if not _phone_of(user, township):
                name = account_holder_name(user=user, township=township)
                raise AccountError(_("%(name)s has no mobile phone to text: print their slip.") % {"name": name})
        backend = get_sms_backend()
        for user in users:
            phone = _phone_of(user, township)
            try:
                with transaction.atomic():
                    issued = _issue(user=user, township=township, reason=_("Initial password sent by text"))
                    params = {
                        "town": township.name,
                        "login": issued.login,
                        "password": issued.password,
                    }
                    backend.send(phone=phone, kind="login", params=params, text=render_text("login", params))
            except Exception:  # a gateway's failure of any kind: that password stays as it was
                logger.exception("Could not text login %s its initial password", user.pk)
                outcome.skipped.append(account_holder_name(user=user, township=township))
            else:
                outcome.issued.append(Issued(name=issued.name, login=issued.login, password=""))
    return outcome


def _locked_user(*, township: Township, user: AbstractBaseUser) -> AbstractBaseUser:
    # The town's row is locked first: two offices disabling each other at once are served one after the other.
    Township.objects.select_for_update().get(pk=township.pk)
    of_town = Membership.objects.filter(township=township).values("user")
    found = get_user_model().objects.select_for_update().filter(pk=user.pk).filter(pk__in=of_town).first()
    if found is None:
        raise AccountError(_("This login is not this town's."))
    _refuse_administrators(found)
    return found


def account_password_reset(*, township: Township, user: AbstractBaseUser) -> Issued:
    """A new initial password for a login of the town (shown once, on a slip), to change at the next login."""
    with transaction.atomic():
        user = _locked_user(township=township, user=user)
        return _issue(user=user, township=township, reason=_("Password reset"))


def _refuse_last_office(*, township: Township, user: AbstractBaseUser) -> None:
    if not Membership.objects.filter(user=user, township=township, role=Role.OFFICE).exists():
        return
    others = Membership.objects.filter(township=township, role=Role.OFFICE, user__is_active=True).exclude(user=user)
    if not others.exists():
        raise AccountError(_("This is the town's last active office login: the town would have nobody to run it."))


def account_disable(*, township: Township, user: AbstractBaseUser, by: AbstractBaseUser) -> AbstractBaseUser:
    """Disable a login of the town: it can no longer log in and its sessions end; everything it did stays."""
    with transaction.atomic():
        user = _locked_user(township=township, user=user)
        if user.pk == by.pk:
            raise AccountError(_("You cannot disable your own login."))
        if user.is_active:
            _refuse_last_office(township=township, user=user)
        user.is_active = False
        user.save(update_fields=["is_active"])
        _note(user=user, township=township, reason=_("Login disabled"))
    return user


def account_enable(*, township: Township, user: AbstractBaseUser) -> AbstractBaseUser:
    """Let a disabled login of the town log in again, with the password it had."""
    with transaction.atomic():
        user = _locked_user(township=township, user=user)
        user.is_active = True
        user.save(update_fields=["is_active"])
        _note(user=user, township=township, reason=_("Login enabled"))
    return user


def account_unlock(*, township: Township, user: AbstractBaseUser) -> int:
    """Lift the locks and the delay failed logins put on a login of the town (django-axes' attempt rows, at
    every address); its failed logins stay in the audit. Returns how many attempt rows were cleared."""
    with transaction.atomic():
        user = _locked_user(township=township, user=user)
        cleared = axes_reset(username=user.get_username())
        _note(user=user, township=township, reason=_("Login unlocked"))
    return cleared


def _refuse_role(*, membership: Membership, township: Township, role: str, department: Department | None) -> None:
    user = membership.user
    if role not in TOWN_ROLES:
        raise AccountError(_("Choose a role of the town."))
    if Membership.objects.filter(user=user, township=township, role=role).exclude(pk=membership.pk).exists():
        raise AccountError(_("This login already has that role in the town."))
    if role == Role.UNIT and (department is None or department.township_id != township.pk):
        raise AccountError(_("Choose the handling unit this login works for."))
    if role == Role.DEPUTY and not Deputy.objects.for_township(township).filter(user=user).exists():
        raise AccountError(_("This login is no deputy's: create deputies' logins from the accounts page."))
    if membership.role == Role.OFFICE and role != Role.OFFICE and user.is_active:
        _refuse_last_office(township=township, user=user)


def account_role_change(
    *, township: Township, membership: Membership, role: str, department: Department | None = None
) -> Membership:
    """Change one role of a login in the town (a unit contact moving to the office, say); refused when the town
    would be left with no active office login."""
    with transaction.atomic():
        Township.objects.select_for_update().get(pk=township.pk)
        membership = Membership.objects.select_for_update().select_related("user").get(pk=membership.pk)
        if membership.township_id != township.pk:
            raise AccountError(_("This login is not this town's."))
        _refuse_administrators(membership.user)
        _refuse_role(membership=membership, township=township, role=role, department=department)
        membership.role = role
        membership.department = department if role == Role.UNIT else None
        membership.full_clean()
        membership.save()
    return membership
