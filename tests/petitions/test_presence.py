"""Presence at sign-in (issue #22, part 5): where the town asks for the day's code, a sign-in without it is recorded
remote and counts nowhere until the office confirms it on the day's sheet; a wrong code (yesterday's, another
station's, made up) is refused with a message and changes nothing; the code page is the office's alone."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.utils.html import escape
from django.utils.translation import gettext as _

from congress.models import Notification
from petitions.models import AttendanceStatus, DutyAssignment, ReceptionSettings, SignInProof
from petitions.presence import clean_code, code_matches, day_code
from petitions.selectors.duty import duty_days, subsidy_sheet
from petitions.services.attendance import (
    MAX_CODE_FAILURES,
    attendance_record,
    duty_attendance_record,
    duty_days_close,
    duty_sign_in,
)
from petitions.services.duty import DutyError, duty_assignment_remove
from petitions.services.reminders import duty_reminders_send
from tests.factories import StationFactory
from tests.petitions.conftest import DAY, assignment_of, at, deputy

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]

# What the deputy is told, in the site's language (the pages' default), as the tests' gettext reads it too.
REMOTE_TOLD = "Recorded as remote at %(time)s: the congress office will confirm your attendance."
WRONG_CODE_TOLD = (
    "That is not today's code of this station. Type the code shown at the station, or sign in without it: the "
    "congress office then confirms your attendance."
)
TOO_MANY_TOLD = "Too many wrong codes. Sign in without the code: the congress office then confirms your attendance."


@pytest.fixture
def code_town(reception, monday):
    """Town A asks for the day's code; DAY is published, group 1 (张三, 李四, 王五) on duty at `station`."""
    reception.sign_in_proof = SignInProof.DAILY_CODE
    reception.save()
    return monday


def today_code(station, day=DAY) -> str:
    return day_code(station_id=station.pk, day=day)


def sign(name, station, code=None, when=None):
    return duty_sign_in(deputy=deputy(name), station=station, code=code, now=when or at(7, 40))


def subsidy_days(town) -> dict[str, int]:
    return {
        line.deputy.name: line.days
        for line in subsidy_sheet(township=town, year=DAY.year, month=DAY.month, rate=Decimal(50))
    }


# --- The code ----------------------------------------------------------------------------------------------


def test_the_code_is_six_digits_the_same_all_day_and_another_the_next_day_or_at_another_station(station):
    other = StationFactory(township=station.township)
    code = today_code(station)
    assert len(code) == 6 and code.isdigit()
    assert code == today_code(station)
    assert code != today_code(station, DAY + timedelta(days=1))
    assert code != today_code(other)


def test_a_typed_code_forgives_spaces_dashes_and_full_width_digits(station):
    code = today_code(station)
    typed = f" {code[:3]}-{code[3:]} ".translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    assert clean_code(typed) == code
    assert code_matches(station_id=station.pk, day=DAY, code=clean_code(typed))


def test_a_new_town_asks_for_the_code(town_b):
    assert ReceptionSettings(township=town_b).sign_in_proof == SignInProof.DAILY_CODE


# --- The sign-in -------------------------------------------------------------------------------------------


def test_with_the_days_code_the_sign_in_is_present_and_counted(code_town, station):
    assignment = sign("张三", station, code=today_code(station))
    assert assignment.status == AttendanceStatus.PRESENT
    assert subsidy_days(station.township) == {"张三": 1}


def test_without_the_code_the_sign_in_is_remote_and_counted_nowhere(code_town, station):
    assignment = sign("张三", station)
    assert assignment.status == AttendanceStatus.REMOTE
    assert assignment.signed_in_at == at(7, 40)
    assert subsidy_days(station.township) == {}
    assert duty_days(township=station.township).get(pk=code_town.pk).present == 0


def test_the_office_confirms_a_remote_sign_in_on_the_sheet_and_then_it_counts(code_town, station, alice):
    remote = sign("张三", station)
    changed = duty_attendance_record(
        duty_day=code_town, choices={remote.pk: AttendanceStatus.PRESENT}, notes={}, user=alice, now=at(9, 0)
    )
    remote.refresh_from_db()
    assert changed == 1
    assert remote.status == AttendanceStatus.PRESENT
    assert remote.signed_in_at == at(7, 40)  # the time the deputy signed in, kept
    assert remote.recorded_by == alice
    assert subsidy_days(station.township) == {"张三": 1}


def test_the_office_does_not_confirm_a_remote_sign_in_and_it_never_counts(code_town, station, alice):
    remote = sign("张三", station)
    duty_attendance_record(
        duty_day=code_town,
        choices={remote.pk: AttendanceStatus.ABSENT},
        notes={remote.pk: "不在站点"},
        user=alice,
        now=at(9, 0),
    )
    remote.refresh_from_db()
    assert remote.status == AttendanceStatus.ABSENT
    assert remote.signed_in_at is None
    assert subsidy_days(station.township) == {}


@pytest.mark.parametrize("which", ["yesterday", "another station", "forged"])
def test_a_wrong_code_is_refused_and_changes_nothing(code_town, station, which):
    code = {
        "yesterday": today_code(station, DAY - timedelta(days=1)),
        "another station": today_code(StationFactory(township=station.township)),
        "forged": f"{(int(today_code(station)) + 1) % 10**6:06d}",
    }[which]
    with pytest.raises(DutyError) as refusal:
        sign("张三", station, code=code)
    assert refusal.value.messages == [_(WRONG_CODE_TOLD)]
    assignment = assignment_of(code_town, "张三")
    assert assignment.status == AttendanceStatus.EXPECTED
    assert assignment.signed_in_at is None
    assert subsidy_days(station.township) == {}


def test_after_a_few_wrong_codes_even_the_right_one_is_refused_but_a_remote_sign_in_is_left(code_town, station):
    for _n in range(MAX_CODE_FAILURES):
        with pytest.raises(DutyError):
            sign("张三", station, code="000000" if today_code(station) != "000000" else "111111")
    with pytest.raises(DutyError) as refusal:
        sign("张三", station, code=today_code(station))
    assert refusal.value.messages == [_(TOO_MANY_TOLD)]
    assert sign("张三", station).status == AttendanceStatus.REMOTE


def test_the_right_code_after_a_remote_sign_in_makes_it_present(code_town, station):
    sign("张三", station)
    assignment = sign("张三", station, code=today_code(station), when=at(8, 5))
    assert assignment.status == AttendanceStatus.PRESENT
    assert assignment.signed_in_at == at(8, 5)
    assert assignment.late


def test_a_second_remote_sign_in_keeps_the_first_time(code_town, station):
    sign("张三", station)
    assert sign("张三", station, when=at(7, 55)).signed_in_at == at(7, 40)


def test_with_the_setting_off_a_sign_in_without_code_is_present_as_before(monday, reception, station):
    assert reception.sign_in_proof == SignInProof.NONE
    assert sign("张三", station).status == AttendanceStatus.PRESENT


def test_closing_the_day_leaves_a_remote_sign_in_for_the_office(code_town, station):
    sign("张三", station)
    duty_days_close(now=at(12, 0))
    assert assignment_of(code_town, "张三").status == AttendanceStatus.REMOTE
    assert assignment_of(code_town, "李四").status == AttendanceStatus.ABSENT


def test_a_deputy_signed_in_remotely_cannot_be_taken_off_the_day(code_town, station):
    remote = sign("张三", station)
    with pytest.raises(DutyError):
        duty_assignment_remove(assignment=remote, today=DAY)
    assert DutyAssignment.objects.filter(pk=remote.pk).exists()


def test_the_office_cannot_record_remote_itself(code_town, station, alice):
    with pytest.raises(DutyError):
        attendance_record(
            assignment=assignment_of(code_town, "张三"), status=AttendanceStatus.REMOTE, note="", user=alice
        )


def test_the_one_tap_text_link_without_the_code_is_remote(client, code_town, station, time_machine):
    time_machine.move_to(at(18, 0, day=DAY - timedelta(days=1)), tick=False)
    duty_reminders_send()
    wang = assignment_of(code_town, "王五")
    link = Notification.objects.get(key=f"duty-reminder:{wang.pk}:{DAY:%Y-%m-%d}").url
    time_machine.move_to(at(7, 45), tick=False)
    response = client.post(link, {"action": "sign-in"})
    wang.refresh_from_db()
    assert wang.status == AttendanceStatus.REMOTE
    assert [str(m) for m in get_messages(response.wsgi_request)] == [_("Your sign-in is received.")]
    page = client.get(link).content.decode()
    assert _(REMOTE_TOLD) % {"time": "07:45"} in page  # the page says it is remote, once


# --- The pages ---------------------------------------------------------------------------------------------


def test_the_days_qr_link_carries_the_code_and_one_tap_signs_in_present(client, code_town, station, time_machine):
    time_machine.move_to(at(7, 40), tick=False)
    client.force_login(deputy("张三").user)
    code = today_code(station)
    html = client.get(f"/duty/sign-in/{station.pk}/?code={code}").content.decode()
    assert f'name="code" value="{code}"' in html
    client.post(f"/duty/sign-in/{station.pk}/", {"code": code})
    assert assignment_of(code_town, "张三").status == AttendanceStatus.PRESENT


def test_the_deputy_is_told_plainly_a_sign_in_without_the_code_is_remote(client, code_town, station, time_machine):
    time_machine.move_to(at(7, 40), tick=False)
    client.force_login(deputy("张三").user)
    page = client.post(f"/duty/sign-in/{station.pk}/", {"code": ""}, follow=True).content.decode()
    assert page.count(_(REMOTE_TOLD) % {"time": "07:40"}) == 1  # said once, by the page, not again by a message
    assert 'data-state="remote"' in page
    assert assignment_of(code_town, "张三").status == AttendanceStatus.REMOTE


def test_a_wrong_code_on_the_page_is_told_and_nothing_changes(client, code_town, station, time_machine):
    time_machine.move_to(at(7, 40), tick=False)
    client.force_login(deputy("张三").user)
    forged = f"{(int(today_code(station)) + 1) % 10**6:06d}"
    response = client.post(f"/duty/sign-in/{station.pk}/", {"code": forged}, follow=True)
    assert response.status_code == 200
    assert escape(_(WRONG_CODE_TOLD)) in response.content.decode()
    assignment = assignment_of(code_town, "张三")
    assert assignment.status == AttendanceStatus.EXPECTED
    assert assignment.code_failures == 1


def test_the_office_sheet_shows_who_signed_in_remotely_and_all_present_leaves_them(
    login, alice, code_town, station, time_machine
):
    time_machine.move_to(at(7, 40), tick=False)
    remote = sign("张三", station)
    html = login(alice).get(f"/duty/days/{code_town.pk}/").content.decode()
    row = html[html.index(f'data-assignment="{remote.pk}"') :]
    row = row[: row.index("</tr>")]
    assert "data-remote" in row
    assert "data-keep" in row  # the "all present" button does not confirm them blindly


def test_the_office_reads_the_code_page_with_the_code_and_its_sign_in_link(login, alice, station, time_machine):
    time_machine.move_to(at(7, 0), tick=False)
    html = login(alice).get(f"/duty/stations/{station.pk}/code/").content.decode()
    code = today_code(station)
    assert f"data-day-code>{code}<" in html
    assert "data-reload-after" not in html  # a page being read or printed does not reload
    screen = login(alice).get(f"/duty/stations/{station.pk}/code/?screen=1").content.decode()
    assert 'data-reload-after="61260"' in screen  # 17 hours and a minute: just after midnight
    assert "<svg" in html


def test_the_code_page_reloads_itself_just_after_midnight(login, alice, station, time_machine):
    time_machine.move_to(at(23, 59), tick=False)
    html = login(alice).get(f"/duty/stations/{station.pk}/code/?screen=1").content.decode()
    assert 'data-reload-after="120"' in html
    assert "js/station-screen.js" in html
    assert "station-screen" in html


@pytest.mark.parametrize("who", ["bob", "carol", "leo", "erin"])
def test_no_one_but_the_office_reads_the_code_page(request, login, station, who):
    response = login(request.getfixturevalue(who)).get(f"/duty/stations/{station.pk}/code/")
    assert response.status_code == 403
    assert today_code(station) not in response.content.decode()


def test_anonymous_is_sent_to_the_login_from_the_code_page(client, station):
    response = client.get(f"/duty/stations/{station.pk}/code/")
    assert response.status_code == 302 and response["Location"].startswith("/login/")


def test_another_towns_office_cannot_read_the_code_page(login, dave, station):
    assert login(dave).get(f"/duty/stations/{station.pk}/code/").status_code == 404


def test_the_office_chooses_no_code_in_the_settings(login, alice, reception, station):
    reception.sign_in_proof = SignInProof.DAILY_CODE
    reception.save()
    data = {
        "weekday_list": ["0"],
        "start_time": "08:00",
        "window_opens": "07:30",
        "window_closes": "08:30",
        "sign_in_proof": SignInProof.NONE,
        "station": station.pk,
        "subsidy_per_duty": "50.00",
        "reminder_time": "18:00",
        "holidays": "",
    }
    assert login(alice).post("/duty/settings/", data).status_code == 302
    reception.refresh_from_db()
    assert reception.sign_in_proof == SignInProof.NONE


def test_an_unknown_choice_in_the_settings_is_refused_and_changes_nothing(login, alice, reception, station):
    data = {"weekday_list": ["0"], "start_time": "08:00", "window_opens": "07:30", "window_closes": "08:30"}
    data |= {"sign_in_proof": "trust_me", "station": station.pk, "subsidy_per_duty": "50", "reminder_time": "18:00"}
    assert login(alice).post("/duty/settings/", data).status_code == 200
    reception.refresh_from_db()
    assert reception.sign_in_proof == SignInProof.NONE
