"""Writes of passwords someone else sets: initial passwords, and the record of a password being one's own."""

import secrets

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from congress.models import (
    PasswordState,
)

# Letters and digits no one misreads on a printed slip or a phone's screen: no 0/O, 1/l/I.
READABLE = "23456789abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ"


def initial_password(length: int = 8) -> str:
    """A random password for a login someone else makes: handed out once, changed at the first login."""
    while True:
        password = "".join(secrets.choice(READABLE) for _ in range(length))
        if any(c.isdigit() for c in password) and any(c.isalpha() for c in password):
            return password


def password_state_record(*, user: AbstractBaseUser) -> None:
    """Remember that the user's current password is one they chose themselves (after they change it)."""
    PasswordState.objects.update_or_create(
        user=user, defaults={"own_password": user.password, "changed_at": timezone.now()}
    )


def password_change(*, user: AbstractBaseUser, raw_password: str) -> None:
    """Set the password the user chose themselves, and remember that it is their own, in one transaction."""
    with transaction.atomic():
        user.set_password(raw_password)
        user.save()
        password_state_record(user=user)
