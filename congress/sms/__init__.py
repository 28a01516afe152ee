"""Text-message backends. DJANGO_SMS_PROVIDER picks the provider's (congress.sms.aliyun, congress.sms.tencent);
the default writes each text to the log. A backend sends one templated message and says what became of it:

- `send(phone=, kind=, params=, text=)` returns the provider's id for the message, or raises `SmsError`
  with the provider's code and message, and whether trying again may help (`permanent=False`);
- `reports(pending)` returns the delivery reports the provider has for us (may be empty). `pending` lists the
  texts it took lately that have no report yet, for a provider that is asked per text (Aliyun); one that keeps
  a queue of reports (Tencent) ignores it. It never raises: a provider it cannot reach is logged and asked
  again at the next pull.

DJANGO_SMS_ENDPOINT, when set, is the provider's host (`dysmsapi.aliyuncs.com`) or a URL with its scheme
(`http://127.0.0.1:8080`, a stand-in for tests or a proxy); empty, the provider's public host over HTTPS.
"""

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)

# A mainland mobile number: 11 digits starting with 1, optionally written with +86 / 86 in front.
MAINLAND_MOBILE = re.compile(r"^(?:\+?86)?(1[3-9]\d{9})$")


def mainland_mobile(phone: str) -> str:
    """The 11 digits of a mainland mobile number written any common way, or '' when it is not one."""
    digits = re.sub(r"[\s\-()]", "", phone or "")
    match = MAINLAND_MOBILE.match(digits)
    return match.group(1) if match else ""


class SmsError(Exception):
    """The provider did not take the message. `permanent`: the same request will never succeed (a number that
    does not exist, a template the provider refused), so it is not tried again."""

    def __init__(self, code: str, message: str, *, permanent: bool = False) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message
        self.permanent = permanent


@dataclass(frozen=True)
class SmsReport:
    """What the provider says became of one message it took."""

    provider_id: str
    phone: str
    delivered: bool
    code: str = ""
    message: str = ""
    at: datetime | None = None


class SentText(NamedTuple):
    """A text the provider took that has no delivery report yet: its id, the number, when it was taken."""

    provider_id: str
    phone: str
    sent_at: datetime


class SmsBackend:
    # A backend that calls a provider over the network: without a broker, its texts are not sent while the page
    # that caused them waits, but by the every-minute delivery job.
    remote = False

    def send(self, *, phone: str, kind: str, params: dict, text: str) -> str:
        raise NotImplementedError

    def reports(self, pending: Sequence[SentText] = ()) -> list[SmsReport]:
        return []


def provider_endpoint(public_host: str) -> tuple[str, str]:
    """The scheme (https or http) and the host[:port] to reach the provider at: DJANGO_SMS_ENDPOINT, or
    `public_host` over HTTPS."""
    endpoint = settings.SMS_ENDPOINT.strip().rstrip("/")
    if not endpoint:
        return "https", public_host
    scheme, separator, host = endpoint.rpartition("://")
    return (scheme.lower() if separator else "https"), host


class LoggingSmsBackend(SmsBackend):
    """The default: writes each message to the log instead of sending it."""

    def send(self, *, phone: str, kind: str, params: dict, text: str) -> str:
        logger.info("SMS to %s (%s): %s", phone, kind, text)
        return ""


class MemorySmsBackend(SmsBackend):
    """Keeps messages in a list; for tests. `fail_with` makes the next sends raise that error."""

    outbox: list[tuple[str, str]] = []
    sent: list[dict] = []
    fail_with: SmsError | None = None

    def send(self, *, phone: str, kind: str, params: dict, text: str) -> str:
        if MemorySmsBackend.fail_with is not None:
            raise MemorySmsBackend.fail_with
        MemorySmsBackend.outbox.append((phone, text))
        MemorySmsBackend.sent.append({"phone": phone, "kind": kind, "params": params, "text": text})
        return f"memory-{len(MemorySmsBackend.sent)}"


def get_sms_backend() -> SmsBackend:
    return import_string(settings.SMS_BACKEND)()


def sms_remote() -> bool:
    """Whether sending a text calls a provider over the network (and may take seconds)."""
    return bool(getattr(import_string(settings.SMS_BACKEND), "remote", False))


def sms_configured() -> bool:
    """Whether text messages leave the machine: a backend other than the default, which only logs them."""
    return import_string(settings.SMS_BACKEND) is not LoggingSmsBackend
