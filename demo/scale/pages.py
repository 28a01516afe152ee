"""The busy pages of a town built in bulk, for measuring them (bench/pages.py) and pinning their queries."""

import urllib.parse
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count
from django.utils import timezone

from assessments.models import Bulletin, BulletinStatus
from congress.dates import last_month, month_bounds
from congress.models import Township
from deputies.models import Deputy


@dataclass
class Page:
    name: str
    role: str  # office, leader, deputy, county
    url: str
    admin: str = ""  # the admin changelist on the same rows, if the page is a list


def _aware(day) -> str:
    return urllib.parse.quote(timezone.make_aware(datetime.combine(day, datetime.min.time())).isoformat())


def busy_pages(town: Township) -> list[Page]:
    """The busy pages of each role in `town`, with the admin changelist on the same rows where there is one:
    what bench/pages.py measures and tests/assessments/test_scale.py pins the query counts of."""
    today = timezone.localdate()
    month, after = month_bounds(today)
    last = last_month(today)
    # A deputy with a full record (the most proposals led): prefetches of empty parts are skipped.
    deputy = Deputy.objects.filter(township=town).annotate(led=Count("led_proposals")).order_by("-led", "pk").first()
    bulletin = Bulletin.objects.filter(township=town, status=BulletinStatus.PUBLISHED).order_by("-month").first()
    t = f"township__exact={town.pk}"
    return [
        Page("office home", "office", "/"),
        Page(
            "roster, this month",
            "office",
            f"/duty/roster/?year={today.year}&month={today.month}",
            f"/admin/petitions/dutyday/?{t}&date__gte={month}&date__lt={after}",
        ),
        Page(
            "visits, last month",
            "office",
            f"/visits/?month={last:%Y-%m}",
            f"/admin/petitions/visit/?{t}&received_at__gte={_aware(last)}&received_at__lt={_aware(month)}",
        ),
        Page(
            "referrals, overdue",
            "office",
            "/visits/referrals/?overdue=1",
            f"/admin/petitions/referral/?{t}&status__in=open,in_progress&due__lt={today}",
        ),
        Page("proposals", "office", "/proposals/", f"/admin/proposals/proposal/?{t}"),
        Page("proposal rates", "leader", "/proposals/rates/"),
        # The register opens on the serving deputies: the changelist gets the same filter.
        Page(
            "register of deputies",
            "office",
            "/register/deputies/",
            f"/admin/deputies/deputy/?{t}&status__exact=serving",
        ),
        Page("a deputy's record", "leader", f"/records/{deputy.pk}/"),
        Page("dashboard", "leader", "/dashboard/"),
        Page("bulletin", "leader", f"/bulletins/{bulletin.pk}/"),
        Page("deputy home", "deputy", "/"),
        Page("county overview", "county", "/county/"),
    ]
