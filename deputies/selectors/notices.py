"""Reads of notices (通知): the town's notices with what became of their messages, and one notice's messages."""

from django.db.models import CharField, Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Cast, Coalesce, Concat

from congress.models import Membership, Notification, NotificationStatus, Township
from deputies.models import DeputyLink, Notice

# What the list counts of each notice's messages: their outbox rows (keyed `notice:<notice>:<deputy>`) that…
COUNTS = {
    "messages": Q(),
    "texted": Q(texted_at__isnull=False),  # the provider took the text
    "delivered": Q(status=NotificationStatus.DELIVERED),
    "failed": Q(status=NotificationStatus.FAILED),
    "waiting": Q(status__in=[NotificationStatus.PENDING, NotificationStatus.SENDING]),
    "read": Q(read_at__isnull=False),  # read in the inbox
}


def _count(condition: Q) -> Coalesce:
    """How many of the outer notice's messages meet `condition`, as a subquery of the notices' own query."""
    prefix = Concat(Value("notice:"), Cast(OuterRef("pk"), CharField()), Value(":"))
    rows = (
        Notification.objects.filter(condition, township=OuterRef("township"), key__startswith=prefix)
        .order_by()
        .values("township")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


def notice_list(*, viewer: Membership | None, township: Township | None) -> QuerySet[Notice]:
    """The town's notices, newest first, each with the counts of COUNTS — in the one query of the list."""
    return (
        Notice.objects.for_township(township)
        .select_related("large_group", "small_group", "created_by")
        .annotate(**{name: _count(condition) for name, condition in COUNTS.items()})
    )


def notice_detail(*, viewer: Membership | None, township: Township | None, pk: int) -> Notice:
    """One notice of the town (another town's raises Notice.DoesNotExist, like one that does not exist)."""
    return notice_list(viewer=viewer, township=township).get(pk=pk)


def notice_messages(*, viewer: Membership | None, township: Township | None, notice: Notice) -> QuerySet[Notification]:
    """The messages of one notice, one per deputy it reached, by name."""
    if township is None or notice.township_id != township.pk:
        return Notification.objects.none()
    return Notification.objects.filter(township=township, key__startswith=notice.key_prefix).order_by(
        "recipient_name", "pk"
    )


def notice_for_link(*, link: DeputyLink) -> Notice | None:
    """The notice a deputy's link names, in the link's own town."""
    return Notice.objects.filter(township_id=link.township_id, pk=link.target_id).select_related("township").first()
