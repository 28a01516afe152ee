"""Reads of the organisation core, already scoped to the user or township."""

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import QuerySet

from congress.models import Notification


def inbox_for_user(*, user: AbstractBaseUser) -> QuerySet[Notification]:
    """The user's own messages, newest first."""
    return Notification.objects.filter(recipient=user).select_related("township")


def unread_count(*, user: AbstractBaseUser) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()
