"""Notices (通知): the office tells the serving deputies of a group, or of the whole town, by text and inbox."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from congress.models import TownshipScoped
from deputies.models.register import LargeGroup, SmallGroup


class NoticeAudience(models.TextChoices):
    ALL = "all", _("All serving deputies")
    LARGE_GROUP = "large", _("A large group")
    SMALL_GROUP = "small", _("A small group")


class Notice(TownshipScoped):
    """A notice the office sent: its words, to whom, and how many deputies it was for. Each deputy's message is
    a row of the outbox, keyed `notice:<notice>:<deputy>`, so the record shows what became of each one."""

    title = models.CharField(pgettext_lazy("notice", "title"), max_length=30)
    text = models.CharField(_("text"), max_length=300)
    audience = models.CharField(_("sent to"), max_length=10, choices=NoticeAudience.choices)
    large_group = models.ForeignKey(
        LargeGroup, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("large group")
    )
    small_group = models.ForeignKey(
        SmallGroup, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("small group")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sent by"),
    )
    created_at = models.DateTimeField(_("sent"), default=timezone.now)
    recipients = models.PositiveIntegerField(_("deputies"), default=0)
    # The names of the deputies it was for who have neither a mobile nor a login: nothing reached them.
    unreachable = models.JSONField(_("not reached"), default=list, blank=True)

    class Meta:
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["township", "created_at"], name="notice_town_created")]
        constraints = [
            # The group named is the one the audience says, and only that one.
            models.CheckConstraint(
                condition=Q(audience="all", large_group__isnull=True, small_group__isnull=True)
                | Q(audience="large", large_group__isnull=False, small_group__isnull=True)
                | Q(audience="small", large_group__isnull=True, small_group__isnull=False),
                name="notice_audience_matches_group",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def group(self) -> LargeGroup | SmallGroup | None:
        return self.large_group or self.small_group

    @property
    def audience_label(self) -> str:
        """To whom, in a few words: the group's name, or all serving deputies."""
        return self.group.name if self.group else str(NoticeAudience.ALL.label)

    @property
    def key_prefix(self) -> str:
        """The start of the outbox keys of this notice's messages."""
        return f"notice:{self.pk}:"
