"""The role table of activities/urls.py: the office records activities and training, readers read, deputies ask
leave and record their self-study; the small groups' yearly plans."""

from collections.abc import Callable

from tests.access.expect import (
    MY_PAGE_ONLY,
    NOT_FOUND,
    OK,
    GetPost,
    Redirect,
    deputy_page,
    office_form,
    office_get,
    office_post,
    reader_page,
)
from tests.access.samples import TownASamples, activity_rows

TO_HELD = Redirect("activity_detail", kwargs=lambda s: {"pk": activity_rows(s)["held"].pk})
TO_COMING = Redirect("activity_detail", kwargs=lambda s: {"pk": activity_rows(s)["coming"].pk})

MATRIX: dict[str, dict[str, GetPost]] = {
    "activity_list": reader_page(),
    "activity_export": reader_page(),
    "activity_create": office_form(),
    "activity_detail": reader_page(other=NOT_FOUND),
    "activity_edit": office_form(other=NOT_FOUND),
    # Empty POSTs: "choose whom to invite" / "choose attended, on leave or absent", back to the activity.
    "activity_invite": office_post(TO_HELD.refused(), other=NOT_FOUND),
    # Without a choice: the page says whom to choose (nothing is written on a GET).
    "activity_invite_confirm": office_get(other=NOT_FOUND),
    "activity_attendance": office_post(TO_HELD.refused(), other=NOT_FOUND),
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
            kwargs=lambda s: {"pk": activity_rows(s)["item"].small_group_id, "year": activity_rows(s)["item"].year},
        ),
        other=NOT_FOUND,
    ),
}

URL_KWARGS: dict[str, Callable[[TownASamples], dict]] = {
    "activity_detail": lambda s: {"pk": activity_rows(s)["held"].pk},
    "activity_edit": lambda s: {"pk": activity_rows(s)["held"].pk},
    "activity_invite": lambda s: {"pk": activity_rows(s)["held"].pk},
    "activity_invite_confirm": lambda s: {"pk": activity_rows(s)["coming"].pk},
    "activity_attendance": lambda s: {"pk": activity_rows(s)["held"].pk},
    "activity_uninvite": lambda s: {"pk": activity_rows(s)["invited"].pk},
    "activity_leave_decision": lambda s: {"pk": activity_rows(s)["pending"].pk},
    "activity_leave_ask": lambda s: {"pk": activity_rows(s)["coming_mine"].pk},
    "self_study": lambda s: {"pk": activity_rows(s)["study_mine"].pk},
    "group_plan_edit": lambda s: {"pk": activity_rows(s)["item"].small_group_id, "year": activity_rows(s)["item"].year},
    "plan_item_delete": lambda s: {"pk": activity_rows(s)["item"].pk},
}
