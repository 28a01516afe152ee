"""A new town on a fresh installation: its county, the town, its current term and the office's first login."""

from dataclasses import dataclass
from datetime import date

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from congress.errors import RuleViolation
from congress.models import County, Membership, Role, Township
from congress.services import initial_password
from deputies.models import Term
from deputies.services.terms import term_start


class TownError(RuleViolation):
    """A rule of a new town refused it."""


@dataclass(frozen=True)
class NewTown:
    township: Township
    term: Term
    office: AbstractBaseUser
    password: str  # the office login's one-time password: shown once, changed at the first login


def town_create(
    *,
    county_name: str,
    county_code: str,
    town_name: str,
    code: str,
    term_number: int,
    term_starts_on: date,
    office_login: str,
) -> NewTown:
    """Create the town in its county (the county too, the first time), record its current term and make the
    office's first login with a one-time password that must be changed at the first login. All or nothing."""
    with transaction.atomic():
        county = County.objects.filter(code=county_code).first()
        if county is None:
            county = County(name=county_name, code=county_code)
        elif county.name != county_name:
            raise TownError(_("County code %(code)s belongs to %(name)s.") % {"code": county_code, "name": county.name})
        if Township.objects.filter(code=code).exists():
            raise TownError(_("The town code %(code)s is taken: choose another.") % {"code": code})
        if get_user_model().objects.filter(username=office_login).exists():
            raise TownError(_("The login %(login)s is taken: choose another.") % {"login": office_login})
        try:
            county.full_clean()
            county.save()
            township = Township(county=county, name=town_name, code=code)
            township.full_clean()
            township.save()
        except ValidationError as error:
            raise TownError(error.messages) from None
        term = term_start(township=township, number=term_number, starts_on=term_starts_on)
        password = initial_password()
        # set_password without a recorded PasswordState: the login must choose its own password first.
        office = get_user_model().objects.create_user(username=office_login, password=password)
        Membership.objects.create(user=office, township=township, role=Role.OFFICE)
    return NewTown(township=township, term=term, office=office, password=password)
