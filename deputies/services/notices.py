"""Writes of notices (通知): the office tells the serving deputies of a group, or of the whole town, by text to
their mobile and in their inbox, one outbox message each."""

from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from congress.errors import RuleViolation
from congress.models import Notification, Township
from congress.services import notify_person
from congress.sms import mainland_mobile
from deputies.models import Deputy, DeputyStatus, LargeGroup, LinkPurpose, Notice, NoticeAudience, SmallGroup
from deputies.services.links import link_send

# The same notice to the same deputies again within this time is a second click, not a second notice.
REPEAT_WINDOW = timedelta(minutes=10)
# A notice's link (the text carries its title and this link) can be opened for this long.
NOTICE_LINK_DAYS = timedelta(days=90)


class NoticeError(RuleViolation):
    """A rule of notices refused the sending."""


@dataclass(frozen=True)
class NoticeOutcome:
    """What became of a notice at once: whom it reaches by text (and inbox when they have a login), whom by
    inbox alone, and whom it cannot reach at all."""

    notice: Notice
    texted: int
    inbox_only: int
    unreachable: list[str]


def _audience(
    township: Township, audience: str, group: LargeGroup | SmallGroup | None
) -> tuple[LargeGroup | None, SmallGroup | None]:
    """The audience's group as the notice stores it; refused when it does not fit the audience or the town."""
    wanted = {NoticeAudience.LARGE_GROUP: LargeGroup, NoticeAudience.SMALL_GROUP: SmallGroup}.get(audience)
    if audience not in NoticeAudience.values:
        raise NoticeError(_("Choose whom the notice is for."))
    if wanted is None:
        return None, None
    if not isinstance(group, wanted) or group.township_id != township.pk:
        raise NoticeError(_("Choose a group of this town."))
    return (group, None) if wanted is LargeGroup else (None, group)


def _deputies(township: Township, large: LargeGroup | None, small: SmallGroup | None) -> list[Deputy]:
    rows = Deputy.objects.filter(township=township, status=DeputyStatus.SERVING)
    if large is not None:
        rows = rows.filter(small_group__large_group=large)
    elif small is not None:
        rows = rows.filter(small_group=small)
    return list(rows.select_related("user").order_by("name", "pk"))


def _refuse_repeat(notice: Notice) -> None:
    """A double click (or a second tab) sends every deputy the same text twice, and the provider bills both."""
    repeat = Notice.objects.filter(
        township=notice.township,
        title=notice.title,
        text=notice.text,
        audience=notice.audience,
        large_group=notice.large_group,
        small_group=notice.small_group,
        created_at__gte=notice.created_at - REPEAT_WINDOW,
    )
    if repeat.exists():
        raise NoticeError(_("This notice was just sent to the same deputies; it is not sent twice."))


def _channels(deputy: Deputy) -> tuple[str, AbstractBaseUser | None]:
    """How a deputy can be told: their mobile ('' for none, or a landline, which cannot take a text and would
    only fail at the provider) and their login (None for none, or a disabled one, whose inbox nobody reads)."""
    login = deputy.user if deputy.user_id and deputy.user.is_active else None
    return mainland_mobile(deputy.phone), login


def _tell(notice: Notice, deputy: Deputy) -> None:
    """One deputy's message: a text when the register has their mobile (the notice's title and a link to read it
    in full: a provider's template cannot carry free text), their inbox when they have a login."""
    mobile, login = _channels(deputy)

    def send(code: str) -> Notification | None:
        return notify_person(
            name=deputy.name,
            phone=mobile,
            user=login,
            township=notice.township,
            key=f"{notice.key_prefix}{deputy.pk}",
            subject=notice.title,
            body=notice.text,
            url=reverse("notice_link", kwargs={"code": code}),
            kind="notice",
            params={"town": notice.township.name, "title": notice.title, "code": code},
        )

    expires_at = notice.created_at + NOTICE_LINK_DAYS
    link_send(deputy=deputy, purpose=LinkPurpose.NOTICE, target_id=notice.pk, expires_at=expires_at, send=send)


def notice_send(
    *,
    township: Township,
    user: AbstractBaseUser | None,
    title: str,
    text: str,
    audience: str,
    group: LargeGroup | SmallGroup | None = None,
) -> NoticeOutcome:
    """Send a notice to the serving deputies of the town, a large group or a small group: one message each, by
    text and inbox, all in one transaction; refused when it has no words or nobody to go to."""
    title, text = (title or "").strip(), (text or "").strip()
    if not title or not text:
        raise NoticeError(_("A notice needs a title and a text."))
    large, small = _audience(township, audience, group)
    with transaction.atomic():
        # One notice at a time per town: two clicks at once cannot both pass the check for a repeat.
        list(Township.objects.select_for_update().filter(pk=township.pk).values_list("pk"))
        deputies = _deputies(township, large, small)
        if not deputies:
            raise NoticeError(_("This group has no serving deputies."))
        channels = {deputy.pk: _channels(deputy) for deputy in deputies}
        notice = Notice(
            township=township,
            title=title,
            text=text,
            audience=audience,
            large_group=large,
            small_group=small,
            created_by=user,
            created_at=timezone.now(),
            recipients=len(deputies),
            unreachable=[d.name for d in deputies if channels[d.pk] == ("", None)],
        )
        try:
            notice.full_clean()
        except ValidationError as error:
            raise NoticeError(error.messages) from None
        _refuse_repeat(notice)
        notice.save()
        for deputy in deputies:
            if channels[deputy.pk] != ("", None):
                _tell(notice, deputy)
    texted = sum(1 for mobile, _login in channels.values() if mobile)
    return NoticeOutcome(notice, texted, len(deputies) - texted - len(notice.unreachable), notice.unreachable)
