"""Writes of one-tap links: making a deputy's link with the message that carries it, opening it, using it once.

A link is a random code of CODE_LENGTH letters from congress.services.READABLE (55 letters: about 58 bits, so
that guessing a live link is hopeless without any rate limit), kept only as its SHA-256. It does one thing, for
one deputy and one row of theirs, until it expires; once used for one action it does nothing else."""

import hashlib
from collections.abc import Callable
from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.crypto import get_random_string
from django.utils.translation import gettext as _

from congress.errors import RuleViolation
from congress.models import Notification
from congress.services import READABLE
from deputies.models import PURPOSE_ACTIONS, Deputy, DeputyLink, LinkAction
from deputies.selectors.links import Row, link_target

CODE_LENGTH = 10

# How a page answers each refusal (LinkError.code): not found, gone, or not yours.
STATUS_BY_CODE = {"unknown": 404, "purpose": 404, "target": 404, "expired": 410, "viewer": 403}


class LinkError(RuleViolation):
    """A one-tap link refused: unknown, for another page, expired, another deputy's, or already used."""

    @property
    def status(self) -> int:
        """The HTTP status a page answers this refusal with."""
        return STATUS_BY_CODE.get(getattr(self, "code", None) or "", 409)


def _digest(code: str) -> str:
    return hashlib.sha256(code.encode()).hexdigest()


def _when(moment: datetime) -> str:
    return f"{timezone.localtime(moment):%Y-%m-%d %H:%M}"


def link_create(*, deputy: Deputy, purpose: str, target_id: int, expires_at: datetime) -> str:
    """Make a link for the deputy to act on one row of theirs until `expires_at`; returns its code (kept nowhere
    but in the message that carries it)."""
    code = get_random_string(CODE_LENGTH, READABLE)
    DeputyLink.objects.create(
        township_id=deputy.township_id,
        deputy=deputy,
        purpose=purpose,
        target_id=target_id,
        code_hash=_digest(code),
        expires_at=expires_at,
    )
    return code


def link_send(
    *,
    deputy: Deputy,
    purpose: str,
    target_id: int,
    expires_at: datetime,
    send: Callable[[str], Notification | None],
) -> Notification | None:
    """Make a link and send it with `send(code)` (a notify_deputy call with the message's key). When that message
    was sent before (a job ran twice), the new link is dropped with it: each message carries one link."""
    with transaction.atomic():
        code = link_create(deputy=deputy, purpose=purpose, target_id=target_id, expires_at=expires_at)
        notification = send(code)
        if notification is None:
            transaction.set_rollback(True)
    return notification


def link_open(
    *, code: str, purpose: str, viewer: AbstractBaseUser | AnonymousUser | None = None, now: datetime | None = None
) -> DeputyLink:
    """The link with this code, if it is for this page (`purpose`) and has not expired; a deputy logged in on
    the phone may open only their own. Opening writes nothing."""
    now = now or timezone.now()
    link = None
    if len(code) == CODE_LENGTH:
        link = DeputyLink.objects.select_related("deputy", "township").filter(code_hash=_digest(code)).first()
    if link is None:
        raise LinkError(
            _("This link is not known. Open the whole link from the text message, or ask the congress office."),
            code="unknown",
        )
    if link.purpose != purpose:
        raise LinkError(_("This link is not for this page."), code="purpose")
    if now >= link.expires_at:
        raise LinkError(
            _("This link was valid until %(when)s; it has expired.") % {"when": _when(link.expires_at)},
            code="expired",
        )
    user_id = getattr(viewer, "pk", None) if viewer is not None and viewer.is_authenticated else None
    if user_id is not None and user_id != link.deputy.user_id and Deputy.objects.filter(user_id=user_id).exists():
        raise LinkError(
            _("This link is %(name)s's; you are logged in as another deputy.") % {"name": link.deputy.name},
            code="viewer",
        )
    return link


def link_open_with_target(
    *,
    code: str,
    purpose: str,
    rows: QuerySet[Row],
    deputy_field: str = "deputy",
    viewer: AbstractBaseUser | AnonymousUser | None = None,
    now: datetime | None = None,
) -> tuple[DeputyLink, Row]:
    """Open the link (link_open) and find the row of `rows` it acts on, in its town and its deputy's own."""
    link = link_open(code=code, purpose=purpose, viewer=viewer, now=now)
    target = link_target(link=link, rows=rows, deputy_field=deputy_field)
    if target is None:
        raise LinkError(_("What this link was for no longer exists. Ask the congress office."), code="target")
    return link, target


def link_use(*, link: DeputyLink, action: str, now: datetime | None = None) -> bool:
    """Use the link for `action`, once: call it inside the transaction of the action itself, so that a refused
    action leaves the link unused. Returns True when this use is the first, False when the link was already
    used for this same action (show what it did); used for another action, it is refused."""
    now = now or timezone.now()
    if action not in PURPOSE_ACTIONS[link.purpose]:
        raise LinkError(_("This link cannot do that."), code="action")
    with transaction.atomic():
        # Claim once: of two taps at the same moment only one uses the link.
        claimed = DeputyLink.objects.filter(pk=link.pk, used_at__isnull=True).update(used_at=now, used_action=action)
        if claimed == 1:
            link.used_at, link.used_action = now, action
            return True
    link.refresh_from_db(fields=["used_at", "used_action"])
    if link.used_action == action:
        return False
    raise LinkError(
        _("This link was already used to %(action)s at %(when)s; it can do nothing else.")
        % {"action": LinkAction(link.used_action).label, "when": _when(link.used_at)},
        code="used",
    )
