"""Writes of the register: each validates the whole row (database constraints included) in one transaction."""

from datetime import date

from django.db import models, transaction
from django.db.models import Max
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from congress.audit import history_attrs
from congress.models import Township
from deputies.models import Deputy, DeputyStatus, GroupMembership, LargeGroup, SmallGroup


def register_save(*, instance: models.Model, township: Township) -> models.Model:
    """Save a register row of `township` (group, station, handling unit, leader) after full validation."""
    instance.township = township
    with transaction.atomic():
        instance.full_clean()
        instance.save()
    return instance


def deputy_save(*, deputy: Deputy, township: Township, on: date | None = None) -> Deputy:
    """Save a deputy; a change of small group closes the old membership and opens the new one on `on`."""
    deputy.township = township
    with transaction.atomic():
        deputy.full_clean()
        deputy.save()
        group_membership_sync(deputy=deputy, on=on)
    return deputy


def deputy_end_term(*, deputy: Deputy, on: date | None = None) -> Deputy:
    """Mark a deputy's term ended: the record stays in past rosters and reports, out of current lists."""
    on = on or timezone.localdate()
    with transaction.atomic():
        deputy.status = DeputyStatus.ENDED
        deputy.save(update_fields=["status"])
        open_memberships = list(
            GroupMembership.objects.select_for_update().filter(deputy=deputy, end_date__isnull=True)
        )
        for membership in open_memberships:
            membership.end_date = on
        bulk_update_with_history(
            open_memberships, GroupMembership, ["end_date"], custom_historical_attrs=history_attrs()
        )
    return deputy


def deputy_reinstate(*, deputy: Deputy, on: date | None = None) -> Deputy:
    """Bring an ended deputy back to serving, in their small group again from `on`."""
    with transaction.atomic():
        deputy.status = DeputyStatus.SERVING
        deputy.save(update_fields=["status"])
        group_membership_sync(deputy=deputy, on=on)
    return deputy


def group_membership_sync(*, deputy: Deputy, on: date | None = None, created: bool = False) -> None:
    """Make the deputy's open group membership match their current small group and status."""
    on = on or timezone.localdate()
    current = (
        None
        if created  # a deputy saved for the first time has no membership yet
        else GroupMembership.objects.select_for_update().filter(deputy=deputy, end_date__isnull=True).first()
    )
    wanted = deputy.small_group_id if deputy.status == DeputyStatus.SERVING else None
    if current is not None and current.small_group_id == wanted:
        return
    if current is not None:
        # A move recorded on the day the membership began replaces it rather than leaving a day-long stint.
        if current.start_date >= on:
            current.delete()
        else:
            current.end_date = on
            current.save(update_fields=["end_date"])
    if wanted is not None:
        GroupMembership.objects.create(township=deputy.township, deputy=deputy, small_group_id=wanted, start_date=on)


def deputies_bulk_write(
    *, created: list[Deputy], updated: list[Deputy], fields: list[str], on: date | None = None
) -> None:
    """Write a sheet's deputies in a few queries with their history rows: the new ones with their first group
    membership, the changed ones (their `fields`) with their membership kept in step."""
    on = on or timezone.localdate()
    attrs = history_attrs()
    with transaction.atomic():
        for deputy in [*created, *updated]:
            deputy.name_keys_fill()  # what Deputy.save does, which a bulk write skips
        created = bulk_create_with_history(created, Deputy, custom_historical_attrs=attrs)
        memberships = [
            GroupMembership(
                township_id=deputy.township_id, deputy=deputy, small_group_id=deputy.small_group_id, start_date=on
            )
            for deputy in created
            if deputy.small_group_id is not None and deputy.status == DeputyStatus.SERVING
        ]
        bulk_create_with_history(memberships, GroupMembership, custom_historical_attrs=attrs)
        if updated:
            bulk_update_with_history(
                updated, Deputy, [*fields, "name_initials", "name_sort"], custom_historical_attrs=attrs
            )
        for deputy in updated:
            group_membership_sync(deputy=deputy, on=on)


def small_groups_create(*, township: Township, groups: dict[str, str]) -> list[SmallGroup]:
    """Create the small groups named (name → its large group's name) in `township`, and the large groups among
    those it lacks, ordered after its own in the order given: a sheet's first import of its groups."""
    with transaction.atomic():
        large_groups = {group.name: group for group in LargeGroup.objects.for_township(township)}
        large_order = max((group.order for group in large_groups.values()), default=0)
        small_order = SmallGroup.objects.for_township(township).aggregate(last=Max("order"))["last"] or 0
        created = []
        for name, large_name in groups.items():
            if large_name not in large_groups:
                large_order += 1
                large = LargeGroup(township=township, name=large_name, order=large_order)
                large_groups[large_name] = register_save(instance=large, township=township)
            small_order += 1
            small = SmallGroup(township=township, large_group=large_groups[large_name], name=name, order=small_order)
            created.append(register_save(instance=small, township=township))
    return created
