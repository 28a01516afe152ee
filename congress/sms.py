"""Text-message backends. A deployment names its own in DJANGO_SMS_BACKEND (a class with send())."""

import logging

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)


class LoggingSmsBackend:
    """The default: writes each message to the log instead of sending it."""

    def send(self, *, phone: str, text: str) -> None:
        logger.info("SMS to %s: %s", phone, text)


class MemorySmsBackend:
    """Keeps messages in a list; for tests."""

    outbox: list[tuple[str, str]] = []

    def send(self, *, phone: str, text: str) -> None:
        MemorySmsBackend.outbox.append((phone, text))


def get_sms_backend():
    return import_string(settings.SMS_BACKEND)()


def sms_configured() -> bool:
    """Whether text messages leave the machine: a backend other than the default, which only logs them."""
    return import_string(settings.SMS_BACKEND) is not LoggingSmsBackend
