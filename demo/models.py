"""The demo's own table: how far each `seed_scale` run has come, so that an interrupted run is completed by
running it again with the same arguments, and nothing is written twice."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ScaleRun(models.Model):
    """One run of `seed_scale`: its arguments, the towns and counties it numbers, and its progress. The towns'
    setup is keyed by their codes; each month's rows are written in one transaction with `months_done`."""

    towns = models.PositiveIntegerField(_("towns"))
    per_county = models.PositiveIntegerField(_("towns per county"))
    years = models.PositiveIntegerField(_("years"))
    seed = models.IntegerField(_("random seed"))
    first_town = models.PositiveIntegerField(_("number of the first town"))
    first_county = models.PositiveIntegerField(_("number of the first county"))
    today = models.DateField(_("day built up to"))
    months_done = models.DateField(_("last month written"), null=True, blank=True)
    assessed_to = models.DateField(_("last month assessed"), null=True, blank=True)
    # The definitions (from pg_indexes) of the indexes dropped for loading: the next run recreates them.
    set_aside = models.JSONField(_("indexes set aside"), default=list, blank=True)
    started_at = models.DateTimeField(_("started"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("scale run")
        verbose_name_plural = _("scale runs")

    def __str__(self) -> str:
        return f"seed_scale --towns {self.towns} ({self.started_at:%Y-%m-%d %H:%M})"
