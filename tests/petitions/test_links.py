"""A deputy's one-tap links on their phone, with no login (petitions/views/links.py): the duty reminder's link signs
in inside the day's window or asks leave before the day; the stand-in request's link accepts or declines. A link
opened after its time, by another deputy, or a second time for another action is refused with a message, and
nothing changes."""

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.utils.translation import gettext as _

from congress.models import Notification
from deputies.models import DeputyLink, LinkAction, LinkPurpose
from deputies.services.links import link_create
from petitions.models import AttendanceStatus, LeaveRequest, LeaveStatus, SubstituteStatus
from petitions.services.reminders import duty_reminders_send
from tests.petitions.conftest import BEFORE, DAY, ask_leave, assignment_of, at, deputy, reload
from tests.snapshots import snapshot

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]

SUNDAY_EVENING = at(18, 0, day=DAY.replace(day=1))


@pytest.fixture
def reminded(monday, time_machine):
    """The reminders of DAY sent on Sunday evening; returns the path of 王五's link (he has no login)."""
    time_machine.move_to(SUNDAY_EVENING, tick=False)
    duty_reminders_send()
    wang = assignment_of(monday, "王五")
    return Notification.objects.get(key=f"duty-reminder:{wang.pk}:{DAY:%Y-%m-%d}").url


def told(response) -> list[tuple[str, str]]:
    """The messages the answer carries to the next page, which `tap` then opens (so they are shown once)."""
    return response.told


def tap(client: Client, path: str, data: dict):
    """Post what a tap posts, note the messages it leaves, and open the page it leads back to (as the phone does)."""
    response = client.post(path, data)
    response.told = [(m.level_tag, str(m)) for m in get_messages(response.wsgi_request)]
    if response.status_code == 302:
        client.get(response["Location"])
    return response


# --- The duty link ------------------------------------------------------------------------------------------


def test_the_duty_link_shows_the_deputy_the_duty_with_no_login_and_writes_nothing(client, reminded, station):
    before = snapshot()

    response = client.get(reminded)

    page = response.content.decode()
    assert response.status_code == 200
    assert all(text in page for text in ("王五", station.name, station.address, "08:00"))
    assert 'value="leave"' in page and 'value="sign-in"' not in page  # the day before: leave, no sign-in yet
    assert snapshot() == before


def test_inside_the_window_one_tap_signs_the_deputy_in(client, monday, reminded, time_machine):
    time_machine.move_to(at(7, 50), tick=False)
    assert 'value="sign-in"' in client.get(reminded).content.decode()

    response = tap(client, reminded, {"action": "sign-in"})

    assert response.status_code == 302 and response["Location"] == reminded
    wang = assignment_of(monday, "王五")
    assert (wang.status, wang.signed_in_at, wang.late) == (AttendanceStatus.PRESENT, at(7, 50), False)
    assert DeputyLink.objects.get(target_id=wang.pk).used_action == LinkAction.SIGN_IN
    assert "07:50" in client.get(reminded).content.decode()


def test_tapping_sign_in_twice_keeps_the_first_time(client, monday, reminded, time_machine):
    time_machine.move_to(at(7, 50), tick=False)
    tap(client, reminded, {"action": "sign-in"})
    time_machine.move_to(at(7, 55), tick=False)

    response = tap(client, reminded, {"action": "sign-in"})

    assert [level for level, _text in told(response)] == ["success"]
    assert assignment_of(monday, "王五").signed_in_at == at(7, 50)


def test_before_the_window_opens_sign_in_is_refused_and_nothing_changes(client, monday, reminded, time_machine):
    time_machine.move_to(at(7, 0), tick=False)
    before = snapshot()

    response = tap(client, reminded, {"action": "sign-in"})

    assert told(response) == [("error", _("Sign-in opens at %(time)s.") % {"time": "07:30"})]
    assert snapshot() == before


def test_the_day_before_sign_in_is_refused_and_nothing_changes(client, reminded):
    before = snapshot()

    response = tap(client, reminded, {"action": "sign-in"})

    assert [level for level, _text in told(response)] == ["error"]
    assert snapshot() == before


def test_after_the_window_closes_the_link_is_refused_saying_so_and_nothing_changes(client, reminded, time_machine):
    time_machine.move_to(at(8, 31), tick=False)
    before = snapshot()

    for response in (client.get(reminded), tap(client, reminded, {"action": "sign-in"})):
        assert response.status_code == 410
        assert (_("This link was valid until %(when)s; it has expired.") % {"when": "2026-03-02 08:30"}) in (
            response.content.decode()
        )
    assert snapshot() == before


def test_before_the_day_the_link_asks_leave_once(client, monday, reminded, time_machine, alice):
    time_machine.move_to(BEFORE.replace(day=28), tick=False)
    data = {"action": "leave", "reason": "家中有事"}

    tap(client, reminded, data)
    response = tap(client, reminded, data)  # tapped twice: nothing new

    leave = LeaveRequest.objects.get()
    assert (leave.assignment, leave.reason, leave.status) == (assignment_of(monday, "王五"), "家中有事", "pending")
    assert [level for level, _text in told(response)] == ["success"]
    assert Notification.objects.filter(key=f"leave-asked:{leave.pk}:{alice.pk}").exists()


def test_leave_without_a_reason_shows_the_form_again_and_nothing_changes(client, reminded):
    before = snapshot()

    response = tap(client, reminded, {"action": "leave", "reason": ""})

    assert response.status_code == 200 and response.context["form"].errors
    assert snapshot() == before


def test_a_link_used_to_ask_leave_cannot_sign_in(client, monday, reminded, time_machine):
    tap(client, reminded, {"action": "leave", "reason": "家中有事"})
    LeaveRequest.objects.update(status=LeaveStatus.REFUSED)
    time_machine.move_to(at(7, 50), tick=False)

    response = tap(client, reminded, {"action": "sign-in"})

    [(level, text)] = told(response)
    assert level == "error" and text.startswith(
        _("This link was already used to %(action)s at %(when)s; it can do nothing else.").split("%")[0]
    )
    assert assignment_of(monday, "王五").status == AttendanceStatus.EXPECTED


def test_another_deputy_logged_in_on_the_phone_is_refused_and_nothing_changes(login, monday, reminded, bob):
    client = login(bob)
    before = snapshot()

    assert client.get(reminded).status_code == 403
    assert tap(client, reminded, {"action": "leave", "reason": "有事"}).status_code == 403

    assert snapshot() == before


def test_an_unknown_code_opens_a_page_that_says_so(client, reminded):
    response = client.get("/d/abcdefghjk")

    assert response.status_code == 404
    assert _("This link is not known. Open the whole link from the text message, or ask the congress office.") in (
        response.content.decode()
    )


def test_a_duty_link_opened_as_a_stand_in_link_is_refused(client, reminded):
    assert Client().get(reminded.replace("/d/", "/t/")).status_code == 404


# --- The stand-in link --------------------------------------------------------------------------------------


@pytest.fixture
def asked(monday, groups):
    """张三 asks leave from DAY with 钱七 to stand in; returns the path of 钱七's link."""
    leave = ask_leave(monday, "张三", substitute=deputy("钱七"))
    return leave, Notification.objects.get(key=f"substitute-asked:{leave.pk}").url


def test_the_stand_in_link_shows_who_asks_and_the_day(client, asked, station):
    leave, path = asked

    page = client.get(path).content.decode()

    assert all(text in page for text in ("钱七", "张三", station.name, 'value="accept"', 'value="decline"'))


def test_the_stand_in_link_accepts_once_and_refuses_declining_afterwards(client, asked):
    leave, path = asked

    tap(client, path, {"answer": "accept"})
    again = tap(client, path, {"answer": "accept"})
    declined = tap(client, path, {"answer": "decline"})

    assert reload(leave).substitute_status == SubstituteStatus.ACCEPTED
    assert [level for level, _text in told(again)] == ["success"]
    assert [level for level, _text in told(declined)] == ["error"]


def test_the_stand_in_link_expires_when_the_duty_day_starts(client, asked, time_machine):
    leave, path = asked
    time_machine.move_to(at(8, 0), tick=False)

    assert tap(client, path, {"answer": "accept"}).status_code == 410

    assert reload(leave).substitute_status == SubstituteStatus.ASKED


def test_a_stand_in_link_never_answers_for_another_request(client, asked, monday):
    leave, _path = asked
    other = ask_leave(monday, "李四")
    code = link_create(
        deputy=deputy("钱七"), purpose=LinkPurpose.SUBSTITUTE, target_id=other.pk, expires_at=at(8, 0)
    )  # a link naming a request that did not ask 钱七

    assert tap(client, f"/t/{code}", {"answer": "accept"}).status_code == 404

    assert reload(other).substitute_status == SubstituteStatus.NONE
