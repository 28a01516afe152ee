"""Tencent's backend, its official SDK talking to a stand-in for sms.tencentcloudapi.com on 127.0.0.1."""

import time
from datetime import UTC, datetime

import pytest

from congress.sms import SentText, SmsError, get_sms_backend
from congress.sms.tencent import PERMANENT_CODES, PULL_LIMIT
from tests.congress.sms.stand_in import (
    APP_ID,
    KEY_SECRET,
    SECRET_ID,
    SIGN_NAME,
    Answer,
    tencent_refusal,
    tencent_signature_valid,
    tencent_status,
)

PARAMS = {"name": "王芳", "asker": "李明", "date": "12月7日", "code": "Ab3dE9xKmn"}


def send(kind: str = "substitute-asked", params: dict | None = None) -> str:
    return get_sms_backend().send(phone="13900000000", kind=kind, params=params or PARAMS, text="…")


def test_a_text_is_sent_signed_with_the_template_its_ordered_parameters_and_the_sign_name(tencent):
    tencent.reply(tencent_status(serial_no="2433:3508639167171933"))
    assert send() == "2433:3508639167171933"
    [seen] = tencent.seen
    assert seen.headers["x-tc-action"] == "SendSms"
    assert seen.headers["x-tc-version"] == "2021-01-11"
    assert seen.headers["x-tc-region"] == "ap-guangzhou"
    assert seen.json() == {
        "PhoneNumberSet": ["+8613900000000"],
        "SmsSdkAppId": APP_ID,
        "SignName": SIGN_NAME,
        "TemplateId": "200002",  # substitute-asked, the third kind
        "TemplateParamSet": ["王芳", "李明", "12月7日", "Ab3dE9xKmn"],  # {1}…{4}: the kind's order
    }
    assert seen.headers["authorization"].startswith(f"TC3-HMAC-SHA256 Credential={SECRET_ID}/")
    assert "/sms/tc3_request" in seen.headers["authorization"]
    assert tencent_signature_valid(seen, KEY_SECRET)
    assert not tencent_signature_valid(seen, "another-secret")


def test_a_missing_parameter_is_sent_empty_in_its_place(tencent):
    tencent.reply(tencent_status())
    send(params={"name": "王芳", "code": "Ab3dE9xKmn"})
    assert tencent.seen[0].json()["TemplateParamSet"] == ["王芳", "", "", "Ab3dE9xKmn"]


@pytest.mark.parametrize(
    ("code", "permanent"),
    [
        ("InvalidParameterValue.IncorrectPhoneNumber", True),
        ("FailedOperation.PhoneNumberInBlacklist", True),
        ("FailedOperation.TemplateIncorrectOrUnapproved", True),
        ("FailedOperation.SignatureIncorrectOrUnapproved", True),
        ("InvalidParameterValue.TemplateParameterLengthLimit", True),
        ("LimitExceeded.PhoneNumberDailyLimit", False),
        ("FailedOperation.InsufficientBalanceInSmsPackage", False),
        ("InternalError.Timeout", False),
    ],
)
def test_a_refused_number_raises_tencents_code_and_message_and_whether_it_is_final(tencent, code, permanent):
    tencent.reply(tencent_status(code, "phone number refused", serial_no=""))
    with pytest.raises(SmsError) as raised:
        send()
    assert (raised.value.code, raised.value.message) == (code, "phone number refused")
    assert raised.value.permanent is permanent
    assert (code in PERMANENT_CODES) is permanent


@pytest.mark.parametrize(
    ("code", "permanent"),
    [
        ("AuthFailure.SecretIdNotFound", False),  # a wrong key: mended in the configuration, texts not lost
        ("AuthFailure.SignatureFailure", False),
        ("UnauthorizedOperation.SmsSdkAppIdVerifyFail", False),
        ("RequestLimitExceeded", False),
        ("FailedOperation.TemplateIncorrectOrUnapproved", True),
    ],
)
def test_a_refused_request_raises_tencents_code_and_message(tencent, code, permanent):
    tencent.reply(tencent_refusal(code, "The SecretId is not found"))
    with pytest.raises(SmsError) as raised:
        send()
    assert (raised.value.code, raised.value.message) == (code, "The SecretId is not found")
    assert raised.value.permanent is permanent


def test_an_http_error_is_a_temporary_server_network_error(tencent):
    tencent.reply({"message": "bad gateway"}, status=502)
    with pytest.raises(SmsError) as raised:
        send()
    assert raised.value.code == "ServerNetworkError"
    assert "bad gateway" in raised.value.message
    assert raised.value.permanent is False


def test_no_answer_in_time_is_a_temporary_network_error(tencent):
    tencent.reply(tencent_status(), delay=5)
    started = time.monotonic()
    with pytest.raises(SmsError) as raised:
        send()
    assert time.monotonic() - started < 4  # SMS_TIMEOUT is 1 s; no retryer
    assert raised.value.code == "ClientNetworkError"
    assert "timed out" in raised.value.message.lower()
    assert raised.value.permanent is False
    assert len(tencent.seen) == 1


def _pulled(*statuses: dict) -> dict:
    return {"Response": {"PullSmsSendStatusSet": list(statuses), "RequestId": "r"}}


def _status(serial_no: str, report: str, description: str, at: int) -> dict:
    return {
        "UserReceiveTime": at,
        "CountryCode": "86",
        "SubscriberNumber": "13900000000",
        "PhoneNumber": "+8613900000000",
        "SerialNo": serial_no,
        "ReportStatus": report,
        "Description": description,
        "SessionContext": "",
    }


def test_reports_pull_the_queue_and_parse_delivered_and_failed(tencent):
    tencent.reply(
        _pulled(
            _status("2433:1", "SUCCESS", "用户短信送达成功", 1796000000),
            _status("2433:2", "FAIL", "用户关机或不在服务区", 1796000060),
        )
    )
    ignored = [SentText("2433:9", "13900000000", datetime(2026, 12, 6, tzinfo=UTC))]
    reports = get_sms_backend().reports(ignored)
    assert [(r.provider_id, r.phone, r.delivered, r.code, r.message) for r in reports] == [
        ("2433:1", "13900000000", True, "", ""),
        ("2433:2", "13900000000", False, "FAIL", "用户关机或不在服务区"),
    ]
    assert reports[0].at == datetime.fromtimestamp(1796000000, tz=UTC)
    [seen] = tencent.seen
    assert seen.headers["x-tc-action"] == "PullSmsSendStatus"
    assert seen.json() == {"Limit": PULL_LIMIT, "SmsSdkAppId": APP_ID}


def test_reports_pull_again_while_the_queue_gives_a_full_batch(tencent):
    full = _pulled(*(_status(f"2433:{n}", "SUCCESS", "ok", 1796000000) for n in range(PULL_LIMIT)))
    tencent.answers.extend([Answer(full), Answer(_pulled(_status("2433:last", "SUCCESS", "ok", 1796000000)))])
    reports = get_sms_backend().reports()
    assert len(reports) == PULL_LIMIT + 1
    assert len(tencent.seen) == 2


def test_reports_keep_what_was_pulled_when_a_later_pull_fails(tencent):
    full = _pulled(*(_status(f"2433:{n}", "SUCCESS", "ok", 1796000000) for n in range(PULL_LIMIT)))
    refusal = tencent_refusal("UnauthorizedOperation.RequestPermissionDeny", "pulling is not enabled")
    tencent.answers.extend([Answer(full), Answer(refusal)])
    assert len(get_sms_backend().reports()) == PULL_LIMIT


def test_reports_never_raise(tencent):
    tencent.reply(tencent_refusal("InternalError.Timeout", "timeout"))
    assert get_sms_backend().reports() == []
