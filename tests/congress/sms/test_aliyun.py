"""Aliyun's backend, its official SDK talking to a stand-in for dysmsapi.aliyuncs.com on 127.0.0.1."""

import json
import time
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from congress.sms import SentText, SmsError, get_sms_backend
from congress.sms.aliyun import PERMANENT_CODES
from tests.congress.sms.stand_in import (
    KEY_ID,
    KEY_SECRET,
    SIGN_NAME,
    Answer,
    aliyun_ok,
    aliyun_refusal,
    aliyun_signature_valid,
)

BEIJING = ZoneInfo("Asia/Shanghai")
PARAMS = {"name": "王芳", "date": "12月7日", "time": "上午", "place": "代表联络站", "code": "Ab3dE9xKmn"}


def send(kind: str = "duty-reminder", params: dict | None = None) -> str:
    return get_sms_backend().send(phone="13900000000", kind=kind, params=params or PARAMS, text="…")


def test_a_text_is_sent_signed_with_the_template_its_parameters_and_the_sign_name(aliyun):
    aliyun.reply(aliyun_ok("900619746936498440^0"))
    assert send() == "900619746936498440^0"
    [seen] = aliyun.seen
    assert seen.method == "POST"
    assert seen.headers["x-acs-action"] == "SendSms"
    assert seen.query["PhoneNumbers"] == "13900000000"
    assert seen.query["SignName"] == SIGN_NAME
    assert seen.query["TemplateCode"] == "SMS_101"  # duty-reminder, the second kind
    assert json.loads(seen.query["TemplateParam"]) == PARAMS
    assert seen.headers["authorization"].startswith(f"ACS3-HMAC-SHA256 Credential={KEY_ID},")
    assert aliyun_signature_valid(seen, KEY_SECRET)
    assert not aliyun_signature_valid(seen, "another-secret")


@pytest.mark.parametrize(
    ("code", "permanent"),
    [
        ("isv.MOBILE_NUMBER_ILLEGAL", True),
        ("isv.SMS_TEMPLATE_ILLEGAL", True),
        ("isv.SMS_SIGNATURE_ILLEGAL", True),
        ("isv.TEMPLATE_MISSING_PARAMETERS", True),
        ("isv.PARAM_LENGTH_LIMIT", True),
        ("isv.BLACK_KEY_CONTROL_LIMIT", True),
        ("isv.BUSINESS_LIMIT_CONTROL", False),
        ("isv.AMOUNT_NOT_ENOUGH", False),
        ("isp.SYSTEM_ERROR", False),
    ],
)
def test_a_refusal_raises_aliyuns_code_and_message_and_whether_it_is_final(aliyun, code, permanent):
    aliyun.reply(aliyun_refusal(code, "触发号码天级流控Permits:10" if not permanent else "该账号下找不到对应模板"))
    with pytest.raises(SmsError) as raised:
        send()
    assert raised.value.code == code
    assert raised.value.message in {"触发号码天级流控Permits:10", "该账号下找不到对应模板"}
    assert raised.value.permanent is permanent
    assert (code in PERMANENT_CODES) is permanent


@pytest.mark.parametrize("status", [400, 404, 500, 503])
def test_an_http_error_raises_aliyuns_code_and_message_as_temporary(aliyun, status):
    """A wrong key or a fault at Aliyun: the configuration is mended, the waiting texts still go out."""
    aliyun.reply(aliyun_refusal("InvalidAccessKeyId.NotFound", "Specified access key is not found."), status=status)
    with pytest.raises(SmsError) as raised:
        send()
    assert raised.value.code == "InvalidAccessKeyId.NotFound"
    assert raised.value.message == "Specified access key is not found."
    assert raised.value.permanent is False


def test_no_answer_in_time_is_a_temporary_timeout(aliyun):
    aliyun.reply(aliyun_ok(), delay=5)
    started = time.monotonic()
    with pytest.raises(SmsError) as raised:
        send()
    assert time.monotonic() - started < 4  # SMS_TIMEOUT is 1 s; the SDK does not retry
    assert raised.value.code == "Timeout"
    assert raised.value.permanent is False
    assert len(aliyun.seen) == 1


def test_no_server_is_a_temporary_network_error(aliyun, settings):
    settings.SMS_ENDPOINT = "http://127.0.0.1:9"  # discard: nothing listens
    with pytest.raises(SmsError) as raised:
        send()
    assert raised.value.code in {"NetworkError", "Timeout"}
    assert raised.value.permanent is False


def _detail(status: int, err_code: str, receive_date: str = "") -> dict:
    return {
        "SendStatus": status,
        "ErrCode": err_code,
        "PhoneNum": "13900000000",
        "SendDate": "2026-12-06 09:00:01",
        "ReceiveDate": receive_date,
        "Content": "【示范镇人大】王芳代表，…",
        "TemplateCode": "SMS_101",
        "OutId": "",
    }


def _details_answer(seen) -> Answer:
    details = {
        "biz-delivered": [_detail(3, "DELIVERED", "2026-12-06 09:00:07")],
        "biz-failed": [_detail(2, "MK:0001", "2026-12-06 09:00:09")],
        "biz-waiting": [_detail(1, "")],
    }[seen.query["BizId"]]
    return Answer(
        {
            "Code": "OK",
            "Message": "OK",
            "RequestId": "r",
            "TotalCount": len(details),
            "SmsSendDetailDTOs": {"SmsSendDetailDTO": details},
        }
    )


def test_reports_ask_for_each_text_and_parse_delivered_and_failed(aliyun):
    aliyun.answer = _details_answer
    sent_at = datetime(2026, 12, 6, 1, 0, 1, tzinfo=ZoneInfo("UTC"))  # 09:00 in Beijing
    pending = [SentText(biz, "13900000000", sent_at) for biz in ("biz-delivered", "biz-failed", "biz-waiting")]
    reports = get_sms_backend().reports(pending)
    assert [(r.provider_id, r.delivered, r.code) for r in reports] == [
        ("biz-delivered", True, ""),
        ("biz-failed", False, "MK:0001"),
    ]
    assert reports[0].at == datetime(2026, 12, 6, 9, 0, 7, tzinfo=BEIJING)
    assert reports[0].phone == "13900000000"
    queries = [seen.query for seen in aliyun.seen]
    assert [q["BizId"] for q in queries] == ["biz-delivered", "biz-failed", "biz-waiting"]
    assert {(q["PhoneNumber"], q["SendDate"]) for q in queries} == {("13900000000", "20261206")}
    assert all(seen.headers["x-acs-action"] == "QuerySendDetails" for seen in aliyun.seen)


def test_the_send_date_asked_is_beijings(aliyun):
    aliyun.answer = _details_answer
    late_evening_utc = datetime(2026, 12, 5, 17, 30, tzinfo=ZoneInfo("UTC"))  # 01:30 on the 6th in Beijing
    get_sms_backend().reports([SentText("biz-delivered", "13900000000", late_evening_utc)])
    assert aliyun.seen[0].query["SendDate"] == "20261206"


def test_reports_stop_at_the_first_error_and_never_raise(aliyun):
    aliyun.reply(aliyun_refusal("isp.SYSTEM_ERROR", "System error"), status=500)
    sent_at = datetime(2026, 12, 6, 1, 0, tzinfo=ZoneInfo("UTC"))
    assert get_sms_backend().reports([SentText(f"biz-{n}", "13900000000", sent_at) for n in range(5)]) == []
    assert len(aliyun.seen) == 1


def test_a_text_whose_question_is_refused_does_not_keep_the_others_from_being_asked(aliyun):
    def answer(seen):
        if seen.query["BizId"] == "biz-unknown":
            return Answer(aliyun_refusal("isv.INVALID_PARAMETERS", "参数格式不正确"))
        return _details_answer(seen)

    aliyun.answer = answer
    sent_at = datetime(2026, 12, 6, 1, 0, tzinfo=ZoneInfo("UTC"))
    pending = [SentText(biz, "13900000000", sent_at) for biz in ("biz-unknown", "biz-delivered")]
    assert [r.provider_id for r in get_sms_backend().reports(pending)] == ["biz-delivered"]


def test_no_pending_texts_ask_nothing(aliyun):
    assert get_sms_backend().reports([]) == []
    assert aliyun.seen == []
