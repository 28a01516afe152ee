"""Writes of the presidium's reports to the party committee and of the committee's assessment of the year."""

from datetime import date

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils.translation import gettext as _

from assessments.models import PartyReport, YearReview
from congress.errors import RuleViolation
from congress.models import Township
from congress.storage import DOCUMENT_TYPES, MAX_DOCUMENT_BYTES, uploaded_name


class PartyReportError(RuleViolation):
    """A rule of the reports to the party committee refused the action; the message says why."""


def party_report_save(*, report: PartyReport, township: Township, user: AbstractBaseUser, upload=None) -> PartyReport:
    """Record a report or request to the committee, or its answer, with the report as sent if a file is given
    (PDF, Word, Excel, a photo or text, at most 10 MB; a new file replaces the old); the town is the office's own,
    and an answer dated before the report was sent is refused (the model's check)."""
    report.township = township
    if report.recorded_by_id is None:
        report.recorded_by = user
    report.subject = report.subject.strip()
    if upload is not None:
        name = uploaded_name(upload)
        if not name.lower().endswith(DOCUMENT_TYPES):
            raise PartyReportError(_("Attach a PDF, Word, Excel, JPEG, PNG or text file."))
        if upload.size > MAX_DOCUMENT_BYTES:
            raise PartyReportError(_("The attachment is larger than 10 MB."))
        if upload.size == 0:
            raise PartyReportError(_("The file is empty."))
        report.file, report.file_name = upload, name
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
