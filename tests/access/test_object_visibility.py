"""Each role opens by id exactly what its lists show it: for every list page that leads to pages of one object
(a bulletin, a visit, a referral, a proposal, an activity, a duty day, a panel meeting, a major case, a
deputy…), every object of town A the list shows answers 200 on each of its pages (detail, print, export,
document) and every object the list hides answers 404 there — a page by id is no way round a list's rule.

The list's rule is read from the list itself: an object is shown when the list links to it. A role the list
page refuses (403) is left to the access matrix, as is a page the matrix refuses the role outright."""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta

import pytest
from django.db.models import Model
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from activities.models import Activity, ActivityAttendance
from assessments.models import Bulletin
from deputies.models import Deputy, SmallGroup, Station
from petitions.models import DutyAssignment, DutyDay, MajorCase, PanelMeeting, Referral, Visit
from petitions.services.visits import ReferralPlan, visit_categories_for, visit_record
from proposals.models import Proposal
from tests.access.expect import NOT_FOUND, OK
from tests.access.matrix import MATRIX
from tests.access.samples import TownASamples, duty_rows, every_row
from tests.factories import DepartmentFactory, DeputyFactory

TOWN_A_ROLES = ("office", "leader", "deputy", "unit", "county")


@dataclass(frozen=True)
class Family:
    """A list page, the model of its rows, the page of one row it links to, and every page of one row."""

    list_name: str
    model: type[Model]
    link: str
    pages: tuple[str, ...]
    query: dict = field(default_factory=dict)
    # The pks the list shows, from its context, for a list that shows rows without linking each one.
    shown_in: Callable[[dict], set[int]] | None = None


def _roster_month(samples: TownASamples) -> dict:
    day = duty_rows(samples)["day"].date
    return {"year": day.year, "month": day.month}


FAMILIES = (
    Family(
        "bulletin_list",
        Bulletin,
        "bulletin_detail",
        ("bulletin_detail", "bulletin_print", "bulletin_export", "bulletin_document"),
    ),  # fmt: skip
    Family("visit_list", Visit, "visit_detail", ("visit_detail",)),
    Family("referral_list", Referral, "referral_detail", ("referral_detail", "referral_notice")),
    Family(
        "proposal_list",
        Proposal,
        "proposal_detail",
        ("proposal_detail", "proposal_assignment_notice", "proposal_reply_letter"),
    ),  # fmt: skip
    Family("activity_list", Activity, "activity_detail", ("activity_detail",)),
    # A deputy's invitations: asking leave and recording a self-study open on theirs alone (either may send back
    # with a message when the invitation is past or not a self-study; no page is "the" page of a row here).
    Family(
        "my_activities",
        ActivityAttendance,
        "",
        ("activity_leave_ask", "self_study"),
        shown_in=lambda c: {r.pk for r in [*c["coming"], *c["past"]]},
    ),  # fmt: skip
    Family("roster", DutyDay, "duty_day_detail", ("duty_day_detail", "duty_day_print"), query={"roster": True}),
    # A deputy's duty cards link to the day's own page only on the day itself: the cards are the list.
    Family(
        "my_duties", DutyDay, "my_duty_day", ("my_duty_day",), shown_in=lambda c: {a.duty_day_id for a in c["duties"]}
    ),  # fmt: skip
    Family("panel", PanelMeeting, "panel_meeting", ("panel_meeting", "panel_meeting_report")),
    Family("major_case_list", MajorCase, "major_case_detail", ("major_case_detail",)),
    Family("deputy_list", Deputy, "deputy_detail", ("deputy_detail",)),
    Family(
        "record_overview", Deputy, "deputy_record", ("deputy_record", "deputy_record_print", "deputy_record_export")
    ),  # fmt: skip
    Family("station_list", Station, "station_detail", ("station_detail", "station_poster")),
    Family("group_list", SmallGroup, "small_group_detail", ("small_group_detail",)),
)


def hidden_rows(samples: TownASamples) -> None:
    """Rows some role's lists must hide, beside every_row's: a visit referred to another unit than carol's, and
    a duty day bob is not on."""
    every_row(samples)
    town = samples.fixture("town_a")
    other = DeputyFactory(township=town)
    day = DutyDay.objects.create(
        township=town, date=duty_rows(samples)["day"].date + timedelta(days=1), start_time="08:00",
        station=samples.objects["station"], small_group=other.small_group,
    )  # fmt: skip
    DutyAssignment.objects.create(township=town, duty_day=day, deputy=other)
    visit_record(
        township=town,
        user=samples.fixture("alice"),
        station=samples.objects["station"],
        category=visit_categories_for(township=town)[0],
        visitor_name="李大爷",
        visitor_phone="13933334444",
        content="路灯不亮",
        outcome="referred",
        received_at=timezone.now() - timedelta(days=1),
        referral=ReferralPlan(department=DepartmentFactory(township=town, name="农业服务中心"), responsible_name="李"),
    )


def links_to(html: str, url: str) -> bool:
    return re.search(rf'href="{re.escape(url)}["?#]', html) is not None


def answers_as_shown(status: int, shown: bool, *, primary: bool) -> bool:
    """Hidden: 404. Shown: the page it links to opens (200); a paper of one state (an assignment notice, a
    reply letter) may instead send back with a message when the row is not in that state, never 403 or 404."""
    if not shown:
        return status == NOT_FOUND
    return status == OK or (not primary and status == 302)


def pages_of_role(family: Family, role: str) -> list[str]:
    """The family's pages the role may open at all (the matrix says 200 or 404 for its sample, not 403)."""
    return [name for name in family.pages if MATRIX[name][role][0] in (OK, NOT_FOUND)]


def mismatches(client: Client, family: Family, role: str, samples: TownASamples) -> tuple[list[str], set[bool]]:
    """What the role's object pages answer against what its list shows, and whether it saw rows shown, hidden."""
    query = _roster_month(samples) if family.query.get("roster") else {}
    response = client.get(reverse(family.list_name), query)
    if response.status_code != OK:
        return [], set()
    html = response.content.decode()
    found, seen = [], set()
    for item in family.model.objects.filter(township=samples.fixture("town_a")):
        if family.shown_in:
            shown = item.pk in family.shown_in(response.context)
        else:
            shown = links_to(html, reverse(family.link, kwargs={"pk": item.pk}))
        seen.add(shown)
        for name in pages_of_role(family, role):
            url = reverse(name, kwargs={"pk": item.pk})
            status = client.get(url).status_code
            if not answers_as_shown(status, shown, primary=name == family.link):
                what = "shows" if shown else "hides"
                found.append(f"{role}: {family.list_name} {what} {item!r}, but {url} answers {status}")
    return found, seen


@pytest.mark.slow
@pytest.mark.parametrize("family", FAMILIES, ids=[f.list_name for f in FAMILIES])
def test_every_object_page_answers_as_its_list_shows(family: Family, client_as, samples: TownASamples) -> None:
    hidden_rows(samples)
    found, seen = [], set()
    for role in TOWN_A_ROLES:
        role_found, role_seen = mismatches(client_as(role), family, role, samples)
        found += role_found
        seen |= role_seen
    assert not found, "\n".join(found)
    assert True in seen, f"no role's {family.list_name} showed a row of town A: the check proved nothing"


@pytest.mark.slow
def test_the_walk_meets_rows_some_list_hides(client_as, samples: TownASamples) -> None:
    """The samples hold rows a list hides from some role (a draft bulletin, a visit referred elsewhere, a day of
    another group…), so that the walk checks 404s too, not only 200s."""
    hidden_rows(samples)
    hiding = [
        (family.list_name, role)
        for family in FAMILIES
        if family.list_name in ("bulletin_list", "referral_list", "my_duties", "proposal_list")
        for role in TOWN_A_ROLES
        if False in mismatches(client_as(role), family, role, samples)[1]
    ]
    assert {name for name, _role in hiding} == {"bulletin_list", "referral_list", "my_duties", "proposal_list"}
