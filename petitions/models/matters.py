"""The voters' side (群众意见建议): a matter a voter leaves at a contact point's QR code or on the town's public
page, outside the Monday reception. Nothing is stored before the voter's mobile answers a text-message code.
The office or a deputy of the contact point takes it, and it becomes a visit (the same suggestion and referral
flow as a Monday reception); each step the voter should know is a `MatterUpdate`, texted to them and shown on
their private link; when it is closed they rate it, and "not satisfied" returns it to the office once."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from congress.models import TownshipScoped, audit_history
from congress.storage import RandomName
from deputies.models import Station
from petitions.models.visits import Visit


def new_matter_token() -> str:
    """The private link's secret: 24 random bytes, 32 URL-safe characters (short enough for a text message's
    parameter; a guessed link answers 404)."""
    return secrets.token_urlsafe(24)


class MatterStatus(models.TextChoices):
    NEW = "new", _("Waiting to be taken")
    HANDLING = "handling", _("Being handled")
    ANSWERED = "answered", _("Answered, waiting for the voter's rating")
    CLOSED = "closed", _("Closed")
    SPAM = "spam", _("Hidden as spam")


class MatterRating(models.TextChoices):
    SATISFIED = "satisfied", _("Satisfied")
    BASICALLY = "basically", _("Basically satisfied")
    NOT = "not", _("Not satisfied")


class VoterMatter(TownshipScoped):
    """One matter left by a voter (群众意见建议), from the public page or a contact point's code."""

    reference = models.CharField(_("tracking number"), max_length=20)
    token = models.CharField(_("private link"), max_length=64, unique=True, default=new_matter_token, editable=False)
    station = models.ForeignKey(
        Station, on_delete=models.PROTECT, related_name="matters", verbose_name=_("station or contact point")
    )
    village = models.CharField(_("village or community"), max_length=50)
    content = models.TextField(_("the matter"))
    name = models.CharField(_("name"), max_length=50, blank=True)
    # A verified mainland mobile: the office replies to it; never shown on a public page or in a public figure.
    phone = models.CharField(_("mobile"), max_length=20)
    ip_address = models.GenericIPAddressField(_("address sent from"), null=True, blank=True)
    public_allowed = models.BooleanField(_("the voter allows the text to be shown publicly"), default=False)
    public_approved_at = models.DateTimeField(_("approved for the public page"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=MatterStatus.choices, default=MatterStatus.NEW)
    created_at = models.DateTimeField(_("left at"), default=timezone.now)
    visit = models.OneToOneField(
        Visit, on_delete=models.SET_NULL, null=True, blank=True, related_name="matter", verbose_name=_("visit")
    )
    taken_at = models.DateTimeField(_("taken at"), null=True, blank=True)
    taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    rating = models.CharField(_("voter's rating"), max_length=10, choices=MatterRating.choices, blank=True)
    rated_at = models.DateTimeField(_("rated at"), null=True, blank=True)
    # "Not satisfied" returns the matter to the office once; a second "not" closes it with that rating.
    reopened_at = models.DateTimeField(_("returned to the office at"), null=True, blank=True)
    spam_at = models.DateTimeField(_("hidden as spam at"), null=True, blank=True)

    history = audit_history(excluded_fields=["phone", "ip_address", "token"])

    class Meta:
        verbose_name = _("voter's matter")
        verbose_name_plural = _("voters' matters")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["township", "created_at"], name="matter_town_created"),
            models.Index(fields=["township", "status"], name="matter_town_status"),
            models.Index(fields=["phone", "created_at"], name="matter_phone_created"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["township", "reference"], name="matter_unique_reference"),
            models.CheckConstraint(condition=Q(rating="") | Q(rated_at__isnull=False), name="matter_rated_when"),
        ]

    def __str__(self) -> str:
        return self.reference


class MatterPhoto(TownshipScoped):
    """A photo the voter added (at most three): re-encoded, resized, its metadata stripped; private."""

    matter = models.ForeignKey(VoterMatter, on_delete=models.CASCADE, related_name="photos", verbose_name=_("matter"))
    image = models.FileField(_("photo"), upload_to=RandomName("matter-photos"))
    width = models.PositiveIntegerField(_("width"), default=0)
    height = models.PositiveIntegerField(_("height"), default=0)

    class Meta:
        verbose_name = _("matter's photo")
        verbose_name_plural = _("matters' photos")
        ordering = ["id"]


class MatterUpdate(TownshipScoped):
    """A step the voter should know (taken, answered, referred, resolved, returned …), in words written for
    the voter: shown on their private link and texted to them."""

    matter = models.ForeignKey(VoterMatter, on_delete=models.CASCADE, related_name="updates", verbose_name=_("matter"))
    at = models.DateTimeField(_("at"), default=timezone.now)
    kind = models.CharField(_("kind"), max_length=20)
    text = models.TextField(_("what the voter is told"))

    class Meta:
        verbose_name = _("matter's update")
        verbose_name_plural = _("matters' updates")
        ordering = ["at", "id"]


class PhoneCode(TownshipScoped):
    """A text-message code sent to a voter's mobile before their matter is stored: kept as a hash, valid for
    ten minutes, three wrong tries spend it."""

    phone = models.CharField(_("mobile"), max_length=20)
    code_hash = models.CharField(_("code's hash"), max_length=128)
    created_at = models.DateTimeField(_("sent at"), default=timezone.now)
    expires_at = models.DateTimeField(_("valid until"))
    attempts = models.PositiveSmallIntegerField(_("wrong tries"), default=0)
    used_at = models.DateTimeField(_("used at"), null=True, blank=True)
    ip_address = models.GenericIPAddressField(_("address asked from"), null=True, blank=True)

    class Meta:
        verbose_name = _("text-message code")
        verbose_name_plural = _("text-message codes")
        indexes = [models.Index(fields=["phone", "created_at"], name="phonecode_phone_created")]


class BlockedPhone(TownshipScoped):
    """A mobile the office blocked after hiding its matter as spam: it can leave no more matters in the town."""

    phone = models.CharField(_("mobile"), max_length=20)
    blocked_at = models.DateTimeField(_("blocked at"), default=timezone.now)
    blocked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("blocked mobile")
        verbose_name_plural = _("blocked mobiles")
        constraints = [models.UniqueConstraint(fields=["township", "phone"], name="blockedphone_unique")]
