"""Who posts where and who reads what: the cases of the fuzz tests, drawn from the access matrix, and what the
pages do not show by themselves — the pages that host another URL's forms (HOSTS), a URL's other addresses
(SLUGS, OTHER_ROWS), the form classes each view reads (HINTS) and the query parameters the lists read."""

from collections.abc import Callable

import pytest
from django.urls import reverse

from activities.forms import ActivityForm, InviteForm, LeaveAskForm, PlanItemForm, SelfStudyForm
from activities.forms import LeaveDecisionForm as ActivityLeaveDecisionForm
from assessments.forms.assessment import StandardForm
from assessments.forms.bulletin import BulletinForm
from assessments.forms.party import PartyReportForm, YearReviewForm
from assessments.forms.record import CommendationForm
from assessments.forms.year_end import CommendForm, ThresholdsForm
from congress.filters import MessageFilter
from congress.forms import AuditFilterForm, LoginForm
from congress.periods import PeriodForm
from deputies.filters import DeputyFilter
from deputies.forms.imports import ImportConfirmForm, ImportUploadForm
from deputies.forms.notices import NoticeForm
from deputies.forms.register import DepartmentForm, DeputyForm, LargeGroupForm, LeaderForm, SmallGroupForm, StationForm
from deputies.forms.rules import RuleCreateForm, RuleEditForm, RuleVersionForm
from deputies.services.imports import KINDS
from petitions.forms.duty import (
    AddDeputyForm,
    DutyDayForm,
    LeaveDecisionForm,
    LeaveForm,
    ObservationForm,
    RangeForm,
    ReceptionSettingsForm,
)
from petitions.forms.figures import PriorTotalsForm
from petitions.forms.matters import AnswerAgainForm
from petitions.forms.panel import AttachForm, EntryForm, MajorCaseForm, MeetingForm, MembersForm, QuestionForm
from petitions.forms.points import PointRangeForm, PointScheduleForm
from petitions.forms.suggestions import CarriedOutForm, ConfirmForm, DecisionForm, DutySuggestionForm
from petitions.forms.visits import (
    CloseForm,
    ExtensionForm,
    FinishForm,
    ProgressForm,
    ReferForm,
    SuggestionForm,
    VisitForm,
)
from petitions.views.matters import ACTIONS as MATTER_ACTIONS
from proposals.forms import (
    AssignForm,
    FeedbackForm,
    HandlingSettingsForm,
    InspectionForm,
    MeetingRecordForm,
    NoteForm,
    ProposalForm,
    ReplyForm,
    ReviewForm,
)
from proposals.forms import ExtensionForm as ProposalExtensionForm
from proposals.views.items import ACTIONS as PROPOSAL_ACTIONS
from tests.access.expect import Redirect
from tests.access.matrix import MATRIX, URL_KWARGS
from tests.access.routes import ENTRIES, UrlEntry, is_admin
from tests.access.samples import ROLES, TownASamples
from tests.access.samples import activity_rows as _activities
from tests.access.samples import assessment_rows as _assessment
from tests.access.samples import proposal_rows as _proposals
from tests.congress.fuzz.forms import Hint


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


def page_at(label: str, kwargs: Callable[[TownASamples], dict] | None = None) -> Callable[[TownASamples], str]:
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
    "logout": [page_at("home")],
    "township_switch": [page_at("home")],
    "set_language": [page_at("home"), page_at("login")],
    "inbox_read": [page_at("inbox")],
    "inbox_read_all": [page_at("inbox")],
    "message_resend": [page_at("message_record")],
    "deputy_status": [page_at("deputy_detail")],
    "activity_invite": [page_at("activity_detail"), page_at("activity_detail", _coming)],
    "activity_attendance": [page_at("activity_detail")],
    "activity_uninvite": [page_at("activity_detail", _coming)],
    "activity_leave_decision": [page_at("activity_detail", _coming)],
    "plan_item_delete": [page_at("group_plan_edit")],
    "roster_action": [page_at("roster"), page_at("roster_publish_confirm")],
    "duty_day_edit": [page_at("duty_day_detail")],
    "point_days_make": [page_at("point_schedule")],
    "duty_assignment_change": [page_at("duty_day_detail")],
    "duty_attendance": [page_at("duty_day_detail")],
    "duty_observation": [page_at("duty_day_detail"), page_at("sign_in")],
    "leave_decision": [page_at("leave_list")],
    "feed_reset": [page_at("my_duties")],
    "substitute_answer": [page_at("my_duties")],
    "visit_suggest": [page_at("visit_detail")],
    "visit_refer": [page_at("visit_detail")],
    "prior_totals_delete": [page_at("prior_totals")],
    "visit_attach": [page_at("visit_detail")],
    "visit_to_suggestion": [page_at("visit_detail")],
    "referral_action": [page_at("referral_detail")],
    "matter_action": [page_at("matter_detail")],
    "extension_decision": [page_at("referral_detail")],
    "referral_confirm": [page_at("referral_detail")],
    "suggestion_action": [page_at("referral_detail")],
    "duty_suggest": [page_at("my_duty_day")],
    "major_case_entry": [page_at("major_case_detail")],
    "panel_members": [page_at("panel")],
    "panel_plan": [page_at("panel")],
    "panel_meeting_save": [page_at("panel_meeting")],
    "panel_question": [page_at("panel_meeting")],
    "proposal_action": [page_at("proposal_detail"), page_at("proposal_detail", _draft_proposal)],
    "proposal_attach": [page_at("proposal_detail"), page_at("proposal_detail", _draft_proposal)],
    "proposal_extension_decision": [page_at("proposal_detail")],
    "proposal_inspection_add": [page_at("proposal_detail")],
    "commendation_create": [page_at("deputy_record")],
    "commendation_delete": [page_at("deputy_record")],
    "assessment_run": [page_at("assessment_month")],
    "thresholds_edit": [page_at("year_end")],
    "commend_excellent": [page_at("year_end")],
    "year_review_edit": [page_at("year_end")],
    "rule_publish": [page_at("rule_detail")],
    "rule_public": [page_at("rule_detail")],
    "bulletin_edit": [page_at("bulletin_detail", _draft_bulletin)],
    "bulletin_publish": [page_at("bulletin_detail", _draft_bulletin)],
}

# Other addresses of a URL worth posting to: its other slugs (a wrong one too), another row.
SLUGS: dict[str, tuple[str, list[str]]] = {
    "register_import": ("kind", [*KINDS, "nope"]),
    "register_import_apply": ("kind", [*KINDS, "nope"]),
    "register_import_template": ("kind", [*KINDS, "nope"]),
    "register_import_cancel": ("kind", [*KINDS, "nope"]),
    "roster_action": ("action", ["generate", "publish", "nope"]),
    "referral_action": ("action", ["progress", "finish", "close", "extend", "nope"]),
    "matter_action": ("action", [*MATTER_ACTIONS, "nope"]),
    "suggestion_action": ("action", ["decide", "carried-out", "reopen", "nope"]),
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
    "notice_send": [NoticeForm],
    # The record's filters as the page posted them, to come back to (parsed again, never followed as a URL).
    "message_resend": [{"back": ["status=failed&page=2", "page=last&q=%E7%8E%8B", "//evil.example/", "a=%ZZ&&="]}],
    "register_import_apply": [ImportConfirmForm],
    "register_import_cancel": [{"token": ["0" * 32, "../../etc/passwd", ""]}],
    "activity_create": [ActivityForm],
    "activity_edit": [ActivityForm],
    "activity_invite": [InviteForm, {"confirmed": ["1", "0"]}],
    "activity_attendance": [{"status-1": ["attended", "leave", "absent"], "note-1": []}],
    "activity_leave_decision": [ActivityLeaveDecisionForm],
    "activity_leave_ask": [LeaveAskForm],
    "self_study": [SelfStudyForm],
    "group_plan_edit": [PlanItemForm],
    "roster_action": [RangeForm, {"confirmed": ["1", "0"]}],
    "duty_day_edit": [DutyDayForm],
    "point_schedule": [PointScheduleForm],
    "point_days_make": [PointRangeForm, {"publish": ["1", ""], "make": ["1"]}],
    "duty_assignment_change": [AddDeputyForm, {"remove": []}],
    "duty_observation": [ObservationForm],
    "duty_attendance": [{"choice-1": ["present", "late", "leave", "absent", ""], "note-1": []}],
    "leave_decision": [LeaveDecisionForm],
    "reception_settings": [ReceptionSettingsForm],
    "sign_in": [{"code": ["", "000000", "１２３ ４５６", "x" * 30]}],
    "leave_ask": [LeaveForm],
    "substitute_answer": [{"answer": ["accept", "decline"]}],
    "duty_link": [LeaveForm, {"action": ["sign-in", "leave", "nope"]}],
    "stand_in_link": [{"answer": ["accept", "decline", "nope"]}],
    "rate_link": [FeedbackForm],
    "visit_create": [VisitForm],
    "visit_suggest": [SuggestionForm],
    "visit_refer": [ReferForm],
    "prior_totals": [PriorTotalsForm],
    "prior_totals_edit": [PriorTotalsForm],
    "referral_action:progress": [ProgressForm],
    "referral_action:finish": [FinishForm],
    "referral_action:close": [CloseForm],
    "referral_action:extend": [ExtensionForm],
    "matter_action:take": [VisitForm],
    "matter_action:answer-again": [AnswerAgainForm],
    "extension_decision": [{"decision": ["approve", "refuse"]}],
    "referral_confirm": [ConfirmForm],
    "suggestion_action:decide": [DecisionForm],
    "suggestion_action:carried-out": [CarriedOutForm],
    "suggestion_action:reopen": [{}],
    "duty_suggest": [DutySuggestionForm],
    "visit_attach": [AttachForm],
    "major_case_create": [MajorCaseForm],
    "major_case_edit": [MajorCaseForm],
    "major_case_entry": [EntryForm],
    "panel_members": [MembersForm],
    "panel_plan": [{"month": ["2026-10", "2026-1"]}],
    "panel_meeting_save": [MeetingForm],
    "panel_question": [QuestionForm],
    "proposal_create": [ProposalForm, {"submit": ["1"]}],
    "proposal_rules": [HandlingSettingsForm],
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
    "proposal_inspection_add": [InspectionForm],
    "proposal_extension_decision": [{"decision": ["approve", "refuse"]}],
    "visit_to_suggestion": [{"deputy": []}],
    "commendation_create": [CommendationForm],
    "standard": [StandardForm],
    "assessment_run": [{"month": ["2026-01", "2025-12"]}],
    "thresholds_edit": [ThresholdsForm],
    "commend_excellent": [CommendForm, {"year": ["2026"]}],
    "year_review_edit": [YearReviewForm, {"year": ["2026"]}],
    "party_report_create": [PartyReportForm],
    "rule_create": [RuleCreateForm],
    "rule_edit": [RuleEditForm],
    "rule_version_create": [RuleVersionForm],
    "rule_publish": [{"publish": ["1", "0"]}],
    "rule_public": [{"public": ["1", "0"]}],
    "party_report_edit": [PartyReportForm],
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
    "leave",
    "extension",
]
QUERY_HINTS: dict[str, list[Hint]] = {
    "audit": [AuditFilterForm],
    "deputy_list": [{name: [] for name in DeputyFilter.base_filters}],
    "deputy_export": [{name: [] for name in DeputyFilter.base_filters}],
    "message_record": [{name: [] for name in MessageFilter.base_filters}],
    "activity_create": [{"date": [], "kind": ["inspection", "training"]}],
    "visit_create": [{"duty_day": []}],
    "matter_list": [{"status": ["new", "returned", "spam", "nope"], "station": []}],
    "sign_in": [{"code": []}],
    "station_day_code": [{"screen": ["1", "0"]}],
    "activity_invite_confirm": [InviteForm],
    "roster_publish_confirm": [RangeForm],
    "visit_stats": [PeriodForm],
    "proposal_rates": [PeriodForm],
    "proposal_rates_items": [PeriodForm],
}
QUERY_OPTIONS = {
    "format": ["xlsx", "csv", "pdf"],
    "overdue": ["1"],
    "leave": ["waiting", "nope"],
    "extension": ["waiting", "nope"],
    "key": ["1"],
    "sort": ["town", "score", "-town"],
    "month": ["2026-01", "1", "12"],
    "year": ["2026", "2000"],
    "page": ["1", "2", "last"],
}
