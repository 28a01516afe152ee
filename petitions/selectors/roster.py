"""Reads for planning and publishing the roster: what publishing a range would do and whom it would tell, and
why planning a range made no day. They let the office see what happens before it happens, and why nothing did."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Min
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _

from congress.dates import format_day
from congress.models import Township
from deputies.models import Deputy, DeputyStatus, SmallGroup
from petitions.models import WEEKDAYS, DutyAssignment, DutyDay, DutyDayStatus, Holiday
from petitions.selectors.duty import reception_settings_for


@dataclass
class PublishPreview:
    """What publishing the drafts of [start, end] would do."""

    start: date
    end: date
    drafts: int = 0
    published: int = 0
    deputies: int = 0  # deputies on the coming drafts: each is told
    leaders: int = 0  # leaders chairing a coming draft: each is told
    earlier_drafts: list[date] = field(default_factory=list)  # first days of the earlier months with a draft

    @property
    def reason_for_nothing(self) -> str:
        """Why publishing this range changes nothing ("" when it would publish)."""
        if self.drafts:
            return ""
        values = {"start": format_day(self.start), "end": format_day(self.end)}
        if self.published:
            return _("Nothing to publish: the %(n)d duty days from %(start)s to %(end)s are already published.") % {
                "n": self.published,
                **values,
            }
        return _("Nothing to publish: no duty day is planned from %(start)s to %(end)s. Plan the duty days first.") % (
            values
        )


def publish_preview(*, township: Township, start: date, end: date, today: date | None = None) -> PublishPreview:
    """What publishing [start, end] would do: the drafts, whom it tells, and earlier months still in draft."""
    today = today or timezone.localdate()
    days = DutyDay.objects.for_township(township).filter(date__range=(start, end))
    drafts = days.filter(status=DutyDayStatus.DRAFT)
    coming = drafts.filter(date__gte=today)
    earlier = (
        DutyDay.objects.for_township(township)
        .filter(status=DutyDayStatus.DRAFT, date__lt=start, date__gte=today.replace(day=1))
        .annotate(month=TruncMonth("date"))
        .values("month")
        .annotate(first=Min("date"))
        .order_by("month")
    )
    return PublishPreview(
        start=start,
        end=end,
        drafts=drafts.count(),
        published=days.filter(status=DutyDayStatus.PUBLISHED).count(),
        deputies=DutyAssignment.objects.filter(duty_day__in=coming).values("deputy").distinct().count(),
        leaders=DutyDay.leaders.through.objects.filter(dutyday__in=coming).values("leader").distinct().count(),
        earlier_drafts=[row["first"].replace(day=1) for row in earlier],
    )


def generate_nothing_reason(*, township: Township, start: date, end: date, today: date | None = None) -> str:
    """Why planning [start, end] made no duty day: no reception weekday in it, or each one a holiday, already
    planned, or past."""
    today = today or timezone.localdate()
    weekdays = reception_settings_for(township=township).weekday_numbers
    reception = [start + timedelta(days=n) for n in range((end - start).days + 1)]
    reception = [day for day in reception if day.weekday() in weekdays]
    values = {"start": format_day(start), "end": format_day(end)}
    if not reception:
        names = "、".join(str(label) for number, label in WEEKDAYS if number in weekdays) or _("none")
        return _(
            "No duty day was planned: no reception weekday (%(weekdays)s) falls between %(start)s and %(end)s."
        ) % {"weekdays": names, **values}
    holidays = set(Holiday.objects.for_township(township).filter(date__in=reception).values_list("date", flat=True))
    planned = set(
        DutyDay.objects.for_township(township).station_days().filter(date__in=reception).values_list("date", flat=True)
    )
    rest = [day for day in reception if day not in holidays and day not in planned]
    return _(
        "No duty day was planned: of the %(n)d reception days between %(start)s and %(end)s, %(planned)d already "
        "have a duty day, %(holidays)d are holidays and %(past)d are past."
    ) % {
        "n": len(reception),
        "planned": len(planned - holidays),
        "holidays": len(holidays),
        "past": sum(1 for day in rest if day < today),
        **values,
    }


def day_change_told(*, duty_day: DutyDay, small_group: SmallGroup) -> int:
    """How many deputies saving a change to a published duty day tells (petitions.services.duty.duty_day_update):
    everyone on the day now, and, when the group changes, the new group's serving members it brings."""
    told = set(duty_day.assignments.values_list("deputy_id", flat=True))
    if small_group.pk != duty_day.small_group_id:
        told |= set(
            Deputy.objects.filter(small_group=small_group, status=DeputyStatus.SERVING).values_list("pk", flat=True)
        )
    return len(told)
