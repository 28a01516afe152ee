"""Reads of the organisation core, already scoped to the user or township."""

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import QuerySet

from congress.models import Job, Notification, Township


def inbox_for_user(*, user: AbstractBaseUser) -> QuerySet[Notification]:
    """The user's own messages, newest first."""
    return Notification.objects.filter(recipient=user).select_related("township")


def unread_count(*, user: AbstractBaseUser) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def jobs_for_township(*, township: Township | None) -> QuerySet[Job]:
    """The background jobs of one township (another town's job answers like one that does not exist)."""
    return Job.objects.for_township(township).defer("payload")
