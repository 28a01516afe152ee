"""The server errors the fuzz tests found: FIXED_500 (fixed, replayed so that they stay fixed) and KNOWN_500
(not fixed yet: the fuzz tests let them pass, and test_replay.py replays them as expected failures)."""

from collections.abc import Callable
from dataclasses import dataclass

from tests.access.samples import TownASamples
from tests.access.samples import proposal_rows as _proposals


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
# 500s the fuzz tests found (the smallest data Hypothesis found, tidied by hand), grouped by cause, all fixed in
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


# --- Known leaks: a POST that changes rows it must not, not fixed yet -----------------------------------


@dataclass(frozen=True)
class KnownLeak:
    """A POST that changed rows it must not: `what` is "refused" (answered a refusal, 4xx, yet changed rows)
    or "town_b" (a user of town A changed town B's rows). While it is in KNOWN_LEAKS, test_post lets pass
    the changes of the models listed, for that URL and role (or every role: "*"), whatever the data."""

    label: str
    role: str
    what: str
    models: frozenset[str]  # model labels, as in a snapshot: "petitions.Visit"
    reason: str

    def covers(self, label: str, role: str, what: str, lines: list[str]) -> bool:
        """The changes (lines of tests.snapshots.changes) are all of the models this leak lets change."""
        mine = self.label == label and self.role in ("*", role) and self.what == what
        return mine and all(line.split(" ", 1)[0] in self.models for line in lines)


# The leaks found and not fixed yet (the URL, role, data and what changed are in the commit that adds each).
KNOWN_LEAKS: list[KnownLeak] = []
