"""The outbox delivering through each provider's real backend and SDK to the stand-in: three tries for a
temporary refusal, one for a permanent one, and the delivery reports recorded."""

import json

import pytest
from django.utils import timezone

from congress.models import Notification, NotificationStatus
from congress.services import (
    MAX_ATTEMPTS,
    RETRY_AFTER,
    notification_deliver,
    notifications_deliver_pending,
    sms_reports_pull,
)
from tests.congress.sms.stand_in import aliyun_ok, aliyun_refusal, tencent_refusal, tencent_status

pytestmark = pytest.mark.django_db

PARAMS = {"subject": "12月10日代表小组活动"}
PROVIDERS = {
    "aliyun": {
        "ok": aliyun_ok("biz-1"),
        "temporary": ("isv.BUSINESS_LIMIT_CONTROL", aliyun_refusal("isv.BUSINESS_LIMIT_CONTROL", "触发分钟级流控")),
        "permanent": ("isv.MOBILE_NUMBER_ILLEGAL", aliyun_refusal("isv.MOBILE_NUMBER_ILLEGAL", "手机号码格式错误")),
    },
    "tencent": {
        "ok": tencent_status(serial_no="2433:1"),
        "temporary": ("LimitExceeded.PhoneNumberOneHourLimit", tencent_status("LimitExceeded.PhoneNumberOneHourLimit")),
        "permanent": (
            "FailedOperation.PhoneNumberInBlacklist",
            tencent_status("FailedOperation.PhoneNumberInBlacklist"),
        ),
    },
}


@pytest.fixture(params=list(PROVIDERS))
def provider(request):
    """(name, the stand-in with the settings pointing that provider's backend at it)"""
    return request.param, request.getfixturevalue(request.param)


def _message() -> Notification:
    return Notification.objects.create(
        key="general:test", subject="12月10日代表小组活动", phone="13900000000", kind="general", params=PARAMS
    )


def _sends(fake) -> int:
    return sum(
        1 for seen in fake.seen if seen.headers.get("x-acs-action", seen.headers.get("x-tc-action")) == "SendSms"
    )


def test_a_temporary_refusal_is_tried_three_times_then_fails_with_the_providers_code(provider):
    name, fake = provider
    code, refusal = PROVIDERS[name]["temporary"]
    fake.reply(refusal)
    message = _message()
    now = timezone.now()
    assert notification_deliver(notification_id=message.pk, now=now) is False
    message.refresh_from_db()
    assert (message.status, message.attempts, message.error_code) == (NotificationStatus.PENDING, 1, code)
    assert notifications_deliver_pending(now=now + RETRY_AFTER[0] / 2) == 0  # not due yet
    assert _sends(fake) == 1
    now += RETRY_AFTER[0]
    assert notifications_deliver_pending(now=now) == 0
    message.refresh_from_db()
    assert (message.status, message.attempts) == (NotificationStatus.PENDING, 2)
    now += RETRY_AFTER[1]
    assert notification_deliver(notification_id=message.pk, now=now) is False
    message.refresh_from_db()
    assert (message.status, message.attempts, message.error_code) == (NotificationStatus.FAILED, MAX_ATTEMPTS, code)
    assert message.not_before is None
    assert notifications_deliver_pending(now=now + RETRY_AFTER[1] * 10) == 0
    assert _sends(fake) == MAX_ATTEMPTS == 3


def test_a_permanent_refusal_fails_after_one_try(provider):
    name, fake = provider
    code, refusal = PROVIDERS[name]["permanent"]
    fake.reply(refusal)
    message = _message()
    now = timezone.now()
    assert notification_deliver(notification_id=message.pk, now=now) is False
    message.refresh_from_db()
    assert (message.status, message.attempts, message.error_code) == (NotificationStatus.FAILED, 1, code)
    assert notifications_deliver_pending(now=now + RETRY_AFTER[0] + RETRY_AFTER[1]) == 0
    assert _sends(fake) == 1


def test_no_answer_in_time_is_tried_again(provider, settings):
    name, fake = provider
    fake.reply(PROVIDERS[name]["ok"], delay=5)
    message = _message()
    assert notification_deliver(notification_id=message.pk, now=timezone.now()) is False
    message.refresh_from_db()
    assert (message.status, message.attempts) == (NotificationStatus.PENDING, 1)
    assert message.error_code in {"Timeout", "ClientNetworkError"}


def test_a_sent_text_keeps_the_providers_id_and_its_delivery_report_is_recorded(aliyun):
    aliyun.reply(aliyun_ok("biz-1"))
    message = _message()
    assert notification_deliver(notification_id=message.pk) is True
    message.refresh_from_db()
    assert (message.status, message.provider_id) == (NotificationStatus.SENT, "biz-1")
    sent = aliyun.seen[0]
    assert json.loads(sent.query["TemplateParam"]) == PARAMS
    aliyun.answers.clear()
    detail = {"SendStatus": 3, "ErrCode": "DELIVERED", "PhoneNum": "13900000000", "ReceiveDate": "2026-12-06 09:00:07"}
    aliyun.reply({"Code": "OK", "Message": "OK", "SmsSendDetailDTOs": {"SmsSendDetailDTO": [detail]}})
    assert sms_reports_pull() == 1
    message.refresh_from_db()
    assert message.status == NotificationStatus.DELIVERED
    query = aliyun.seen[-1].query
    assert (query["BizId"], query["PhoneNumber"]) == ("biz-1", "13900000000")
    assert query["SendDate"] == timezone.localdate(message.texted_at).strftime("%Y%m%d")
    assert sms_reports_pull() == 0  # a delivered text is not asked for again
    assert len(aliyun.seen) == 2


def test_a_failure_report_from_tencent_marks_the_text_failed(tencent):
    tencent.reply(tencent_status(serial_no="2433:77"))
    message = _message()
    assert notification_deliver(notification_id=message.pk) is True
    tencent.answers.clear()
    failed = {"SerialNo": "2433:77", "PhoneNumber": "+8613900000000", "ReportStatus": "FAIL"}
    tencent.reply({"Response": {"PullSmsSendStatusSet": [failed | {"Description": "空号"}], "RequestId": "r"}})
    assert sms_reports_pull() == 1
    message.refresh_from_db()
    assert (message.status, message.error_code, message.last_error) == (NotificationStatus.FAILED, "FAIL", "空号")


def test_a_refused_request_from_tencent_counts_as_the_same_refusal(tencent):
    tencent.reply(tencent_refusal("AuthFailure.SecretIdNotFound", "The SecretId is not found"))
    message = _message()
    notification_deliver(notification_id=message.pk, now=timezone.now())
    message.refresh_from_db()
    assert (message.status, message.error_code) == (NotificationStatus.PENDING, "AuthFailure.SecretIdNotFound")
    assert message.last_error == "The SecretId is not found"
