"""One-tap links (一键链接): the short link a text message carries, with which a deputy acts on one thing of their
own (sign in or ask leave for a duty, answer a stand-in request, rate a reply, read a notice) without logging in.
Most deputies have no login, so the link stands for the person in the register, not for a login; only the code's
hash is kept."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from congress.models import TownshipScoped
from deputies.models.register import Deputy


class LinkPurpose(models.TextChoices):
    DUTY = "duty", _("Sign in or ask leave for a duty")
    SUBSTITUTE = "substitute", _("Answer a stand-in request")
    RATE = "rate", _("Rate a reply")
    NOTICE = "notice", _("Read a notice")


class LinkAction(models.TextChoices):
    SIGN_IN = "sign-in", _("sign in")
    LEAVE = "leave", _("ask leave")
    ACCEPT = "accept", _("accept standing in")
    DECLINE = "decline", _("decline standing in")
    RATE = "rate", _("rate the reply")


# What each kind of link may do: one of these, once.
PURPOSE_ACTIONS: dict[str, frozenset[str]] = {
    LinkPurpose.DUTY: frozenset({LinkAction.SIGN_IN, LinkAction.LEAVE}),
    LinkPurpose.SUBSTITUTE: frozenset({LinkAction.ACCEPT, LinkAction.DECLINE}),
    LinkPurpose.RATE: frozenset({LinkAction.RATE}),
    LinkPurpose.NOTICE: frozenset(),  # only read: opening writes nothing
}


class DeputyLink(TownshipScoped):
    """A deputy's one-tap link: for one purpose and one row of theirs (`target_id`: the duty assignment, the
    leave request asking them to stand in, or the reply to rate), until `expires_at`, used for one action."""

    deputy = models.ForeignKey(Deputy, on_delete=models.CASCADE, related_name="links", verbose_name=_("deputy"))
    purpose = models.CharField(_("purpose"), max_length=10, choices=LinkPurpose.choices)
    target_id = models.PositiveIntegerField(_("what it acts on"))
    # The code itself is only in the text message: a copy of the database opens no link.
    code_hash = models.CharField(_("code (SHA-256)"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires"))
    used_at = models.DateTimeField(_("used at"), null=True, blank=True)
    used_action = models.CharField(_("used to"), max_length=10, choices=LinkAction.choices, blank=True)

    class Meta:
        verbose_name = _("one-tap link")
        verbose_name_plural = _("one-tap links")
        indexes = [models.Index(fields=["township", "deputy", "purpose"], name="deputylink_town_deputy_purpose")]
        constraints = [
            models.CheckConstraint(
                condition=Q(used_at__isnull=True, used_action="") | (Q(used_at__isnull=False) & ~Q(used_action="")),
                name="deputylink_used_with_its_action",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.deputy} · {self.get_purpose_display()}"
