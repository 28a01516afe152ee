"""Demo data of the assessment: every month of the demo's span assessed under the default standard, the
bulletins published up to the month before last, last month's drafted for the office to publish; the year's
five best deputies commended (优秀人大代表), so that the year-end page and its decision have something to show."""

from datetime import date, timedelta

from django.utils import timezone

from assessments.models import Bulletin, BulletinStatus, Commendation
from assessments.selectors.year_end import thresholds_for, year_ranking
from assessments.services.assessment import assessment_compute
from assessments.services.bulletin import bulletin_draft
from assessments.services.record import commendation_add
from congress.dates import add_months, last_month
from congress.models import Membership, Role, Township
from demo.period import at, by_now, demo_start


def build_assessments(*, townships: list[Township], today: date | None = None) -> None:
    """Assess the twelve months before this one for the towns (in January, last year's); publish all but last
    month's bulletin, each about five weeks after its month began."""
    today = today or timezone.localdate()
    newest = last_month(today)
    month = demo_start(today)
    while month <= newest:
        assessment_compute(township_ids=[t.pk for t in townships], month=month)
        for town in townships:
            bulletin = bulletin_draft(township=town, month=month)
            if bulletin is not None and month < newest:
                office = Membership.objects.filter(township=town, role=Role.OFFICE).select_related("user").first()
                Bulletin.objects.filter(pk=bulletin.pk).update(
                    status=BulletinStatus.PUBLISHED,
                    published_at=by_now(at(month + timedelta(days=35), 9)),
                    published_by=office.user if office else None,
                )
        month = add_months(month, 1)
    for town in townships:
        _commend(town, year=newest.year, today=today)


def _commend(town: Township, *, year: int, today: date) -> None:
    """The year's five best deputies by their months' scores, commended by the town's own decision."""
    if Commendation.objects.filter(township=town, year=year).exists():
        return
    office = Membership.objects.filter(township=town, role=Role.OFFICE).select_related("user").first()
    for row in year_ranking(township=town, year=year, thresholds=thresholds_for(township=town))[:5]:
        commendation_add(
            deputy=row.deputy, year=year, title="优秀人大代表", awarded_on=today, user=office.user if office else None
        )
