"""The kinds of text message and their texts: each kind is one template registered with the SMS provider
(its code set in DJANGO_SMS_TEMPLATE_<KIND>), filled with the same named parameters everywhere.

The texts are fixed Chinese, word for word what the office registers with the provider (`manage.py
sms_templates` prints them for this site, in each provider's variable syntax); the provider adds the sign name
(签名) in front. The providers refuse an address in a variable, so `{site}` is not a parameter: it is the site's
own address (DJANGO_SITE_URL), written into the template when it is registered; only a link's short code
varies. A parameter is cut to PARAM_MAX characters, the providers' limit."""

from typing import NamedTuple

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

# Aliyun and Tencent both refuse a template variable over 35 characters in a notification text.
PARAM_MAX = 35
# Where the site's address goes in a template: fixed text, not a variable.
SITE = "site"


class MessageKind(NamedTuple):
    kind: str
    label: Promise  # the kind's name on the office's pages, translated
    text: str
    params: tuple[str, ...]
    # Parameters the office's record of messages shows hidden (a voter's verification code).
    secret: tuple[str, ...] = ()


KINDS: dict[str, MessageKind] = {
    kind.kind: kind
    for kind in (
        MessageKind("general", _("General message"), "{subject}。详见{site}", ("subject",)),
        MessageKind(
            "duty-reminder",
            _("Duty reminder"),
            "{name}代表：您{date}{time}在{place}接待选民，签到或请假请点{site}/d/{code}",
            ("name", "date", "time", "place", "code"),
        ),
        MessageKind(
            "substitute-asked",
            _("Stand-in request"),
            "{name}代表：{asker}请您{date}代为接待选民，是否同意请点{site}/t/{code}",
            ("name", "asker", "date", "code"),
        ),
        MessageKind(
            "proposal-replied",
            _("Reply to rate"),
            "{name}代表：您领衔的“{title}”已答复，阅读并评价请点{site}/r/{code}",
            ("name", "title", "code"),
        ),
        MessageKind(
            "notice",
            _("Notice"),
            "{town}人大办通知：“{title}”，全文请点{site}/n/{code}",
            ("town", "title", "code"),
        ),
        MessageKind(
            "login",
            _("Login and password"),
            "{town}人大：您的登录名{login}，初始密码{password}，登录后请改密码：{site}",
            ("town", "login", "password"),
        ),
        # The voters' side: a voter has no login; the private link's secret is 32 characters, within PARAM_MAX.
        MessageKind(
            "matter-code",
            _("Voter's verification code"),
            "{town}人大：您的验证码{code}，10分钟内有效。如非本人操作，请忽略本短信。",
            ("town", "code"),
            ("code",),
        ),
        MessageKind(
            "matter-received",
            _("Voter's matter received"),
            "{town}人大：您反映的事项已收到，编号{reference}，办理进展请点{site}/m/{token}",
            ("town", "reference", "token"),
        ),
        MessageKind(
            "matter-update",
            _("Voter's matter: a step"),
            "{town}人大：您反映的事项{reference}{step}，详情请点{site}/m/{token}",
            ("town", "reference", "step", "token"),
        ),
        MessageKind(
            "matter-arrived",
            _("A voter's matter to take"),
            "{name}：{point}收到群众反映的事项{reference}，请登录{site}受理",
            ("name", "point", "reference"),
        ),
    )
}


def message_text(*, kind: str, params: dict, subject: str) -> tuple[str, dict[str, str], str]:
    """A stored message's kind, its parameters as sent and its text as the person reads it; a general message's
    subject is its parameter."""
    kind = kind if kind in KINDS else "general"
    params = {"subject": subject, **params} if kind == "general" else dict(params)
    return kind, text_params(kind, params), render_text(kind, params)


def record_text(*, kind: str, params: dict, subject: str) -> str:
    """The text as the office's record of messages shows it: a secret parameter hidden."""
    kind = kind if kind in KINDS else "general"
    hidden = {name: "******" for name in KINDS[kind].secret if name in params}
    return message_text(kind=kind, params={**params, **hidden}, subject=subject)[2]


def text_params(kind: str, params: dict) -> dict[str, str]:
    """The kind's parameters, each a string within the providers' length limit; a missing one is empty."""
    known = KINDS[kind]
    return {name: str(params.get(name, ""))[:PARAM_MAX] for name in known.params}


def site_address() -> str:
    from django.conf import settings

    return settings.SITE_URL


def render_text(kind: str, params: dict) -> str:
    """The text the person reads (without the sign name): the kind's template filled with its parameters."""
    known = KINDS.get(kind, KINDS["general"])
    return known.text.format(**text_params(known.kind, params), **{SITE: site_address()})


def template_variable(name: str) -> str:
    return name.upper().replace("-", "_")
