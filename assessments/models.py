"""Links across the capabilities, kept here because only this app reads across all of them."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from congress.models import TownshipScoped
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
