"""The duty reminders, the missing sign-in alert and the reminder of waiting leave
(petitions/services/reminders.py)."""

import re
from datetime import timedelta

import pytest
from django.utils.translation import gettext as _

from congress.models import Notification
from deputies.models import DeputyLink, LinkPurpose
from deputies.services.links import link_open
from petitions.services.reminders import duty_reminders_send, leave_pending_remind, missing_sign_in_alert
from tests.petitions.conftest import (
    BEFORE,
    DAY,
    ask_leave,
    assignment_of,
    at,
    deputy,
    mark_present,
    recipients,
    told,
    users_of,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]


# --- duty_reminders_send ----------------------------------------------------------------------------

SUNDAY = DAY - timedelta(days=1)


def test_no_reminder_is_sent_before_the_reminder_time_the_day_before(monday, time_machine):
    time_machine.move_to(at(17, 59, 59, day=SUNDAY), tick=False)

    assert duty_reminders_send() == 0

    assert not Notification.objects.filter(key__startswith="duty-reminder:").exists()


def test_from_the_reminder_time_each_deputy_on_tomorrows_day_is_reminded_once_login_or_not(monday, time_machine):
    time_machine.move_to(at(18, 0, day=SUNDAY), tick=False)

    assert duty_reminders_send() == 3

    # 王五 has no login: the text to the register's mobile reaches him all the same.
    assert told("duty-reminder:") == sorted(["张三", "李四", "王五"])
    assert recipients("duty-reminder:") == users_of("张三", "李四")


def test_sending_reminders_twice_still_reminds_each_deputy_once_with_one_link(monday, time_machine):
    time_machine.move_to(at(18, 0, day=SUNDAY), tick=False)
    duty_reminders_send()
    time_machine.move_to(at(20, 0, day=SUNDAY), tick=False)

    assert duty_reminders_send() == 0

    assert told("duty-reminder:") == sorted(["张三", "李四", "王五"])
    assert DeputyLink.objects.count() == 3


def test_a_reminder_texts_the_duty_and_a_one_tap_link_for_that_deputy_and_duty(monday, station, time_machine):
    time_machine.move_to(at(18, 0, day=SUNDAY), tick=False)

    duty_reminders_send()

    wang = assignment_of(monday, "王五")
    reminder = Notification.objects.get(key=f"duty-reminder:{wang.pk}:2026-03-02")
    code = reminder.params.pop("code")
    assert (reminder.kind, reminder.recipient, reminder.phone) == ("duty-reminder", None, deputy("王五").phone)
    assert reminder.params == {"name": "王五", "date": "3月2日", "time": "08:00", "place": station.name}
    assert reminder.url == f"/d/{code}" and re.fullmatch(r"[2-9a-zA-Z]{10}", code)
    opened = link_open(code=reminder.url.split("/")[2], purpose=LinkPurpose.DUTY, now=at(18, 0, day=SUNDAY))
    assert (opened.deputy, opened.target_id, opened.expires_at) == (deputy("王五"), wang.pk, at(8, 30))
    assert not reminder.urgent


def test_on_the_duty_morning_a_deputy_not_yet_reminded_is_reminded_by_an_urgent_text(monday, time_machine):
    time_machine.move_to(at(6, 0), tick=False)

    assert duty_reminders_send() == 3

    reminders = Notification.objects.filter(key__startswith="duty-reminder:")
    today = _("Reminder: reception duty today at %(time)s") % {"time": "08:00"}
    assert set(reminders.values_list("urgent", "subject")) == {(True, today)}


def test_deputies_reminded_the_day_before_are_not_reminded_again_on_the_morning(monday, time_machine):
    time_machine.move_to(at(18, 0, day=SUNDAY), tick=False)
    duty_reminders_send()
    time_machine.move_to(at(7, 0), tick=False)

    assert duty_reminders_send() == 0

    assert not Notification.objects.filter(key__startswith="duty-reminder:", urgent=True).exists()


def test_no_morning_reminder_before_six_nor_once_sign_in_has_closed(monday, time_machine):
    time_machine.move_to(at(5, 59), tick=False)
    assert duty_reminders_send() == 0
    time_machine.move_to(at(8, 30), tick=False)
    assert duty_reminders_send() == 0

    assert not Notification.objects.exists()
    assert not DeputyLink.objects.exists()


def test_no_reminder_is_sent_for_a_day_not_yet_published(duty_town, groups, make_day, time_machine):
    make_day(DAY, groups[0], published=False)
    time_machine.move_to(at(19, 0, day=SUNDAY), tick=False)

    assert duty_reminders_send() == 0

    assert not Notification.objects.exists()


# --- missing_sign_in_alert --------------------------------------------------------------------------


def test_no_missing_sign_in_alert_before_a_quarter_past_the_start(monday, alice, office2, time_machine):
    time_machine.move_to(at(8, 14, 59), tick=False)

    assert missing_sign_in_alert() == 0

    monday.refresh_from_db()
    assert monday.missing_alert_at is None
    assert not Notification.objects.exists()


def test_a_quarter_past_the_start_each_office_user_is_told_who_is_missing(monday, alice, office2, dave, time_machine):
    mark_present(monday, "李四")
    time_machine.move_to(at(8, 15), tick=False)

    assert missing_sign_in_alert() == 2

    alerts = Notification.objects.filter(key__startswith="missing-sign-in:")
    assert sorted(alerts.values_list("recipient__username", flat=True)) == ["alice", "olivia"]
    for alert in alerts:
        assert "张三" in alert.subject
        assert "王五" in alert.subject
        assert "李四" not in alert.subject


def test_the_missing_sign_in_alert_is_sent_once(monday, alice, office2, time_machine):
    time_machine.move_to(at(8, 15), tick=False)
    missing_sign_in_alert()
    time_machine.move_to(at(9, 0), tick=False)

    assert missing_sign_in_alert() == 0

    assert recipients("missing-sign-in:") == ["alice", "olivia"]


# --- leave_pending_remind ---------------------------------------------------------------------------


def test_the_office_is_reminded_of_waiting_leave_once_a_day(monday, alice, office2, dave, time_machine):
    ask_leave(monday, "张三")
    time_machine.move_to(BEFORE, tick=False)
    leave_pending_remind()
    time_machine.move_to(BEFORE + timedelta(hours=6), tick=False)

    assert leave_pending_remind() == 0

    assert recipients("leave-pending:") == ["alice", "olivia"]


def test_the_office_is_reminded_of_waiting_leave_again_the_next_day(monday, alice, office2, time_machine):
    ask_leave(monday, "张三")
    time_machine.move_to(BEFORE, tick=False)
    leave_pending_remind()
    time_machine.move_to(BEFORE + timedelta(days=1), tick=False)

    assert leave_pending_remind() == 2

    assert recipients("leave-pending:") == ["alice", "alice", "olivia", "olivia"]
