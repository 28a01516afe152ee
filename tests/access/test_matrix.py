"""The role × page access matrix: every URL of the site, for every role, for GET and for POST.

The URLs come from the resolver, not from a list kept by hand: a page born tomorrow without a row in
MATRIX fails here the day it is born ("add it to the access matrix"), and a row whose URL is gone fails too.

To cover a new page: add one entry to MATRIX (what each role gets for GET and for POST) and, if its URL
takes arguments, a function to URL_KWARGS that builds them from town A's rows (tests/access/samples.py).
The Django admin is covered by a rule (admin_rule() and ADMIN_EXCEPTIONS below), not one row per admin URL.
"""

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.contenttypes.models import ContentType
from django.http import HttpResponse
from django.test import Client
from django.urls import reverse

from congress.models import Township
from tests.access.routes import ENTRIES, ENTRY_BY_LABEL, UrlEntry, fill_route, is_admin
from tests.access.samples import ROLES, TownASamples

# --- What a role gets --------------------------------------------------------------------------


@dataclass(frozen=True)
class Redirect:
    """A 302 to the page named `to`; with `with_next`, carrying ?next=<the page asked for> (a login);
    `kwargs` builds the target's arguments from town A's rows."""

    to: str
    with_next: bool = False
    kwargs: Callable[[TownASamples], dict] | None = None

    def __str__(self) -> str:
        return f"302 → {self.to}" + (" ?next=…" if self.with_next else "")


OK = 200
FORBIDDEN = 403
NOT_FOUND = 404
NOT_ALLOWED = 405
LOGIN = Redirect("login", with_next=True)  # not logged in: the login page, then back here
ADMIN_LOGIN = Redirect("admin:login", with_next=True)  # not staff: the admin's login page, then back here
TO_HOME = Redirect("home")
TO_INBOX = Redirect("inbox")
TO_LOGIN_PAGE = Redirect("login")  # after logging out: the login page, with no way back
TO_ADMIN_INDEX = Redirect("admin:index")

Expected = int | Redirect
GetPost = tuple[Expected, Expected]
METHODS = ("GET", "POST")

# --- The matrix: one entry per URL name, one (GET, POST) pair per role -------------------------
# Roles: anonymous; office = alice, leader = leo, deputy = bob, unit = carol (all town A);
# county = erin (county office: reads every town of the county, writes nothing);
# other_office = dave (office of town B, who must see nothing of town A).
# POSTs carry no data. The county reader's POSTs are refused (403) by the tenancy middleware except
# on the few URLs it may write to (logout, set_language, township_switch, inbox_read(_all), password_change).

MATRIX: dict[str, dict[str, GetPost]] = {
    "home": {
        "anonymous": (LOGIN, NOT_ALLOWED),
        "office": (OK, NOT_ALLOWED),
        "leader": (OK, NOT_ALLOWED),
        "deputy": (OK, NOT_ALLOWED),
        "unit": (OK, NOT_ALLOWED),
        "county": (OK, FORBIDDEN),
        "other_office": (OK, NOT_ALLOWED),
    },
    "login": {
        "anonymous": (OK, OK),  # POST without credentials: the form again, with its errors
        "office": (TO_HOME, TO_HOME),
        "leader": (TO_HOME, TO_HOME),
        "deputy": (TO_HOME, TO_HOME),
        "unit": (TO_HOME, TO_HOME),
        "county": (TO_HOME, FORBIDDEN),
        "other_office": (TO_HOME, TO_HOME),
    },
    "logout": {
        "anonymous": (NOT_ALLOWED, TO_LOGIN_PAGE),
        "office": (NOT_ALLOWED, TO_LOGIN_PAGE),
        "leader": (NOT_ALLOWED, TO_LOGIN_PAGE),
        "deputy": (NOT_ALLOWED, TO_LOGIN_PAGE),
        "unit": (NOT_ALLOWED, TO_LOGIN_PAGE),
        "county": (NOT_ALLOWED, TO_LOGIN_PAGE),
        "other_office": (NOT_ALLOWED, TO_LOGIN_PAGE),
    },
    "password_change": {
        "anonymous": (LOGIN, LOGIN),
        "office": (OK, OK),  # POST without data: the form again, with its errors
        "leader": (OK, OK),
        "deputy": (OK, OK),
        "unit": (OK, OK),
        "county": (OK, OK),
        "other_office": (OK, OK),
    },
    "password_change_done": {
        "anonymous": (LOGIN, LOGIN),
        "office": (OK, NOT_ALLOWED),
        "leader": (OK, NOT_ALLOWED),
        "deputy": (OK, NOT_ALLOWED),
        "unit": (OK, NOT_ALLOWED),
        "county": (OK, FORBIDDEN),
        "other_office": (OK, NOT_ALLOWED),
    },
    "inbox": {
        "anonymous": (LOGIN, NOT_ALLOWED),
        "office": (OK, NOT_ALLOWED),
        "leader": (OK, NOT_ALLOWED),
        "deputy": (OK, NOT_ALLOWED),
        "unit": (OK, NOT_ALLOWED),
        "county": (OK, FORBIDDEN),
        "other_office": (OK, NOT_ALLOWED),
    },
    "inbox_read": {  # alice's notification in town A: anyone else's id answers like one that does not exist
        "anonymous": (LOGIN, LOGIN),
        "office": (NOT_ALLOWED, TO_INBOX),
        "leader": (NOT_ALLOWED, NOT_FOUND),
        "deputy": (NOT_ALLOWED, NOT_FOUND),
        "unit": (NOT_ALLOWED, NOT_FOUND),
        "county": (NOT_ALLOWED, NOT_FOUND),
        "other_office": (NOT_ALLOWED, NOT_FOUND),
    },
    "audit": {
        "anonymous": (LOGIN, NOT_ALLOWED),
        "office": (OK, NOT_ALLOWED),
        "leader": (FORBIDDEN, NOT_ALLOWED),
        "deputy": (FORBIDDEN, NOT_ALLOWED),
        "unit": (FORBIDDEN, NOT_ALLOWED),
        "county": (FORBIDDEN, FORBIDDEN),
        "other_office": (OK, NOT_ALLOWED),
    },
    "inbox_read_all": {
        "anonymous": (LOGIN, LOGIN),
        "office": (NOT_ALLOWED, TO_INBOX),
        "leader": (NOT_ALLOWED, TO_INBOX),
        "deputy": (NOT_ALLOWED, TO_INBOX),
        "unit": (NOT_ALLOWED, TO_INBOX),
        "county": (NOT_ALLOWED, TO_INBOX),
        "other_office": (NOT_ALLOWED, TO_INBOX),
    },
    "township_switch": {  # POST without a town: "You cannot open that township.", back home
        "anonymous": (LOGIN, LOGIN),
        "office": (NOT_ALLOWED, TO_HOME),
        "leader": (NOT_ALLOWED, TO_HOME),
        "deputy": (NOT_ALLOWED, TO_HOME),
        "unit": (NOT_ALLOWED, TO_HOME),
        "county": (NOT_ALLOWED, TO_HOME),
        "other_office": (NOT_ALLOWED, TO_HOME),
    },
    "set_language": {  # Django's view: GET changes nothing and goes back; without ?next=, back to "/"
        "anonymous": (TO_HOME, TO_HOME),
        "office": (TO_HOME, TO_HOME),
        "leader": (TO_HOME, TO_HOME),
        "deputy": (TO_HOME, TO_HOME),
        "unit": (TO_HOME, TO_HOME),
        "county": (TO_HOME, TO_HOME),
        "other_office": (TO_HOME, TO_HOME),
    },
}


# --- The register: the office writes, leaders and the county read, deputies and units are refused -----


def _row(get: dict[str, Expected], post: dict[str, Expected]) -> dict[str, GetPost]:
    return {role: (get[role], post[role]) for role in ROLES}


def reader_page(*, other: Expected = OK) -> dict[str, GetPost]:
    """A read-only page of the town's register; `other` is what the other town's office gets."""
    get = {"anonymous": LOGIN, "office": OK, "leader": OK, "deputy": FORBIDDEN, "unit": FORBIDDEN}
    get |= {"county": OK, "other_office": other}
    post = {role: NOT_ALLOWED for role in ROLES} | {"county": FORBIDDEN}
    return _row(get, post)


def office_form(*, other: Expected = OK) -> dict[str, GetPost]:
    """A form only the office may use (an empty POST shows the form again with its errors)."""
    get = {"anonymous": LOGIN, "office": OK, "leader": FORBIDDEN, "deputy": FORBIDDEN, "unit": FORBIDDEN}
    get |= {"county": FORBIDDEN, "other_office": other}
    return _row(get, get)


def office_get(*, other: Expected = OK) -> dict[str, GetPost]:
    """A download only the office may fetch."""
    get = {"anonymous": LOGIN, "office": OK, "leader": FORBIDDEN, "deputy": FORBIDDEN, "unit": FORBIDDEN}
    get |= {"county": FORBIDDEN, "other_office": other}
    post = {role: NOT_ALLOWED for role in ROLES} | {"county": FORBIDDEN}
    return _row(get, post)


def office_post(done: Expected, *, other: Expected) -> dict[str, GetPost]:
    """An action only the office may post; GET is not allowed."""
    post = {"anonymous": LOGIN, "office": done, "leader": FORBIDDEN, "deputy": FORBIDDEN, "unit": FORBIDDEN}
    post |= {"county": FORBIDDEN, "other_office": other}
    return _row({role: NOT_ALLOWED for role in ROLES}, post)


def public_page(*, get: Expected = OK) -> dict[str, GetPost]:
    """A page for the public, no login: everyone reads it; nobody posts."""
    return _row({role: get for role in ROLES}, {role: NOT_ALLOWED for role in ROLES} | {"county": FORBIDDEN})


MATRIX |= {
    "deputy_list": reader_page(),
    "deputy_export": reader_page(),
    "deputy_detail": reader_page(other=NOT_FOUND),
    "deputy_create": office_form(),
    "deputy_edit": office_form(other=NOT_FOUND),
    # No action chosen: the message says so, back to the deputy's page.
    "deputy_status": office_post(
        Redirect("deputy_detail", kwargs=lambda s: {"pk": s.objects["deputy"].pk}), other=NOT_FOUND
    ),
    "group_list": reader_page(),
    "small_group_detail": reader_page(other=NOT_FOUND),
    "large_group_create": office_form(),
    "large_group_edit": office_form(other=NOT_FOUND),
    "small_group_create": office_form(),
    "small_group_edit": office_form(other=NOT_FOUND),
    "station_list": reader_page(),
    "station_detail": reader_page(other=NOT_FOUND),
    "station_poster": reader_page(other=NOT_FOUND),
    "station_create": office_form(),
    "station_edit": office_form(other=NOT_FOUND),
    "department_list": reader_page(),
    "department_create": office_form(),
    "department_edit": office_form(other=NOT_FOUND),
    "leader_list": reader_page(),
    "leader_create": office_form(),
    "leader_edit": office_form(other=NOT_FOUND),
    "register_import": office_form(),
    # No previewed file in the session: "upload it again", back to the upload page.
    "register_import_apply": office_post(
        Redirect("register_import", kwargs=lambda s: {"kind": "deputies"}),
        other=Redirect("register_import", kwargs=lambda s: {"kind": "deputies"}),
    ),
    "register_import_template": office_get(),
    # A background job of town A (a register import): the office's own page, another town's office finds nothing.
    "job_detail": office_get(other=NOT_FOUND),
    "public_township": public_page(),
    "public_station": public_page(),
    # The printed QR code: a deputy of the town goes to the sign-in, everyone else to the public page.
    "station_qr": public_page(
        get=Redirect(
            "public_station", kwargs=lambda s: {"code": s.fixture("town_a").code, "pk": s.objects["station"].pk}
        )
    )
    | {
        "deputy": (
            Redirect("sign_in", kwargs=lambda s: {"station": s.objects["station"].pk}),
            NOT_ALLOWED,
        )
    },
}


def _job(s: TownASamples):
    """A finished register import of town A, started by alice."""
    if "job" not in s.cache:
        from congress.models import Job, JobKind, JobStatus

        s.cache["job"] = Job.objects.create(
            township=s.fixture("town_a"),
            user=s.fixture("alice"),
            kind=JobKind.REGISTER_IMPORT,
            title="导入代表",
            status=JobStatus.DONE,
            total=2,
            done=2,
            message="导入完成",
        )
    return s.cache["job"]


# --- Reception duty: the office plans and decides, readers read, deputies see and sign their own ---------


def deputy_page(*, post: Expected) -> dict[str, GetPost]:
    """A page of the deputy's own duty (GET shows it; `post` is what an empty POST gets)."""
    get = {role: FORBIDDEN for role in ROLES} | {"anonymous": LOGIN, "deputy": OK}
    posted = {role: FORBIDDEN for role in ROLES} | {"anonymous": LOGIN, "deputy": post}
    return _row(get, posted)


def deputy_post(done: Expected) -> dict[str, GetPost]:
    return _row(
        {role: NOT_ALLOWED for role in ROLES},
        {role: FORBIDDEN for role in ROLES} | {"anonymous": LOGIN, "deputy": done},
    )


def _duty(s: TownASamples) -> dict:
    """A coming duty day of town A: bob on it, and another deputy's leave request asking bob to stand in."""
    if "duty" not in s.cache:
        from datetime import timedelta

        from django.utils import timezone

        from petitions.models import CalendarFeed, DutyAssignment, DutyDay, LeaveRequest
        from tests.factories import DeputyFactory

        bob = s.fixture("bob").deputy
        day = DutyDay.objects.create(
            township=bob.township,
            date=timezone.localdate() + timedelta(days=7),
            start_time="08:00",
            station=s.objects["station"],
            small_group=bob.small_group,
        )
        mine = DutyAssignment.objects.create(township=bob.township, duty_day=day, deputy=bob)
        other = DutyAssignment.objects.create(
            township=bob.township, duty_day=day, deputy=DeputyFactory(township=bob.township)
        )
        leave = LeaveRequest.objects.create(
            township=bob.township,
            assignment=other,
            reason="外出",
            requested_at=timezone.now(),
            substitute=DeputyFactory(township=bob.township),
        )
        LeaveRequest.objects.filter(pk=leave.pk).update(substitute=bob, substitute_status="asked")
        feed = CalendarFeed.objects.create(township=bob.township, deputy=bob)
        s.cache["duty"] = {"day": day, "mine": mine, "other": other, "leave": leave, "feed": feed}
    return s.cache["duty"]


TO_DAY = Redirect("duty_day_detail", kwargs=lambda s: {"pk": _duty(s)["day"].pk})

MATRIX |= {
    "roster": reader_page(),
    # An empty POST: the dates are missing, said in a message, back to the roster.
    "roster_action": office_post(Redirect("roster"), other=Redirect("roster")),
    "duty_day_detail": reader_page(other=NOT_FOUND),
    "duty_day_print": reader_page(other=NOT_FOUND),
    "duty_day_edit": office_post(TO_DAY, other=NOT_FOUND),
    "duty_assignment_change": office_post(TO_DAY, other=NOT_FOUND),
    "attendance_edit": office_post(TO_DAY, other=NOT_FOUND),
    # An empty POST: "write the observations", back where the writer came from.
    "duty_observation": office_post(TO_DAY, other=NOT_FOUND)
    | {"deputy": (NOT_ALLOWED, Redirect("sign_in", kwargs=lambda s: {"station": _duty(s)["day"].station_id}))},
    "leave_list": office_get(),
    "leave_decision": office_post(Redirect("leave_list"), other=NOT_FOUND),
    "subsidy_sheet": reader_page(),
    "reception_settings": office_form(),
    "my_duties": _row(
        {role: FORBIDDEN for role in ROLES} | {"anonymous": LOGIN, "deputy": OK},
        {role: NOT_ALLOWED for role in ROLES} | {"county": FORBIDDEN},
    ),
    "feed_reset": deputy_post(Redirect("my_duties")),
    "leave_ask": deputy_page(post=OK),  # an empty POST: the form again, with its errors
    # An empty answer declines; back to my duties.
    "substitute_answer": deputy_post(Redirect("my_duties")),
    # Not on duty there today: the message says so, back to the sign-in page.
    "sign_in": deputy_page(post=Redirect("sign_in", kwargs=lambda s: {"station": s.objects["station"].pk})),
    "public_roster": public_page(),
    "public_roster_feed": public_page(),
    "deputy_feed": public_page(),
}

# --- Visits and referrals: the office records, readers read, a handling unit works its own cases ---------


def case_page(*, unit: Expected = OK, other: Expected = OK) -> dict[str, GetPost]:
    """A read-only page of visits or referrals that the handling unit may open for its own cases."""
    row = reader_page(other=other)
    row["unit"] = (unit, NOT_ALLOWED)
    return row


def _visit(s: TownASamples) -> dict:
    """A visit of town A referred to carol's unit, with an extension waiting for the office."""
    if "visit" not in s.cache:
        from datetime import timedelta

        from petitions.services.visits import ReferralPlan, extension_request, visit_categories_for, visit_record

        town = s.fixture("town_a")
        visit = visit_record(
            township=town,
            user=s.fixture("alice"),
            station=s.objects["station"],
            category=visit_categories_for(township=town)[0],
            visitor_name="王大妈",
            visitor_phone="13911112222",
            content="村道塌方",
            outcome="referred",
            referral=ReferralPlan(department=s.fixture("department_a"), responsible_name="张三"),
        )
        extension = extension_request(
            referral=visit.referral,
            user=s.fixture("carol"),
            new_due=visit.referral.due + timedelta(days=30),
            reason="雨季施工困难",
        )
        s.cache["visit"] = {"visit": visit, "referral": visit.referral, "extension": extension}
    return s.cache["visit"]


def _case(s: TownASamples):
    if "case" not in s.cache:
        from petitions.models import MajorCase, PanelMeeting

        town = s.fixture("town_a")
        s.cache["case"] = MajorCase.objects.create(township=town, title="修路占地", lead_leader=s.fixture("leo").leader)
        s.cache["meeting"] = PanelMeeting.objects.create(township=town, month="2026-10-01", held_on="2026-10-30")
    return s.cache["case"]


def _meeting(s: TownASamples):
    _case(s)
    return s.cache["meeting"]


def _panel_meeting_now(s: TownASamples, town: str):
    from django.utils import timezone

    from petitions.models import PanelMeeting

    return PanelMeeting.objects.get(township=s.fixture(town), month=timezone.localdate().replace(day=1))


TO_CASE = Redirect("major_case_detail", kwargs=lambda s: {"pk": _case(s).pk})
TO_MEETING = Redirect("panel_meeting", kwargs=lambda s: {"pk": _meeting(s).pk})
TO_VISIT = Redirect("visit_detail", kwargs=lambda s: {"pk": _visit(s)["visit"].pk})
TO_REFERRAL = Redirect("referral_detail", kwargs=lambda s: {"pk": _visit(s)["referral"].pk})

MATRIX |= {
    "visit_list": reader_page(),
    "visit_stats": reader_page(),
    "visit_create": office_form(),
    "visit_detail": case_page(other=NOT_FOUND),
    "visit_suggest": office_post(TO_VISIT, other=NOT_FOUND),
    "referral_list": case_page(),
    "referral_export": _row(
        {role: FORBIDDEN for role in ROLES} | {"anonymous": LOGIN, "office": OK, "unit": OK, "other_office": OK},
        {role: NOT_ALLOWED for role in ROLES} | {"county": FORBIDDEN},
    ),
    "referral_detail": case_page(other=NOT_FOUND),
    # An empty POST: "fill in every field", back to the case.
    "referral_action": office_post(TO_REFERRAL, other=NOT_FOUND) | {"unit": (NOT_ALLOWED, TO_REFERRAL)},
    "extension_decision": office_post(TO_REFERRAL, other=NOT_FOUND),
    # An empty POST: no case chosen, said in a message, back to the visit.
    "visit_attach": office_post(TO_VISIT, other=NOT_FOUND),
    # No deputy chosen: the message says so, back to the visit.
    "visit_to_suggestion": office_post(TO_VISIT, other=NOT_FOUND),
    "major_case_list": reader_page(),
    "major_case_detail": reader_page(other=NOT_FOUND),
    "major_case_create": office_form(),
    "major_case_edit": office_form(other=NOT_FOUND),
    "major_case_entry": office_post(TO_CASE, other=NOT_FOUND) | {"leader": (NOT_ALLOWED, TO_CASE)},
    "panel": reader_page(),
    "panel_members": office_post(Redirect("panel"), other=Redirect("panel")),
    # An empty POST plans the current month's meeting and opens it.
    "panel_plan": office_post(
        Redirect("panel_meeting", kwargs=lambda s: {"pk": _panel_meeting_now(s, "town_a").pk}),
        other=Redirect("panel_meeting", kwargs=lambda s: {"pk": _panel_meeting_now(s, "town_b").pk}),
    ),
    "panel_meeting": reader_page(other=NOT_FOUND),
    "panel_meeting_save": office_post(OK, other=NOT_FOUND),  # an empty POST: the page again, with its errors
    "panel_question": office_post(TO_MEETING, other=NOT_FOUND),
}

# --- Proposals: every member reads what concerns them; each step is its role's ---------------------------


def _proposals(s: TownASamples) -> dict:
    """Bob's draft, and bob's public item assigned to carol's unit with an extension asked."""
    if "proposals" not in s.cache:
        from proposals.models import Proposal
        from proposals.services.filing import proposal_assign, proposal_review, proposal_save, proposal_submit
        from proposals.services.handling import extension_request

        town, bob = s.fixture("town_a"), s.fixture("bob").deputy
        draft = proposal_save(
            proposal=Proposal(title="草稿", content="内容", category="social", lead_deputy=bob),
            township=town,
            cosigners=[],
            user=s.fixture("alice"),
            by_office=True,
        )
        item = proposal_save(
            proposal=Proposal(title="修路", content="内容", category="infrastructure", lead_deputy=bob),
            township=town,
            cosigners=[],
            user=s.fixture("alice"),
            by_office=True,
        )
        proposal_submit(proposal=item)
        proposal_review(proposal=item, decision="accept")
        proposal_assign(proposal=item, main=s.fixture("department_a"), assisting=[])
        extension = extension_request(proposal=item, months=1, reason="雨季")
        from django.core.files.uploadedfile import SimpleUploadedFile

        from proposals.models import Attachment

        attachment = Attachment.objects.create(
            township=town, proposal=item, file=SimpleUploadedFile("现场照片.jpg", b"jpeg"), name="现场照片.jpg", size=4
        )
        s.cache["proposals"] = {"draft": draft, "item": item, "extension": extension, "attachment": attachment}
    return s.cache["proposals"]


TO_ITEM = Redirect("proposal_detail", kwargs=lambda s: {"pk": _proposals(s)["item"].pk})
EVERY_MEMBER = {"anonymous": LOGIN} | {role: OK for role in ROLES if role != "anonymous"}

MATRIX |= {
    "proposal_list": _row(EVERY_MEMBER, {role: NOT_ALLOWED for role in ROLES} | {"county": FORBIDDEN}),
    "proposal_create": _row(
        {role: FORBIDDEN for role in ROLES} | {"anonymous": LOGIN, "office": OK, "deputy": OK, "other_office": OK},
        {role: FORBIDDEN for role in ROLES} | {"anonymous": LOGIN, "office": OK, "deputy": OK, "other_office": OK},
    ),
    "proposal_rates": reader_page(),
    "proposal_detail": _row(
        EVERY_MEMBER | {"other_office": NOT_FOUND}, {role: NOT_ALLOWED for role in ROLES} | {"county": FORBIDDEN}
    ),
    "proposal_edit": _row(
        {role: FORBIDDEN for role in ROLES}
        | {"anonymous": LOGIN, "office": OK, "deputy": OK, "other_office": NOT_FOUND},
        {role: FORBIDDEN for role in ROLES}
        | {"anonymous": LOGIN, "office": OK, "deputy": OK, "other_office": NOT_FOUND},
    ),
    # An empty progress note: "check the form", back to the item; deputies and leaders report no progress.
    "proposal_action": _row(
        {role: NOT_ALLOWED for role in ROLES},
        {
            "anonymous": LOGIN,
            "office": TO_ITEM,
            "leader": FORBIDDEN,
            "deputy": FORBIDDEN,
            "unit": TO_ITEM,
            "county": FORBIDDEN,
            "other_office": NOT_FOUND,
        },
    ),
    "proposal_extension_decision": office_post(TO_ITEM, other=NOT_FOUND),
    # No file in the POST: "choose a file", back to the item.
    "proposal_attach": _row(
        {role: NOT_ALLOWED for role in ROLES},
        {role: FORBIDDEN for role in ROLES}
        | {"anonymous": LOGIN, "office": TO_ITEM, "deputy": TO_ITEM, "other_office": NOT_FOUND},
    ),
    "proposal_attachment": _row(
        EVERY_MEMBER | {"other_office": NOT_FOUND}, {role: NOT_ALLOWED for role in ROLES} | {"county": FORBIDDEN}
    ),
}

# --- Activities and training: the office records, readers read, deputies ask leave and record self-study ---


def _activities(s: TownASamples) -> dict:
    """A held activity with bob attended; a coming one with bob invited, another deputy's leave waiting and a
    third deputy's invitation; a self-study hand-out with bob invited; a planned item; a commendation of bob."""
    if "activities" not in s.cache:
        from datetime import timedelta

        from django.utils import timezone

        from activities.models import Activity, ActivityAttendance, GroupPlanItem
        from assessments.models import Commendation
        from tests.factories import DeputyFactory

        town, bob = s.fixture("town_a"), s.fixture("bob").deputy
        today = timezone.localdate()
        held = Activity.objects.create(township=town, kind="inspection", title="视察", date=today - timedelta(days=3))
        coming = Activity.objects.create(township=town, kind="research", title="调研", date=today + timedelta(days=5))
        study = Activity.objects.create(
            township=town, kind="training", training_form="self_study", title="自学", date=today - timedelta(days=1)
        )
        rows = {
            "held_mine": ActivityAttendance.objects.create(township=town, activity=held, deputy=bob, status="attended"),
            "coming_mine": ActivityAttendance.objects.create(township=town, activity=coming, deputy=bob),
            "study_mine": ActivityAttendance.objects.create(township=town, activity=study, deputy=bob),
            "pending": ActivityAttendance.objects.create(
                township=town,
                activity=coming,
                deputy=DeputyFactory(township=town),
                leave_state="pending",
                leave_reason="外出",
                leave_asked_at=timezone.now(),
            ),
            "invited": ActivityAttendance.objects.create(
                township=town, activity=coming, deputy=DeputyFactory(township=town)
            ),
        }
        item = GroupPlanItem.objects.create(
            township=town, small_group=bob.small_group, year=today.year, quarter=1, title="学习"
        )
        commendation = Commendation.objects.create(
            township=town, deputy=bob, year=today.year, title="优秀代表", awarded_on=today
        )
        s.cache["activities"] = {
            "held": held,
            "coming": coming,
            "item": item,
            "commendation": commendation,
            **rows,
        }
    return s.cache["activities"]


TO_HELD = Redirect("activity_detail", kwargs=lambda s: {"pk": _activities(s)["held"].pk})
TO_COMING = Redirect("activity_detail", kwargs=lambda s: {"pk": _activities(s)["coming"].pk})
TO_RECORD = Redirect("deputy_record", kwargs=lambda s: {"pk": s.fixture("bob").deputy.pk})
MY_PAGE_ONLY = _row(
    {role: FORBIDDEN for role in ROLES} | {"anonymous": LOGIN, "deputy": OK},
    {role: NOT_ALLOWED for role in ROLES} | {"county": FORBIDDEN},
)
RECORD_PAGE = _row(
    {role: OK for role in ROLES} | {"anonymous": LOGIN, "unit": FORBIDDEN, "other_office": NOT_FOUND},
    {role: NOT_ALLOWED for role in ROLES} | {"county": FORBIDDEN},
)

MATRIX |= {
    "activity_list": reader_page(),
    "activity_create": office_form(),
    "activity_detail": reader_page(other=NOT_FOUND),
    "activity_edit": office_form(other=NOT_FOUND),
    # Empty POSTs: "choose whom to invite" / "choose attended, on leave or absent", back to the activity.
    "activity_invite": office_post(TO_HELD, other=NOT_FOUND),
    "activity_attendance": office_post(TO_HELD, other=NOT_FOUND),
    "activity_uninvite": office_post(TO_COMING, other=NOT_FOUND),
    "activity_leave_decision": office_post(TO_COMING, other=NOT_FOUND),
    "activity_leave_ask": deputy_page(post=OK),  # an empty POST: the form again, with its errors
    "self_study": deputy_page(post=OK),
    "my_activities": MY_PAGE_ONLY,
    "group_plans": reader_page(),
    "group_plan_edit": office_form(other=NOT_FOUND),
    "plan_item_delete": office_post(
        Redirect(
            "group_plan_edit",
            kwargs=lambda s: {"pk": _activities(s)["item"].small_group_id, "year": _activities(s)["item"].year},
        ),
        other=NOT_FOUND,
    ),
    "record_overview": reader_page(),
    "my_record": _row(
        {role: FORBIDDEN for role in ROLES} | {"anonymous": LOGIN, "deputy": TO_RECORD},
        {role: NOT_ALLOWED for role in ROLES} | {"county": FORBIDDEN},
    ),
    "deputy_record": RECORD_PAGE,  # bob's record: his own for the deputy
    "deputy_record_print": RECORD_PAGE,
    "deputy_record_export": RECORD_PAGE,
    "commendation_create": office_post(TO_RECORD, other=NOT_FOUND),  # empty: "check the form", back
    "commendation_delete": office_post(TO_RECORD, other=NOT_FOUND),
}

# --- The monthly assessment: the office computes and publishes; readers read; deputies see their own ---


def _assessment(s: TownASamples) -> dict:
    """Last month assessed for town A (bob serving), its bulletin published; this month's drafted."""
    if "assessment" not in s.cache:
        from assessments.models import Bulletin, BulletinStatus
        from assessments.services.assessment import assessment_compute
        from assessments.services.bulletin import bulletin_draft
        from congress.dates import first_of, last_month

        town = s.fixture("town_a")
        s.fixture("bob")
        month, this_month = last_month(), first_of(timezone_today())
        assessment_compute(township_ids=[town.pk], month=month)
        assessment_compute(township_ids=[town.pk], month=this_month)
        published = bulletin_draft(township=town, month=month)
        Bulletin.objects.filter(pk=published.pk).update(status=BulletinStatus.PUBLISHED)
        draft = bulletin_draft(township=town, month=this_month)
        s.cache["assessment"] = {"published": published, "draft": draft}
    return s.cache["assessment"]


def timezone_today():
    from django.utils import timezone

    return timezone.localdate()


TO_DRAFT = Redirect("bulletin_detail", kwargs=lambda s: {"pk": _assessment(s)["draft"].pk})
MEMBERS_READ = _row(
    {role: OK for role in ROLES} | {"anonymous": LOGIN, "unit": FORBIDDEN},
    {role: NOT_ALLOWED for role in ROLES} | {"county": FORBIDDEN},
)

MATRIX |= {
    # An empty POST: the form again with its errors, for the office; leaders read the standard only.
    "standard": _row(
        {"anonymous": LOGIN, "office": OK, "leader": OK, "deputy": FORBIDDEN, "unit": FORBIDDEN, "county": OK}
        | {"other_office": OK},
        {"anonymous": LOGIN, "office": OK, "leader": FORBIDDEN, "deputy": FORBIDDEN, "unit": FORBIDDEN}
        | {"county": FORBIDDEN, "other_office": OK},
    ),
    "assessment_month": reader_page(),
    "assessment_run": office_post(Redirect("assessment_month"), other=Redirect("assessment_month")),
    "my_scores": MY_PAGE_ONLY,
    "year_end": reader_page(),
    "thresholds_edit": office_post(Redirect("year_end"), other=Redirect("year_end")),
    "commend_excellent": office_post(Redirect("year_end"), other=Redirect("year_end")),
    "bulletin_list": MEMBERS_READ,
    "bulletin_detail": MEMBERS_READ | {"other_office": (NOT_FOUND, NOT_ALLOWED)},
    "bulletin_print": MEMBERS_READ | {"other_office": (NOT_FOUND, NOT_ALLOWED)},
    "bulletin_export": MEMBERS_READ | {"other_office": (NOT_FOUND, NOT_ALLOWED)},
    "bulletin_edit": office_post(400, other=NOT_FOUND),  # an empty POST: the page again, the title required
    "bulletin_publish": office_post(TO_DRAFT, other=NOT_FOUND),
    "dashboard": reader_page(),
    "county_overview": _row(
        {role: FORBIDDEN for role in ROLES} | {"anonymous": LOGIN, "county": OK},
        {role: NOT_ALLOWED for role in ROLES} | {"county": FORBIDDEN},
    ),
}

# The arguments of each URL that takes some, built from town A's rows.
URL_KWARGS: dict[str, Callable[[TownASamples], dict]] = {
    "inbox_read": lambda s: {"pk": s.notification.pk},
    "deputy_detail": lambda s: {"pk": s.objects["deputy"].pk},
    "deputy_edit": lambda s: {"pk": s.objects["deputy"].pk},
    "deputy_status": lambda s: {"pk": s.objects["deputy"].pk},
    "small_group_detail": lambda s: {"pk": s.objects["deputy"].small_group.pk},
    "small_group_edit": lambda s: {"pk": s.objects["deputy"].small_group.pk},
    "large_group_edit": lambda s: {"pk": s.objects["deputy"].small_group.large_group.pk},
    "station_detail": lambda s: {"pk": s.objects["station"].pk},
    "station_edit": lambda s: {"pk": s.objects["station"].pk},
    "station_poster": lambda s: {"pk": s.objects["station"].pk},
    "station_qr": lambda s: {"pk": s.objects["station"].pk},
    "department_edit": lambda s: {"pk": s.fixture("department_a").pk},
    "leader_edit": lambda s: {"pk": s.fixture("leo").leader.pk},
    "register_import": lambda s: {"kind": "deputies"},
    "register_import_apply": lambda s: {"kind": "deputies"},
    "register_import_template": lambda s: {"kind": "deputies"},
    "job_detail": lambda s: {"pk": _job(s).pk},
    "public_township": lambda s: {"code": s.fixture("town_a").code},
    "public_station": lambda s: {"code": s.fixture("town_a").code, "pk": s.objects["station"].pk},
    "roster_action": lambda s: {"action": "generate"},
    "duty_day_detail": lambda s: {"pk": _duty(s)["day"].pk},
    "duty_day_print": lambda s: {"pk": _duty(s)["day"].pk},
    "duty_day_edit": lambda s: {"pk": _duty(s)["day"].pk},
    "duty_assignment_change": lambda s: {"pk": _duty(s)["day"].pk},
    "attendance_edit": lambda s: {"pk": _duty(s)["mine"].pk},
    "duty_observation": lambda s: {"pk": _duty(s)["day"].pk},
    "leave_decision": lambda s: {"pk": _duty(s)["leave"].pk},
    "leave_ask": lambda s: {"pk": _duty(s)["mine"].pk},
    "substitute_answer": lambda s: {"pk": _duty(s)["leave"].pk},
    "sign_in": lambda s: {"station": s.objects["station"].pk},
    "public_roster": lambda s: {"code": s.fixture("town_a").code},
    "public_roster_feed": lambda s: {"code": s.fixture("town_a").code},
    "deputy_feed": lambda s: {"token": _duty(s)["feed"].token},
    "visit_detail": lambda s: {"pk": _visit(s)["visit"].pk},
    "visit_suggest": lambda s: {"pk": _visit(s)["visit"].pk},
    "referral_detail": lambda s: {"pk": _visit(s)["referral"].pk},
    "referral_action": lambda s: {"pk": _visit(s)["referral"].pk, "action": "progress"},
    "extension_decision": lambda s: {"pk": _visit(s)["extension"].pk},
    "visit_attach": lambda s: {"pk": _visit(s)["visit"].pk},
    "visit_to_suggestion": lambda s: {"pk": _visit(s)["visit"].pk},
    "major_case_detail": lambda s: {"pk": _case(s).pk},
    "major_case_edit": lambda s: {"pk": _case(s).pk},
    "major_case_entry": lambda s: {"pk": _case(s).pk},
    "panel_meeting": lambda s: {"pk": _meeting(s).pk},
    "panel_meeting_save": lambda s: {"pk": _meeting(s).pk},
    "panel_question": lambda s: {"pk": _meeting(s).pk},
    "proposal_detail": lambda s: {"pk": _proposals(s)["item"].pk},
    "proposal_edit": lambda s: {"pk": _proposals(s)["draft"].pk},
    "proposal_action": lambda s: {"pk": _proposals(s)["item"].pk, "action": "note"},
    "proposal_extension_decision": lambda s: {"pk": _proposals(s)["extension"].pk},
    "proposal_attach": lambda s: {"pk": _proposals(s)["item"].pk},
    "proposal_attachment": lambda s: {"pk": _proposals(s)["attachment"].pk},
    "activity_detail": lambda s: {"pk": _activities(s)["held"].pk},
    "activity_edit": lambda s: {"pk": _activities(s)["held"].pk},
    "activity_invite": lambda s: {"pk": _activities(s)["held"].pk},
    "activity_attendance": lambda s: {"pk": _activities(s)["held"].pk},
    "activity_uninvite": lambda s: {"pk": _activities(s)["invited"].pk},
    "activity_leave_decision": lambda s: {"pk": _activities(s)["pending"].pk},
    "activity_leave_ask": lambda s: {"pk": _activities(s)["coming_mine"].pk},
    "self_study": lambda s: {"pk": _activities(s)["study_mine"].pk},
    "group_plan_edit": lambda s: {"pk": _activities(s)["item"].small_group_id, "year": _activities(s)["item"].year},
    "plan_item_delete": lambda s: {"pk": _activities(s)["item"].pk},
    "deputy_record": lambda s: {"pk": s.fixture("bob").deputy.pk},
    "deputy_record_print": lambda s: {"pk": s.fixture("bob").deputy.pk},
    "deputy_record_export": lambda s: {"pk": s.fixture("bob").deputy.pk},
    "commendation_create": lambda s: {"pk": s.fixture("bob").deputy.pk},
    "commendation_delete": lambda s: {"pk": _activities(s)["commendation"].pk},
    "bulletin_detail": lambda s: {"pk": _assessment(s)["published"].pk},
    "bulletin_print": lambda s: {"pk": _assessment(s)["published"].pk},
    "bulletin_export": lambda s: {"pk": _assessment(s)["published"].pk},
    "bulletin_edit": lambda s: {"pk": _assessment(s)["draft"].pk},
    "bulletin_publish": lambda s: {"pk": _assessment(s)["draft"].pk},
}

# --- The admin rule ----------------------------------------------------------------------------
# Every URL of the "admin" namespace sends every non-superuser, anonymous included, to the admin's login
# page, for GET and for POST; the county reader's POSTs are refused (403) by the tenancy middleware first.
# ADMIN_EXCEPTIONS lists, per URL, the roles that get something else.

ADMIN_EXCEPTIONS: dict[str, dict[str, GetPost]] = {
    # The login page itself: shown to everyone not staff (a logged-in user is told they are not allowed).
    "admin:login": {role: (OK, FORBIDDEN if role == "county" else OK) for role in ROLES},
    # Django's admin sends a non-staff visitor of its logout page to its index (which then asks for a login).
    # The county reader may POST here: its url_name is "logout", which the middleware lets through.
    "admin:logout": {role: (TO_ADMIN_INDEX, FORBIDDEN if role == "county" else TO_ADMIN_INDEX) for role in ROLES},
    # Same url_name as the site's own "password_change", so the middleware lets the county reader's POST through.
    "admin:password_change": {"county": (ADMIN_LOGIN, FORBIDDEN)},
}
# Admin URLs whose arguments cannot be filled, each with the reason (none today).
ADMIN_SKIPPED: dict[str, str] = {}


def admin_rule(label: str, role: str) -> GetPost:
    exceptions = ADMIN_EXCEPTIONS.get(label, {})
    if role in exceptions:
        return exceptions[role]
    return (ADMIN_LOGIN, FORBIDDEN if role == "county" else ADMIN_LOGIN)


def expectation(entry: UrlEntry, role: str) -> GetPost:
    if entry.label in MATRIX:
        return MATRIX[entry.label][role]
    if is_admin(entry):
        return admin_rule(entry.label, role)
    pytest.fail(
        f"URL {entry.label!r} (/{entry.route}) is not in the access matrix: add it to the access matrix "
        "(MATRIX in tests/access/test_matrix.py), saying what each role gets for GET and for POST.",
        pytrace=False,
    )


# --- Building the address to open ---------------------------------------------------------------


def admin_arguments(entry: UrlEntry, samples: TownASamples) -> tuple[list, dict]:
    """Sensible values for an admin URL's arguments: town A's rows, the "congress" app, a missing page."""
    model = entry.admin_model
    kwargs: dict = {}
    for key in entry.kwargs:
        if key == "content_type_id":  # admin:view_on_site, with object_id below
            kwargs[key] = ContentType.objects.get_for_model(Township).pk
        elif key == "object_id" and model is None:
            kwargs[key] = samples.fixture("town_a").pk
        elif key in ("object_id", "id") and model is not None:
            kwargs[key] = samples.row(model).pk
        elif key == "app_label":
            kwargs[key] = "congress"
        elif key == "url":  # the admin's catch-all
            kwargs[key] = "no-such-page/"
        else:
            pytest.fail(f"No sample value for {key!r} of {entry.label}: teach admin_arguments()", pytrace=False)
    args: list = []
    if entry.positional == 2 and entry.label.endswith("_simple_history") and model is not None:
        row = samples.row(model)
        args = [row.pk, row.history.latest().history_id]  # one version of the row's history
    elif entry.positional:
        pytest.fail(f"No sample values for the positional arguments of {entry.label}", pytrace=False)
    return args, kwargs


def address(entry: UrlEntry, samples: TownASamples) -> str:
    if entry.label in ADMIN_SKIPPED:
        pytest.skip(ADMIN_SKIPPED[entry.label])
    args: list = []
    kwargs: dict = {}
    if entry.label in URL_KWARGS:
        kwargs = URL_KWARGS[entry.label](samples)
    elif is_admin(entry):
        args, kwargs = admin_arguments(entry, samples)
    elif entry.kwargs or entry.positional:
        pytest.fail(
            f"URL {entry.label!r} takes arguments {entry.kwargs}: add a function building them from town A's "
            "rows to URL_KWARGS in tests/access/test_matrix.py",
            pytrace=False,
        )
    if entry.name is None:
        return fill_route(entry.route, kwargs)
    return reverse(entry.name, args=args or None, kwargs=kwargs or None)


def check(response: HttpResponse, expected: Expected, url: str, what: str, samples: TownASamples) -> None:
    got = response.status_code
    if isinstance(expected, Redirect):
        assert got == 302, f"{what}: expected {expected}, got {got}"
        location = urlsplit(response["Location"])
        target = reverse(expected.to, kwargs=expected.kwargs(samples) if expected.kwargs else None)
        assert location.path == target, f"{what}: expected {expected}, got 302 → {response['Location']}"
        if expected.with_next:
            assert parse_qs(location.query).get("next") == [url], f"{what}: the login does not lead back to {url}"
        return
    assert got == expected, f"{what}: expected {expected}, got {got}" + (
        f" → {response['Location']}" if got in (301, 302) else ""
    )


# --- The tests ---------------------------------------------------------------------------------

CASES = [
    pytest.param(entry.label, role, method, id=f"{entry.label}-{role}-{method}")
    for entry in ENTRIES
    for role in ROLES
    for method in METHODS
]


@pytest.mark.parametrize(("label", "role", "method"), CASES)
def test_access(label: str, role: str, method: str, client_as, samples: TownASamples) -> None:
    entry = ENTRY_BY_LABEL[label]
    expected = expectation(entry, role)[METHODS.index(method)]
    url = address(entry, samples)
    client: Client = client_as(role)
    response = client.get(url) if method == "GET" else client.post(url, {})
    check(response, expected, url, f"{role} {method} {url} ({label})", samples)


def test_every_url_is_in_the_access_matrix() -> None:
    missing = [f"{e.label} (/{e.route})" for e in ENTRIES if not is_admin(e) and e.label not in MATRIX]
    assert not missing, "URLs not in the access matrix — add them to MATRIX in tests/access/test_matrix.py: " + (
        ", ".join(missing)
    )


def test_every_matrix_entry_is_a_url() -> None:
    stale = sorted(set(MATRIX) - set(ENTRY_BY_LABEL))
    assert not stale, f"MATRIX entries with no matching URL (renamed or removed? fix or drop them): {stale}"
    stale = sorted(set(URL_KWARGS) - set(ENTRY_BY_LABEL))
    assert not stale, f"URL_KWARGS entries with no matching URL: {stale}"
    stale = sorted((set(ADMIN_EXCEPTIONS) | set(ADMIN_SKIPPED)) - set(ENTRY_BY_LABEL))
    assert not stale, f"ADMIN_EXCEPTIONS / ADMIN_SKIPPED entries with no matching URL: {stale}"


def test_every_matrix_entry_names_every_role_once() -> None:
    for label, row in MATRIX.items():
        assert tuple(row) == ROLES, f"MATRIX[{label!r}] must list exactly these roles, in this order: {ROLES}"
        for role, pair in row.items():
            assert len(pair) == 2, f"MATRIX[{label!r}][{role!r}] must be a (GET, POST) pair"


def test_the_resolver_walk_finds_the_site_and_the_admin() -> None:
    labels = set(ENTRY_BY_LABEL)
    assert {"home", "inbox_read", "set_language", "admin:index", "admin:congress_county_changelist"} <= labels
    assert ENTRY_BY_LABEL["inbox_read"].kwargs == ("pk",)


def test_superuser_opens_the_admin_index(superuser) -> None:
    client = Client()
    client.force_login(superuser)
    assert client.get(reverse("admin:index")).status_code == 200
