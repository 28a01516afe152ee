"""No 500 on any input: every form of the site is posted generated input, and every page is opened with
generated query strings; the answer is a 200, a redirect or a 4xx, never a server error.

The URLs and who may use them come from the access matrix (tests/access/matrix.py): each URL outside
the Django admin is posted to by every role whose POST the matrix allows (200, 400 or a redirect that is
not the login), and opened with a query string by one role the matrix lets read it. The fields come from
the page itself: its forms (or the forms of the page that posts to it, HOSTS below) are read with
html.parser, so a field added tomorrow is fuzzed tomorrow; the form classes a view uses (HINTS) add the
fields a page shows only in another state. Each field gets, from Hypothesis, a value seen on the page, an
empty string, a long or odd unicode string, a huge or negative number, a date in an odd format, or the id of
a row of another town; a few unexpected keys are added. Every example runs in a savepoint rolled back after
it, so the examples do not see each other's rows.

A request answered with a 500 re-raises the view's exception, so Hypothesis reports the smallest input that
breaks the view, with the view's traceback. A 500 that is known and not fixed yet is listed in KNOWN_500
(with the smallest input found): the fuzz tests let it pass, and test_known_500_still_reproduces replays it
as an expected failure (xfail) that fails once the view is fixed — then remove its entry.

Uploads: the register import, a proposal's attachment and the panel meeting's report are also posted files
too large, of the wrong type and empty, and must be refused with nothing kept.

Search harder than the suite does: NO500_EXAMPLES=200 NO500_RANDOM=1 pytest tests/congress/test_no_500.py
"""

import csv
import io
import os
import traceback
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import tablib
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.http import HttpResponse
from django.test import Client
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone
from hypothesis import HealthCheck, Phase, currently_in_test_context, given, note, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from activities.forms import ActivityForm, InviteForm, LeaveAskForm, PlanItemForm, SelfStudyForm
from activities.forms import LeaveDecisionForm as ActivityLeaveDecisionForm
from assessments.forms.assessment import StandardForm
from assessments.forms.bulletin import BulletinForm
from assessments.forms.record import CommendationForm
from assessments.forms.year_end import CommendForm, ThresholdsForm
from congress.access import SESSION_TOWNSHIP
from congress.forms import AuditFilterForm, LoginForm
from deputies.filters import DeputyFilter
from deputies.forms.imports import ImportConfirmForm, ImportUploadForm
from deputies.forms.register import DepartmentForm, DeputyForm, LargeGroupForm, LeaderForm, SmallGroupForm, StationForm
from deputies.services.imports import KINDS
from deputies.spreadsheets import MAX_UPLOAD_BYTES
from petitions.forms.duty import (
    AddDeputyForm,
    AttendanceForm,
    DutyDayForm,
    LeaveDecisionForm,
    LeaveForm,
    RangeForm,
    ReceptionSettingsForm,
)
from petitions.forms.panel import AttachForm, EntryForm, MajorCaseForm, MeetingForm, MembersForm, QuestionForm
from petitions.forms.visits import CloseForm, ExtensionForm, FinishForm, ProgressForm, SuggestionForm, VisitForm
from proposals.forms import AssignForm, FeedbackForm, MeetingRecordForm, NoteForm, ProposalForm, ReplyForm, ReviewForm
from proposals.forms import ExtensionForm as ProposalExtensionForm
from proposals.services.filing import MAX_ATTACHMENT_BYTES
from proposals.views import ACTIONS as PROPOSAL_ACTIONS
from tests.access.expect import Redirect
from tests.access.matrix import MATRIX, URL_KWARGS, address
from tests.access.routes import ENTRIES, ENTRY_BY_LABEL, UrlEntry, is_admin
from tests.access.samples import ROLE_USERS, ROLES, TownASamples
from tests.access.samples import activity_rows as _activities
from tests.access.samples import assessment_rows as _assessment
from tests.access.samples import proposal_rows as _proposals
from tests.factories import DepartmentFactory, DeputyFactory, LeaderFactory, StationFactory

ALLOWED_STATUSES = {200, 301, 302, 303, 400, 403, 404, 405, 409, 413, 429}
EXAMPLES = int(os.environ.get("NO500_EXAMPLES", "15"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,  # no saved examples: every run is the same (Hypothesis still keeps a cache in .hypothesis/)
    derandomize=os.environ.get("NO500_RANDOM") != "1",  # the suite explores the same inputs on every run
    print_blob=False,
    phases=[Phase.explicit, Phase.generate, Phase.shrink],  # no "explain": it traces coverage, slowly
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.large_base_example,
    ],
)
PROJECT_ROOT = Path(__file__).resolve().parents[2]


# --- Known server errors, not fixed yet -----------------------------------------------------------------


@dataclass(frozen=True)
class Known500:
    """A request that answered 500: the URL, who sends it, the smallest data Hypothesis found, and the
    exception with the project's innermost frame (file:function) where it was raised. While it is in
    KNOWN_500, the fuzz tests let pass a 500 of the same URL, method, exception and frame, whatever the role
    and the data."""

    label: str
    method: str
    role: str
    data: dict
    exception: str
    where: str
    kwargs: Callable[[TownASamples], dict] | None = None  # another address than URL_KWARGS builds

    def __str__(self) -> str:
        return f"{self.label}-{self.method}-{self.exception}-{self.where.rsplit(':', 1)[-1]}"

    @property
    def signature(self) -> tuple[str, str, str, str]:
        return (self.label, self.method, self.exception, self.where)


BIG = "9223372036854775808"  # 2**63: one more than the largest integer SQLite stores


def _assign_item(s: TownASamples) -> dict:
    return {"pk": _proposals(s)["item"].pk, "action": "assign"}


K = Known500
# 500s this file found (the smallest data Hypothesis found, tidied by hand), grouped by cause, all fixed in
# f74c29f. Replayed on every run, as a derandomized search may not come back to them.
FIXED_500: list[Known500] = [
    # A non-numeric id reaches a pk lookup: ValueError "Field 'id' expected a number but got 'x'".
    K(
        "duty_assignment_change",
        "POST",
        "office",
        {"remove": "x"},
        "ValueError",
        "petitions/views.py:duty_assignment_change",
    ),
    K("duty_observation", "POST", "office", {"deputy": "x"}, "ValueError", "petitions/views.py:duty_observation"),
    K(
        "visit_to_suggestion",
        "POST",
        "office",
        {"deputy": "x"},
        "ValueError",
        "assessments/views.py:visit_to_suggestion",
    ),
    # str.isdigit() is true for "²" or "①", which int() refuses: ValueError "invalid literal for int()".
    K("township_switch", "POST", "office", {"membership": "²"}, "ValueError", "congress/views.py:township_switch"),
    K("township_switch", "POST", "county", {"township": "²"}, "ValueError", "congress/views.py:township_switch"),
    K(
        "commend_excellent",
        "POST",
        "office",
        {"year": "²"},
        "ValueError",
        "assessments/assessment_views.py:commend_view",
    ),
    K(
        "activity_attendance",
        "POST",
        "office",
        {"status-²": "attended"},
        "ValueError",
        "deputies/activity_forms.py:attendance_from_post",
    ),
    K("group_plans", "GET", "office", {"year": "²"}, "ValueError", "deputies/activity_views.py:_year"),
    K("year_end", "GET", "office", {"year": "²²²²"}, "ValueError", "assessments/assessment_views.py:_year"),
    K("record_overview", "GET", "office", {"year": "²²²²"}, "ValueError", "assessments/record_views.py:_year"),
    K("deputy_record", "GET", "office", {"year": "²²²²"}, "ValueError", "assessments/record_views.py:_year"),
    K("deputy_record_print", "GET", "office", {"year": "²²²²"}, "ValueError", "assessments/record_views.py:_year"),
    K("deputy_record_export", "GET", "office", {"year": "²²²²"}, "ValueError", "assessments/record_views.py:_year"),
    K("visit_list", "GET", "office", {"category": "²"}, "ValueError", "petitions/visit_views.py:visit_list"),
    K("referral_list", "GET", "office", {"category": "²"}, "ValueError", "petitions/visit_views.py:_referral_rows"),
    K("referral_list", "GET", "office", {"department": "²"}, "ValueError", "petitions/visit_views.py:_referral_rows"),
    K("referral_export", "GET", "office", {"category": "²"}, "ValueError", "petitions/visit_views.py:_referral_rows"),
    K("proposal_list", "GET", "office", {"session": "²"}, "ValueError", "proposals/views.py:proposal_list"),
    K("visit_create", "GET", "office", {"duty_day": "²"}, "ValueError", "petitions/visit_views.py:visit_create"),
    # A year or month outside what datetime.date takes, not caught (or caught as ValueError only).
    K("roster", "GET", "office", {"year": "2147483648"}, "OverflowError", "petitions/views.py:_month"),
    K("subsidy_sheet", "GET", "office", {"year": "2147483648"}, "OverflowError", "petitions/views.py:_month"),
    K("visit_list", "GET", "office", {"month": "9999-12"}, "ValueError", "petitions/visit_views.py:_month_filter"),
    K("referral_list", "GET", "office", {"month": "9999-12"}, "ValueError", "petitions/visit_views.py:_month_filter"),
    K("referral_export", "GET", "office", {"month": "9999-12"}, "ValueError", "petitions/visit_views.py:_month_filter"),
    K(
        "visit_list",
        "GET",
        "office",
        {"month": "99999999999999999999-1"},
        "OverflowError",
        "petitions/visit_views.py:_month_filter",
    ),
    K(
        "referral_list",
        "GET",
        "office",
        {"month": "99999999999999999999-1"},
        "OverflowError",
        "petitions/visit_views.py:_month_filter",
    ),
    K(
        "referral_export",
        "GET",
        "office",
        {"month": "99999999999999999999-1"},
        "OverflowError",
        "petitions/visit_views.py:_month_filter",
    ),
    K(
        "panel_plan",
        "POST",
        "office",
        {"month": "99999999999999999999-1"},
        "OverflowError",
        "petitions/panel_views.py:panel_plan",
    ),
    K(
        "commend_excellent",
        "POST",
        "office",
        {"year": "0", "title": "优秀", "awarded_on": "2026-01-01"},
        "ValueError",
        "assessments/assessment_selectors.py:year_ranking",
    ),
    K(
        "commend_excellent",
        "POST",
        "office",
        {"year": "2147483648", "title": "优秀", "awarded_on": "2026-01-01"},
        "OverflowError",
        "assessments/assessment_selectors.py:year_ranking",
    ),
    # An id beyond 64 bits reaches SQLite: OverflowError "Python int too large to convert to SQLite INTEGER".
    # On lists (int() of a GET parameter) and in every ModelMultipleChoiceField (its pk__in query).
    K("visit_list", "GET", "office", {"category": BIG}, "OverflowError", "petitions/visit_views.py:visit_list"),
    K("referral_list", "GET", "office", {"category": BIG}, "OverflowError", "petitions/visit_views.py:referral_list"),
    K("referral_list", "GET", "office", {"department": BIG}, "OverflowError", "petitions/visit_views.py:referral_list"),
    K(
        "referral_export",
        "GET",
        "office",
        {"category": BIG},
        "OverflowError",
        "petitions/visit_views.py:referral_export",
    ),
    K("proposal_list", "GET", "office", {"session": BIG}, "OverflowError", "proposals/views.py:proposal_list"),
    K("panel_members", "POST", "office", {"deputies": BIG}, "OverflowError", "petitions/panel_views.py:panel_members"),
    K(
        "activity_invite",
        "POST",
        "office",
        {"deputies": BIG},
        "OverflowError",
        "deputies/activity_views.py:activity_invite_view",
    ),
    K(
        "activity_invite",
        "POST",
        "office",
        {"small_groups": BIG},
        "OverflowError",
        "deputies/activity_views.py:activity_invite_view",
    ),
    K(
        "activity_invite",
        "POST",
        "office",
        {"large_groups": BIG},
        "OverflowError",
        "deputies/activity_views.py:activity_invite_view",
    ),
    K("station_create", "POST", "office", {"small_groups": BIG}, "OverflowError", "deputies/views.py:_save_form"),
    K("station_edit", "POST", "office", {"small_groups": BIG}, "OverflowError", "deputies/views.py:_save_form"),
    K("proposal_create", "POST", "deputy", {"cosigners": BIG}, "OverflowError", "proposals/views.py:proposal_edit"),
    K("proposal_edit", "POST", "office", {"cosigners": BIG}, "OverflowError", "proposals/views.py:proposal_edit"),
    K("duty_day_edit", "POST", "office", {"leaders": BIG}, "OverflowError", "petitions/views.py:duty_day_edit"),
    K("visit_create", "POST", "office", {"deputies": BIG}, "OverflowError", "petitions/visit_views.py:visit_create"),
    K(
        "major_case_create",
        "POST",
        "office",
        {"deputies": BIG},
        "OverflowError",
        "petitions/panel_views.py:major_case_edit",
    ),
    K(
        "major_case_edit",
        "POST",
        "office",
        {"deputies": BIG},
        "OverflowError",
        "petitions/panel_views.py:major_case_edit",
    ),
    K(
        "panel_meeting_save",
        "POST",
        "office",
        {"attendees": BIG},
        "OverflowError",
        "petitions/panel_views.py:panel_meeting_save",
    ),
    K(
        "panel_meeting_save",
        "POST",
        "office",
        {"leaders": BIG},
        "OverflowError",
        "petitions/panel_views.py:panel_meeting_save",
    ),
    K(
        "proposal_action",
        "POST",
        "office",
        {"assisting": BIG},
        "OverflowError",
        "proposals/views.py:_perform",
        _assign_item,
    ),
]
# The 500s found and not fixed yet: the fuzz tests let them pass, test_known_500_still_reproduces replays them.
KNOWN_500: list[Known500] = []
KNOWN_SIGNATURES = {known.signature for known in KNOWN_500}


# --- Who posts where, who reads what --------------------------------------------------------------------


def _may_post(expected) -> bool:
    """The matrix lets the role post here: the form again (200/400), or a redirect that is not the login."""
    if isinstance(expected, Redirect):
        return not expected.with_next
    return expected in (200, 400)


def _site_entries() -> list[UrlEntry]:
    return [entry for entry in ENTRIES if not is_admin(entry) and entry.label in MATRIX]


def _reader(label: str) -> str | None:
    """The role that opens the page with a 200: the office if it may, else the first role in the matrix's order;
    for a page that only redirects, the first role it redirects elsewhere than the login."""
    row = MATRIX[label]
    if row["office"][0] == 200:
        return "office"
    readers = [role for role in ROLES if row[role][0] == 200]
    redirected = [role for role in ROLES if isinstance(row[role][0], Redirect) and not row[role][0].with_next]
    return next(iter(readers + redirected), None)


POST_CASES = [
    pytest.param(entry.label, role, id=f"{entry.label}-{role}")
    for entry in _site_entries()
    for role in ROLES
    if _may_post(MATRIX[entry.label][role][1])
]
GET_CASES = [
    pytest.param(entry.label, _reader(entry.label), id=f"{entry.label}-{_reader(entry.label)}")
    for entry in _site_entries()
    if _reader(entry.label)
]


def _at(label: str, kwargs: Callable[[TownASamples], dict] | None = None) -> Callable[[TownASamples], str]:
    """The address of page `label`, with its arguments from `kwargs` or else from the matrix's URL_KWARGS."""

    def build(samples: TownASamples) -> str:
        values = kwargs(samples) if kwargs else URL_KWARGS[label](samples) if label in URL_KWARGS else {}
        return reverse(label, kwargs=values or None)

    return build


def _coming(s: TownASamples) -> dict:
    return {"pk": _activities(s)["coming"].pk}


def _draft_proposal(s: TownASamples) -> dict:
    return {"pk": _proposals(s)["draft"].pk}


def _draft_bulletin(s: TownASamples) -> dict:
    return {"pk": _assessment(s)["draft"].pk}


# The pages whose forms post to a URL that has no page of its own (or a page that shows only some of them).
HOSTS: dict[str, list[Callable[[TownASamples], str]]] = {
    "logout": [_at("home")],
    "township_switch": [_at("home")],
    "set_language": [_at("home"), _at("login")],
    "inbox_read": [_at("inbox")],
    "inbox_read_all": [_at("inbox")],
    "deputy_status": [_at("deputy_detail")],
    "activity_invite": [_at("activity_detail"), _at("activity_detail", _coming)],
    "activity_attendance": [_at("activity_detail")],
    "activity_uninvite": [_at("activity_detail", _coming)],
    "activity_leave_decision": [_at("activity_detail", _coming)],
    "plan_item_delete": [_at("group_plan_edit")],
    "roster_action": [_at("roster")],
    "duty_day_edit": [_at("duty_day_detail")],
    "duty_assignment_change": [_at("duty_day_detail")],
    "attendance_edit": [_at("duty_day_detail")],
    "duty_observation": [_at("duty_day_detail"), _at("sign_in")],
    "leave_decision": [_at("leave_list")],
    "feed_reset": [_at("my_duties")],
    "substitute_answer": [_at("my_duties")],
    "visit_suggest": [_at("visit_detail")],
    "visit_attach": [_at("visit_detail")],
    "visit_to_suggestion": [_at("visit_detail")],
    "referral_action": [_at("referral_detail")],
    "extension_decision": [_at("referral_detail")],
    "major_case_entry": [_at("major_case_detail")],
    "panel_members": [_at("panel")],
    "panel_plan": [_at("panel")],
    "panel_meeting_save": [_at("panel_meeting")],
    "panel_question": [_at("panel_meeting")],
    "proposal_action": [_at("proposal_detail"), _at("proposal_detail", _draft_proposal)],
    "proposal_attach": [_at("proposal_detail"), _at("proposal_detail", _draft_proposal)],
    "proposal_extension_decision": [_at("proposal_detail")],
    "commendation_create": [_at("deputy_record")],
    "commendation_delete": [_at("deputy_record")],
    "assessment_run": [_at("assessment_month")],
    "thresholds_edit": [_at("year_end")],
    "commend_excellent": [_at("year_end")],
    "bulletin_edit": [_at("bulletin_detail", _draft_bulletin)],
    "bulletin_publish": [_at("bulletin_detail", _draft_bulletin)],
}

# Other addresses of a URL worth posting to: its other slugs (a wrong one too), another row.
SLUGS: dict[str, tuple[str, list[str]]] = {
    "register_import": ("kind", [*KINDS, "nope"]),
    "register_import_apply": ("kind", [*KINDS, "nope"]),
    "register_import_template": ("kind", [*KINDS, "nope"]),
    "roster_action": ("action", ["generate", "publish", "nope"]),
    "referral_action": ("action", ["progress", "finish", "close", "extend", "nope"]),
    "proposal_action": ("action", [*sorted(PROPOSAL_ACTIONS), "nope"]),
}
OTHER_ROWS: dict[str, list[Callable[[TownASamples], dict]]] = {
    "proposal_action": [_draft_proposal],
    "proposal_attach": [_draft_proposal],
    "proposal_edit": [lambda s: {"pk": _proposals(s)["item"].pk}],
    "activity_invite": [_coming],
    "activity_attendance": [_coming],
    "bulletin_edit": [lambda s: {"pk": _assessment(s)["published"].pk}],
    "bulletin_publish": [lambda s: {"pk": _assessment(s)["published"].pk}],
}

NEXTS = ["/", "/inbox/", "//evil.example/", "https://evil.example/", "javascript:alert(1)", "/\\evil.example", ""]
Hint = type[forms.BaseForm] | dict[str, list[str]]
# The fields each view reads, from its form classes (and the names it reads from request.POST itself):
# the fuzz posts them even when the page shows the form only in another state. Keyed by label, or by
# "label:slug" for the URLs with an action in their address.
HINTS: dict[str, list[Hint]] = {
    "login": [LoginForm, {"next": NEXTS}],
    "logout": [{"next": NEXTS}],
    "set_language": [{"language": ["zh-hans", "en", "xx", "zh_Hans"], "next": NEXTS}],
    "township_switch": [{"township": [], "membership": []}],
    "password_change": [{"old_password": [], "new_password1": [], "new_password2": []}],
    "deputy_create": [DeputyForm],
    "deputy_edit": [DeputyForm],
    "deputy_status": [{"action": ["end", "reinstate"]}],
    "large_group_create": [LargeGroupForm],
    "large_group_edit": [LargeGroupForm],
    "small_group_create": [SmallGroupForm],
    "small_group_edit": [SmallGroupForm],
    "station_create": [StationForm],
    "station_edit": [StationForm],
    "department_create": [DepartmentForm],
    "department_edit": [DepartmentForm],
    "leader_create": [LeaderForm],
    "leader_edit": [LeaderForm],
    "register_import": [ImportUploadForm],
    "register_import_apply": [ImportConfirmForm],
    "activity_create": [ActivityForm],
    "activity_edit": [ActivityForm],
    "activity_invite": [InviteForm],
    "activity_attendance": [{"status-1": ["attended", "leave", "absent"], "note-1": []}],
    "activity_leave_decision": [ActivityLeaveDecisionForm],
    "activity_leave_ask": [LeaveAskForm],
    "self_study": [SelfStudyForm],
    "group_plan_edit": [PlanItemForm],
    "roster_action": [RangeForm],
    "duty_day_edit": [DutyDayForm],
    "duty_assignment_change": [AddDeputyForm, {"remove": []}],
    "duty_observation": [{"deputy": [], "text": []}],
    "attendance_edit": [AttendanceForm],
    "leave_decision": [LeaveDecisionForm],
    "reception_settings": [ReceptionSettingsForm],
    "leave_ask": [LeaveForm],
    "substitute_answer": [{"answer": ["accept", "decline"]}],
    "visit_create": [VisitForm],
    "visit_suggest": [SuggestionForm],
    "referral_action:progress": [ProgressForm],
    "referral_action:finish": [FinishForm],
    "referral_action:close": [CloseForm],
    "referral_action:extend": [ExtensionForm],
    "extension_decision": [{"decision": ["approve", "refuse"]}],
    "visit_attach": [AttachForm],
    "major_case_create": [MajorCaseForm],
    "major_case_edit": [MajorCaseForm],
    "major_case_entry": [EntryForm],
    "panel_members": [MembersForm],
    "panel_plan": [{"month": ["2026-10", "2026-1"]}],
    "panel_meeting_save": [MeetingForm],
    "panel_question": [QuestionForm],
    "proposal_create": [ProposalForm, {"submit": ["1"]}],
    "proposal_edit": [ProposalForm, {"submit": ["1"]}],
    "proposal_action:review": [ReviewForm],
    "proposal_action:assign": [AssignForm],
    "proposal_action:meeting": [MeetingRecordForm],
    "proposal_action:note": [NoteForm],
    "proposal_action:supervise": [NoteForm],
    "proposal_action:opinion": [NoteForm],
    "proposal_action:extend": [ProposalExtensionForm],
    "proposal_action:reply": [ReplyForm],
    "proposal_action:feedback": [FeedbackForm],
    "proposal_attach": [{"file": []}],
    "proposal_extension_decision": [{"decision": ["approve", "refuse"]}],
    "visit_to_suggestion": [{"deputy": []}],
    "commendation_create": [CommendationForm],
    "standard": [StandardForm],
    "assessment_run": [{"month": ["2026-01", "2025-12"]}],
    "thresholds_edit": [ThresholdsForm],
    "commend_excellent": [CommendForm, {"year": ["2026"]}],
    "bulletin_edit": [BulletinForm],
}
# The query parameters the site's lists read (request.GET in the views, the filter sets), for every page.
QUERY_NAMES = [
    "page",
    "month",
    "year",
    "q",
    "since",
    "until",
    "status",
    "kind",
    "category",
    "department",
    "outcome",
    "overdue",
    "session",
    "key",
    "sort",
    "format",
    "date",
    "duty_day",
    "user",
    "next",
]
QUERY_HINTS: dict[str, list[Hint]] = {
    "audit": [AuditFilterForm],
    "deputy_list": [{name: [] for name in DeputyFilter.base_filters}],
    "deputy_export": [{name: [] for name in DeputyFilter.base_filters}],
    "activity_create": [{"date": [], "kind": ["inspection", "training"]}],
    "visit_create": [{"duty_day": []}],
}
QUERY_OPTIONS = {
    "format": ["xlsx", "csv", "pdf"],
    "overdue": ["1"],
    "key": ["1"],
    "sort": ["town", "score", "-town"],
    "month": ["2026-01", "1", "12"],
    "year": ["2026", "2000"],
    "page": ["1", "2", "last"],
}


# --- The fields of a form, read from its HTML -----------------------------------------------------------


@dataclass
class FieldSpec:
    name: str
    kind: str = "text"  # an <input type>, "select", "textarea", "file" or "submit"
    options: list[str] = field(default_factory=list)  # values seen: <option>s, radio and checkbox values
    value: str = ""  # the value the page fills in
    multiple: bool = False

    def merge(self, other: "FieldSpec") -> None:
        if self.kind == "text" and other.kind != "text":
            self.kind = other.kind
        self.options += [o for o in other.options if o not in self.options]
        self.value = self.value or other.value
        self.multiple = self.multiple or other.multiple

    def plausible(self) -> str | None:
        """What a person would post: the page's value, the first real option, or a value of the right type."""
        if self.kind == "file":
            return None
        if self.value:
            return self.value
        real = [o for o in self.options if o]
        if real:
            return real[0]
        today = timezone.localdate()
        by_kind = {
            "date": today.isoformat(),
            "datetime-local": f"{today}T09:00",
            "datetime": f"{today} 09:00",
            "time": "09:00",
            "number": "1",
            "checkbox": "on",
            "month": f"{today:%Y-%m}",
            "password": "pass-for-tests-1",
        }
        return by_kind.get(self.kind, "测试")


@dataclass
class ParsedForm:
    method: str
    actions: list[str]
    id: str = ""
    fields: dict[str, FieldSpec] = field(default_factory=dict)

    def add(self, spec: FieldSpec) -> None:
        if spec.name in self.fields:
            self.fields[spec.name].merge(spec)
            self.fields[spec.name].multiple = self.fields[spec.name].multiple or spec.kind == "checkbox"
        else:
            self.fields[spec.name] = spec


class FormParser(HTMLParser):
    """The forms of a page: method, where they post (formaction buttons too), and their named controls,
    including controls outside the <form> tied to it by form="id"."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[ParsedForm] = []
        self._open: ParsedForm | None = None
        self._select: FieldSpec | None = None
        self._option_text: bool = False
        self._textarea: FieldSpec | None = None
        self._detached: list[tuple[str, FieldSpec, str]] = []  # (form id, control, formaction)

    def _place(self, attrs: dict[str, str], spec: FieldSpec | None, formaction: str = "") -> None:
        if "form" in attrs:
            self._detached.append((attrs["form"], spec, formaction))
        elif self._open is not None:
            if spec is not None:
                self._open.add(spec)
            if formaction:
                self._open.actions.append(formaction)

    def handle_starttag(self, tag: str, attrs_list: list) -> None:
        attrs = {key: value or "" for key, value in attrs_list}
        name = attrs.get("name", "")
        if tag == "form":
            self._open = ParsedForm(attrs.get("method", "get").lower(), [attrs.get("action", "")], attrs.get("id", ""))
            self.forms.append(self._open)
        elif tag == "input":
            kind = attrs.get("type", "text").lower()
            if kind in ("submit", "image", "button", "reset"):
                spec = FieldSpec(name, "submit", [attrs["value"]] if "value" in attrs else []) if name else None
                self._place(attrs, spec, attrs.get("formaction", ""))
            elif name and name != "csrfmiddlewaretoken":
                options = [attrs.get("value", "on")] if kind in ("checkbox", "radio") else []
                value = attrs.get("value", "") if kind not in ("checkbox", "radio", "file", "password") else ""
                self._place(attrs, FieldSpec(name, kind, options, value, "multiple" in attrs))
        elif tag == "button":
            spec = FieldSpec(name, "submit", [attrs.get("value", "")]) if name else None
            self._place(attrs, spec, attrs.get("formaction", ""))
        elif tag == "select" and name:
            self._select = FieldSpec(name, "select", multiple="multiple" in attrs)
            self._place(attrs, self._select)
        elif tag == "option" and self._select is not None:
            if "value" in attrs:
                self._select.options.append(attrs["value"])
            else:
                self._option_text = True
        elif tag == "textarea" and name:
            self._textarea = FieldSpec(name, "textarea")
            self._place(attrs, self._textarea)

    def handle_data(self, data: str) -> None:
        if self._option_text and self._select is not None:
            self._select.options.append(data.strip())
            self._option_text = False
        elif self._textarea is not None:
            self._textarea.value += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._open = None
        elif tag == "select":
            self._select = None
        elif tag == "option":
            self._option_text = False
        elif tag == "textarea":
            if self._textarea is not None:
                self._textarea.value = self._textarea.value.strip()
            self._textarea = None

    def close(self) -> None:
        super().close()
        by_id = {form.id: form for form in self.forms if form.id}
        for form_id, spec, formaction in self._detached:
            form = by_id.get(form_id)
            if form is None:
                continue
            if spec is not None:
                form.add(spec)
            if formaction:
                form.actions.append(formaction)


def page_forms(html: str) -> list[ParsedForm]:
    parser = FormParser()
    parser.feed(html)
    parser.close()
    return parser.forms


def view_name(path: str) -> str | None:
    try:
        return resolve(urlsplit(path).path).view_name
    except Resolver404:
        return None


def specs_from_hint(hint: Hint) -> dict[str, FieldSpec]:
    """The fields of a form class (static choices kept), or of a {name: options} dict."""
    if isinstance(hint, dict):
        return {name: FieldSpec(name, "text", list(options)) for name, options in hint.items()}
    specs = {}
    for name, form_field in hint.base_fields.items():
        specs[name] = FieldSpec(name, _kind_of(form_field), _static_choices(form_field))
        specs[name].multiple = isinstance(form_field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField)
    return specs


def _kind_of(form_field: forms.Field) -> str:
    kinds = [
        (forms.FileField, "file"),
        (forms.DateTimeField, "datetime"),
        (forms.DateField, "date"),
        (forms.TimeField, "time"),
        (forms.IntegerField, "number"),
        (forms.DecimalField, "number"),
        (forms.FloatField, "number"),
        (forms.BooleanField, "checkbox"),
        (forms.ChoiceField, "select"),
        (forms.ModelChoiceField, "select"),
    ]
    return next((kind for cls, kind in kinds if isinstance(form_field, cls)), "text")


def _static_choices(form_field: forms.Field) -> list[str]:
    if isinstance(form_field, forms.ModelChoiceField) or not isinstance(form_field, forms.ChoiceField):
        return ["on"] if isinstance(form_field, forms.BooleanField) else []
    values = []
    for value, label in form_field.choices:
        if isinstance(label, list | tuple):  # an optgroup
            values += [str(v) for v, _label in label]
        else:
            values.append(str(value))
    return values


def merge_specs(*groups: dict[str, FieldSpec]) -> dict[str, FieldSpec]:
    merged: dict[str, FieldSpec] = {}
    for group in groups:
        for name, spec in group.items():
            if name in merged:
                merged[name].merge(spec)
            else:
                merged[name] = FieldSpec(spec.name, spec.kind, list(spec.options), spec.value, spec.multiple)
    return merged


# --- Generated values -----------------------------------------------------------------------------------

OMIT = object()  # a field the example leaves out, though a person would have filled it


@dataclass(frozen=True)
class Upload:
    name: str
    content: bytes
    content_type: str = "application/octet-stream"

    def __repr__(self) -> str:
        return f"Upload({self.name!r}, {len(self.content)} bytes: {self.content[:60]!r})"

    def file(self) -> SimpleUploadedFile:
        return SimpleUploadedFile(self.name, self.content, self.content_type)


SAFE_CHARS = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")
ODD_STRINGS = [
    " ",
    "0",
    "-1",
    "1.5",
    "2147483648",
    "9223372036854775808",
    "9" * 30,
    "-" + "9" * 30,
    "1e308",
    "-1e309",
    "nan",
    "inf",
    "-0",
    "0x1F",
    "1_000",
    "²",  # isdigit() but not int()
    "²²²²",
    "①②③④",
    "١٢",  # Arabic-Indic digits: int() takes them
    "①",
    "𝟗",
    "true",
    "on",
    "None",
    "null",
    "[]",
    "{}",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "%00",
    "../../etc/passwd",
    "\u202etxt.exe",
    "مرحبا",
    "😀" * 3,
    "人大代表接待日",
    "\t\r\n",
    "\x1b[31m\x07\x7f",
    "\ufeff",
    '=HYPERLINK("http://evil")',
    "9999-12",
    "99999999999999999999-1",
    "2026-00",
    "2026--1",
    "--",
]
ODD_DATES = [
    "2026-13-40",
    "9999-12-31",
    "0000-00-00",
    "0001-01-01",
    "2026-02-30",
    "2028-02-29",
    "20260101",
    "2026/1/1",
    "1/2/2026",
    "99999-01-01",
    "-2026-01-01",
    "2026-01-01T25:61",
    "2026-06-15T09:00",
    "2026-06-15 23:59:59.999999",
    "9999-12-31 23:59:59",
    "0001-01-01 00:00",
    "2026-06-15T09:00+14:00",
    "24:00",
    "23:59:60",
    "-1:00",
    "9999",
    "0",
]
LONG_STRINGS = st.builds(
    lambda unit, n: (unit * n)[:n],
    st.sampled_from(["a", "汉", "😀", "\u202e", "9", " ", "<b>", "\U0010ffff"]),
    st.integers(min_value=256, max_value=5000),
)
NUMBERS = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
)


def _dates() -> list[str]:
    today = timezone.localdate()
    near = [today, today + timedelta(days=1), today - timedelta(days=1), today + timedelta(days=400)]
    return [d.isoformat() for d in near] + [f"{today:%Y-%m}"] + ODD_DATES


def odd_value(spec: FieldSpec, ids: list[str]) -> st.SearchStrategy:
    """One value for a field: what the page offers first (so that shrinking ends on it), then the odd ones."""
    seen = [o for o in spec.options if o] or [spec.plausible() or ""]
    return st.one_of(
        st.sampled_from(seen),
        st.just(""),
        st.sampled_from(ODD_STRINGS),
        st.sampled_from(_dates()),
        st.sampled_from(ids),
        NUMBERS,
        st.text(SAFE_CHARS, max_size=30),
        LONG_STRINGS,
    )


def _csv_bytes(rows: list[list[str]], encoding: str) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue().encode(encoding, errors="replace")


def sheet_uploads(headers: list[str], ids: list[str]) -> st.SearchStrategy:
    """A register sheet: the kind's headers (some left out, a stray one added) over a few odd rows, as .csv
    (UTF-8 or GBK) or .xlsx."""
    cell = odd_value(FieldSpec("cell", options=["是", "否", "男", "女", "汉", "2026-01-01"]), ids)
    columns = st.lists(
        st.sampled_from([*headers, "备注", "不明列"]), min_size=1, max_size=len(headers) + 1, unique=True
    )

    def build(cols: list[str], body: list[list[str]], form: str) -> Upload:
        rows = [cols] + [(row + [""] * len(cols))[: len(cols)] for row in body]
        if form == "xlsx":
            # A workbook cannot hold control characters: openpyxl refuses them before the site sees the file.
            cells = [[ILLEGAL_CHARACTERS_RE.sub("", c) for c in row] for row in rows[1:]]
            return Upload("名册.xlsx", tablib.Dataset(*cells, headers=cols).export("xlsx"))
        return Upload("名册.csv", _csv_bytes(rows, "gb18030" if form == "gbk" else "utf-8-sig"), "text/csv")

    return st.builds(
        build,
        st.one_of(st.just(headers), columns),
        st.lists(st.lists(cell, min_size=1, max_size=len(headers) + 1), min_size=0, max_size=3),
        st.sampled_from(["utf-8", "gbk", "xlsx"]),
    )


# (A file part without a name is no file at all for Django; SimpleUploadedFile cannot send one.)
FILE_NAMES = ["a.csv", "a.xlsx", "a.pdf", "a.jpg", "a.exe", "a.xls", "a", ".csv", "..\\..\\a.csv", "照片.PNG"]


def uploads(headers: list[str] | None, ids: list[str]) -> st.SearchStrategy:
    raw = st.builds(Upload, st.sampled_from(FILE_NAMES), st.one_of(st.just(b""), st.binary(max_size=512)))
    not_a_workbook = st.builds(Upload, st.sampled_from(["a.xlsx", "a.docx"]), st.just(b"PK\x03\x04" + b"\x00" * 60))
    if headers:
        return st.one_of(sheet_uploads(headers, ids), raw, not_a_workbook)
    return st.one_of(raw, not_a_workbook)


EXTRA_KEYS = st.one_of(
    st.sampled_from(
        ["id", "pk", "township", "township_id", "county", "role", "is_superuser", "user", "created_by", "status-²"]
    ),
    st.builds(
        lambda prefix, raw: f"{prefix}-{raw}",
        st.sampled_from(["status", "note", "form", "suggestion_1", "initial"]),
        st.sampled_from(["0", "1", "999999999", "9" * 13, "-1", "x"]),
    ),
    st.text(SAFE_CHARS, min_size=1, max_size=20),
)


def draw_payload(data, specs: dict[str, FieldSpec], ids: list[str], headers: list[str] | None, label: str) -> dict:
    """A dict to post: maybe a valid-looking form to start from, then up to six fields set to generated values
    (or left out), then up to two keys the form does not know."""
    payload: dict = {}
    if data.draw(st.booleans(), label=f"{label}: start from a valid-looking form"):
        for name, spec in specs.items():
            value = spec.plausible()
            real = [option for option in spec.options if option]
            if spec.multiple and len(real) > 1:
                value = real[:2]  # two of the checkboxes ticked
            if value is not None:
                payload[name] = value
    names = sorted(specs)
    if names:
        chosen = data.draw(
            st.lists(st.sampled_from(names), unique=True, max_size=min(6, len(names))), label=f"{label}: fields set"
        )
        for name in chosen:
            spec = specs[name]
            if spec.kind == "file":
                value = data.draw(uploads(headers, ids), label=name)
            else:
                single = odd_value(spec, ids)
                value = data.draw(
                    st.one_of(single, st.lists(single, min_size=2, max_size=3), st.just(OMIT)), label=name
                )
            if value is OMIT:
                payload.pop(name, None)
            else:
                payload[name] = value
    extras = data.draw(
        st.dictionaries(EXTRA_KEYS, odd_value(FieldSpec("extra"), ids), max_size=2), label=f"{label}: extra keys"
    )
    for key, value in extras.items():
        payload.setdefault(key, value)
    return payload


def encoded(payload: dict) -> dict:
    """The payload for the test client: fresh file objects, every time."""
    return {key: value.file() if isinstance(value, Upload) else value for key, value in payload.items()}


# --- The world every example runs in --------------------------------------------------------------------


@contextmanager
def rolled_back():
    """A savepoint undone at the end, whatever happened inside."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


@dataclass
class Target:
    path: str
    fields: dict[str, FieldSpec]
    headers: list[str] | None = None  # the register sheet's columns, for an import


class World:
    """Town A's rows and users as the access matrix builds them, town B's rows for foreign ids, and what each
    URL's forms post, read once per test from the pages."""

    def __init__(self, request: pytest.FixtureRequest) -> None:
        self.samples = TownASamples(request)
        self.town_a = request.getfixturevalue("town_a")
        # Every user exists before the first savepoint: a fixture first made inside one would be undone.
        self.users = {role: request.getfixturevalue(name) for role, name in ROLE_USERS.items() if name}
        town_b = request.getfixturevalue("town_b")
        deputy_b = DeputyFactory(township=town_b)
        foreign = [
            deputy_b.pk,
            deputy_b.small_group.pk,
            deputy_b.small_group.large_group.pk,
            StationFactory(township=town_b).pk,
            DepartmentFactory(township=town_b).pk,
            LeaderFactory(township=town_b).pk,
            town_b.pk,
        ]
        self.ids = sorted({str(pk) for pk in foreign} | {"0", "-1", "999999", "2147483648"})
        self._targets: dict[tuple[str, str, str], list[Target]] = {}

    def client(self, role: str) -> Client:
        client = Client(raise_request_exception=False)
        if ROLE_USERS[role] is not None:
            client.force_login(self.users[role])
        if role == "county":
            session = client.session
            session[SESSION_TOWNSHIP] = self.town_a.pk
            session.save()
        return client

    def _variants(self, label: str) -> list[str]:
        """The addresses of `label` to post to: the matrix's, then other slugs and other rows."""
        entry = ENTRY_BY_LABEL[label]
        base = URL_KWARGS[label](self.samples) if label in URL_KWARGS else {}
        rows = [base] + [build(self.samples) for build in OTHER_ROWS.get(label, [])]
        paths = [address(entry, self.samples)]
        for kwargs in rows:
            slugs = [kwargs]
            if label in SLUGS:
                key, values = SLUGS[label]
                slugs = [{**kwargs, key: value} for value in values]
            for values in slugs:
                path = reverse(label, kwargs=values or None)
                if path not in paths:
                    paths.append(path)
        return paths

    def targets(self, label: str, role: str, method: str) -> list[Target]:
        key = (label, role, method)
        if key not in self._targets:
            self._targets[key] = self._discover(label, role, method)
        return self._targets[key]

    def _discover(self, label: str, role: str, method: str) -> list[Target]:
        paths = self._variants(label)
        pages = [paths[0]] if MATRIX[label][role][0] == 200 else []
        if method == "POST":
            pages += [host(self.samples) for host in HOSTS.get(label, [])]
        wanted = "post" if method == "POST" else "get"
        found: dict[str, dict[str, FieldSpec]] = {}
        with rolled_back():
            client = self.client(role)
            for page in pages:
                response = client.get(page)
                if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
                    continue
                for form in page_forms(response.content.decode()):
                    if form.method != wanted:
                        continue
                    for action in form.actions:
                        path = urlsplit(action).path or page
                        if method == "GET" or view_name(path) == label:
                            key = path if method == "POST" else paths[0]  # a query goes to the page itself
                            found[key] = merge_specs(found.get(key, {}), form.fields)
        for path in found:
            if path not in paths:
                paths.append(path)
        hints = HINTS if method == "POST" else QUERY_HINTS
        targets = []
        for path in paths:
            match = resolve(path)
            slug = SLUGS[label][0] if label in SLUGS else None
            hinted = hints.get(label, []) + (hints.get(f"{label}:{match.kwargs[slug]}", []) if slug else [])
            generic = {}
            if method == "GET":
                generic = {name: FieldSpec(name, options=QUERY_OPTIONS.get(name, [])) for name in QUERY_NAMES}
            specs = merge_specs(found.get(path, {}), *[specs_from_hint(h) for h in hinted], generic)
            headers = None
            if label in ("register_import", "register_import_apply") and match.kwargs.get("kind") in KINDS:
                headers = list(KINDS[match.kwargs["kind"]].resource(township=self.town_a).headers())
            targets.append(Target(path, specs, headers))
        return targets


@pytest.fixture
def world(request, db) -> World:
    return World(request)


# --- Checking an answer ---------------------------------------------------------------------------------


def innermost_project_frame(tb) -> str:
    """file:function of the deepest frame in the project's own code (not a library, not the tests)."""
    frames = traceback.extract_tb(tb)
    for frame in reversed(frames):
        path = Path(frame.filename).resolve()
        own = path.is_relative_to(PROJECT_ROOT) and ".venv" not in path.parts and "tests" not in path.parts
        if own and not frame.name.startswith("<"):  # a <genexpr> or <lambda>: name the function around it
            return f"{path.relative_to(PROJECT_ROOT)}:{frame.name}"
    last = frames[-1] if frames else None
    return f"{Path(last.filename).name}:{last.name}" if last else "?"


def check(response: HttpResponse, *, label: str, method: str, role: str, path: str, payload: dict) -> None:
    """No 500; a 500 that KNOWN_500 lists passes. A new one re-raises the view's own exception, so that
    Hypothesis tells distinct errors apart and shows the view's traceback."""
    status = response.status_code
    if status == 500:
        exc_info = getattr(response, "exc_info", None)
        if not exc_info:
            raise AssertionError(f"500 without an exception: {role} {method} {path} {payload!r}")
        _type, error, tb = exc_info
        where = innermost_project_frame(tb)
        if (label, method, type(error).__name__, where) in KNOWN_SIGNATURES:
            return
        if currently_in_test_context():
            note(f"500 {type(error).__name__} in {where}: {role} {method} {path} data={payload!r}")
        raise error.with_traceback(tb)
    assert status in ALLOWED_STATUSES, f"{role} {method} {path} answered {status}; data={payload!r}"


# --- The tests ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("label", "role"), POST_CASES)
@FUZZ
@given(data=st.data())
def test_post_never_answers_500(label: str, role: str, data, world: World) -> None:
    targets = world.targets(label, role, "POST")
    target = data.draw(st.sampled_from(targets), label="address")
    with rolled_back():
        client = world.client(role)
        if label == "register_import_apply" and target.headers:
            # Apply needs a previewed sheet in the session: upload one, then post the form the preview shows.
            sheet = data.draw(sheet_uploads(target.headers, world.ids), label="previewed sheet")
            preview_path = reverse("register_import", kwargs=resolve(target.path).kwargs)
            preview = client.post(preview_path, {"file": sheet.file()})
            check(
                preview, label="register_import", method="POST", role=role, path=preview_path, payload={"file": sheet}
            )
            shown = [f for f in page_forms(preview.content.decode()) if target.path in f.actions]
            target = Target(target.path, merge_specs(target.fields, *[f.fields for f in shown]), target.headers)
        payload = draw_payload(data, target.fields, world.ids, target.headers, label)
        note(f"{role} POST {target.path} data={payload!r}")
        response = client.post(target.path, encoded(payload))
        check(response, label=label, method="POST", role=role, path=target.path, payload=payload)


@pytest.mark.parametrize(("label", "role"), GET_CASES)
@FUZZ
@given(data=st.data())
def test_get_never_answers_500(label: str, role: str, data, world: World) -> None:
    targets = world.targets(label, role, "GET")
    target = data.draw(st.sampled_from(targets), label="address")
    names = sorted(target.fields)
    chosen = data.draw(st.lists(st.sampled_from(names), unique=True, min_size=1, max_size=4), label="parameters")
    query = {}
    for name in chosen:
        single = odd_value(target.fields[name], world.ids)
        query[name] = data.draw(st.one_of(single, st.lists(single, min_size=2, max_size=3)), label=name)
    note(f"{role} GET {target.path} query={query!r}")
    with rolled_back():
        response = world.client(role).get(target.path, query)
        check(response, label=label, method="GET", role=role, path=target.path, payload=query)


def test_every_site_url_is_fuzzed() -> None:
    """Each URL outside the admin is fuzzed by POST or by GET (a URL that nobody may use is not)."""
    fuzzed = {param.values[0] for param in POST_CASES + GET_CASES}
    missing = sorted(e.label for e in ENTRIES if not is_admin(e) and e.label not in fuzzed)
    assert not missing, f"URLs no role may GET or POST, so not fuzzed: {missing}"


@pytest.mark.parametrize("known", [pytest.param(known, id=str(known)) for known in KNOWN_500])
def test_known_500_still_reproduces(known: Known500, world: World) -> None:
    """Each KNOWN_500 replayed: an expected failure (xfail) while it still answers 500 from the same place; once
    the view is fixed this test fails, to have its entry removed from KNOWN_500."""
    entry = ENTRY_BY_LABEL[known.label]
    kwargs = known.kwargs(world.samples) if known.kwargs else None
    path = reverse(known.label, kwargs=kwargs) if kwargs is not None else address(entry, world.samples)
    with rolled_back():
        client = world.client(known.role)
        send = client.get if known.method == "GET" else client.post
        response = send(path, known.data)
    if response.status_code != 500:
        pytest.fail(
            f"{known.role} {known.method} {path} {known.data!r} answers {response.status_code} now: "
            "fixed? Remove its entry from KNOWN_500."
        )
    _type, error, tb = response.exc_info
    got = (type(error).__name__, innermost_project_frame(tb))
    assert got == (known.exception, known.where), f"still a 500, but now {got[0]} in {got[1]}: {error}"
    pytest.xfail(f"known 500: {known.exception} in {known.where}: {error}")


@pytest.mark.parametrize("found", [pytest.param(found, id=str(found)) for found in FIXED_500])
def test_fixed_500_stays_fixed(found: Known500, world: World) -> None:
    """Each 500 this file once found, replayed: a 200, a redirect or a 4xx now."""
    kwargs = found.kwargs(world.samples) if found.kwargs else None
    path = (
        reverse(found.label, kwargs=kwargs)
        if kwargs is not None
        else address(ENTRY_BY_LABEL[found.label], world.samples)
    )
    with rolled_back():
        client = world.client(found.role)
        send = client.get if found.method == "GET" else client.post
        response = send(path, found.data)
        check(response, label=found.label, method=found.method, role=found.role, path=path, payload=found.data)


# --- Uploads too large or of the wrong type -------------------------------------------------------------


def _big(name: str, size: int) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"0" * size, "application/octet-stream")


@pytest.mark.parametrize(
    "upload",
    [
        pytest.param(lambda: _big("名册.csv", MAX_UPLOAD_BYTES + 1), id="over-5MB"),
        pytest.param(lambda: SimpleUploadedFile("名册.xls", b"\xd0\xcf\x11\xe0" + b"0" * 100), id="old-xls"),
        pytest.param(lambda: SimpleUploadedFile("名册.exe", b"MZ" + b"0" * 100), id="exe"),
        pytest.param(lambda: SimpleUploadedFile("名册.csv", b""), id="empty"),
    ],
)
def test_register_import_refuses_a_bad_upload(upload, world: World) -> None:
    from deputies.models import Deputy

    before = Deputy.objects.count()
    client = world.client("office")
    response = client.post(reverse("register_import", kwargs={"kind": "deputies"}), {"file": upload()})
    assert response.status_code == 200
    assert response.context["form"].errors.get("file"), "the form shows no error on the file"
    assert response.context["preview"] is None
    assert not client.session.get("register_imports"), "a refused file is kept for import"
    assert Deputy.objects.count() == before


@pytest.mark.parametrize(
    "upload",
    [
        pytest.param(lambda: _big("报告.pdf", MAX_ATTACHMENT_BYTES + 1), id="over-10MB"),
        pytest.param(lambda: SimpleUploadedFile("报告.exe", b"MZ" + b"0" * 100), id="exe"),
        pytest.param(lambda: SimpleUploadedFile("报告.html", b"<script>alert(1)</script>"), id="html"),
        pytest.param(lambda: SimpleUploadedFile("报告.pdf", b""), id="empty"),
    ],
)
def test_proposal_attach_refuses_a_bad_upload(upload, world: World) -> None:
    from proposals.models import Attachment

    draft = _proposals(world.samples)["draft"]
    before = Attachment.objects.count()
    response = world.client("office").post(reverse("proposal_attach", kwargs={"pk": draft.pk}), {"file": upload()})
    assert response.status_code == 302
    assert Attachment.objects.count() == before


def test_panel_meeting_refuses_a_report_over_10_mb(world: World) -> None:
    meeting = resolve(_at("panel_meeting")(world.samples)).kwargs["pk"]
    path = reverse("panel_meeting_save", kwargs={"pk": meeting})
    data = {"held_on": "2026-10-30", "report_file": _big("报告.pdf", 10 * 1024 * 1024 + 1)}
    response = world.client("office").post(path, data)
    assert response.status_code == 200
    assert response.context["form"].errors.get("report_file")
    from petitions.models import PanelMeeting

    assert not PanelMeeting.objects.get(pk=meeting).report_file


@pytest.mark.parametrize(
    "upload",
    [
        pytest.param(lambda: SimpleUploadedFile("报告.exe", b"MZ" + b"0" * 100), id="exe"),
        pytest.param(lambda: SimpleUploadedFile("报告.html", b"<script>alert(1)</script>", "text/html"), id="html"),
    ],
)
def test_panel_meeting_refuses_a_report_of_the_wrong_type(upload, world: World) -> None:
    from petitions.models import PanelMeeting

    meeting = resolve(_at("panel_meeting")(world.samples)).kwargs["pk"]
    path = reverse("panel_meeting_save", kwargs={"pk": meeting})
    response = world.client("office").post(path, {"held_on": "2026-10-30", "report_file": upload()})
    assert response.status_code in (200, 400)
    assert not PanelMeeting.objects.get(pk=meeting).report_file, "a report of the wrong type is kept"
