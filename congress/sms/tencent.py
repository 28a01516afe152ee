"""Tencent Cloud (腾讯云短信, SMS API 2021-01-11) through its official SDK, tencentcloud-sdk-python-sms.

`send` calls SendSms with the kind's template id and its parameters in the kind's order (Tencent's templates
number their variables {1}, {2}, …); the number's SerialNo is the message's id. `reports` pulls the queue of
delivery reports Tencent keeps for the application (PullSmsSendStatus: each report is handed out once); it
needs no list of texts."""

import logging
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime

from django.conf import settings
from tencentcloud.common import credential
from tencentcloud.common.exception.tencent_cloud_sdk_exception import TencentCloudSDKException
from tencentcloud.common.profile.client_profile import ClientProfile
from tencentcloud.common.profile.http_profile import HttpProfile
from tencentcloud.sms.v20210111 import models
from tencentcloud.sms.v20210111.sms_client import SmsClient

from congress.messages import KINDS, SITE
from congress.sms import SentText, SmsBackend, SmsError, SmsReport, mainland_mobile, provider_endpoint

logger = logging.getLogger(__name__)

PUBLIC_HOST = "sms.tencentcloudapi.com"

# The codes after which the same text will never go out: the number, the words or the registered template
# and sign name are wrong, and trying again in an hour changes nothing. The office sends it again from the
# message record once the cause is mended. Every other code is temporary and tried again (three tries):
# InternalError.* (Tencent's side), LimitExceeded.* (flow control), RequestTimeout, ClientNetworkError and
# ServerNetworkError (no answer in time, no connection), FailedOperation.InsufficientBalanceInSmsPackage and
# UnauthorizedOperation.ServiceSuspendDueToArrears (no money left: the office tops up), and AuthFailure.*,
# InvalidParameterValue.SdkAppIdNotExist and UnauthorizedOperation.SmsSdkAppIdVerifyFail: a wrong key or
# application id is a fault of the configuration, not of the text; once the office mends it the texts
# still waiting go out instead of being lost.
PERMANENT_CODES = frozenset(
    {
        "FailedOperation.PhoneNumberInBlacklist",  # the number refused texts (unsubscribed, carrier's list)
        "FailedOperation.PhoneNumberParseFail",  # not a number
        "InvalidParameterValue.IncorrectPhoneNumber",  # not a mobile number
        "MissingParameter.EmptyPhoneNumberSet",
        "UnsupportedOperation.ChineseMainlandTemplateToGlobalPhone",
        "UnsupportedOperation.ContainDomesticAndInternationalPhoneNumber",
        "UnsupportedOperation.UnsupportedRegion",
        "FailedOperation.TemplateIncorrectOrUnapproved",  # no such approved template
        "FailedOperation.TemplateUnapprovedOrNotExist",
        "FailedOperation.TemplateParamSetNotMatchApprovedTemplate",  # parameters do not fit the template
        "FailedOperation.SignatureIncorrectOrUnapproved",  # no such approved sign name
        "FailedOperation.ContainSensitiveWord",  # the words are refused
        "InvalidParameter.DirtyWordFound",
        "InvalidParameterValue.TemplateParameterFormatError",
        "InvalidParameterValue.TemplateParameterLengthLimit",  # a parameter is too long
        "InvalidParameterValue.ProhibitedUseUrlInTemplateParameter",  # addresses belong in the template
        "InvalidParameterValue.ContentLengthLimit",  # the text is too long
    }
)
# PullSmsSendStatus hands out at most this many reports a call; a pull asks again while the queue is full.
PULL_LIMIT = 100
PULL_ROUNDS = 10


def template_text(kind: str, site: str = "<网址>") -> str:
    """The kind's text as registered with Tencent: the parameters numbered {1}, {2}, … in the kind's order."""
    known = KINDS[kind]
    return known.text.format(**{name: f"{{{number}}}" for number, name in enumerate(known.params, 1)}, **{SITE: site})


def tencent_error(code: str, message: str) -> SmsError:
    return SmsError(code, message, permanent=code in PERMANENT_CODES)


@contextmanager
def _as_sms_error() -> Iterator[None]:
    """Turns what the SDK raises into SmsError with Tencent's code: its error answer (Response.Error), or the
    SDK's own ClientNetworkError (a timeout, a refused connection) or ServerNetworkError (an HTTP error)."""
    try:
        yield
    except TencentCloudSDKException as exc:
        message = exc.message.decode("utf-8", "replace") if isinstance(exc.message, bytes) else str(exc.message)
        raise tencent_error(str(exc.code or "TencentCloudSDKException"), message) from exc


class TencentSmsBackend(SmsBackend):
    remote = True

    def __init__(self) -> None:
        scheme, host = provider_endpoint(PUBLIC_HOST)
        http = HttpProfile(protocol=scheme, endpoint=host, reqTimeout=settings.SMS_TIMEOUT)
        self.client = SmsClient(
            credential.Credential(settings.SMS_KEY_ID, settings.SMS_KEY_SECRET),
            settings.SMS_REGION,
            ClientProfile(httpProfile=http),  # no retryer: the outbox tries again itself, later
        )

    def send(self, *, phone: str, kind: str, params: dict, text: str) -> str:
        request = models.SendSmsRequest()
        request.PhoneNumberSet = [f"+86{phone}"]
        request.SmsSdkAppId = settings.SMS_APP_ID
        request.SignName = settings.SMS_SIGN_NAME
        request.TemplateId = settings.SMS_TEMPLATES[kind]
        request.TemplateParamSet = [str(params.get(name, "")) for name in KINDS[kind].params]
        with _as_sms_error():
            response = self.client.SendSms(request)
        statuses = response.SendStatusSet or []
        if not statuses:
            raise SmsError("NoSendStatus", f"Tencent answered without a status (RequestId {response.RequestId}).")
        status = statuses[0]
        if status.Code != "Ok":
            raise tencent_error(status.Code or "NoCode", status.Message or "")
        return status.SerialNo or ""

    def reports(self, pending: Sequence[SentText] = ()) -> list[SmsReport]:
        reports: list[SmsReport] = []
        for _ in range(PULL_ROUNDS):
            try:
                batch = self._pull()
            except SmsError as exc:  # unreachable, or pulling not enabled: asked again at the next pull
                logger.warning("Tencent delivery reports: %s", exc)
                break
            reports.extend(batch)
            if len(batch) < PULL_LIMIT:
                break
        return reports

    def _pull(self) -> list[SmsReport]:
        request = models.PullSmsSendStatusRequest()
        request.Limit = PULL_LIMIT
        request.SmsSdkAppId = settings.SMS_APP_ID
        with _as_sms_error():
            response = self.client.PullSmsSendStatus(request)
        reports = []
        for status in response.PullSmsSendStatusSet or []:
            if not status.SerialNo:
                continue
            delivered = status.ReportStatus == "SUCCESS"
            received = status.UserReceiveTime
            reports.append(
                SmsReport(
                    provider_id=status.SerialNo,
                    phone=mainland_mobile(status.PhoneNumber or "") or status.PhoneNumber or "",
                    delivered=delivered,
                    code="" if delivered else status.ReportStatus or "FAIL",
                    message="" if delivered else status.Description or "",
                    at=datetime.fromtimestamp(received, tz=UTC) if received else None,
                )
            )
        return reports
