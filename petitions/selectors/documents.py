"""Reads of the documents the office issues about visits: the referral notice (交办单) and the supervision
panel's report to the leaders."""

from django.db.models import Prefetch

from congress.dates import first_of, last_of
from congress.models import Township
from petitions.figures import COUNT_KEYS, Period, month_breakdown, visit_figures
from petitions.models import CaseStatus, HandlingSuggestion, MajorCase, PanelMeeting, Referral


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


def panel_report(*, township: Township, pk: int) -> dict:
    """The month's panel meeting of the town with what its report shows: the month's figures, who attended
    and reported, the questions and answers, and the major cases still open (raises PanelMeeting.DoesNotExist
    for another town's)."""
    meeting = (
        PanelMeeting.objects.for_township(township)
        .prefetch_related("attendees", "leaders", "questions__asked_by", "questions__to_leader")
        .get(pk=pk)
    )
    period = Period(first_of(meeting.month), last_of(meeting.month))
    counted = visit_figures(township=township, period=period)
    return {
        "meeting": meeting,
        # The month's figures as every page shows them (petitions.figures), with the panel's two breakdowns.
        "figures": {key: counted.value(key) for key in COUNT_KEYS} | month_breakdown(township=township, period=period),
        "cases": list(
            MajorCase.objects.for_township(township).filter(status=CaseStatus.OPEN).select_related("lead_leader")
        ),
    }
