"""The role table of proposals/urls.py: every member reads the items that concern them; each step of an item
is its role's (proposals.views.items._allowed)."""

from collections.abc import Callable

from django.utils import timezone

from congress.models import CongressSession
from deputies.models import LinkPurpose
from tests.access.expect import (
    FORBIDDEN,
    LOGIN,
    NOT_ALLOWED,
    NOT_FOUND,
    OK,
    Expected,
    GetPost,
    Redirect,
    Variant,
    Variants,
    everyone,
    office_get,
    office_post,
    reader_page,
    row,
)
from tests.access.samples import TownASamples, link_codes, proposal_rows

TO_ITEM = Redirect("proposal_detail", kwargs=lambda s: {"pk": proposal_rows(s)["item"].pk})
DONE, REFUSED = TO_ITEM.done(), TO_ITEM.refused()
EVERY_MEMBER = everyone(OK) | {"anonymous": LOGIN}
SAVED_RULES = Redirect("proposal_rules").done()

MATRIX: dict[str, dict[str, GetPost]] = {
    "proposal_list": row(EVERY_MEMBER, everyone(NOT_ALLOWED) | {"county": FORBIDDEN}),
    "proposal_create": row(
        everyone(FORBIDDEN) | {"anonymous": LOGIN, "office": OK, "deputy": OK, "other_office": OK},
        everyone(FORBIDDEN) | {"anonymous": LOGIN, "office": OK, "deputy": OK, "other_office": OK},
    ),
    "proposal_rates": reader_page(),
    # The three participations item by item, when too many for the rates page: who reads the rates.
    "proposal_rates_items": reader_page(),
    # The list as a workbook with the rates: the office, leaders and the county (not deputies nor units).
    "proposal_export": reader_page(),
    # The town's handling rules: the office sets them (an empty POST saves "no call"); leaders and the county
    # read them.
    "proposal_rules": row(
        {role: get for role, (get, _) in reader_page().items()},
        everyone(FORBIDDEN) | {"anonymous": LOGIN, "office": SAVED_RULES, "other_office": SAVED_RULES},
    ),
    "proposal_assignment_notice": office_get(other=NOT_FOUND),
    "proposal_collection": office_get(other=NOT_FOUND),
    # The sample item has no reply yet: said in a message, back to the item.
    "proposal_reply_letter": office_get(other=NOT_FOUND) | {"office": (REFUSED, NOT_ALLOWED)},
    "proposal_detail": row(EVERY_MEMBER | {"other_office": NOT_FOUND}, everyone(NOT_ALLOWED) | {"county": FORBIDDEN}),
    "proposal_edit": row(
        everyone(FORBIDDEN) | {"anonymous": LOGIN, "office": OK, "deputy": OK, "other_office": NOT_FOUND},
        everyone(FORBIDDEN) | {"anonymous": LOGIN, "office": OK, "deputy": OK, "other_office": NOT_FOUND},
    ),
    # An empty progress note: "check the form", back to the item; deputies and leaders report no progress.
    "proposal_action": row(
        everyone(NOT_ALLOWED),
        {
            "anonymous": LOGIN,
            "office": TO_ITEM.refused(),
            "leader": FORBIDDEN,
            "deputy": FORBIDDEN,
            "unit": TO_ITEM.refused(),
            "county": FORBIDDEN,
            "other_office": NOT_FOUND,
        },
    ),
    "proposal_extension_decision": office_post(TO_ITEM, other=NOT_FOUND),
    # An empty POST: "choose the inspection", back to the item.
    "proposal_inspection_add": office_post(TO_ITEM.refused(), other=NOT_FOUND),
    # No file in the POST: "choose a file", back to the item.
    "proposal_attach": row(
        everyone(NOT_ALLOWED),
        everyone(FORBIDDEN) | {"anonymous": LOGIN, "office": REFUSED, "deputy": REFUSED, "other_office": NOT_FOUND},
    ),
    "proposal_attachment": row(
        EVERY_MEMBER | {"other_office": NOT_FOUND}, everyone(NOT_ALLOWED) | {"county": FORBIDDEN}
    ),
    # A one-tap link: the code is the credential, so everyone opens it, no login needed; an empty POST shows the
    # rating form again with its errors (the county reader posts nothing).
    "rate_link": row(everyone(OK), everyone(OK) | {"county": FORBIDDEN}),
}

URL_KWARGS: dict[str, Callable[[TownASamples], dict]] = {
    "proposal_detail": lambda s: {"pk": proposal_rows(s)["item"].pk},
    "proposal_assignment_notice": lambda s: {"pk": proposal_rows(s)["item"].pk},
    "proposal_collection": lambda s: {"pk": s.row(CongressSession).pk},
    "proposal_reply_letter": lambda s: {"pk": proposal_rows(s)["item"].pk},
    "proposal_edit": lambda s: {"pk": proposal_rows(s)["draft"].pk},
    "proposal_action": lambda s: {"pk": proposal_rows(s)["item"].pk, "action": "note"},
    "proposal_extension_decision": lambda s: {"pk": proposal_rows(s)["extension"].pk},
    "proposal_attach": lambda s: {"pk": proposal_rows(s)["item"].pk},
    "proposal_inspection_add": lambda s: {"pk": proposal_rows(s)["item"].pk},
    "proposal_attachment": lambda s: {"pk": proposal_rows(s)["attachment"].pk},
    "rate_link": lambda s: {"code": link_codes(s)[LinkPurpose.RATE]},
}

# --- Every step of an item, for every role, each posted with its form filled in ---------------------------
# The item: bob's, accepted and assigned to carol's unit as the main unit, a month's extension asked. Whose
# step each action is decides 403 or not; the item's state then decides whether the step is done or refused.

TEXT = {"text": "已与施工方现场协调"}


def _step(data: dict | Callable[[TownASamples], dict], **allowed: Expected) -> Variant:
    """An action that the roles named in `allowed` may take (with what they get); any other member of the town
    is refused (403), the other town's office finds no such item."""
    post = everyone(FORBIDDEN) | {"anonymous": LOGIN, "other_office": NOT_FOUND} | allowed
    build = data if callable(data) else (lambda s: data)
    return Variant(row(everyone(NOT_ALLOWED), post), build)


def _today(s: TownASamples) -> str:
    return timezone.localdate().isoformat()


def _meeting(s: TownASamples) -> dict:
    return {"stage": "consult", "held_on": _today(s), "form": "meeting", "participants": "承办单位、鲍勃"}


def _reply(s: TownASamples) -> dict:
    return {
        "reply_class": "A",
        "text": "已完成村道修缮",
        "signer": "张主任",
        "contact": "李干事",
        "phone": "0873-6100002",
        "meeting_held_on": _today(s),
        "meeting_form": "visit",
        "meeting_participants": "承办单位、鲍勃",
    }


RATINGS = {aspect: "satisfied" for aspect in ("consultation", "attitude", "reply", "result", "overall")}

PROPOSAL_ACTIONS: Variants = (
    "action",
    {
        "submit": _step({}, office=REFUSED, deputy=REFUSED),  # already assigned: not a draft any more
        "cosign": _step({}, deputy=REFUSED),  # bob leads the item; he is not asked to co-sign it
        "review": _step({"decision": "accept"}, office=REFUSED),  # reviewed already
        "assign": _step(lambda s: {"main": s.fixture("department_a").pk}, office=REFUSED),  # being handled already
        "meeting": _step(_meeting, office=DONE, unit=DONE),
        "note": _step(TEXT, office=DONE, unit=DONE),
        "supervise": _step(TEXT, office=REFUSED, leader=REFUSED),  # supervision is for key items only
        "opinion": _step(TEXT, unit=REFUSED),  # carol's unit is the main unit, not an assisting one
        "extend": _step({"months": "1", "reason": "雨季"}, unit=REFUSED),  # one extension is already waiting
        "reply": _step(_reply, office=REFUSED, unit=REFUSED),  # the meetings with the deputy come first
        "feedback": _step(RATINGS, deputy=REFUSED),  # there is no reply to rate yet
        "actions-done": _step({}, office=REFUSED),  # there is no reply yet
        # An action the site does not know: not found, for every member who may see the item.
        "nope": _step(TEXT, office=NOT_FOUND, leader=NOT_FOUND, deputy=NOT_FOUND, unit=NOT_FOUND),
    },
)

VARIANTS: dict[str, Variants] = {"proposal_action": PROPOSAL_ACTIONS}
