"""The busy pages at scale: their query counts are pinned, and do not grow with the data or the towns.

Two counties are built with `scale_build` (the builder of `seed_scale`): one with a town of one year's work,
one with three towns of two years' work each. Every busy page (the list bench/pages.py measures) must answer
200 within its pinned number of queries, with the same count in the small town as in the large one; the
county overview the same count for a county of one town as for a county of three."""

from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from assessments.models import Assessment, Bulletin, BulletinStatus
from congress.models import Township
from demo.scale import busy_pages, scale_build
from deputies.models import Deputy
from petitions.models import Referral, Visit
from proposals.models import Proposal

# The most queries each page may make (session, user and membership included), as bench/pages.py counts
# them. Raise one only with a reason: a count that grows with the rows is an N+1 query. Each office page (and the
# deputy's home) makes one more since the menu counts the voters' matters waiting.
PINS = {
    "office home": 23,  # with the to-do list: six counts of what waits, and voters' matters waiting (menu and to-do)
    "roster, this month": 8,  # the menu counts the voters' matters waiting
    "visits, last month": 12,  # the year's figures as petitions.figures counts them, and the town's prior totals
    "referrals, overdue": 10,
    "proposals": 10,
    "proposal rates": 18,  # with the three participations by unit and by item (three grouped reads)
    "register of deputies": 9,
    "a deputy's record": 18,
    # Twelve kept months in one read, the overdue lists (two reads and a count); a month counted again after a
    # change takes 13 more (assessments.selectors.town_months.count_month).
    "dashboard": 8,
    "bulletin": 7,
    "deputy home": 17,
    # The towns' kept month in one read, their deputies and last month's scores in two grouped reads.
    "county overview": 10,
}

pytestmark = pytest.mark.slow  # builds towns of the demo's size


def _counts(town: Township) -> dict[str, tuple[int, int]]:
    """{page: (status, queries)} for every busy page of the town, each as the role that uses it."""
    users = get_user_model().objects
    logins = {
        "office": f"office-{town.code}",
        "leader": f"leader-{town.code}",
        "deputy": f"deputy-{town.code}",
        "county": f"county-{town.county.code}",
    }
    clients = {}
    for role, username in logins.items():
        clients[role] = Client()
        clients[role].force_login(users.get(username=username))
    counts = {}
    for page in busy_pages(town):
        client = clients[page.role]
        client.get(page.url)  # the first request of a session sets it up; count a later one
        with CaptureQueriesContext(connection) as queries:
            response = client.get(page.url)
        counts[page.name] = (response.status_code, len(queries.captured_queries))
    return counts


@pytest.fixture
def towns(db, time_machine):
    time_machine.move_to("2026-11-26 10:00:00+08:00")
    scale_build(towns=1, years=1, password="scale-test-1")
    scale_build(towns=3, per_county=3, years=2, password="scale-test-1")
    return Township.objects.select_related("county").order_by("code")


def test_the_builder_makes_towns_of_demo_size(towns):
    small, large = towns[0], towns[1]
    assert [t.code for t in towns] == ["scale-0001", "scale-0002", "scale-0003", "scale-0004"]
    assert {t.county.code for t in towns[1:]} == {"scale-002"} and towns[0].county.code == "scale-001"
    for town in towns:
        assert Deputy.objects.filter(township=town).count() == 94
    assert Visit.objects.filter(township=small).count() == 1200
    assert Visit.objects.filter(township=large).count() == 2400
    assert Referral.objects.filter(township=large).count() == 240
    assert Proposal.objects.filter(township=large).count() == 120
    # Every month of the years built is assessed, up to last month, for every serving deputy.
    assert Assessment.objects.filter(township=small).values("month").distinct().count() == 10
    assert Assessment.objects.filter(township=large, month=date(2026, 10, 1)).count() == 94
    assert Bulletin.objects.filter(township=large, status=BulletinStatus.PUBLISHED).count() == 1


def test_busy_pages_keep_their_query_counts_whatever_the_size(towns):
    small, large = _counts(towns[0]), _counts(towns[1])
    assert set(small) == set(PINS), "a busy page was added or renamed: pin it here"
    problems = []
    for name, pin in PINS.items():
        (status_small, few), (status_large, many) = small[name], large[name]
        if status_small != 200 or status_large != 200:
            problems.append(f"{name}: answered {status_small} and {status_large}")
        if many > pin or few > pin:
            problems.append(f"{name}: {few} and {many} queries, pinned at {pin}")
        if few != many:
            problems.append(f"{name}: {few} queries in the small town (and county), {many} in the large one")
    assert not problems, "\n".join(problems)
