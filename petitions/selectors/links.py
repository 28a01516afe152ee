"""Reads of reception duty behind a deputy's one-tap links: the rows each kind of link acts on, with what its page
shows joined (the scoping to the link's town and deputy is deputies.services.links.link_open_with_target's)."""

from django.db.models import Prefetch, QuerySet

from petitions.models import DutyAssignment, LeaveRequest


def duty_link_rows() -> QuerySet[DutyAssignment]:
    """Duty assignments as a duty link's page shows them: the day, its station and group, the leave asked."""
    return DutyAssignment.objects.select_related(
        "deputy", "duty_day__station", "duty_day__small_group"
    ).prefetch_related(Prefetch("leave_requests", queryset=LeaveRequest.objects.order_by("-requested_at")))


def stand_in_link_rows() -> QuerySet[LeaveRequest]:
    """Leave requests as a stand-in link's page shows them: who asks, and the day with its station and group."""
    return LeaveRequest.objects.select_related(
        "assignment__deputy", "assignment__duty_day__station", "assignment__duty_day__small_group"
    )
