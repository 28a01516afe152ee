"""Links across the capabilities, kept here because only this app reads across all of them."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from congress.models import TownshipScoped
from deputies.models import Deputy
from petitions.models import Visit
from proposals.models import Proposal


class VisitProposal(TownshipScoped):
    """A visit whose matter a deputy turned into a suggestion, and that suggestion: linked both ways."""

    visit = models.OneToOneField(Visit, on_delete=models.CASCADE, related_name="proposal_link", verbose_name=_("visit"))
    proposal = models.OneToOneField(
        Proposal, on_delete=models.CASCADE, related_name="visit_link", verbose_name=_("suggestion")
    )

    class Meta:
        verbose_name = _("visit turned into a suggestion")
        verbose_name_plural = _("visits turned into suggestions")

    def __str__(self) -> str:
        return f"{self.visit} → {self.proposal}"


class Commendation(TownshipScoped):
    """A commendation a deputy received (表彰), recorded by the office: the last part of the performance record."""

    deputy = models.ForeignKey(Deputy, on_delete=models.CASCADE, related_name="commendations", verbose_name=_("deputy"))
    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(_("commendation"), max_length=200)
    awarded_by = models.CharField(_("awarded by"), max_length=100, blank=True)
    awarded_on = models.DateField(_("date"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("commendation")
        verbose_name_plural = _("commendations")
        ordering = ["-awarded_on", "-id"]
        indexes = [models.Index(fields=["township", "year"], name="commendation_town_year")]
        constraints = [
            models.UniqueConstraint(
                fields=["deputy", "year", "title"],
                name="commendation_once_per_title_year",
                violation_error_message=_("This deputy already has this commendation for that year."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.deputy} · {self.title}"
