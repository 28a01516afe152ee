"""Text-message backends. DJANGO_SMS_PROVIDER picks the provider's (congress.sms.aliyun, congress.sms.tencent);
the default writes each text to the log. A backend sends one templated message and says what became of it:

- `send(phone=, kind=, params=, text=)` returns the provider's id for the message, or raises `SmsError`
  with the provider's code and message, and whether trying again may help (`permanent=False`);
- `reports()` returns the delivery reports the provider has for us since the last call (may be empty).
"""

import logging
import re
from dataclasses import dataclass
from datetime import datetime

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


class SmsBackend:
    # A backend that calls a provider over the network: without a broker, its texts are not sent while the page
    # that caused them waits, but by the every-minute delivery job.
    remote = False

    def send(self, *, phone: str, kind: str, params: dict, text: str) -> str:
        raise NotImplementedError

    def reports(self) -> list[SmsReport]:
        return []


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
