"""Reads of the organisation core, already scoped to the user or township."""

from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import QuerySet

from congress.models import Job, Membership, Notification, Township


def inbox_for_user(*, user: AbstractBaseUser) -> QuerySet[Notification]:
    """The user's own messages, newest first."""
    return Notification.objects.filter(recipient=user).select_related("township")


def unread_count(*, user: AbstractBaseUser) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def jobs_for_township(*, township: Township | None) -> QuerySet[Job]:
    """The background jobs of one township (another town's job answers like one that does not exist)."""
    return Job.objects.for_township(township).defer("payload")


def members_of(*, township: Township, roles: Iterable[str]) -> QuerySet[Membership]:
    """The town's memberships in `roles`, with their users: whom to tell of the town's business."""
    return Membership.objects.filter(township=township, role__in=list(roles)).select_related("user").order_by("pk")
