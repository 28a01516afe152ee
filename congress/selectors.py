"""Reads of the organisation core, already scoped to the user or township."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import NamedTuple

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import models
from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from congress.messages import KINDS, record_text
from congress.models import Job, Membership, Notification, NotificationStatus, Township


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


# --- The record of the town's messages (短信与消息记录) ------------------------------------------------


class HoldReason(models.TextChoices):
    QUIET = "quiet", _("quiet hours")
    CAP = "cap", _("the day's cap of text messages was reached")
    RETRY = "retry", _("next try")


class Hold(NamedTuple):
    """Why a waiting message is not sent yet, and until when (`today`: the hold ends today, local time)."""

    until: datetime
    reason: HoldReason
    today: bool


@dataclass(frozen=True)
class MessageMonth:
    """The town's messages of one calendar month: the texts the provider took (what it bills) and the failures."""

    start: date
    texts: int
    failed: int


def message_record(*, viewer: Membership | None, township: Township | None) -> QuerySet[Notification]:
    """Every message of the town — texts, inbox messages, emails — newest first (another town's are not there)."""
    if township is None:
        return Notification.objects.none()
    return Notification.objects.filter(township=township).defer("body").order_by("-created_at", "-id")


def message_month(*, viewer: Membership | None, township: Township | None, now: datetime | None = None) -> MessageMonth:
    """This calendar month's texts (accepted by the provider, local time) and failed messages of the town."""
    start = timezone.localtime(now).replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    end = (start + timedelta(days=32)).replace(day=1)
    texted = Q(texted_at__gte=start, texted_at__lt=end)
    failed = Q(status=NotificationStatus.FAILED, created_at__gte=start, created_at__lt=end)
    counts = (
        message_record(viewer=viewer, township=township)
        .filter(texted | failed)
        .aggregate(texts=Count("pk", filter=texted), failed=Count("pk", filter=failed))
    )
    return MessageMonth(start=start.date(), texts=counts["texts"], failed=counts["failed"])


def _at_morning(moment: datetime) -> bool:
    """Whether a hold ends on the hour the quiet hours end: held for the night or for the daily cap, not for a
    retry (which waits minutes from the failed try, never to an exact hour)."""
    local = timezone.localtime(moment)
    return (local.hour, local.minute, local.second, local.microsecond) == (settings.SMS_QUIET_UNTIL, 0, 0, 0)


def _capped_days(township: Township, days: set[date]) -> set[date]:
    """The days among `days` on which the town sent its daily cap of texts."""
    if not days:
        return set()
    start = timezone.make_aware(datetime.combine(min(days), time.min))
    end = timezone.make_aware(datetime.combine(max(days) + timedelta(days=1), time.min))
    per_day = (
        Notification.objects.filter(township=township, texted_at__gte=start, texted_at__lt=end)
        .annotate(day=TruncDate("texted_at"))
        .values("day")
        .annotate(texts=Count("pk"))
        .filter(texts__gte=settings.SMS_DAILY_CAP)
    )
    return {row["day"] for row in per_day}


class MessageRow(NamedTuple):
    """A line of the record: the message, its kind's name, and why it waits (None when it does not)."""

    message: Notification
    kind: str
    hold: Hold | None
    text: str  # the text message as sent, '' when none goes to a mobile


def message_rows(
    *, viewer: Membership | None, township: Township, rows: Iterable[Notification], now: datetime | None = None
) -> list[MessageRow]:
    """The lines of one page of the record, with the kind's name and the reason each waiting message is held."""
    rows = list(rows)
    holds = _holds(township, rows, now or timezone.now())
    return [
        MessageRow(
            n,
            KINDS[n.kind].label if n.kind in KINDS else n.kind,
            holds.get(n.pk),
            record_text(kind=n.kind, params=n.params, subject=n.subject) if n.phone else "",
        )
        for n in rows
    ]


def _holds(township: Township, rows: list[Notification], now: datetime) -> dict[int, Hold]:
    """Why each waiting message of `rows` is held, and until when: the outbox keeps no reason, so it is read from
    the hour. A hold to the morning is the daily cap when the town had sent its cap the day before, else the
    quiet hours; any other hold is the wait before trying again."""
    held = [n for n in rows if n.status == NotificationStatus.PENDING and n.not_before and n.not_before > now]
    mornings = {n.pk: timezone.localtime(n.not_before).date() for n in held if _at_morning(n.not_before)}
    capped = _capped_days(township, {day - timedelta(days=1) for day in mornings.values()})
    holds = {}
    for n in held:
        if n.pk not in mornings:
            reason = HoldReason.RETRY
        else:
            reason = HoldReason.CAP if mornings[n.pk] - timedelta(days=1) in capped else HoldReason.QUIET
        until = timezone.localtime(n.not_before)
        holds[n.pk] = Hold(until, reason, until.date() == timezone.localtime(now).date())
    return holds
