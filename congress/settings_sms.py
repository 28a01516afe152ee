"""The text-message settings (README, "Text messages"), read from the environment; part of congress.settings,
which imports each name. A provider named without what it needs stops the start with a clear message."""

from django.core.exceptions import ImproperlyConfigured

from congress.env import env_int, env_str
from congress.messages import KINDS as MESSAGE_KINDS
from congress.messages import template_variable

# Text messages: DJANGO_SMS_PROVIDER is aliyun or tencent (their official SDKs) or empty, which only writes each
# text to the log. DJANGO_SMS_BACKEND, a dotted path, overrides it with a class of one's own.
SMS_PROVIDERS = {
    "": "congress.sms.LoggingSmsBackend",
    "aliyun": "congress.sms.aliyun.AliyunSmsBackend",
    "tencent": "congress.sms.tencent.TencentSmsBackend",
}
SMS_PROVIDER = env_str("DJANGO_SMS_PROVIDER").lower()
if SMS_PROVIDER not in SMS_PROVIDERS:
    raise ImproperlyConfigured(f"DJANGO_SMS_PROVIDER={SMS_PROVIDER!r} is not one of: aliyun, tencent (or empty).")
SMS_BACKEND = env_str("DJANGO_SMS_BACKEND", SMS_PROVIDERS[SMS_PROVIDER])
SMS_KEY_ID = env_str("DJANGO_SMS_KEY_ID")  # Aliyun AccessKey ID, Tencent SecretId
SMS_KEY_SECRET = env_str("DJANGO_SMS_KEY_SECRET")  # Aliyun AccessKey Secret, Tencent SecretKey
SMS_SIGN_NAME = env_str("DJANGO_SMS_SIGN_NAME")  # the sign name (签名) the provider approved
SMS_APP_ID = env_str("DJANGO_SMS_APP_ID")  # Tencent's SmsSdkAppId
SMS_REGION = env_str("DJANGO_SMS_REGION", "ap-guangzhou")  # Tencent's region
# The provider's API host (HTTPS), or a URL with its scheme (http://127.0.0.1:8080, a stand-in); empty: its public one.
SMS_ENDPOINT = env_str("DJANGO_SMS_ENDPOINT")
if "://" in SMS_ENDPOINT and not SMS_ENDPOINT.lower().startswith(("http://", "https://")):
    raise ImproperlyConfigured(f"DJANGO_SMS_ENDPOINT={SMS_ENDPOINT!r} is neither a host nor an http(s):// URL.")
SMS_TIMEOUT = env_int("DJANGO_SMS_TIMEOUT", 10)  # seconds before a provider's answer counts as a temporary failure
# One template code per kind of message (congress/messages.py): DJANGO_SMS_TEMPLATE_DUTY_REMINDER and so on.
SMS_TEMPLATES = {kind: env_str(f"DJANGO_SMS_TEMPLATE_{template_variable(kind)}") for kind in MESSAGE_KINDS}
if SMS_PROVIDER:
    _needed = {"DJANGO_SMS_KEY_ID": SMS_KEY_ID, "DJANGO_SMS_KEY_SECRET": SMS_KEY_SECRET}
    _needed["DJANGO_SMS_SIGN_NAME"] = SMS_SIGN_NAME
    if SMS_PROVIDER == "tencent":
        _needed["DJANGO_SMS_APP_ID"] = SMS_APP_ID
    _needed |= {f"DJANGO_SMS_TEMPLATE_{template_variable(kind)}": code for kind, code in SMS_TEMPLATES.items()}
    _needed["DJANGO_SITE_URL"] = env_str("DJANGO_SITE_URL")
    for _name, _value in _needed.items():
        if not _value:
            raise ImproperlyConfigured(f"DJANGO_SMS_PROVIDER={SMS_PROVIDER} needs {_name}; it is not set.")
# No text between these hours (local time) unless it is about that morning's duty: it waits until the end.
SMS_QUIET_FROM = env_int("DJANGO_SMS_QUIET_FROM", 21)
SMS_QUIET_UNTIL = env_int("DJANGO_SMS_QUIET_UNTIL", 8)
# At most this many texts a town a day; the rest wait for the next morning and the office is told.
SMS_DAILY_CAP = env_int("DJANGO_SMS_DAILY_CAP", 500)
