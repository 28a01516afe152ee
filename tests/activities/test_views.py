"""The pages of activities for the office, leaders and deputies, and what they refuse (activities/views.py)."""

from datetime import date

import pytest
from django.contrib import messages
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from activities.models import Activity, ActivityKind, Attendance, LeaveState
from congress.models import Notification
from deputies.models import DeputyStatus
from tests.activities.conftest import rows_of
from tests.factories import ActivityAttendanceFactory, DeputyFactory, SmallGroupFactory

pytestmark = pytest.mark.django_db


# --- Pages ----------------------------------------------------------------------------------------------


def test_the_office_creates_an_activity_through_its_page(login, alice, town_a):
    response = login(alice).post(
        "/activities/new/",
        {"kind": ActivityKind.INSPECTION, "title": "农村公路视察", "date": "2026-03-20", "places": "上坝村"},
    )

    activity = Activity.objects.get(title="农村公路视察")
    assert response.status_code == 302 and response.url == f"/activities/{activity.pk}/"
    assert (activity.township, activity.date, activity.places, activity.created_by, activity.training_form) == (
        town_a,
        date(2026, 3, 20),
        "上坝村",
        alice,
        "",
    )


def test_the_office_recording_a_deputy_not_invited_sees_why_and_nothing_changes(login, alice, town_a, held):
    invited = ActivityAttendanceFactory(activity=held)
    stranger = DeputyFactory(township=town_a, name="未邀请代表")
    before = rows_of(held)

    response = login(alice).post(
        f"/activities/{held.pk}/attendance/",
        {f"status-{invited.deputy_id}": "attended", f"status-{stranger.pk}": "attended"},
        follow=True,
    )

    assert response.status_code == 200
    errors = [str(m) for m in response.context["messages"] if m.level == messages.ERROR]
    assert len(errors) == 1 and "未邀请代表" in errors[0]
    assert rows_of(held) == before


def test_a_deputy_sees_their_activities_and_asks_leave_from_their_page(login, bob, town_a, alice, coming, held):
    mine = ActivityAttendanceFactory(activity=coming, deputy=bob.deputy)
    ActivityAttendanceFactory(activity=held, deputy=bob.deputy, status=Attendance.ATTENDED)
    client = login(bob)

    page = client.get("/activities/mine/")
    assert page.status_code == 200
    assert [r.pk for r in page.context["coming"]] == [mine.pk]
    assert [r.activity for r in page.context["past"]] == [held]

    response = client.post(f"/activities/invitations/{mine.pk}/leave/", {"reason": "外出务工"})

    assert response.status_code == 302 and response.url == "/activities/mine/"
    mine.refresh_from_db()
    assert (mine.leave_state, mine.leave_reason) == (LeaveState.PENDING, "外出务工")
    assert Notification.objects.filter(recipient=alice, url=f"/activities/{coming.pk}/").exists()


def test_a_deputy_cannot_ask_leave_from_another_deputys_invitation_page(login, bob, coming):
    other = ActivityAttendanceFactory(activity=coming)

    response = login(bob).post(f"/activities/invitations/{other.pk}/leave/", {"reason": "替他请假"})

    assert response.status_code == 404
    other.refresh_from_db()
    assert other.leave_state == LeaveState.NONE


def test_an_office_of_another_township_gets_not_found_for_an_activity(login, dave, held):
    assert login(dave).get(f"/activities/{held.pk}/").status_code == 404


def test_a_deputy_is_refused_the_activity_list(login, bob):
    assert login(bob).get("/activities/").status_code == 403


def test_the_office_invites_a_small_group_through_the_page(login, alice, town_a, coming):
    group = SmallGroupFactory(township=town_a)
    members = [DeputyFactory(township=town_a, small_group=group) for _ in range(2)]
    DeputyFactory(township=town_a, small_group=group, status=DeputyStatus.ENDED)

    response = login(alice).post(f"/activities/{coming.pk}/invite/", {"small_groups": [group.pk], "confirmed": "1"})

    assert response.status_code == 302 and response.url == f"/activities/{coming.pk}/"
    assert sorted(coming.attendances.values_list("deputy_id", flat=True)) == sorted(d.pk for d in members)


def test_inviting_to_a_coming_activity_asks_first_naming_how_many_are_told(login, alice, town_a, coming):
    group = SmallGroupFactory(township=town_a)
    for _ in range(3):
        DeputyFactory(township=town_a, small_group=group)
    client = login(alice)

    response = client.post(f"/activities/{coming.pk}/invite/", {"small_groups": [group.pk]})

    assert response.status_code == 302
    assert response.url == f"{reverse('activity_invite_confirm', args=[coming.pk])}?small_groups={group.pk}"
    assert not coming.attendances.exists()
    page = client.get(response.url)
    assert len(page.context["new"]) == 3 and 'data-told="3"' in page.content.decode()
    assert not coming.attendances.exists() and not Notification.objects.exists()


def test_the_invitation_page_of_another_towns_activity_is_not_found(login, dave, coming):
    assert login(dave).get(reverse("activity_invite_confirm", args=[coming.pk]), {"everyone": "on"}).status_code == 404


def test_a_leader_reads_an_activity_but_cannot_record_attendance(login, leo, held):
    row = ActivityAttendanceFactory(activity=held)
    client = login(leo)

    assert client.get(f"/activities/{held.pk}/").status_code == 200
    response = client.post(f"/activities/{held.pk}/attendance/", {f"status-{row.deputy_id}": "attended"})

    assert response.status_code == 403
    row.refresh_from_db()
    assert row.status == Attendance.INVITED


def test_the_activity_list_filtered_on_waiting_leave_shows_only_those_with_a_request_to_decide(
    login, alice, coming, held
):
    asked = timezone.now()
    ActivityAttendanceFactory(
        activity=coming, leave_state=LeaveState.PENDING, leave_reason="外出", leave_asked_at=asked
    )
    ActivityAttendanceFactory(activity=held, leave_state=LeaveState.APPROVED, leave_reason="外出", leave_asked_at=asked)
    response = login(alice).get(reverse("activity_list"), {"leave": "waiting"})
    assert list(response.context["page"].object_list) == [coming]


def test_saving_a_sheet_that_changes_nothing_says_so(login, alice, held):
    row = ActivityAttendanceFactory(activity=held)
    client = login(alice)
    client.post(f"/activities/{held.pk}/attendance/", {f"status-{row.deputy_id}": "attended"})

    response = client.post(f"/activities/{held.pk}/attendance/", {f"status-{row.deputy_id}": "attended"}, follow=True)

    notes = [str(m) for m in response.context["messages"] if m.level == messages.INFO]
    assert notes == [gettext("Nothing changed: the sheet already reads as you saved it.")]
