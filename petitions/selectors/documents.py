"""Reads of the documents the office issues about visits: the referral notice (交办单)."""

from django.db.models import Prefetch

from congress.models import Township
from petitions.models import HandlingSuggestion, Referral


def referral_for_notice(*, township: Township, pk: int) -> Referral:
    """One referral of the town with what its notice shows: the visit, the unit, the leaders, the deputies'
    suggestions (raises Referral.DoesNotExist for another town's)."""
    return (
        Referral.objects.for_township(township)
        .select_related("department", "confirmed_by", "visit__category", "visit__station", "visit__leader")
        .prefetch_related(
            Prefetch("visit__suggestions", queryset=HandlingSuggestion.objects.select_related("deputy").order_by("id")),
            "visit__deputies",
        )
        .get(pk=pk)
    )
