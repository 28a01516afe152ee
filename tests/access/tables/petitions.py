"""The role table of petitions/urls.py: reception duty (the office plans and decides, readers read, deputies see
and sign their own), visits and referrals (the office records, a handling unit works its own cases) and the
monthly supervision panel."""

from collections.abc import Callable
from datetime import timedelta

from django.core.files.base import ContentFile
from django.utils import timezone

from deputies.models import LinkPurpose, StationLevel
from petitions.models import MatterPhoto, PriorTotals, ReceptionSettings, VoterMatter
from petitions.services.visits import visit_categories_for
from tests.access.expect import (
    FORBIDDEN,
    LOGIN,
    MY_PAGE_ONLY,
    NOT_ALLOWED,
    NOT_FOUND,
    OK,
    Expected,
    GetPost,
    Redirect,
    Variant,
    Variants,
    deputy_page,
    deputy_post,
    everyone,
    office_form,
    office_get,
    office_post,
    public_page,
    reader_page,
    row,
)
from tests.access.samples import (
    TownASamples,
    duty_rows,
    link_codes,
    major_case,
    panel_meeting,
    panel_meeting_now,
    visit_rows,
    visit_suggestion,
)
from tests.factories import StationFactory, VoterMatterFactory

# --- Reception duty --------------------------------------------------------------------------------------

TO_DAY = Redirect("duty_day_detail", kwargs=lambda s: {"pk": duty_rows(s)["day"].pk})
TO_DUTY_LINK = Redirect("duty_link", kwargs=lambda s: {"code": link_codes(s)[LinkPurpose.DUTY]})
TO_STAND_IN_LINK = Redirect("stand_in_link", kwargs=lambda s: {"code": link_codes(s)[LinkPurpose.SUBSTITUTE]})


def public_matter_sample(s: TownASamples) -> MatterPhoto:
    """A voter's matter of town A left at its station, with one photo."""
    if "public_matter" not in s.cache:
        matter = VoterMatterFactory(township=s.fixture("town_a"), station=s.objects["station"])
        s.cache["public_matter"] = MatterPhoto.objects.create(
            township=matter.township, matter=matter, image=ContentFile(b"\xff\xd8\xff", name="photo.jpg")
        )
    return s.cache["public_matter"]


def contact_point_sample(s: TownASamples):
    """A village contact point of town A (its own reception days' page)."""
    if "contact_point" not in s.cache:
        s.cache["contact_point"] = StationFactory(township=s.fixture("town_a"), level=StationLevel.VILLAGE)
    return s.cache["contact_point"]


TO_POINT = Redirect("point_schedule", kwargs=lambda s: {"pk": contact_point_sample(s).pk})


def _point_page() -> dict[str, GetPost]:
    """The point's page: the town's readers read it; the office alone saves the rule there (an empty POST shows
    the form again with its errors); another town's office finds no such point."""
    page = reader_page(other=NOT_FOUND)
    office = {"anonymous": LOGIN, "office": OK, "leader": FORBIDDEN, "deputy": FORBIDDEN, "unit": FORBIDDEN}
    return row(
        {role: get for role, (get, _post) in page.items()}, office | {"county": FORBIDDEN, "other_office": NOT_FOUND}
    )


TO_TRACK = Redirect("public_matter_track", kwargs=lambda s: {"token": public_matter_sample(s).matter.token})

MATRIX: dict[str, dict[str, GetPost]] = {
    "roster": reader_page(),
    # An empty POST: the dates are missing, said in a message, back to the roster.
    "roster_action": office_post(Redirect("roster").refused(), other=Redirect("roster").refused()),
    # Without a range: what publishing this month would do (nothing is written on a GET).
    "roster_publish_confirm": office_get(),
    "duty_day_detail": reader_page(other=NOT_FOUND),
    "duty_day_print": reader_page(other=NOT_FOUND),
    "duty_day_edit": office_post(TO_DAY, other=NOT_FOUND),
    "duty_assignment_change": office_post(TO_DAY, other=NOT_FOUND),
    # An empty POST (and a day still to come): refused with a message, back to the day.
    "duty_attendance": office_post(TO_DAY.refused(), other=NOT_FOUND),
    # An empty POST: "write the observations", back where the writer came from.
    "duty_observation": office_post(TO_DAY.refused(), other=NOT_FOUND)
    | {
        "deputy": (
            NOT_ALLOWED,
            Redirect("sign_in", kwargs=lambda s: {"station": duty_rows(s)["day"].station_id}).refused(),
        )
    },
    "leave_list": office_get(),
    "leave_decision": office_post(Redirect("leave_list"), other=NOT_FOUND),
    "subsidy_sheet": reader_page(),
    "reception_settings": office_form(),
    "my_duties": row(
        everyone(FORBIDDEN) | {"anonymous": LOGIN, "deputy": OK},
        everyone(NOT_ALLOWED) | {"county": FORBIDDEN},
    ),
    "feed_reset": deputy_post(Redirect("my_duties")),
    "leave_ask": deputy_page(post=OK),  # an empty POST: the form again, with its errors
    # An empty answer declines; back to my duties.
    "substitute_answer": deputy_post(Redirect("my_duties")),
    # Not on duty there today: the message says so, back to the sign-in page.
    "sign_in": deputy_page(post=Redirect("sign_in", kwargs=lambda s: {"station": s.objects["station"].pk}).refused()),
    # The station's code of the day: the office alone reads it (whoever reads it can sign in as present).
    "station_day_code": office_get(other=NOT_FOUND),
    # A contact point's own reception days: its rule and deputies; making or publishing its days.
    "point_schedule": _point_page(),
    "point_days_make": office_post(TO_POINT.refused(), other=NOT_FOUND),
    # The deputy's own duty day (bob is on it); an empty POST: "write the suggestion", back to the day.
    "my_duty_day": MY_PAGE_ONLY,
    "duty_suggest": deputy_post(Redirect("my_duty_day", kwargs=lambda s: {"pk": duty_rows(s)["day"].pk}).refused()),
    # The town's and the stations' public pages (petitions/views/finder.py: they read the published roster).
    "public_township": public_page(),
    "public_station": public_page(),
    "public_roster": public_page(),
    "public_roster_feed": public_page(),
    "deputy_feed": public_page(),
    # A one-tap link: the code is the credential, so everyone opens it, no login needed; an empty POST is told to
    # choose what to do, back to the link's page (the county reader posts nothing).
    "duty_link": row(everyone(OK), everyone(TO_DUTY_LINK.refused()) | {"county": FORBIDDEN}),
    "stand_in_link": row(everyone(OK), everyone(TO_STAND_IN_LINK.refused()) | {"county": FORBIDDEN}),
    # The voters' side, no login: an empty POST shows the form again with its errors (the county reader posts
    # nothing); the private link's token is the credential; an empty rating is refused back to the link.
    "public_matter_create": row(everyone(OK), everyone(OK) | {"county": FORBIDDEN}),
    "public_matter_code": row(everyone(NOT_ALLOWED), everyone(OK) | {"county": FORBIDDEN}),
    "public_matter_track": public_page(),
    "public_matter_rate": row(everyone(NOT_ALLOWED), everyone(TO_TRACK.refused()) | {"county": FORBIDDEN}),
    "public_matter_photo": public_page(),
}

# --- Visits, referrals and the panel --------------------------------------------------------------------


def case_page(*, unit: Expected = OK, other: Expected = OK) -> dict[str, GetPost]:
    """A read-only page of visits or referrals that the handling unit may open for its own cases."""
    table = reader_page(other=other)
    table["unit"] = (unit, NOT_ALLOWED)
    return table


def prior_totals(s: TownASamples) -> PriorTotals:
    """Town A's totals of 2000, from before the system."""
    if "prior" not in s.cache:
        s.cache["prior"] = PriorTotals.objects.create(
            township=s.fixture("town_a"), year=2000, people_received=120, problems_solved=30
        )
    return s.cache["prior"]


TO_CASE = Redirect("major_case_detail", kwargs=lambda s: {"pk": major_case(s).pk})
TO_MEETING = Redirect("panel_meeting", kwargs=lambda s: {"pk": panel_meeting(s).pk})
TO_VISIT = Redirect("visit_detail", kwargs=lambda s: {"pk": visit_rows(s)["visit"].pk})
TO_REFERRAL = Redirect("referral_detail", kwargs=lambda s: {"pk": visit_rows(s)["referral"].pk})

MATRIX |= {
    "visit_list": reader_page(),
    # The visits list as a workbook, with its filters: whoever reads the list (no phone nor address in it).
    "visit_export": reader_page(),
    "visit_stats": reader_page(),
    "prior_totals": office_form(),
    "prior_totals_edit": office_form(other=NOT_FOUND),
    "prior_totals_delete": office_post(Redirect("prior_totals"), other=NOT_FOUND),
    "visit_create": office_form(),
    "visit_detail": case_page(other=NOT_FOUND),
    "visit_suggest": office_post(TO_VISIT, other=NOT_FOUND),
    # An empty POST: "choose the unit", back to the visit (which is referred already, and would be refused so).
    "visit_refer": office_post(TO_VISIT.refused(), other=NOT_FOUND),
    "referral_list": case_page(),
    "referral_export": row(
        everyone(FORBIDDEN) | {"anonymous": LOGIN, "office": OK, "unit": OK, "other_office": OK},
        everyone(NOT_ALLOWED) | {"county": FORBIDDEN},
    ),
    "referral_detail": case_page(other=NOT_FOUND),
    "referral_notice": office_get(other=NOT_FOUND),
    # An empty POST: "fill in every field", back to the case.
    "referral_action": office_post(TO_REFERRAL.refused(), other=NOT_FOUND)
    | {"unit": (NOT_ALLOWED, TO_REFERRAL.refused())},
    "extension_decision": office_post(TO_REFERRAL, other=NOT_FOUND),
    # An empty POST: the form is incomplete, back to the case; the visit has no leader, so the office is told so.
    "referral_confirm": office_post(TO_REFERRAL.refused(), other=NOT_FOUND)
    | {"leader": (NOT_ALLOWED, TO_REFERRAL.refused())},
    # An empty POST: "choose adopted or not", back to the case (carol's unit handles it).
    "suggestion_action": office_post(TO_REFERRAL.refused(), other=NOT_FOUND)
    | {"unit": (NOT_ALLOWED, TO_REFERRAL.refused())},
    # An empty POST: no case chosen, said in a message, back to the visit.
    "visit_attach": office_post(TO_VISIT.refused(), other=NOT_FOUND),
    "major_case_list": reader_page(),
    "major_case_detail": reader_page(other=NOT_FOUND),
    "major_case_create": office_form(),
    "major_case_edit": office_form(other=NOT_FOUND),
    "major_case_entry": office_post(TO_CASE, other=NOT_FOUND) | {"leader": (NOT_ALLOWED, TO_CASE)},
    "panel": reader_page(),
    "panel_members": office_post(Redirect("panel"), other=Redirect("panel")),
    # An empty POST plans the current month's meeting and opens it.
    "panel_plan": office_post(
        Redirect("panel_meeting", kwargs=lambda s: {"pk": panel_meeting_now(s, "town_a").pk}),
        other=Redirect("panel_meeting", kwargs=lambda s: {"pk": panel_meeting_now(s, "town_b").pk}),
    ),
    "panel_meeting": reader_page(other=NOT_FOUND),
    "panel_meeting_report": office_get(other=NOT_FOUND),
    # The report attachment: to whoever reads the meeting's page, nobody else; another town's is not found.
    "panel_meeting_file": reader_page(other=NOT_FOUND),
    "panel_meeting_save": office_post(OK, other=NOT_FOUND),  # an empty POST: the page again, with its errors
    "panel_question": office_post(TO_MEETING, other=NOT_FOUND),
}

# --- Voters' matters ------------------------------------------------------------------------------------------


def voter_matter(s: TownASamples) -> VoterMatter:
    """A new matter of town A, with a photo, left at a contact point of bob's small group (bob answers it)."""
    if "matter" not in s.cache:
        from tests.factories import StationFactory, VoterMatterFactory

        town = s.fixture("town_a")
        point = StationFactory(township=town, name="大莫古村联络点", level=StationLevel.VILLAGE)
        point.small_groups.add(s.fixture("bob").deputy.small_group)
        matter = VoterMatterFactory(township=town, station=point, public_allowed=True)
        photo = MatterPhoto(township=town, matter=matter)
        photo.image.save("photo.jpg", ContentFile(b"\xff\xd8\xff\xe0jpeg"), save=True)
        s.cache["matter"], s.cache["matter_photo"] = matter, photo
    return s.cache["matter"]


def matter_page(*, other: Expected = OK, readers: Expected = OK) -> dict[str, GetPost]:
    """A page of voters' matters: the office and its readers (the voter masked), the deputies of the point."""
    get = {"anonymous": LOGIN, "office": OK, "leader": readers, "deputy": OK, "unit": FORBIDDEN}
    get |= {"county": readers, "other_office": other}
    return row(get, everyone(NOT_ALLOWED) | {"county": FORBIDDEN})


def matter_post(done: Expected, *, deputy: Expected) -> dict[str, GetPost]:
    """An action on a matter: the office, and (taking it) the deputies of its point; another town finds nothing."""
    post = {"anonymous": LOGIN, "office": done, "leader": FORBIDDEN, "deputy": deputy, "unit": FORBIDDEN}
    post |= {"county": FORBIDDEN, "other_office": NOT_FOUND}
    return row(everyone(NOT_ALLOWED), post)


TO_MATTER = Redirect("matter_detail", kwargs=lambda s: {"pk": voter_matter(s).pk})

MATRIX |= {
    # Each town's office its own queue; a deputy the matters of their own contact points.
    "matter_list": matter_page(),
    "matter_detail": matter_page(other=NOT_FOUND),
    # The voter's photos: to those handling the matter only (the office, the point's deputies).
    "matter_photo": matter_page(other=NOT_FOUND, readers=NOT_FOUND),
    # An empty POST to take it: the visit form again, with its errors.
    "matter_action": matter_post(OK, deputy=OK),
    "public_matter_figures": public_page(),
}


def _take(s: TownASamples) -> dict:
    category = visit_categories_for(township=s.fixture("town_a"))[0]
    return {"category": category.pk, "outcome": "answered", "answer": "已联系供电所，三天内修好"}


def _office(done: Expected, data=None) -> Variant:
    return Variant(matter_post(done, deputy=FORBIDDEN), data)


MATTER_ACTIONS: Variants = (
    "action",
    {
        "take": Variant(matter_post(TO_MATTER.done(), deputy=TO_MATTER.done()), _take),
        # The matter is new: not returned by the voter, not blocked, not answered, not approved.
        "answer-again": _office(TO_MATTER.refused(), lambda s: {"text": "再次协调"}),
        "spam": _office(Redirect("matter_list").done()),
        "unblock": _office(TO_MATTER.refused()),
        "approve": _office(TO_MATTER.refused()),
        "withdraw": _office(TO_MATTER.refused()),
        "nope": Variant(
            matter_post(NOT_FOUND, deputy=NOT_FOUND)
            | {"leader": (NOT_ALLOWED, FORBIDDEN), "unit": (NOT_ALLOWED, FORBIDDEN)}
        ),
    },
)

URL_KWARGS: dict[str, Callable[[TownASamples], dict]] = {
    "matter_detail": lambda s: {"pk": voter_matter(s).pk},
    "matter_action": lambda s: {"pk": voter_matter(s).pk, "action": "take"},
    "matter_photo": lambda s: {"pk": voter_matter(s).pk, "photo": s.cache["matter_photo"].pk},
    "public_matter_figures": lambda s: {"code": s.fixture("town_a").code},
    "roster_action": lambda s: {"action": "generate"},
    "duty_day_detail": lambda s: {"pk": duty_rows(s)["day"].pk},
    "duty_day_print": lambda s: {"pk": duty_rows(s)["day"].pk},
    "duty_day_edit": lambda s: {"pk": duty_rows(s)["day"].pk},
    "duty_assignment_change": lambda s: {"pk": duty_rows(s)["day"].pk},
    "duty_attendance": lambda s: {"pk": duty_rows(s)["day"].pk},
    "duty_observation": lambda s: {"pk": duty_rows(s)["day"].pk},
    "leave_decision": lambda s: {"pk": duty_rows(s)["leave"].pk},
    "leave_ask": lambda s: {"pk": duty_rows(s)["mine"].pk},
    "substitute_answer": lambda s: {"pk": duty_rows(s)["leave"].pk},
    "sign_in": lambda s: {"station": s.objects["station"].pk},
    "station_day_code": lambda s: {"station": s.objects["station"].pk},
    "point_schedule": lambda s: {"pk": contact_point_sample(s).pk},
    "point_days_make": lambda s: {"pk": contact_point_sample(s).pk},
    "public_township": lambda s: {"code": s.fixture("town_a").code},
    "public_station": lambda s: {"code": s.fixture("town_a").code, "pk": s.objects["station"].pk},
    "public_roster": lambda s: {"code": s.fixture("town_a").code},
    "public_roster_feed": lambda s: {"code": s.fixture("town_a").code},
    "deputy_feed": lambda s: {"token": duty_rows(s)["feed"].token},
    "duty_link": lambda s: {"code": link_codes(s)[LinkPurpose.DUTY]},
    "stand_in_link": lambda s: {"code": link_codes(s)[LinkPurpose.SUBSTITUTE]},
    "public_matter_create": lambda s: {"code": s.fixture("town_a").code},
    "public_matter_code": lambda s: {"code": s.fixture("town_a").code},
    "public_matter_track": lambda s: {"token": public_matter_sample(s).matter.token},
    "public_matter_rate": lambda s: {"token": public_matter_sample(s).matter.token},
    "public_matter_photo": lambda s: {"token": public_matter_sample(s).matter.token, "pk": public_matter_sample(s).pk},
    "visit_detail": lambda s: {"pk": visit_rows(s)["visit"].pk},
    "visit_suggest": lambda s: {"pk": visit_rows(s)["visit"].pk},
    "visit_refer": lambda s: {"pk": visit_rows(s)["visit"].pk},
    "referral_detail": lambda s: {"pk": visit_rows(s)["referral"].pk},
    "referral_notice": lambda s: {"pk": visit_rows(s)["referral"].pk},
    "referral_action": lambda s: {"pk": visit_rows(s)["referral"].pk, "action": "progress"},
    "extension_decision": lambda s: {"pk": visit_rows(s)["extension"].pk},
    "my_duty_day": lambda s: {"pk": duty_rows(s)["day"].pk},
    "duty_suggest": lambda s: {"pk": duty_rows(s)["day"].pk},
    "referral_confirm": lambda s: {"pk": visit_rows(s)["referral"].pk},
    "suggestion_action": lambda s: {"pk": visit_suggestion(s).pk, "action": "decide"},
    "visit_attach": lambda s: {"pk": visit_rows(s)["visit"].pk},
    "major_case_detail": lambda s: {"pk": major_case(s).pk},
    "major_case_edit": lambda s: {"pk": major_case(s).pk},
    "major_case_entry": lambda s: {"pk": major_case(s).pk},
    "panel_meeting": lambda s: {"pk": panel_meeting(s).pk},
    "panel_meeting_report": lambda s: {"pk": panel_meeting(s).pk},
    "panel_meeting_file": lambda s: {"pk": panel_meeting(s).pk},
    "panel_meeting_save": lambda s: {"pk": panel_meeting(s).pk},
    "panel_question": lambda s: {"pk": panel_meeting(s).pk},
    "prior_totals_edit": lambda s: {"pk": prior_totals(s).pk},
    "prior_totals_delete": lambda s: {"pk": prior_totals(s).pk},
}

# --- Every action of the roster and of a referral, for every role, each posted with its form filled in -----


def _next_week(s: TownASamples) -> dict:
    """A week to plan; town A's reception settings name its station (town B's do not: it cannot plan yet)."""
    ReceptionSettings.objects.update_or_create(township=s.fixture("town_a"), defaults={"station": s.objects["station"]})
    start = timezone.localdate() + timedelta(days=35)
    return {"start": start.isoformat(), "end": (start + timedelta(days=6)).isoformat()}


def _roster(office: Expected, other: Expected) -> Variant:
    return Variant(office_post(office, other=other), _next_week)


TO_ROSTER = Redirect("roster")
ROSTER_ACTIONS: Variants = (
    "action",
    {
        "generate": _roster(TO_ROSTER.done(), TO_ROSTER.refused()),
        # Confirmed, on a week with no draft: "nothing to publish", said with the reason.
        "publish": Variant(
            office_post(TO_ROSTER.refused(), other=TO_ROSTER.refused()), lambda s: _next_week(s) | {"confirmed": "1"}
        ),
        "nope": _roster(NOT_FOUND, NOT_FOUND),
    },
)


def _referral(done: Expected, data: Callable[[TownASamples], dict]) -> Variant:
    """A referral's action: the office and the handling unit (carol's: the case is hers) work the case, with the
    same outcome; leaders and deputies are refused; another town finds nothing."""
    table = office_post(done, other=NOT_FOUND)
    table["unit"] = (NOT_ALLOWED, done)
    return Variant(table, data)


def _extension(s: TownASamples) -> dict:
    new_due = visit_rows(s)["referral"].due + timedelta(days=60)
    return {"new_due": new_due.isoformat(), "reason": "汛期道路封闭"}


def _told(s: TownASamples) -> dict:
    return {"told_at": f"{timezone.localdate():%Y-%m-%d}T10:00", "satisfied": "yes"}


REFERRAL_ACTIONS: Variants = (
    "action",
    {
        "progress": _referral(TO_REFERRAL.done(), lambda s: {"text": "已联系施工队"}),
        "finish": _referral(TO_REFERRAL.done(), lambda s: {"outcome": "resolved", "result": "已修复村道"}),
        "close": _referral(TO_REFERRAL.refused(), _told),  # not finished yet: it cannot be closed
        "extend": _referral(TO_REFERRAL.refused(), _extension),  # one extension is already waiting
        "nope": _referral(NOT_FOUND, lambda s: {"text": "已联系施工队"}),
    },
)


def _suggestion(done: Expected, data: dict) -> Variant:
    """A decision on a suggestion: the office and the case's unit decide; nobody else reaches it."""
    table = office_post(done, other=NOT_FOUND)
    table["unit"] = (NOT_ALLOWED, done)
    return Variant(table, lambda s: data)


TO_SUGGESTION = Redirect("referral_detail", kwargs=lambda s: {"pk": visit_rows(s)["referral"].pk})
SUGGESTION_ACTIONS: Variants = (
    "action",
    {
        "decide": _suggestion(TO_SUGGESTION.done(), {"adopted": "yes", "response": "已设警示牌"}),
        # Not adopted yet, and its case is open: refused.
        "carried-out": _suggestion(TO_SUGGESTION.refused(), {"on": "2026-01-01"}),
        # Not decided yet: nothing to reopen (and a unit may not reopen at all).
        "reopen": Variant(
            office_post(TO_SUGGESTION.refused(), other=NOT_FOUND) | {"unit": (NOT_ALLOWED, FORBIDDEN)}, None
        ),
        "nope": _suggestion(NOT_FOUND, {}),
    },
)

VARIANTS: dict[str, Variants] = {
    "roster_action": ROSTER_ACTIONS,
    "referral_action": REFERRAL_ACTIONS,
    "suggestion_action": SUGGESTION_ACTIONS,
    "matter_action": MATTER_ACTIONS,
}
