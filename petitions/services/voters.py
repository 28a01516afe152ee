"""Writes of the voters' side (群众意见建议): the text-message code that proves the mobile, the matter stored once
the code is right (with its photos, the voter's receipt and the office's and deputies' notices), and the
voter's rating of the answer. A voter has no login: the mobile and its code stand for them."""

import hashlib
import hmac
import secrets
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from congress.errors import RuleViolation
from congress.models import Township
from congress.services import notification_create, notify_deputy, notify_office
from deputies.models import Station
from petitions.models import MatterPhoto, MatterRating, MatterStatus, PhoneCode, VoterMatter
from petitions.selectors import voters as selectors
from petitions.services.matter_updates import matter_tell

CODE_VALID = timedelta(minutes=10)
CODE_TRIES = 3
# New codes: one a minute and five an hour to a mobile, twenty an hour from one address.
CODE_GAP = timedelta(minutes=1)
CODES_PER_PHONE_HOUR = 5
CODES_PER_ADDRESS_HOUR = 20
# Matters from one mobile, counted from the stored rows: a person with real matters leaves a few a day.
MATTERS_PER_HOUR = 3
MATTERS_PER_DAY = 10
# How often a reference is tried again when another matter of the town took the same number at the same moment.
REFERENCE_RETRIES = 5


class VoterError(RuleViolation):
    """A rule of the voters' side refused the request."""


@dataclass(frozen=True)
class MatterDraft:
    """What the voter typed in the form, checked: the photos are already normalised (congress.images)."""

    station: Station
    village: str
    content: str
    phone: str
    code: str
    name: str = ""
    public_allowed: bool = False
    photos: list[ContentFile] = field(default_factory=list)


def code_hash(phone: str, code: str) -> str:
    """The code as it is kept: an HMAC with the site's secret, so a copy of the table does not give the codes."""
    return hmac.new(settings.SECRET_KEY.encode(), f"{phone}:{code}".encode(), hashlib.sha256).hexdigest()


def _check_may_leave(*, township: Township, phone: str, now) -> None:
    """Refuse a blocked mobile (without saying why beyond the need) and one that left too many matters lately."""
    if selectors.phone_blocked(township=township, phone=phone):
        raise VoterError(_("This mobile number cannot leave a matter here. Please call the congress office."))
    if selectors.matters_from_phone(phone=phone, since=now - timedelta(hours=1)) >= MATTERS_PER_HOUR:
        raise VoterError(
            _("This mobile has left %(count)d matters in the last hour; please try again later.")
            % {"count": MATTERS_PER_HOUR}
        )
    if selectors.matters_from_phone(phone=phone, since=now - timedelta(days=1)) >= MATTERS_PER_DAY:
        raise VoterError(
            _("This mobile has left %(count)d matters today; please try again tomorrow.") % {"count": MATTERS_PER_DAY}
        )


def _check_may_send_code(*, phone: str, ip_address: str | None, now) -> None:
    hour_ago = now - timedelta(hours=1)
    last = selectors.last_code(phone=phone, now=now)
    if last is not None and last.created_at > now - CODE_GAP:
        raise VoterError(_("A code was sent to this mobile less than a minute ago. Wait a minute before asking again."))
    if selectors.codes_sent(phone=phone, since=hour_ago) >= CODES_PER_PHONE_HOUR:
        raise VoterError(_("Too many codes were sent to this mobile in the last hour. Please try again later."))
    if ip_address and selectors.codes_sent(ip_address=ip_address, since=hour_ago) >= CODES_PER_ADDRESS_HOUR:
        raise VoterError(_("Too many codes were asked from this network in the last hour. Please try again later."))


@transaction.atomic
def phone_code_send(*, township: Township, phone: str, ip_address: str | None, now=None) -> PhoneCode:
    """Send a six-digit code to the voter's mobile (kept only as its hash, valid ten minutes), unless the
    mobile is blocked, left too many matters, or asked too many codes."""
    now = now or timezone.now()
    _check_may_leave(township=township, phone=phone, now=now)
    _check_may_send_code(phone=phone, ip_address=ip_address, now=now)
    code = f"{secrets.randbelow(1_000_000):06d}"
    row = PhoneCode.objects.create(
        township=township,
        phone=phone,
        code_hash=code_hash(phone, code),
        created_at=now,
        expires_at=now + CODE_VALID,
        ip_address=ip_address,
    )
    # Urgent: the voter waits for it with the form open, whatever the hour.
    notification_create(
        recipient=None,
        key=f"matter-code:{row.pk}",
        subject=_("Verification code"),
        township=township,
        phone=phone,
        kind="matter-code",
        params={"town": township.name, "code": code},
        urgent=True,
    )
    return row


def _code_take(*, phone: str, code: str, now) -> str:
    """Check the typed code against the mobile's latest one: 'ok' (and it is spent), or why not. A wrong try
    is counted; the third spends the code."""
    row = PhoneCode.objects.select_for_update().filter(phone=phone).order_by("-id").first()
    if row is None or row.used_at is not None:
        return "none"
    if row.attempts >= CODE_TRIES:
        return "spent"
    if row.expires_at <= now:
        return "expired"
    if not hmac.compare_digest(row.code_hash, code_hash(phone, code)):
        row.attempts += 1
        row.save(update_fields=["attempts"])
        return "spent" if row.attempts >= CODE_TRIES else "wrong"
    row.used_at = now
    row.save(update_fields=["used_at"])
    return "ok"


CODE_REFUSALS = {
    "none": lambda: _("Ask for a code first: press “Get code” and type the six digits of the text message."),
    "expired": lambda: _("The code has expired (it is valid for 10 minutes). Request a new code."),
    "wrong": lambda: _("The code is wrong. Check the text message and type it again."),
    "spent": lambda: _("The code was typed wrong three times and can no longer be used. Request a new code."),
}


def voter_matter_submit(*, township: Township, draft: MatterDraft, ip_address: str | None, now=None) -> VoterMatter:
    """Store the voter's matter once the code is right: the matter with its reference, its photos, the step
    "received" on the private link, the receipt texted to the voter, and the notices to the office and to
    the contact point's deputies. A wrong code is counted (three spend it) and stores nothing else."""
    now = now or timezone.now()
    matter = None
    # The wrong try must stay counted though the request is refused: the block commits, then the refusal.
    with transaction.atomic():
        _check_may_leave(township=township, phone=draft.phone, now=now)
        outcome = _code_take(phone=draft.phone, code=draft.code, now=now)
        if outcome == "ok":
            matter = _matter_store(township=township, draft=draft, ip_address=ip_address, now=now)
    if matter is None:
        raise VoterError(CODE_REFUSALS[outcome]())
    return matter


def _matter_create(*, township: Township, draft: MatterDraft, ip_address: str | None, now) -> VoterMatter:
    """The matter with the town's next reference of the year (2026-0001): two matters at once that take the
    same number meet the unique constraint, and the later one takes the next."""
    year = timezone.localtime(now).year
    taken = VoterMatter.objects.for_township(township).filter(reference__startswith=f"{year}-").count()
    for attempt in range(REFERENCE_RETRIES):
        try:
            with transaction.atomic():
                return VoterMatter.objects.create(
                    township=township,
                    reference=f"{year}-{taken + 1 + attempt:04d}",
                    station=draft.station,
                    village=draft.village,
                    content=draft.content,
                    name=draft.name,
                    phone=draft.phone,
                    ip_address=ip_address,
                    public_allowed=draft.public_allowed,
                    created_at=now,
                )
        except IntegrityError:
            continue
    raise VoterError(_("Too many matters arrived at the same moment. Please send it again."))


def _matter_store(*, township: Township, draft: MatterDraft, ip_address: str | None, now) -> VoterMatter:
    matter = _matter_create(township=township, draft=draft, ip_address=ip_address, now=now)
    for photo in draft.photos:
        MatterPhoto.objects.create(
            township=township, matter=matter, image=photo, width=photo.width, height=photo.height
        )
    matter_tell(
        matter=matter,
        kind="received",
        text=_("Your matter was received with the reference %(reference)s. The congress office will take it up.")
        % {"reference": matter.reference},
        step=_("received"),
        at=now,
        sms=False,
    )
    notification_create(
        recipient=None,
        key=f"matter-received:{matter.pk}",
        subject=_("Your matter %(reference)s was received") % {"reference": matter.reference},
        township=township,
        phone=matter.phone,
        name=matter.name,
        kind="matter-received",
        params={"town": township.name, "reference": matter.reference, "token": matter.token},
    )
    _matter_announce(matter=matter)
    return matter


def _matter_announce(*, matter: VoterMatter) -> None:
    """Tell the office (inbox) and the deputies of the contact point (text and inbox) that a matter arrived."""
    subject = _("A voter's matter %(reference)s arrived at %(point)s") % {
        "reference": matter.reference,
        "point": matter.station.name,
    }
    # The office's queue (visits/matters/<pk>/, named "matter_detail") lives under the visits' pages.
    notify_office(
        township=matter.township,
        key=f"matter-arrived:{matter.pk}",
        subject=subject,
        body=matter.content[:200],
        url=f"{reverse('visit_list')}matters/{matter.pk}/",
    )
    for deputy in selectors.station_deputies(station=matter.station):
        notify_deputy(
            deputy,
            key=f"matter-arrived:{matter.pk}:deputy:{deputy.pk}",
            subject=subject,
            body=matter.content[:200],
            kind="matter-arrived",
            params={"name": deputy.name, "point": matter.station.name, "reference": matter.reference},
        )


@transaction.atomic
def voter_matter_rate(*, token: str, rating: str, now=None) -> VoterMatter:
    """The voter rates the answer: satisfied or basically closes the matter; "not satisfied" returns it to the
    office the first time, and closes it with that rating the second time."""
    now = now or timezone.now()
    matter = VoterMatter.objects.select_for_update().exclude(status=MatterStatus.SPAM).get(token=token)
    if matter.status != MatterStatus.ANSWERED:
        raise VoterError(_("This matter is not waiting for your rating."))
    if rating not in MatterRating.values:
        raise VoterError(_("Choose one of the ratings."))
    if rating == MatterRating.NOT and matter.reopened_at is None:
        matter.status = MatterStatus.HANDLING
        matter.reopened_at = now
        matter.save(update_fields=["status", "reopened_at"])
        text = _("You were not satisfied with the answer; the matter went back to the congress office.")
        matter_tell(matter=matter, kind="returned", text=text, step=_("returned to the office"), at=now, sms=False)
        notify_office(
            township=matter.township,
            key=f"matter-returned:{matter.pk}",
            subject=_("The voter was not satisfied with matter %(reference)s: it is back in the queue")
            % {"reference": matter.reference},
            url=f"{reverse('visit_list')}matters/{matter.pk}/",
        )
        return matter
    matter.status, matter.closed_at = MatterStatus.CLOSED, now
    matter.rating, matter.rated_at = rating, now
    matter.save(update_fields=["status", "closed_at", "rating", "rated_at"])
    text = _("You rated the answer: %(rating)s. The matter is closed.") % {"rating": MatterRating(rating).label}
    matter_tell(matter=matter, kind="rated", text=text, step=_("closed"), at=now, sms=False)
    return matter
