"""The rules library (制度库): the presidium's rules — study, inspection, research, carrying out suggestions,
assessment, the reception work rules and each station's wall text (制度上墙) — each kept in numbered versions, the
old ones kept, published to the deputies and, when marked public, to everyone."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from congress.models import TownshipScoped, audit_history
from deputies.models.register import Station


class RuleKind(models.TextChoices):
    STUDY = "study", _("Study rules")  # 学习制度
    INSPECTION = "inspection", _("Inspection rules")  # 视察制度
    RESEARCH = "research", _("Research rules")  # 调研制度
    SUGGESTIONS = "suggestions", _("Rules for carrying out deputies' suggestions")  # 代表建议落实制度
    ASSESSMENT = "assessment", _("Assessment rules")  # 考核办法
    RECEPTION = "reception", pgettext_lazy("rule kind", "Reception work rules")  # 接待工作制度
    WALL = "wall", _("Rules posted at a station")  # 站点上墙制度
    OTHER = "other", pgettext_lazy("rule kind", "Other")  # 其他


class RuleState(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("rule", "Draft")
    PUBLISHED = "published", pgettext_lazy("rule", "Published")


class Rule(TownshipScoped):
    """A rule of the presidium (制度): its title and kind, whether the deputies (published) and the public (public)
    may read it, and, for a wall text, the stations it is posted at. Its text is in its versions."""

    title = models.CharField(pgettext_lazy("rule", "title"), max_length=120)
    kind = models.CharField(_("kind"), max_length=12, choices=RuleKind.choices)
    state = models.CharField(_("state"), max_length=10, choices=RuleState.choices, default=RuleState.DRAFT)
    is_public = models.BooleanField(
        _("public"), default=False, help_text=_("Shown on the town's public pages once published (公开).")
    )
    stations = models.ManyToManyField(
        Station, blank=True, related_name="rules", verbose_name=_("posted at (stations and contact points)")
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    history = audit_history(m2m_fields=["stations"])  # where it is posted, in each change's history row

    class Meta:
        verbose_name = _("rule")
        verbose_name_plural = _("rules")
        ordering = ["kind", "title"]
        indexes = [models.Index(fields=["township", "kind"], name="rule_town_kind")]
        constraints = [
            models.UniqueConstraint(
                fields=["township", "title"],
                name="rule_unique_title",
                violation_error_message=_("A rule with this title already exists in this town."),
            ),
            models.CheckConstraint(condition=Q(kind__in=RuleKind.values), name="rule_kind_valid"),
            models.CheckConstraint(condition=Q(state__in=RuleState.values), name="rule_state_valid"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_published(self) -> bool:
        return self.state == RuleState.PUBLISHED

    @property
    def is_on_public_pages(self) -> bool:
        return self.is_published and self.is_public


class RuleVersion(TownshipScoped):
    """One version of a rule's text (第 N 版), with the date it takes effect (施行日期); later versions never replace
    the rows of earlier ones."""

    rule = models.ForeignKey(Rule, on_delete=models.CASCADE, related_name="versions", verbose_name=_("rule"))
    number = models.PositiveSmallIntegerField(_("version"))
    text = models.TextField(_("text"), max_length=20_000)
    in_force_on = models.DateField(_("in force from"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)
    history = audit_history()

    class Meta:
        verbose_name = _("version of a rule")
        verbose_name_plural = _("versions of rules")
        ordering = ["rule", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["rule", "number"], name="ruleversion_unique_number"),
            models.CheckConstraint(condition=Q(number__gte=1), name="ruleversion_number_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.rule} v{self.number}"
