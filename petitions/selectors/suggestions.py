"""Reads of the deputies' handling suggestions and of the leader's confirmation of referrals: who chaired a
visit, the referrals waiting for their leader, a deputy's own suggestions and the visits of their duty day
(never the visitor's name, phone or address)."""

from django.db.models import Q, QuerySet

from congress.models import Leader
from deputies.models import Deputy
from petitions.models import FINISHED, DutyAssignment, DutyDay, DutyDayStatus, HandlingSuggestion, Referral, Visit


def chairing_leaders(*, visit: Visit) -> list[Leader]:
    """The leaders who chaired the visit's reception: the leader receiving it, and the duty day's leaders."""
    leaders = [visit.leader] if visit.leader_id else []
    if visit.duty_day_id:
        leaders += [leader for leader in visit.duty_day.leaders.all() if leader.pk != visit.leader_id]
    return leaders


def chairing_leader(*, visit: Visit) -> Leader | None:
    """The leader in whose name a referral is confirmed when the office confirms it for them."""
    return next(iter(chairing_leaders(visit=visit)), None)


def chaired_by(leader: Leader) -> Q:
    """Referrals of visits this leader received or whose duty day they chaired."""
    return Q(visit__leader=leader) | Q(visit__duty_day__leaders=leader)


def referrals_awaiting_confirmation(*, leader: Leader) -> QuerySet[Referral]:
    """The open referrals of the leader's visits and duty days that no leader has confirmed yet."""
    ids = (
        Referral.objects.for_township(leader.township)
        .filter(chaired_by(leader), confirmed_at__isnull=True)
        .exclude(status__in=FINISHED)
        .values("pk")
    )
    return (
        Referral.objects.filter(pk__in=ids)
        .select_related("visit__category", "department")
        .order_by("visit__received_at", "id")
    )


def suggestions_of_deputy(*, deputy: Deputy) -> QuerySet[HandlingSuggestion]:
    """The deputy's own suggestions, newest first, with the visit's date and matter and the unit handling it."""
    return (
        HandlingSuggestion.objects.filter(deputy=deputy, township_id=deputy.township_id)
        .select_related("visit__category", "visit__referral__department")
        .order_by("-created_at", "-id")
    )


def referral_suggestions(*, referral: Referral) -> QuerySet[HandlingSuggestion]:
    return referral.visit.suggestions.select_related("deputy", "decided_by").order_by("created_at", "id")


def duty_of_deputy(*, deputy: Deputy, duty_day: DutyDay) -> DutyAssignment | None:
    """The deputy's assignment on a published day: a day of a roster not yet published is not theirs to open
    (their duty list, duties_of_deputy, shows only published days)."""
    return DutyAssignment.objects.filter(
        deputy=deputy, duty_day=duty_day, duty_day__status=DutyDayStatus.PUBLISHED
    ).first()


def day_visits(*, duty_day: DutyDay) -> QuerySet[Visit]:
    """The visits of a duty day as the deputies on duty see them: the matter and its category, the suggestions."""
    return (
        Visit.objects.filter(duty_day=duty_day, township_id=duty_day.township_id)
        .select_related("category")
        .prefetch_related("suggestions__deputy")
        .only("id", "received_at", "content", "category__name", "outcome", "duty_day_id", "township_id")
        .order_by("received_at", "id")
    )
