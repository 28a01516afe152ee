"""Writes that span capabilities: a visit's matter turned into a deputy's suggestion; commendations."""

from datetime import date

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from assessments.models import Commendation
from deputies.models import Deputy


def commendation_add(
    *, deputy: Deputy, year: int, title: str, awarded_on: date, awarded_by: str = "", user: AbstractBaseUser
) -> Commendation:
    """Record a commendation (表彰) in the deputy's record; the same title twice in a year is refused."""
    commendation = Commendation(
        township_id=deputy.township_id,
        deputy=deputy,
        year=year,
        title=title.strip(),
        awarded_on=awarded_on,
        awarded_by=awarded_by.strip(),
        recorded_by=user,
    )
    with transaction.atomic():
        commendation.full_clean()
        commendation.save()
    return commendation


def commendation_remove(*, commendation: Commendation) -> None:
    """Take a commendation recorded by mistake out of the deputy's record."""
    with transaction.atomic():
        commendation.delete()
