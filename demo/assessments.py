"""Demo data of the assessment: every month of the demo year assessed under the default standard, the
bulletins published up to the month before last, last month's drafted for the office to publish."""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from assessments.models import Bulletin, BulletinStatus
from assessments.services.assessment import assessment_compute
from assessments.services.bulletin import bulletin_draft
from congress.dates import first_of, last_month
from congress.models import Membership, Role, Township


def build_assessments(*, townships: list[Township], today: date | None = None) -> None:
    """Assess January to last month for the towns; publish all but last month's bulletin."""
    today = today or timezone.localdate()
    newest = last_month(today)
    month = date(today.year, 1, 1)
    while month <= newest:
        assessment_compute(township_ids=[t.pk for t in townships], month=month)
        for town in townships:
            bulletin = bulletin_draft(township=town, month=month)
            if bulletin is not None and month < newest:
                office = Membership.objects.filter(township=town, role=Role.OFFICE).select_related("user").first()
                published = timezone.make_aware(datetime.combine(first_of(month) + timedelta(days=35), time(9, 0)))
                Bulletin.objects.filter(pk=bulletin.pk).update(
                    status=BulletinStatus.PUBLISHED,
                    published_at=min(published, timezone.now()),
                    published_by=office.user if office else None,
                )
        month = first_of(month + timedelta(days=32))
