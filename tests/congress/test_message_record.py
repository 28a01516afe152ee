"""The record of the town's messages (短信与消息记录), as the office uses it: every message of its own town and
none of another's, the filters, this month's texts and failures, why a message waits, and sending a failed one
again — by its own town's office only."""

from datetime import datetime, timedelta

import pytest
import time_machine
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from congress.models import Notification, NotificationStatus
from congress.selectors import HoldReason, message_month, message_rows
from congress.services import notification_create, notification_deliver
from congress.sms import MemorySmsBackend, SmsError

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 11, 18, 10, 30, tzinfo=timezone.get_default_timezone())


@pytest.fixture(autouse=True)
def quiet_sms_backend():
    MemorySmsBackend.outbox.clear()
    MemorySmsBackend.fail_with = None
    yield
    MemorySmsBackend.fail_with = None


def message(town, key: str, *, name="鲍勃", phone="13900001111", user=None, subject="明天值班", kind="general"):
    return notification_create(
        recipient=user, key=key, subject=subject, township=town, phone=phone, name=name, kind=kind
    )


def failed(town, key: str, **fields) -> Notification:
    """A message whose text the provider refused for good (a number that does not exist)."""
    notification = message(town, key, **fields)
    MemorySmsBackend.fail_with = SmsError("isv.MOBILE_NUMBER_ILLEGAL", "号码不存在", permanent=True)
    notification_deliver(notification_id=notification.pk)
    MemorySmsBackend.fail_with = None
    notification.refresh_from_db()
    assert notification.status == NotificationStatus.FAILED
    return notification


def shown(response) -> list[tuple[str, str]]:
    return [(m.level_tag, str(m)) for m in get_messages(response.wsgi_request)]


def listed(response) -> list[str]:
    return [row.message.subject for row in response.context["rows"]]


def test_the_office_sees_every_message_of_its_town_newest_first(login, alice, bob, town_a):
    message(town_a, "a:1", subject="第一条")
    message(town_a, "a:2", subject="第二条", user=bob, phone="")
    response = login(alice).get(reverse("message_record"))
    assert response.status_code == 200
    assert listed(response) == ["第二条", "第一条"]
    html = response.content.decode()
    assert "13900001111" in html  # the office handles these people: the number in full
    assert 'data-channel="inbox"' in html and 'data-channel="text"' in html


def test_the_office_of_another_town_sees_none_of_its_messages(login, alice, dave, town_a, town_b):
    message(town_a, "a:1", subject="甲镇的消息", phone="13900002222")
    message(town_b, "b:1", subject="乙镇的消息", name="段誉")
    response = login(dave).get(reverse("message_record"))
    assert listed(response) == ["乙镇的消息"]
    html = response.content.decode()
    assert "甲镇的消息" not in html and "13900002222" not in html
    assert listed(login(alice).get(reverse("message_record"))) == ["甲镇的消息"]


@pytest.mark.parametrize("who", ["leo", "bob", "carol", "erin"])
def test_only_the_office_opens_the_record(login, request, who, town_a):
    message(town_a, "a:1")
    assert login(request.getfixturevalue(who)).get(reverse("message_record")).status_code == 403


def test_the_filters_narrow_by_status_kind_and_name_or_phone(login, alice, town_a):
    failed(town_a, "a:1", subject="失败的", name="王五", phone="13900003333")
    message(town_a, "a:2", subject="等待的", name="赵六", phone="13900004444", kind="notice")
    client = login(alice)
    url = reverse("message_record")
    assert listed(client.get(url, {"status": "failed"})) == ["失败的"]
    assert listed(client.get(url, {"kind": "notice"})) == ["等待的"]
    assert listed(client.get(url, {"q": "王五"})) == ["失败的"]
    assert listed(client.get(url, {"q": "139 0000-4444"})) == ["等待的"]
    assert listed(client.get(url, {"q": "无此人"})) == []


def test_the_date_filters_take_whole_local_days(login, alice, town_a):
    with time_machine.travel(NOW - timedelta(days=3), tick=False):
        message(town_a, "a:old", subject="三天前")
    with time_machine.travel(NOW.replace(hour=0, minute=5), tick=False):  # 00:05 local: still "today" here
        message(town_a, "a:new", subject="今天凌晨")
    with time_machine.travel(NOW, tick=False):
        client = login(alice)
        url = reverse("message_record")
        today = f"{NOW:%Y-%m-%d}"
        assert listed(client.get(url, {"since": today})) == ["今天凌晨"]
        assert listed(client.get(url, {"until": f"{NOW - timedelta(days=1):%Y-%m-%d}"})) == ["三天前"]
        assert listed(client.get(url, {"since": "0001-01-01", "until": "9999-12-31"})) == ["今天凌晨", "三天前"]


def test_the_month_counts_texts_taken_this_month_only(alice, town_a, town_b):
    start = NOW.replace(day=1, hour=0, minute=0)
    for key, texted in (("a:1", start + timedelta(minutes=1)), ("a:2", NOW), ("a:3", start - timedelta(minutes=1))):
        Notification.objects.filter(pk=message(town_a, key).pk).update(texted_at=texted)
    Notification.objects.filter(pk=message(town_b, "b:1").pk).update(texted_at=NOW)
    message(town_a, "a:4")  # not texted yet: not billed
    with time_machine.travel(NOW, tick=False):
        month = message_month(viewer=None, township=town_a)
    assert (month.start, month.texts, month.failed) == (start.date(), 2, 0)


def test_the_page_shows_this_months_failures_with_a_link_to_them(login, alice, town_a):
    with time_machine.travel(NOW - timedelta(days=30), tick=False):
        failed(town_a, "a:last-month")
    with time_machine.travel(NOW, tick=False):
        failed(town_a, "a:1")
        response = login(alice).get(reverse("message_record"))
    assert response.context["month"].failed == 1
    assert f'?status=failed&amp;since={NOW:%Y-%m}-01"' in response.content.decode()


def test_a_failed_row_shows_the_providers_reason_and_a_send_again_button(login, alice, town_a):
    notification = failed(town_a, "a:1")
    message(town_a, "a:2")
    html = login(alice).get(reverse("message_record")).content.decode()
    assert "isv.MOBILE_NUMBER_ILLEGAL" in html and "号码不存在" in html
    assert html.count('action="/messages/') == 1
    assert reverse("message_resend", args=[notification.pk]) in html


def test_sending_again_puts_a_failed_message_back_in_the_outbox(login, alice, town_a):
    notification = failed(town_a, "a:1")
    response = login(alice).post(reverse("message_resend", args=[notification.pk]), {"back": "status=failed&page=1"})
    assert response.status_code == 302
    assert response["Location"] == reverse("message_record") + "?status=failed&page=1"
    assert [level for level, _text in shown(response)] == ["success"]
    notification.refresh_from_db()
    assert (notification.status, notification.attempts, notification.error_code) == ("pending", 0, "")


def test_a_message_that_did_not_fail_is_not_sent_again(login, alice, town_a):
    notification = message(town_a, "a:1")
    response = login(alice).post(reverse("message_resend", args=[notification.pk]))
    assert response.status_code == 302
    assert [level for level, _text in shown(response)] == ["error"]
    notification.refresh_from_db()
    assert notification.status == NotificationStatus.PENDING


def test_another_towns_office_cannot_send_a_message_again(login, dave, town_a):
    notification = failed(town_a, "a:1")
    before = Notification.objects.values().get(pk=notification.pk)
    assert login(dave).post(reverse("message_resend", args=[notification.pk])).status_code == 404
    assert Notification.objects.values().get(pk=notification.pk) == before


def test_a_leader_cannot_send_a_message_again(login, leo, town_a):
    notification = failed(town_a, "a:1")
    assert login(leo).post(reverse("message_resend", args=[notification.pk])).status_code == 403
    notification.refresh_from_db()
    assert notification.status == NotificationStatus.FAILED


def hold_of(town, notification, at):
    with time_machine.travel(at, tick=False):
        rows = message_rows(viewer=None, township=town, rows=Notification.objects.filter(pk=notification.pk))
    return rows[0].hold


@pytest.fixture
def working_hours(settings):
    settings.SMS_QUIET_FROM, settings.SMS_QUIET_UNTIL, settings.SMS_DAILY_CAP = 21, 8, 2


def test_a_message_held_for_the_night_says_quiet_hours(working_hours, town_a):
    evening = NOW.replace(hour=22)
    notification = message(town_a, "a:1")
    assert notification_deliver(notification_id=notification.pk, now=evening) is False
    hold = hold_of(town_a, notification, evening)
    assert (hold.reason, f"{hold.until:%d %H:%M}") == (HoldReason.QUIET, "19 08:00")


def test_a_message_held_for_the_daily_cap_says_so(working_hours, alice, town_a):
    with time_machine.travel(NOW, tick=False):  # the texts are taken at this time
        for key in ("a:1", "a:2"):
            assert notification_deliver(notification_id=message(town_a, key).pk, now=NOW) is True
        notification = message(town_a, "a:3")
        assert notification_deliver(notification_id=notification.pk, now=NOW) is False
    hold = hold_of(town_a, notification, NOW)
    assert (hold.reason, f"{hold.until:%d %H:%M}") == (HoldReason.CAP, "19 08:00")
    # The office was told, with a link to the record.
    assert Notification.objects.get(recipient=alice, key__startswith="sms-cap:").url == reverse("message_record")


def test_a_message_waiting_to_be_tried_again_says_next_try(working_hours, town_a):
    notification = message(town_a, "a:1")
    MemorySmsBackend.fail_with = SmsError("isv.BUSINESS_LIMIT_CONTROL", "触发流控", permanent=False)
    assert notification_deliver(notification_id=notification.pk, now=NOW) is False
    hold = hold_of(town_a, notification, NOW)
    assert (hold.reason, f"{hold.until:%H:%M}") == (HoldReason.RETRY, "10:40")
    assert hold_of(town_a, notification, NOW + timedelta(minutes=11)) is None  # due: it waits for the sweep


def test_the_page_shows_why_a_message_waits(working_hours, login, alice, town_a):
    notification = message(town_a, "a:1")
    notification_deliver(notification_id=notification.pk, now=NOW.replace(hour=22))
    with time_machine.travel(NOW.replace(hour=22, minute=5), tick=False):
        html = login(alice).get(reverse("message_record")).content.decode()
    assert 'data-hold="quiet"' in html and "08:00" in html


def test_the_record_costs_the_same_queries_at_any_length(login, alice, bob, town_a, django_assert_max_num_queries):
    client = login(alice)
    for n in range(3):
        failed(town_a, f"a:f{n}")
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("message_record"))
    for n in range(40):
        message(town_a, f"a:{n}", user=bob if n % 2 else None)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("message_record"))
