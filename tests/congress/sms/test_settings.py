"""A provider chosen with a setting missing stops the start, naming the variable to set."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from congress.messages import KINDS, template_variable

ROOT = Path(__file__).resolve().parents[3]
BASE = {"DJANGO_SECRET_KEY": "settings-test-key", "DJANGO_DEBUG": "1"}
COMPLETE = {
    "DJANGO_SMS_PROVIDER": "aliyun",
    "DJANGO_SMS_KEY_ID": "LTAI5tTestKeyId",
    "DJANGO_SMS_KEY_SECRET": "secret",
    "DJANGO_SMS_SIGN_NAME": "示范镇人大",
    "DJANGO_SITE_URL": "https://rd.example.cn",
} | {f"DJANGO_SMS_TEMPLATE_{template_variable(kind)}": f"SMS_{n}" for n, kind in enumerate(KINDS)}


def _import_settings(**env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL", "CELERY_"))}
    return subprocess.run(
        [sys.executable, "-c", "import congress.settings as s; print(s.SMS_BACKEND)"],
        cwd=ROOT,
        env=clean | BASE | env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_aliyun_without_a_key_id_stops_the_start_naming_it():
    env = dict(COMPLETE)
    del env["DJANGO_SMS_KEY_ID"]
    result = _import_settings(**env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "DJANGO_SMS_PROVIDER=aliyun needs DJANGO_SMS_KEY_ID" in result.stderr


def test_tencent_without_an_app_id_stops_the_start_naming_it():
    result = _import_settings(**COMPLETE | {"DJANGO_SMS_PROVIDER": "tencent"})
    assert result.returncode != 0
    assert "DJANGO_SMS_APP_ID" in result.stderr


def test_an_unknown_provider_stops_the_start():
    result = _import_settings(DJANGO_SMS_PROVIDER="twilio")
    assert result.returncode != 0
    assert "DJANGO_SMS_PROVIDER='twilio' is not one of: aliyun, tencent" in result.stderr


@pytest.mark.parametrize(
    ("provider", "backend"),
    [("aliyun", "congress.sms.aliyun.AliyunSmsBackend"), ("tencent", "congress.sms.tencent.TencentSmsBackend")],
)
def test_a_complete_provider_starts_with_its_backend(provider, backend):
    result = _import_settings(**COMPLETE | {"DJANGO_SMS_PROVIDER": provider, "DJANGO_SMS_APP_ID": "1400000001"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == backend


def test_an_endpoint_with_another_scheme_stops_the_start():
    result = _import_settings(**COMPLETE | {"DJANGO_SMS_ENDPOINT": "ftp://dysmsapi.aliyuncs.com"})
    assert result.returncode != 0
    assert "DJANGO_SMS_ENDPOINT='ftp://dysmsapi.aliyuncs.com' is neither a host nor an http(s):// URL" in result.stderr


@pytest.mark.parametrize(
    ("endpoint", "expected"),
    [
        ("", ("https", "dysmsapi.aliyuncs.com")),
        ("dysmsapi-vpc.cn-hangzhou.aliyuncs.com", ("https", "dysmsapi-vpc.cn-hangzhou.aliyuncs.com")),
        ("http://127.0.0.1:8080/", ("http", "127.0.0.1:8080")),
        ("HTTPS://sms.internal:8443", ("https", "sms.internal:8443")),
    ],
)
def test_the_endpoint_is_a_host_or_a_url(settings, endpoint, expected):
    from congress.sms import provider_endpoint

    settings.SMS_ENDPOINT = endpoint
    assert provider_endpoint("dysmsapi.aliyuncs.com") == expected
