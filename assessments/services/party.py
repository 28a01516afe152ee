"""Writes of the presidium's reports to the party committee and of the committee's assessment of the year."""

from datetime import date

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from assessments.models import PartyReport, YearReview
from congress.models import Township


def party_report_save(*, report: PartyReport, township: Township, user: AbstractBaseUser) -> PartyReport:
    """Record a report or request to the committee, or its answer; the town is the office's own, and an answer
    dated before the report was sent is refused (the model's check)."""
    report.township = township
    if report.recorded_by_id is None:
        report.recorded_by = user
    report.subject = report.subject.strip()
    with transaction.atomic():
        report.full_clean()
        report.save()
    return report


def year_review_save(*, township: Township, year: int, rating: str, assessment: str, assessed_on: date) -> YearReview:
    """Record (or correct) the committee's assessment of the town's year: one a year."""
    with transaction.atomic():
        review, _created = YearReview.objects.select_for_update().update_or_create(
            township=township,
            year=year,
            defaults={"rating": rating, "assessment": assessment.strip(), "assessed_on": assessed_on},
        )
    return review
