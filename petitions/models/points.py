"""A contact point's own reception days (§三 of the source: 12个村级人大代表联络点…方便了代表与选民交流): when the
point receives, and which of its deputies take turns there. The days themselves are duty days of the point, so
the duty list, the calendar, the sign-in, leave and the figures treat them as a station's."""

import calendar
from datetime import date, time, timedelta

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from congress.models import TownshipScoped, audit_history
from deputies.models import Deputy, Station
from petitions.models.duty import WEEKDAYS

LAST = -1
WORKING_DAY = 7

ORDINALS = [(1, _("first")), (2, _("second")), (3, _("third")), (4, _("fourth")), (LAST, _("last"))]
DAYS = [(WORKING_DAY, _("working day")), *WEEKDAYS]


class PointSchedule(TownshipScoped):
    """When a contact point receives (e.g. the first working day of each month) and who takes turns there."""

    station = models.OneToOneField(
        Station, on_delete=models.CASCADE, related_name="point_schedule", verbose_name=_("contact point")
    )
    ordinal = models.SmallIntegerField(_("which in the month"), choices=ORDINALS, default=1)
    weekday = models.SmallIntegerField(_("day"), choices=DAYS, default=WORKING_DAY)
    start_time = models.TimeField(_("starts"), default=time(9, 0))
    per_day = models.PositiveSmallIntegerField(
        _("deputies each day"), default=2, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    deputies = models.ManyToManyField(
        Deputy, related_name="point_schedules", verbose_name=_("deputies who take turns"), blank=True
    )
    is_active = models.BooleanField(_("active"), default=True)
    # Who takes turns is part of each change's history row, as a meeting's participants are.
    history = audit_history(m2m_fields=["deputies"])

    class Meta:
        verbose_name = _("contact point reception schedule")
        verbose_name_plural = _("contact point reception schedules")
        constraints = [
            models.CheckConstraint(condition=Q(ordinal__in=[1, 2, 3, 4, LAST]), name="pointschedule_ordinal_valid"),
            models.CheckConstraint(condition=Q(weekday__gte=0, weekday__lte=7), name="pointschedule_weekday_valid"),
            models.CheckConstraint(condition=Q(per_day__gte=1), name="pointschedule_per_day_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.station} · {self.describe()}"

    def describe(self) -> str:
        """The rule in words: 每月第一个工作日 / 每月最后一个星期三."""
        return str(_("Every month, the %(ordinal)s %(day)s")) % {
            "ordinal": self.get_ordinal_display(),
            "day": self.get_weekday_display(),
        }

    def date_in(self, year: int, month: int, holidays: set[date]) -> date | None:
        """The month's reception date under the rule: working days skip weekends and holidays; a named weekday
        that falls on a holiday gives no day that month."""
        last = calendar.monthrange(year, month)[1]
        days = [date(year, month, d) for d in range(1, last + 1)]
        if self.weekday == WORKING_DAY:
            days = [d for d in days if d.weekday() < 5 and d not in holidays]
        else:
            days = [d for d in days if d.weekday() == self.weekday]
        index = LAST if self.ordinal == LAST else self.ordinal - 1
        if not days or index >= len(days):
            return None
        chosen = days[index]
        return None if chosen in holidays else chosen

    def dates(self, start: date, end: date, holidays: set[date]) -> list[date]:
        found, month = [], start.replace(day=1)
        while month <= end:
            chosen = self.date_in(month.year, month.month, holidays)
            if chosen is not None and start <= chosen <= end:
                found.append(chosen)
            month = (month + timedelta(days=32)).replace(day=1)
        return found
