"""Terms (届): a town's congress is elected for five years; its deputies serve in that term."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from congress.models import TownshipScoped, audit_history


class Term(TownshipScoped):
    """One term of the town's congress: its number (第十八届), when it began and, once a new one is elected
    (换届), when it ended. A town has one current term: the one without an end."""

    number = models.PositiveSmallIntegerField(_("term"), help_text=_("届"))
    starts_on = models.DateField(_("began on"))
    ends_on = models.DateField(_("ended on"), null=True, blank=True)
    history = audit_history()

    class Meta:
        verbose_name = _("term")
        verbose_name_plural = _("terms")
        ordering = ["township", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["township", "number"], name="term_unique_number"),
            models.UniqueConstraint(
                fields=["township"], condition=Q(ends_on__isnull=True), name="term_one_current_per_town"
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")), name="term_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return _("Term %(number)s") % {"number": self.number}

    @property
    def is_current(self) -> bool:
        return self.ends_on is None
