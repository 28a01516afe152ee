"""Reads of the presidium's reports to the party committee and of the committee's assessment of a year."""

from django.db.models import Count, Q, QuerySet

from assessments.models import PartyReport, PartyReportKind, YearReview
from congress.models import Township


def reports_of_year(*, township: Township, year: int) -> tuple[QuerySet[PartyReport], dict[str, int]]:
    """The town's reports sent in `year`, in the order sent, and their counts: sent, answered, requests."""
    reports = PartyReport.objects.for_township(township).filter(sent_on__year=year)
    counts = reports.aggregate(
        total=Count("id"),
        answered=Count("id", filter=Q(answered_on__isnull=False)),
        requests=Count("id", filter=Q(kind=PartyReportKind.REQUEST)),
    )
    return reports.order_by("sent_on", "id"), counts


def year_review(*, township: Township, year: int) -> YearReview | None:
    """The committee's assessment of the town's year, if recorded."""
    return YearReview.objects.for_township(township).filter(year=year).first()
