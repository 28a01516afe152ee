"""Which kept months a change makes stale (assessments.models.TownMonth): every write of a record the figures
count — saved, deleted, written in bulk or by a queryset's update() with its history row — raises the version
of its town's months from the record's earliest date on. Every such model keeps a history, so the history
rows being written is the one place every path passes (congress.signals.rows_written for the bulk paths,
simple-history's post_create_historical_record for the others)."""

from collections import defaultdict
from datetime import date, datetime

from django.db import models
from django.db.models.signals import pre_save
from django.dispatch import receiver
from django.utils import timezone
from simple_history.signals import post_create_historical_record

from assessments.services.town_months import town_months_touch
from congress.models import Department
from congress.signals import rows_written
from deputies.models import SmallGroup
from petitions.models import DutyAssignment, DutyDay, HandlingSuggestion, Referral, Visit, VisitCategory
from proposals.models import Feedback, HandlingUnit, Meeting, Proposal, Reply

# The records the figures count by their own dates (any of their dates, old or new).
# The rates count an item's meetings, its feedback and its main unit too.
DATED = (Visit, Referral, HandlingSuggestion, DutyDay, DutyAssignment, Proposal, Reply, Meeting, Feedback, HandlingUnit)
# Whose dates the figures count them by, besides their own: a referral is opened on its visit's day, an
# assignment falls on its duty day, a handling unit (which has no date) counts from its item's submission.
PARENT_DATE = {
    Referral: ("visit_id", Visit, "received_at"),
    DutyAssignment: ("duty_day_id", DutyDay, "date"),
    HandlingUnit: ("proposal_id", Proposal, "submitted_at"),
}
# Whose own dates may be moved later by an edit (a visit's day, a duty day's date, deadlines).
MOVABLE = (Visit, DutyDay, Proposal, Referral, HandlingSuggestion, Reply, Meeting, Feedback)
# Names the kept figures show (categories, units, small groups): renamed, every kept month is stale.
NAMED = (VisitCategory, Department, SmallGroup)


def _day(value) -> date | None:
    if isinstance(value, datetime):
        return timezone.localdate(value) if timezone.is_aware(value) else value.date()
    return value if isinstance(value, date) else None


def _own_days(row) -> list[date]:
    fields = [f for f in type(row)._meta.concrete_fields if isinstance(f, models.DateField)]
    return [day for day in (_day(getattr(row, f.attname, None)) for f in fields) if day is not None]


def _earliest_by_town(model, rows: list) -> dict[int, date | None]:
    """For each town of the rows, the earliest day the figures may count any of them on."""
    earliest: dict[int, date | None] = {}
    parents: dict[int, set[int]] = defaultdict(set)
    parent = PARENT_DATE.get(model)
    for row in rows:
        days = _own_days(row)
        if parent and getattr(row, parent[0], None):
            parents[row.township_id].add(getattr(row, parent[0]))
        current = earliest.get(row.township_id)
        earliest[row.township_id] = min([*days, current] if current else days, default=None)
    if parent:
        attname, parent_model, field = parent
        for town, pks in parents.items():
            found = parent_model.objects.filter(pk__in=pks).aggregate(first=models.Min(field))["first"]
            day = _day(found)
            if day is not None:
                current = earliest.get(town)
                earliest[town] = min(day, current) if current else day
    return earliest


def touch(model, rows: list, earlier: list[date] | None = None) -> None:
    if model in NAMED:
        for town in {row.township_id for row in rows}:
            town_months_touch(township_id=town, since=None)
        return
    if model not in DATED:
        return
    for town, since in _earliest_by_town(model, rows).items():
        days = [day for day in (since, *(earlier or [])) if day is not None]
        # No date at all (a row without one): every kept month of the town, to be safe.
        town_months_touch(township_id=town, since=min(days) if days else None)


def _date_fields(model, update_fields) -> list[str]:
    names = [f.attname for f in model._meta.concrete_fields if isinstance(f, models.DateField)]
    return [name for name in names if update_fields is None or name in update_fields]


@receiver(pre_save)
def remember_earlier_dates(sender, instance, raw=False, update_fields=None, **kwargs) -> None:
    """A record's dates may move later: the months of the dates it had change too (one read, before saving)."""
    if sender not in MOVABLE or raw or instance.pk is None:
        return
    fields = _date_fields(sender, update_fields)
    before = sender.objects.filter(pk=instance.pk).values(*fields).first() if fields else None
    instance._earlier_days = [day for day in map(_day, (before or {}).values()) if day is not None]


@receiver(post_create_historical_record)
def history_row_written(sender, instance, history_instance, **kwargs) -> None:
    model = type(instance)
    if model in DATED or model in NAMED:
        touch(model, [instance], getattr(instance, "_earlier_days", None))


@receiver(rows_written)
def rows_written_in_bulk(sender, rows, **kwargs) -> None:
    touch(sender, rows)
