"""Aliyun (阿里云短信服务, Dysmsapi 2017-05-25) through its official SDK, alibabacloud-dysmsapi20170525.

`send` calls SendSms with the kind's template code and its parameters as JSON; the answer's BizId is the
message's id. `reports` asks QuerySendDetails, text by text, what became of the texts it is given (Aliyun
keeps no queue of reports for an API caller without its message service, MNS, so each is asked for)."""

import json
import logging
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from zoneinfo import ZoneInfo

from alibabacloud_dysmsapi20170525 import models
from alibabacloud_dysmsapi20170525.client import Client
from alibabacloud_tea_openapi.utils_models import Config
from darabonba.runtime import RuntimeOptions
from django.conf import settings
from django.utils import timezone
from Tea.exceptions import TeaException

from congress.messages import KINDS, SITE
from congress.sms import SentText, SmsBackend, SmsError, SmsReport, provider_endpoint

logger = logging.getLogger(__name__)

PUBLIC_HOST = "dysmsapi.aliyuncs.com"
# Aliyun's dates and times (SendDate, ReceiveDate) are Beijing's.
BEIJING = ZoneInfo("Asia/Shanghai")

# The codes after which the same text will never go out: the number, the words or the registered template
# and sign name are wrong, and trying again in an hour changes nothing. The office sends it again from the
# message record once the cause is mended. Every other code is temporary and tried again (three tries):
# isp.SYSTEM_ERROR and isp.GATEWAY_ERROR (Aliyun's side), isv.BUSINESS_LIMIT_CONTROL and isv.DAY_LIMIT_CONTROL
# (flow control: the number had too many texts lately), isv.AMOUNT_NOT_ENOUGH and isv.OUT_OF_SERVICE (no
# money left: the office tops up), and the account's own faults (InvalidAccessKeyId.NotFound,
# SignatureDoesNotMatch, isp.RAM_PERMISSION_DENY, isv.PRODUCT_UN_SUBSCRIPT, isv.ACCOUNT_ABNORMAL): a wrong
# key is mended in the configuration, and the texts waiting then still go out.
PERMANENT_CODES = frozenset(
    {
        "isv.MOBILE_NUMBER_ILLEGAL",  # not a mobile number
        "isv.MOBILE_COUNT_OVER_LIMIT",  # more numbers than one request takes
        "isv.DOMESTIC_NUMBER_NOT_SUPPORTED",  # an international template to a mainland number
        "isv.SMS_TEMPLATE_ILLEGAL",  # no such approved template in the account
        "isv.SMS_SIGNATURE_ILLEGAL",  # no such approved sign name in the account
        "isv.SMS_SIGN_ILLEGAL",  # the sign name may not be used
        "isv.SMS_SIGNATURE_SCENE_ILLEGAL",  # sign name and template are of different kinds
        "isv.SIGNATURE_BLACKLIST",  # the sign name is blacklisted
        "isv.TEMPLATE_MISSING_PARAMETERS",  # the parameters do not fill the template
        "isv.TEMPLATE_PARAMS_ILLEGAL",  # a parameter holds forbidden words
        "isv.INVALID_PARAMETERS",  # a malformed parameter
        "isv.INVALID_JSON_PARAM",  # the parameters are no JSON object of strings
        "isv.PARAM_LENGTH_LIMIT",  # a parameter is too long
        "isv.PARAM_NOT_SUPPORT_URL",  # a parameter holds an address: addresses belong in the template
        "isv.BLACK_KEY_CONTROL_LIMIT",  # a parameter holds a blacklisted word
        "isv.SMS_CONTENT_ILLEGAL",  # the text holds forbidden content
        "isv.EXTEND_CODE_ERROR",  # a wrong extension code
    }
)
# QuerySendDetails' SendStatus: 1 waiting for the carrier's receipt, 2 failed, 3 delivered.
SEND_FAILED, SEND_DELIVERED = 2, 3


def template_text(kind: str, site: str = "<网址>") -> str:
    """The kind's text as registered with Aliyun: each parameter a named variable, ${name}."""
    known = KINDS[kind]
    return known.text.format(**{name: f"${{{name}}}" for name in known.params}, **{SITE: site})


def aliyun_error(code: str, message: str) -> SmsError:
    return SmsError(code, message, permanent=code in PERMANENT_CODES)


@contextmanager
def _as_sms_error() -> Iterator[None]:
    """Turns what the SDK raises into SmsError: Aliyun's code and message when it answered with an error,
    a temporary NetworkError when it did not answer in time or could not be reached."""
    try:
        yield
    except TeaException as exc:
        if not exc.code:  # no answer: the SDK wraps the error of the request (a timeout, a refused connection)
            raise network_error(getattr(getattr(exc, "inner_exception", None), "message", None) or str(exc)) from exc
        data = exc.data if isinstance(exc.data, dict) else {}
        raise aliyun_error(str(exc.code), str(data.get("Message") or exc.message)) from exc
    except OSError as exc:
        raise network_error(str(exc)) from exc


def network_error(message: str) -> SmsError:
    """Aliyun did not answer: always temporary."""
    return SmsError("Timeout" if "timed out" in message.lower() else "NetworkError", message)


class AliyunSmsBackend(SmsBackend):
    remote = True

    def __init__(self) -> None:
        scheme, host = provider_endpoint(PUBLIC_HOST)
        self.client = Client(
            Config(
                access_key_id=settings.SMS_KEY_ID,
                access_key_secret=settings.SMS_KEY_SECRET,
                endpoint=host,
                protocol=scheme,
            )
        )

    def _runtime(self) -> RuntimeOptions:
        milliseconds = int(settings.SMS_TIMEOUT * 1000)
        # No retry inside the SDK: the outbox tries again itself, later, and counts the tries.
        return RuntimeOptions(read_timeout=milliseconds, connect_timeout=milliseconds, autoretry=False)

    def send(self, *, phone: str, kind: str, params: dict, text: str) -> str:
        request = models.SendSmsRequest(
            phone_numbers=phone,
            sign_name=settings.SMS_SIGN_NAME,
            template_code=settings.SMS_TEMPLATES[kind],
            template_param=json.dumps({name: str(value) for name, value in params.items()}, ensure_ascii=False),
        )
        with _as_sms_error():
            body = self.client.send_sms_with_options(request, self._runtime()).body
        if body.code != "OK":
            raise aliyun_error(body.code or "NoCode", body.message or "")
        return body.biz_id or ""

    def reports(self, pending: Sequence[SentText] = ()) -> list[SmsReport]:
        reports: list[SmsReport] = []
        for done, text in enumerate(pending):
            try:
                reports.extend(self._report(text))
            except SmsError as exc:
                if exc.permanent:  # this text's question is refused: the others are still asked
                    logger.warning("Aliyun delivery report of %s: %s", text.provider_id, exc)
                    continue
                # Aliyun unreachable or busy: the rest waits for the next pull
                logger.warning("Aliyun delivery reports: %s; %s texts left for the next pull", exc, len(pending) - done)
                break
        return reports

    def _report(self, text: SentText) -> list[SmsReport]:
        request = models.QuerySendDetailsRequest(
            phone_number=text.phone,
            biz_id=text.provider_id,
            send_date=timezone.localtime(text.sent_at, BEIJING).strftime("%Y%m%d"),
            page_size=10,
            current_page=1,
        )
        with _as_sms_error():
            body = self.client.query_send_details_with_options(request, self._runtime()).body
        if body.code != "OK":
            raise aliyun_error(body.code or "NoCode", body.message or "")
        details = body.sms_send_detail_dtos.sms_send_detail_dto if body.sms_send_detail_dtos else None
        reports = []
        for detail in details or []:
            if detail.send_status not in (SEND_FAILED, SEND_DELIVERED):
                continue  # still waiting for the carrier
            delivered = detail.send_status == SEND_DELIVERED
            reports.append(
                SmsReport(
                    provider_id=text.provider_id,
                    phone=detail.phone_num or text.phone,
                    delivered=delivered,
                    code="" if delivered else detail.err_code or "",
                    message="" if delivered else detail.err_code or "",
                    at=_aliyun_time(detail.receive_date),
                )
            )
        return reports


def _aliyun_time(value: str | None) -> datetime | None:
    """Aliyun's '2024-05-06 09:30:00', Beijing time, as an aware datetime."""
    try:
        return datetime.strptime(value or "", "%Y-%m-%d %H:%M:%S").replace(tzinfo=BEIJING)
    except ValueError:
        return None
