"""The role table of assessments/urls.py: each role's home page, the performance record (履职档案) and
commendations, a visit turned into a suggestion, the standard, the monthly assessment and its bulletin, the
year end, the dashboard and the county overview."""

from collections.abc import Callable

from tests.access.expect import (
    FORBIDDEN,
    LOGIN,
    MY_PAGE_ONLY,
    NOT_ALLOWED,
    NOT_FOUND,
    OK,
    GetPost,
    Redirect,
    everyone,
    office_form,
    office_get,
    office_post,
    reader_page,
    row,
)
from tests.access.samples import TownASamples, activity_rows, assessment_rows, party_report_rows, visit_rows

TO_VISIT = Redirect("visit_detail", kwargs=lambda s: {"pk": visit_rows(s)["visit"].pk})
TO_RECORD = Redirect("deputy_record", kwargs=lambda s: {"pk": s.fixture("bob").deputy.pk})
RECORD_PAGE = row(
    everyone(OK) | {"anonymous": LOGIN, "unit": FORBIDDEN, "other_office": NOT_FOUND},
    everyone(NOT_ALLOWED) | {"county": FORBIDDEN},
)
TO_DRAFT = Redirect("bulletin_detail", kwargs=lambda s: {"pk": assessment_rows(s)["draft"].pk})
MEMBERS_READ = row(
    everyone(OK) | {"anonymous": LOGIN, "unit": FORBIDDEN},
    everyone(NOT_ALLOWED) | {"county": FORBIDDEN},
)

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
    # No deputy chosen: the message says so, back to the visit.
    "visit_to_suggestion": office_post(TO_VISIT.refused(), other=NOT_FOUND),
    "record_overview": reader_page(),
    "my_record": row(
        everyone(FORBIDDEN) | {"anonymous": LOGIN, "deputy": TO_RECORD},
        everyone(NOT_ALLOWED) | {"county": FORBIDDEN},
    ),
    "deputy_record": RECORD_PAGE,  # bob's record: his own for the deputy
    "deputy_record_print": RECORD_PAGE,
    "deputy_record_export": RECORD_PAGE,
    "commendation_create": office_post(TO_RECORD.refused(), other=NOT_FOUND),  # empty: "check the form", back
    "commendation_delete": office_post(TO_RECORD, other=NOT_FOUND),
    # An empty POST: the form again with its errors, for the office; leaders read the standard only.
    "standard": row(
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
    # The other town has no commendation this year: said in a message, back to its year end.
    "commendation_decision": office_get() | {"other_office": (Redirect("year_end").refused(), NOT_ALLOWED)},
    "year_review_edit": office_post(Redirect("year_end"), other=Redirect("year_end")),  # empty: a message, back
    "party_report_list": reader_page(),
    "party_report_print": reader_page(),
    "party_report_create": office_form(),
    "party_report_edit": office_form(other=NOT_FOUND),
    # The report as sent: the town's readers download it; another town's office finds no such report.
    "party_report_file": reader_page(other=NOT_FOUND),
    "bulletin_list": MEMBERS_READ,
    "bulletin_detail": MEMBERS_READ | {"other_office": (NOT_FOUND, NOT_ALLOWED)},
    "bulletin_print": MEMBERS_READ | {"other_office": (NOT_FOUND, NOT_ALLOWED)},
    "bulletin_export": MEMBERS_READ | {"other_office": (NOT_FOUND, NOT_ALLOWED)},
    "bulletin_document": MEMBERS_READ | {"other_office": (NOT_FOUND, NOT_ALLOWED)},
    "bulletin_edit": office_post(400, other=NOT_FOUND),  # an empty POST: the page again, the title required
    "bulletin_publish": office_post(TO_DRAFT, other=NOT_FOUND),
    "dashboard": reader_page(),
    "county_overview": row(
        everyone(FORBIDDEN) | {"anonymous": LOGIN, "county": OK},
        everyone(NOT_ALLOWED) | {"county": FORBIDDEN},
    ),
}

URL_KWARGS: dict[str, Callable[[TownASamples], dict]] = {
    "visit_to_suggestion": lambda s: {"pk": visit_rows(s)["visit"].pk},
    "deputy_record": lambda s: {"pk": s.fixture("bob").deputy.pk},
    "deputy_record_print": lambda s: {"pk": s.fixture("bob").deputy.pk},
    "deputy_record_export": lambda s: {"pk": s.fixture("bob").deputy.pk},
    "commendation_create": lambda s: {"pk": s.fixture("bob").deputy.pk},
    "commendation_delete": lambda s: {"pk": activity_rows(s)["commendation"].pk},
    "bulletin_detail": lambda s: {"pk": assessment_rows(s)["published"].pk},
    "party_report_edit": lambda s: {"pk": party_report_rows(s)["report"].pk},
    "party_report_file": lambda s: {"pk": party_report_rows(s)["report"].pk},
    # No arguments; the samples' commendation of this year (in activity_rows) is what the decision lists.
    "commendation_decision": lambda s: activity_rows(s) and {},
    "bulletin_print": lambda s: {"pk": assessment_rows(s)["published"].pk},
    "bulletin_export": lambda s: {"pk": assessment_rows(s)["published"].pk},
    "bulletin_document": lambda s: {"pk": assessment_rows(s)["published"].pk},
    "bulletin_edit": lambda s: {"pk": assessment_rows(s)["draft"].pk},
    "bulletin_publish": lambda s: {"pk": assessment_rows(s)["draft"].pk},
}
