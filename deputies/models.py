"""The register: deputies, their large and small delegation groups, reception stations and contact points."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from congress.models import TownshipScoped


class LargeGroup(TownshipScoped):
    """A large delegation group (代表大组)."""

    name = models.CharField(_("name"), max_length=100)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("large delegation group")
        verbose_name_plural = _("large delegation groups")
        ordering = ["order", "name"]
        constraints = [models.UniqueConstraint(fields=["township", "name"], name="largegroup_unique_name")]

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
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("small delegation group")
        verbose_name_plural = _("small delegation groups")
        ordering = ["order", "name"]
        constraints = [models.UniqueConstraint(fields=["township", "name"], name="smallgroup_unique_name")]

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
    phone = models.CharField(_("phone"), max_length=40, blank=True)
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
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("deputy")
        verbose_name_plural = _("deputies")
        ordering = ["name", "id"]
        indexes = [
            models.Index(fields=["township", "status", "name"], name="deputy_town_status_name"),
        ]
        constraints = [
            # The same person is not registered twice in a town; the birth date tells namesakes apart.
            models.UniqueConstraint(fields=["township", "name", "birth_date"], name="deputy_unique_person"),
        ]

    def __str__(self) -> str:
        return self.name

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
    posted_rules = models.TextField(_("rules posted on the wall"), blank=True, help_text=_("制度上墙"))
    small_groups = models.ManyToManyField(
        SmallGroup, blank=True, related_name="stations", verbose_name=_("attached small groups")
    )
    is_active = models.BooleanField(_("active"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("station or contact point")
        verbose_name_plural = _("stations and contact points")
        ordering = ["level", "name"]
        constraints = [
            models.UniqueConstraint(fields=["township", "name"], name="station_unique_name"),
            models.CheckConstraint(condition=Q(level__in=["town", "village"]), name="station_level_valid"),
        ]

    def __str__(self) -> str:
        return self.name
