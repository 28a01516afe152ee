"""The outbox: one message per event, delivered once, never lost when sending fails."""

from unittest import mock

import pytest
from django.core import mail
from django.utils import timezone

from congress.errors import RuleViolation
from congress.models import Notification, NotificationStatus
from congress.services import (
    notification_create,
    notification_deliver,
    notification_mark_read,
    notification_resend,
    notifications_apply_reports,
    notifications_deliver_pending,
    notify_deputy,
)
from congress.sms import MemorySmsBackend, SmsError, SmsReport
from tests.factories import DeputyFactory, NotificationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_sms_outbox():
    MemorySmsBackend.outbox.clear()
    MemorySmsBackend.sent.clear()
    MemorySmsBackend.fail_with = None


def test_the_same_key_makes_one_message(town_a):
    user = UserFactory()
    first = notification_create(recipient=user, key="duty-reminder:1:2026-12-07", subject="明天值班", township=town_a)
    second = notification_create(recipient=user, key="duty-reminder:1:2026-12-07", subject="明天值班", township=town_a)
    assert first is not None
    assert second is None
    assert Notification.objects.filter(key="duty-reminder:1:2026-12-07").count() == 1


def test_a_created_message_is_delivered_by_mail_and_text_after_commit(django_capture_on_commit_callbacks):
    user = UserFactory(email="deputy@example.com")
    with django_capture_on_commit_callbacks(execute=True):
        notification = notification_create(recipient=user, key="k1", subject="请假已批准", phone="13900000000")
    notification.refresh_from_db()
    assert notification.status == NotificationStatus.SENT
    assert notification.sent_at is not None
    assert [m.to for m in mail.outbox] == [["deputy@example.com"]]
    assert MemorySmsBackend.outbox == [("13900000000", "请假已批准。详见http://localhost:8000")]
    assert notification.texted_at is not None and notification.provider_id == "memory-1"


def test_delivering_twice_sends_once():
    notification = NotificationFactory(recipient=UserFactory(email="a@example.com"))
    assert notification_deliver(notification_id=notification.pk) is True
    assert notification_deliver(notification_id=notification.pk) is False
    assert len(mail.outbox) == 1


def test_a_failed_send_stays_in_the_outbox_and_is_retried_after_a_wait(time_machine):
    time_machine.move_to("2026-12-01 10:00:00+08:00")
    notification = NotificationFactory(recipient=UserFactory(email="a@example.com"))
    with mock.patch("congress.services.delivery.send_mail", side_effect=OSError("mail server down")):
        assert notification_deliver(notification_id=notification.pk) is False
    notification.refresh_from_db()
    assert notification.status == NotificationStatus.PENDING
    assert notification.attempts == 1
    assert "mail server down" in notification.last_error and notification.error_code == "OSError"
    assert notifications_deliver_pending() == 0, "the next try waits"
    time_machine.move_to("2026-12-01 10:11:00+08:00")
    assert notifications_deliver_pending() == 1
    notification.refresh_from_db()
    assert notification.status == NotificationStatus.SENT and notification.last_error == ""


def test_a_message_that_keeps_failing_is_marked_failed_after_three_tries_within_the_hour(time_machine):
    time_machine.move_to("2026-12-01 10:00:00+08:00")
    notification = NotificationFactory(phone="13900000000", township=None)
    MemorySmsBackend.fail_with = SmsError("isp.SYSTEM_ERROR", "系统错误")
    try:
        tried_at = []
        for minute in range(0, 120):
            time_machine.move_to(f"2026-12-01 {10 + minute // 60}:{minute % 60:02d}:00+08:00")
            before = Notification.objects.get(pk=notification.pk).attempts
            notifications_deliver_pending()
            if Notification.objects.get(pk=notification.pk).attempts > before:
                tried_at.append(minute)
    finally:
        MemorySmsBackend.fail_with = None
    notification.refresh_from_db()
    assert notification.status == NotificationStatus.FAILED
    assert notification.attempts == 3 and tried_at == [0, 10, 50], "three tries, spread over the hour"
    assert notification.error_code == "isp.SYSTEM_ERROR" and notification.last_error == "系统错误"


def test_a_permanent_failure_is_not_tried_again():
    notification = NotificationFactory(phone="13900000000")
    MemorySmsBackend.fail_with = SmsError("isv.MOBILE_NUMBER_ILLEGAL", "非法手机号", permanent=True)
    try:
        assert notification_deliver(notification_id=notification.pk) is False
    finally:
        MemorySmsBackend.fail_with = None
    notification.refresh_from_db()
    assert notification.status == NotificationStatus.FAILED and notification.attempts == 1
    assert notification.error_code == "isv.MOBILE_NUMBER_ILLEGAL"


def test_a_number_that_is_not_a_mainland_mobile_fails_at_once_with_the_reason():
    notification = NotificationFactory(phone="0871-1234567")
    assert notification_deliver(notification_id=notification.pk) is False
    notification.refresh_from_db()
    assert notification.status == NotificationStatus.FAILED and notification.error_code == "InvalidNumber"
    assert "0871-1234567" in notification.last_error
    assert MemorySmsBackend.outbox == []


def test_a_mobile_written_with_the_country_code_or_spaces_is_texted_as_eleven_digits():
    notification = NotificationFactory(phone="+86 139 0000 1111")
    assert notification_deliver(notification_id=notification.pk) is True
    assert MemorySmsBackend.outbox[0][0] == "13900001111"


def test_a_text_sent_before_a_failed_email_is_not_sent_again_on_the_next_try(time_machine):
    time_machine.move_to("2026-12-01 10:00:00+08:00")
    notification = NotificationFactory(recipient=UserFactory(email="a@example.com"), phone="13900000000")
    with mock.patch("congress.services.delivery.send_mail", side_effect=OSError("refused")):
        notification_deliver(notification_id=notification.pk)
    time_machine.move_to("2026-12-01 10:30:00+08:00")
    assert notifications_deliver_pending() == 1
    assert len(MemorySmsBackend.outbox) == 1 and len(mail.outbox) == 1


def test_a_deputy_without_a_login_gets_the_text_and_no_inbox(town_a):
    deputy = DeputyFactory(township=town_a, user=None, phone="13900002222")
    notification = notify_deputy(deputy, key="k-person", subject="接待日提醒")
    assert notification is not None and notification.recipient is None
    assert notification.recipient_name == deputy.name and notification.phone == "13900002222"
    assert notification_deliver(notification_id=notification.pk) is True
    assert MemorySmsBackend.outbox[0][0] == "13900002222"


def test_a_person_with_neither_login_nor_phone_gets_no_message(town_a):
    deputy = DeputyFactory(township=town_a, user=None, phone="")
    assert notify_deputy(deputy, key="k-nobody", subject="提醒") is None
    assert not Notification.objects.filter(key="k-nobody").exists()


@pytest.mark.parametrize(
    ("local_time", "held_until"),
    [("21:30", "2026-12-02 08:00"), ("02:00", "2026-12-01 08:00"), ("07:59", "2026-12-01 08:00")],
)
def test_texts_wait_out_the_quiet_hours(settings, time_machine, local_time, held_until):
    settings.SMS_QUIET_FROM, settings.SMS_QUIET_UNTIL = 21, 8
    day = "2026-12-01" if local_time != "21:30" else "2026-12-01"
    time_machine.move_to(f"{day} {local_time}:00+08:00")
    notification = NotificationFactory(phone="13900000000")
    assert notification_deliver(notification_id=notification.pk) is False
    notification.refresh_from_db()
    assert notification.status == NotificationStatus.PENDING and MemorySmsBackend.outbox == []
    assert f"{timezone.localtime(notification.not_before):%Y-%m-%d %H:%M}" == held_until
    time_machine.move_to(f"{held_until}:00+08:00")
    assert notifications_deliver_pending() == 1 and len(MemorySmsBackend.outbox) == 1


def test_a_text_about_that_mornings_duty_goes_in_quiet_hours(settings, time_machine):
    settings.SMS_QUIET_FROM, settings.SMS_QUIET_UNTIL = 21, 8
    time_machine.move_to("2026-12-07 07:10:00+08:00")
    notification = NotificationFactory(phone="13900000000", urgent=True)
    assert notification_deliver(notification_id=notification.pk) is True


def test_an_inbox_only_message_is_not_held_by_the_quiet_hours(settings, time_machine):
    settings.SMS_QUIET_FROM, settings.SMS_QUIET_UNTIL = 21, 8
    time_machine.move_to("2026-12-01 23:00:00+08:00")
    notification = NotificationFactory()
    assert notification_deliver(notification_id=notification.pk) is True


def test_the_towns_daily_cap_holds_the_rest_until_the_next_morning_and_tells_the_office_once(
    settings, time_machine, town_a, alice
):
    settings.SMS_DAILY_CAP = 2
    settings.SMS_QUIET_FROM, settings.SMS_QUIET_UNTIL = 21, 8
    time_machine.move_to("2026-12-01 10:00:00+08:00")
    rows = [NotificationFactory(phone=f"1390000000{n}", township=town_a, recipient=None) for n in range(4)]
    assert notifications_deliver_pending() == 2
    held = Notification.objects.filter(pk__in=[r.pk for r in rows], status=NotificationStatus.PENDING)
    assert held.count() == 2
    assert {f"{timezone.localtime(n.not_before):%Y-%m-%d %H:%M}" for n in held} == {"2026-12-02 08:00"}
    warnings = Notification.objects.filter(key__startswith=f"sms-cap:{town_a.pk}:", recipient=alice)
    assert warnings.count() == 1 and not warnings[0].phone, "the office is told once, in the inbox"
    time_machine.move_to("2026-12-02 08:00:00+08:00")
    notifications_deliver_pending()
    assert not Notification.objects.filter(pk__in=[r.pk for r in rows], status=NotificationStatus.PENDING).exists()


def test_the_office_sends_a_failed_message_again_and_only_a_failed_one(
    town_a, town_b, django_capture_on_commit_callbacks
):
    failed = NotificationFactory(phone="13900000000", township=town_a, status=NotificationStatus.FAILED, attempts=3)
    sent = NotificationFactory(phone="13900000000", township=town_a, status=NotificationStatus.SENT)
    with pytest.raises(RuleViolation):
        notification_resend(township=town_a, notification_id=sent.pk)
    with pytest.raises(RuleViolation):
        notification_resend(township=town_b, notification_id=failed.pk)
    failed.refresh_from_db()
    assert failed.status == NotificationStatus.FAILED
    with django_capture_on_commit_callbacks(execute=True):
        notification_resend(township=town_a, notification_id=failed.pk)
    failed.refresh_from_db()
    assert failed.status == NotificationStatus.SENT and failed.attempts == 1, "delivered again at once"


def test_delivery_reports_mark_texts_delivered_or_failed():
    ok = NotificationFactory(phone="13900000000", provider_id="biz-1", status=NotificationStatus.SENT)
    bad = NotificationFactory(phone="13900000001", provider_id="biz-2", status=NotificationStatus.SENT)
    changed = notifications_apply_reports(
        reports=[
            SmsReport(provider_id="biz-1", phone="13900000000", delivered=True),
            SmsReport(provider_id="biz-2", phone="13900000001", delivered=False, code="MN:0001", message="空号"),
            SmsReport(provider_id="unknown", phone="13900000009", delivered=True),
        ]
    )
    ok.refresh_from_db()
    bad.refresh_from_db()
    assert changed == 2
    assert ok.status == NotificationStatus.DELIVERED and ok.delivered_at is not None
    assert bad.status == NotificationStatus.FAILED and bad.error_code == "MN:0001" and bad.last_error == "空号"


def test_a_broker_that_is_down_loses_no_message(django_capture_on_commit_callbacks):
    user = UserFactory(email="a@example.com")
    with mock.patch("congress.tasks.deliver_notification.apply_async", side_effect=ConnectionError("redis down")):
        with django_capture_on_commit_callbacks(execute=True):
            notification = notification_create(recipient=user, key="k-down", subject="提醒")
    notification.refresh_from_db()
    assert notification.status == NotificationStatus.PENDING
    assert notifications_deliver_pending() == 1
    assert len(mail.outbox) == 1


def test_a_claim_left_by_a_dead_worker_is_taken_up_again(time_machine):
    notification = NotificationFactory(recipient=UserFactory(email="a@example.com"))
    time_machine.move_to("2026-12-01 08:00:00+08:00")
    Notification.objects.filter(pk=notification.pk).update(
        status=NotificationStatus.SENDING, claimed_at="2026-12-01T08:00:00+08:00"
    )
    assert notifications_deliver_pending() == 0
    time_machine.move_to("2026-12-01 08:11:00+08:00")
    assert notifications_deliver_pending() == 1


def test_marking_read_touches_only_the_users_own_messages():
    mine = NotificationFactory(recipient=UserFactory(username="me"))
    theirs = NotificationFactory(recipient=UserFactory(username="them"))
    assert notification_mark_read(user=mine.recipient) == 1
    assert notification_mark_read(user=mine.recipient, notification_id=theirs.pk) == 0
    theirs.refresh_from_db()
    assert theirs.read_at is None


class SlowProviderBackend(MemorySmsBackend):
    remote = True


def test_without_a_broker_a_remote_providers_texts_wait_for_the_delivery_job_not_the_page(
    settings, django_capture_on_commit_callbacks
):
    settings.SMS_BACKEND = f"{__name__}.SlowProviderBackend"
    with django_capture_on_commit_callbacks(execute=True):
        notification = notification_create(recipient=None, key="k-remote", subject="提醒", phone="13900000000")
    notification.refresh_from_db()
    assert notification.status == NotificationStatus.PENDING and MemorySmsBackend.outbox == []
    assert notifications_deliver_pending() == 1 and len(MemorySmsBackend.outbox) == 1
