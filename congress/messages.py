"""The kinds of text message and their texts: each kind is one template registered with the SMS provider
(its code set in DJANGO_SMS_TEMPLATE_<KIND>), filled with the same named parameters everywhere.

The texts are fixed Chinese, word for word what the office registers with the provider (the README lists them
with each provider's variable syntax); the provider adds the sign name (签名) in front. A parameter the provider
limits in length is cut to PARAM_MAX characters."""

from typing import NamedTuple

# Aliyun and Tencent both refuse a template variable over 35 characters in a notification text.
PARAM_MAX = 35


class MessageKind(NamedTuple):
    kind: str
    label: str
    text: str
    params: tuple[str, ...]


KINDS: dict[str, MessageKind] = {
    kind.kind: kind
    for kind in (
        MessageKind("general", "一般通知", "{subject}。详情：{link}", ("subject", "link")),
        MessageKind(
            "duty-reminder",
            "接待日提醒",
            "{name}代表，您{date}{time}在{place}接待选民，签到或请假请点：{link}",
            ("name", "date", "time", "place", "link"),
        ),
        MessageKind(
            "substitute-asked",
            "代岗请求",
            "{name}代表，{asker}请您{date}代为接待选民，是否同意请点：{link}",
            ("name", "asker", "date", "link"),
        ),
        MessageKind(
            "proposal-replied",
            "答复评价",
            "{name}代表，您领衔的“{title}”已答复，请点此阅读并评价：{link}",
            ("name", "title", "link"),
        ),
        MessageKind("notice", "人大办通知", "{title}：{text}", ("title", "text")),
        MessageKind(
            "login",
            "登录账号",
            "{town}人大：您的登录名{login}，初始密码{password}，请登录{site}后修改密码。",
            ("town", "login", "password", "site"),
        ),
    )
}


def text_params(kind: str, params: dict) -> dict[str, str]:
    """The kind's parameters, each a string within the providers' length limit; a missing one is empty."""
    known = KINDS[kind]
    return {name: str(params.get(name, ""))[:PARAM_MAX] for name in known.params}


def render_text(kind: str, params: dict) -> str:
    """The text the deputy reads (without the sign name): the kind's template filled with its parameters."""
    known = KINDS.get(kind, KINDS["general"])
    values = {name: str(params.get(name, "")) for name in known.params}
    if known.kind == "notice":
        return known.text.format(**values)
    return known.text.format(**text_params(known.kind, values))


def template_variable(name: str) -> str:
    return name.upper().replace("-", "_")
