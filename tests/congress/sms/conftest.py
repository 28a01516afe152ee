"""The SMS providers' tests: each provider's API stood in for by a local HTTP server (stand_in.py), the
settings pointing the provider's backend at it."""

import pytest

from congress.messages import KINDS
from tests.congress.sms.stand_in import APP_ID, KEY_ID, KEY_SECRET, SECRET_ID, SIGN_NAME, FakeProvider, serve


@pytest.fixture
def fake_provider():
    fake = FakeProvider()
    server = serve(fake)
    yield fake
    fake.released.set()
    server.shutdown()
    server.server_close()


@pytest.fixture
def aliyun(settings, fake_provider) -> FakeProvider:
    """Settings for Aliyun with its API at the stand-in; the templates' codes SMS_<n>."""
    settings.SMS_BACKEND = "congress.sms.aliyun.AliyunSmsBackend"
    settings.SMS_KEY_ID = KEY_ID
    settings.SMS_KEY_SECRET = KEY_SECRET
    settings.SMS_SIGN_NAME = SIGN_NAME
    settings.SMS_ENDPOINT = fake_provider.url
    settings.SMS_TIMEOUT = 1
    settings.SMS_TEMPLATES = {kind: f"SMS_{100 + n}" for n, kind in enumerate(KINDS)}
    return fake_provider


@pytest.fixture
def tencent(settings, fake_provider) -> FakeProvider:
    """Settings for Tencent with its API at the stand-in; the templates' ids 20000<n>."""
    settings.SMS_BACKEND = "congress.sms.tencent.TencentSmsBackend"
    settings.SMS_KEY_ID = SECRET_ID
    settings.SMS_KEY_SECRET = KEY_SECRET
    settings.SMS_SIGN_NAME = SIGN_NAME
    settings.SMS_APP_ID = APP_ID
    settings.SMS_REGION = "ap-guangzhou"
    settings.SMS_ENDPOINT = fake_provider.url
    settings.SMS_TIMEOUT = 1
    settings.SMS_TEMPLATES = {kind: str(200000 + n) for n, kind in enumerate(KINDS)}
    return fake_provider
