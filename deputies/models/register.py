"""The register: deputies, their large and small delegation groups, reception stations and contact points."""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from pypinyin import Style, lazy_pinyin

from congress.models import TownshipScoped, audit_history
from congress.storage import RandomName

# A mainland mobile (11 digits from 13–19) or a landline with its area code (0xx-xxxxxxxx, the dash optional).
PHONE_PATTERN = r"^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(-\d{1,6})?)$"
phone_validator = RegexValidator(
    PHONE_PATTERN,
    _("Enter a mainland mobile number (11 digits) or a landline with its area code, e.g. 0873-1234567."),
)


def name_initials(name: str) -> str:
    """The pinyin initials of a Chinese name (李文华 → lwh), for searching by what staff type fastest."""
    return "".join(lazy_pinyin(name, style=Style.FIRST_LETTER, errors="ignore")).lower()


def name_sort_key(name: str) -> str:
    """The key that orders names as a Chinese office expects: by full pinyin, syllable by syllable, then tone
    (高光华 gao1 guang1 hua2, 高萍 gao1 ping2, 郭林林 guo1 lin2 lin2), not by initials or code point."""
    syllables = lazy_pinyin(name, style=Style.TONE3, neutral_tone_with_five=True, errors=lambda rest: [rest])
    return " ".join(syllables).lower()[:150]


class LargeGroup(TownshipScoped):
    """A large delegation group (代表大组)."""

    name = models.CharField(_("name"), max_length=100)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    history = audit_history()

    class Meta:
        verbose_name = _("large delegation group")
        verbose_name_plural = _("large delegation groups")
        ordering = ["order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["township", "name"],
                name="largegroup_unique_name",
                violation_error_message=_("A large group with this name already exists in this township."),
            )
        ]

    def __str__(self) -> str:
        return self.name


class GroupBasis(models.TextChoices):
    VILLAGE = "village", _("By village")
    SECTOR = "sector", _("By sector")


class SmallGroup(TownshipScoped):
    """A small delegation group (代表小组): the unit that takes turns on reception duty."""

    large_group = models.ForeignKey(
        LargeGroup, on_delete=models.PROTECT, related_name="small_groups", verbose_name=_("large group")
    )
    name = models.CharField(_("name"), max_length=100)
    basis = models.CharField(_("formed"), max_length=10, choices=GroupBasis.choices, default=GroupBasis.VILLAGE)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)
    history = audit_history()

    class Meta:
        verbose_name = _("small delegation group")
        verbose_name_plural = _("small delegation groups")
        ordering = ["order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["township", "name"],
                name="smallgroup_unique_name",
                violation_error_message=_("A small group with this name already exists in this township."),
            )
        ]

    def __str__(self) -> str:
        return self.name


class DeputyLevel(models.TextChoices):
    COUNTY = "county", _("County deputy")
    TOWN = "town", _("Town deputy")
    BOTH = "both", _("County and town deputy")


class Gender(models.TextChoices):
    MALE = "M", _("Male")
    FEMALE = "F", _("Female")


class DeputyStatus(models.TextChoices):
    SERVING = "serving", _("Serving")
    ENDED = "ended", _("Term ended")


class Deputy(TownshipScoped):
    """A people's congress deputy (人大代表) registered with this township."""

    name = models.CharField(_("name"), max_length=50)
    name_initials = models.CharField(_("pinyin initials"), max_length=50, blank=True, editable=False)
    name_sort = models.CharField(_("name in pinyin order"), max_length=150, blank=True, editable=False)
    level = models.CharField(_("level"), max_length=10, choices=DeputyLevel.choices, default=DeputyLevel.TOWN)
    gender = models.CharField(_("gender"), max_length=1, choices=Gender.choices)
    ethnicity = models.CharField(_("ethnicity"), max_length=20, default="汉族")
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    party = models.CharField(_("party affiliation"), max_length=30, blank=True)
    constituency = models.CharField(_("constituency"), max_length=100, blank=True)
    village = models.CharField(_("village or community"), max_length=50, blank=True)
    sector = models.CharField(_("sector"), max_length=50, blank=True)
    occupation = models.CharField(_("occupation"), max_length=100, blank=True)
    work_unit = models.CharField(_("work unit and post"), max_length=200, blank=True)
    is_village_cadre = models.BooleanField(_("village cadre"), default=False)
    # 公职人员: paid by the government already, so no lost-work subsidy and no village-cadre candidacy.
    public_employee = models.BooleanField(
        _("salaried public employee (公职人员)"),
        default=False,
        help_text=_("A civil servant or public-institution staff member paid by the government."),
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True, validators=[phone_validator])
    address = models.CharField(_("home address"), max_length=200, blank=True)
    lives_far = models.BooleanField(
        _("lives far from the station"), default=False, help_text=_("Gets lunch on duty days.")
    )
    term = models.PositiveSmallIntegerField(_("term"), default=1, help_text=_("届"))
    status = models.CharField(_("status"), max_length=10, choices=DeputyStatus.choices, default=DeputyStatus.SERVING)
    small_group = models.ForeignKey(
        SmallGroup,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="deputies",
        verbose_name=_("small group"),
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="deputy",
        verbose_name=_("login"),
    )
    # Shown on the town's public pages while the deputy serves; re-encoded on upload (congress.images), so
    # nothing of the original file (its GPS position, its camera) is kept.
    photo = models.FileField(
        _("portrait"),
        upload_to=RandomName("deputy-photos"),
        blank=True,
        help_text=_("Optional; shown on the town's public pages. A photo (JPEG, PNG, WebP or GIF)."),
    )
    history = audit_history()

    class Meta:
        verbose_name = _("deputy")
        verbose_name_plural = _("deputies")
        ordering = ["name_sort", "id"]
        indexes = [
            models.Index(fields=["township", "status", "name"], name="deputy_town_status_name"),
            models.Index(fields=["township", "name_sort"], name="deputy_town_name_sort"),
        ]
        constraints = [
            # The same person is not registered twice in a town; the birth date tells namesakes apart.
            models.UniqueConstraint(
                fields=["township", "name", "birth_date"],
                name="deputy_unique_person",
                violation_error_message=_(
                    "A deputy with this name and date of birth is already registered in this township."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.name_keys_fill()
        if kwargs.get("update_fields") is not None and "name" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "name_initials", "name_sort"}
        super().save(*args, **kwargs)

    def name_keys_fill(self) -> None:
        """Derive the initials and the sort key from the name: save() does it, and so must a bulk write."""
        self.name_initials = name_initials(self.name)
        self.name_sort = name_sort_key(self.name)

    @property
    def is_county_deputy(self) -> bool:
        return self.level in (DeputyLevel.COUNTY, DeputyLevel.BOTH)

    @property
    def is_town_deputy(self) -> bool:
        return self.level in (DeputyLevel.TOWN, DeputyLevel.BOTH)


class StationLevel(models.TextChoices):
    TOWN = "town", _("Town reception station")
    VILLAGE = "village", _("Village contact point")


class Station(TownshipScoped):
    """A town reception station (接待站) or a village contact point (联络点)."""

    name = models.CharField(_("name"), max_length=100)
    level = models.CharField(_("level"), max_length=10, choices=StationLevel.choices)
    address = models.CharField(_("address"), max_length=200)
    opening_rules = models.TextField(_("opening hours and rules"), blank=True)
    small_groups = models.ManyToManyField(
        SmallGroup, blank=True, related_name="stations", verbose_name=_("attached small groups")
    )
    is_active = models.BooleanField(_("active"), default=True)
    history = audit_history()

    class Meta:
        verbose_name = _("station or contact point")
        verbose_name_plural = _("stations and contact points")
        ordering = ["level", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["township", "name"],
                name="station_unique_name",
                violation_error_message=_("A station or contact point with this name already exists in this township."),
            ),
            models.CheckConstraint(condition=Q(level__in=["town", "village"]), name="station_level_valid"),
        ]

    def __str__(self) -> str:
        return self.name


class GroupMembership(TownshipScoped):
    """A deputy's time in a small group: moving to another group closes this row and opens a new one."""

    deputy = models.ForeignKey(
        Deputy, on_delete=models.CASCADE, related_name="group_memberships", verbose_name=_("deputy")
    )
    small_group = models.ForeignKey(
        SmallGroup, on_delete=models.PROTECT, related_name="memberships", verbose_name=_("small group")
    )
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("until"), null=True, blank=True)
    history = audit_history()

    class Meta:
        verbose_name = _("group membership")
        verbose_name_plural = _("group memberships")
        ordering = ["-start_date", "-id"]
        constraints = [
            # One small group at a time: at most one open membership per deputy.
            models.UniqueConstraint(
                fields=["deputy"], condition=Q(end_date__isnull=True), name="groupmembership_one_open_per_deputy"
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="groupmembership_dates_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.deputy} · {self.small_group}"
