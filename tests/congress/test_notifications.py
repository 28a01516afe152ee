"""The outbox: one message per event, delivered once, never lost when sending fails."""

from unittest import mock

import pytest
from django.core import mail

from congress.models import Notification, NotificationStatus
from congress.services import (
    notification_create,
    notification_deliver,
    notification_mark_read,
    notifications_deliver_pending,
)
from congress.sms import MemorySmsBackend
from tests.factories import NotificationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_sms_outbox():
    MemorySmsBackend.outbox.clear()


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
    assert MemorySmsBackend.outbox == [("13900000000", "请假已批准")]


def test_delivering_twice_sends_once():
    notification = NotificationFactory(recipient=UserFactory(email="a@example.com"))
    assert notification_deliver(notification_id=notification.pk) is True
    assert notification_deliver(notification_id=notification.pk) is False
    assert len(mail.outbox) == 1


def test_a_failed_send_stays_in_the_outbox_and_is_retried():
    notification = NotificationFactory(recipient=UserFactory(email="a@example.com"))
    with mock.patch("congress.services.send_mail", side_effect=OSError("mail server down")):
        assert notification_deliver(notification_id=notification.pk) is False
    notification.refresh_from_db()
    assert notification.status == NotificationStatus.PENDING
    assert notification.attempts == 1
    assert "mail server down" in notification.last_error
    assert notifications_deliver_pending() == 1
    notification.refresh_from_db()
    assert notification.status == NotificationStatus.SENT


def test_a_message_that_keeps_failing_is_marked_failed_after_five_attempts():
    notification = NotificationFactory(recipient=UserFactory(email="a@example.com"))
    with mock.patch("congress.services.send_mail", side_effect=OSError("refused")):
        for _ in range(6):
            notifications_deliver_pending()
    notification.refresh_from_db()
    assert notification.status == NotificationStatus.FAILED
    assert notification.attempts == 5


def test_a_broker_that_is_down_loses_no_message(django_capture_on_commit_callbacks):
    user = UserFactory(email="a@example.com")
    with mock.patch("congress.tasks.deliver_notification.delay", side_effect=ConnectionError("redis down")):
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
