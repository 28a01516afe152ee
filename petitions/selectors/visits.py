"""Reads of constituent visits and referrals: scoped to the township, and for handling units to their own
department; the visitor's contact data only for those handling the case."""

from datetime import date

from django.db.models import QuerySet
from django.utils import timezone

from congress.models import Membership, Role, Township
from petitions.models import FINISHED, Referral, Visit


def visits(*, township: Township) -> QuerySet[Visit]:
    return (
        Visit.objects.for_township(township)
        .select_related("category", "station", "leader", "referral__department")
        .order_by("-received_at", "-id")
    )


def visit_detail(*, township: Township, pk: int) -> Visit:
    return (
        Visit.objects.for_township(township)
        .select_related("category", "station", "leader", "duty_day__small_group", "recorded_by", "referral__department")
        .prefetch_related("deputies", "suggestions__deputy", "major_cases")
        .get(pk=pk)
    )


def referrals_for(*, viewer: Membership, township: Township) -> QuerySet[Referral]:
    """The referrals the viewer may see: a handling unit only its own department's."""
    rows = Referral.objects.for_township(township).select_related("visit__category", "department", "visit__station")
    if viewer.role == Role.UNIT:
        rows = rows.filter(department_id=viewer.department_id)
    return rows.order_by("due", "id")


def overdue(rows: QuerySet[Referral], *, today: date | None = None) -> QuerySet[Referral]:
    """Not finished and past the deadline: computed from the dates, never set by hand."""
    return rows.exclude(status__in=FINISHED).filter(due__lt=today or timezone.localdate())


def handles_visitor(*, viewer: Membership, visit: Visit) -> bool:
    """The office, or the staff of the unit handling this visit's referral, may see the visitor's contacts."""
    if viewer.role == Role.OFFICE:
        return True
    if viewer.role == Role.UNIT:
        referral = getattr(visit, "referral", None)
        return referral is not None and referral.department_id == viewer.department_id
    return False
