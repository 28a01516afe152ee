"""Reads of the register, scoped to a township."""

from collections.abc import Callable

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404

from congress.models import County, Department, Leader, Membership, Role, Township
from deputies.models import (
    Deputy,
    DeputyLevel,
    DeputyStatus,
    GroupMembership,
    LargeGroup,
    SmallGroup,
    Station,
    StationLevel,
)


def register_counts(*, township: Township) -> dict[str, int]:
    """The register at a glance: serving deputies (each counted once; county_level and town_level both
    include the two-level deputies, both_levels says how many), groups, stations and contact points."""
    deputies = Deputy.objects.for_township(township).filter(status=DeputyStatus.SERVING)
    counts = deputies.aggregate(
        deputies=Count("id"),
        county_level=Count("id", filter=Q(level__in=[DeputyLevel.COUNTY, DeputyLevel.BOTH])),
        town_level=Count("id", filter=Q(level__in=[DeputyLevel.TOWN, DeputyLevel.BOTH])),
        both_levels=Count("id", filter=Q(level=DeputyLevel.BOTH)),
    )
    counts["large_groups"] = LargeGroup.objects.for_township(township).count()
    counts["small_groups"] = SmallGroup.objects.for_township(township).filter(is_active=True).count()
    stations = (
        Station.objects.for_township(township)
        .filter(is_active=True)
        .aggregate(
            stations=Count("id", filter=Q(level=StationLevel.TOWN)),
            contact_points=Count("id", filter=Q(level=StationLevel.VILLAGE)),
        )
    )
    counts.update(stations)
    counts["stations_and_points"] = stations["stations"] + stations["contact_points"]
    return counts


def register_counts_by_township(*, county: County) -> list[dict]:
    """One row per town of the county with its register counts, in a fixed number of queries."""
    towns = list(Township.objects.filter(county=county).order_by("name"))
    deputies = dict(
        Deputy.objects.filter(township__county=county, status=DeputyStatus.SERVING)
        .values_list("township")
        .annotate(n=Count("id"))
    )
    groups = dict(
        SmallGroup.objects.filter(township__county=county, is_active=True)
        .values_list("township")
        .annotate(n=Count("id"))
    )
    stations = dict(
        Station.objects.filter(township__county=county, is_active=True).values_list("township").annotate(n=Count("id"))
    )
    return [
        {
            "township": town,
            "deputies": deputies.get(town.pk, 0),
            "small_groups": groups.get(town.pk, 0),
            "stations": stations.get(town.pk, 0),
        }
        for town in towns
    ]


def deputy_for_user(*, user: AbstractBaseUser, township: Township) -> Deputy | None:
    """The deputy record linked to this login in this town, with its groups and stations."""
    return (
        Deputy.objects.for_township(township)
        .filter(user=user)
        .select_related("small_group__large_group")
        .prefetch_related("small_group__stations")
        .first()
    )


def own_deputy(*, user: AbstractBaseUser, township: Township) -> Deputy:
    """The deputy record of this login in this town; a 404 for a login that is no deputy here."""
    deputy = deputy_for_user(user=user, township=township)
    if deputy is None:
        raise Http404
    return deputy


def deputy_list(*, township: Township) -> QuerySet[Deputy]:
    """The town's deputies for a list page: groups joined, so a page costs the same at any length."""
    return Deputy.objects.for_township(township).select_related("small_group__large_group").order_by("name_sort")


def large_group_choices(*, township: Township) -> list[tuple[int, str]]:
    """(id, name) of the town's large groups in their order: what new small groups can join."""
    return list(LargeGroup.objects.for_township(township).values_list("pk", "name"))


def sectors_in_use(*, township: Township) -> list[str]:
    """The sectors (界别) the town's register uses, most used first: the names an import matches a sheet's to."""
    rows = (
        Deputy.objects.for_township(township)
        .exclude(sector="")
        .values("sector")
        .annotate(n=Count("id"))
        .order_by("-n", "sector")
    )
    return [row["sector"] for row in rows]


def deputy_phones(*, township: Township) -> list[tuple[int, str, str]]:
    """(id, name, phone) of every deputy of the town with a phone: an import refuses a phone taken by another."""
    return list(Deputy.objects.for_township(township).exclude(phone="").values_list("pk", "name", "phone"))


def deputy_detail(*, township: Township, pk: int) -> Deputy:
    """One deputy of the town with their group history; another town's id raises DoesNotExist."""
    return (
        Deputy.objects.for_township(township)
        .select_related("small_group__large_group", "user")
        .prefetch_related(Prefetch("group_memberships", queryset=GroupMembership.objects.select_related("small_group")))
        .get(pk=pk)
    )


def history_of(
    *, record, label_lookups: dict[str, dict] | None = None, masks: dict[str, Callable] | None = None, limit: int = 50
) -> list[dict]:
    """Who changed what and when, newest first: each history entry with the fields it changed; `masks` hides the
    old and new values of a field as its page does (a phone, a home address)."""
    entries = list(record.history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1])
    model = type(record)
    lookups = label_lookups or {}
    changes = []
    for newer, older in zip(entries, entries[1:] + [None], strict=False):
        if len(changes) == limit:
            break
        fields = []
        if older is not None:
            for change in newer.diff_against(older).changes:
                if change.field in ("name_initials",):
                    continue
                field = model._meta.get_field(change.field)
                lookup = lookups.get(change.field, {})
                choices = dict(field.flatchoices) if field.choices else {}
                shown = (masks or {}).get(change.field, lambda value: value)
                fields.append(
                    {
                        "label": field.verbose_name,
                        "old": shown(lookup.get(change.old, choices.get(change.old, change.old))),
                        "new": shown(lookup.get(change.new, choices.get(change.new, change.new))),
                    }
                )
        changes.append(
            {
                "when": newer.history_date,
                "who": newer.history_user,
                "kind": newer.get_history_type_display(),
                "fields": fields,
            }
        )
    return changes


def large_groups_with_small(*, township: Township) -> QuerySet[LargeGroup]:
    """Large groups with their small groups and each small group's count of serving deputies."""
    small = SmallGroup.objects.annotate(
        serving=Count("deputies", filter=Q(deputies__status=DeputyStatus.SERVING))
    ).order_by("order", "name")
    return LargeGroup.objects.for_township(township).prefetch_related(Prefetch("small_groups", queryset=small))


def small_group_detail(*, township: Township, pk: int) -> SmallGroup:
    serving = Deputy.objects.filter(status=DeputyStatus.SERVING).order_by("name_sort")
    return (
        SmallGroup.objects.for_township(township)
        .select_related("large_group")
        .prefetch_related(Prefetch("deputies", queryset=serving, to_attr="serving"), "stations")
        .get(pk=pk)
    )


def station_list(*, township: Township) -> QuerySet[Station]:
    return Station.objects.for_township(township).prefetch_related("small_groups").order_by("level", "name")


def station_detail(*, township: Township, pk: int) -> Station:
    return Station.objects.for_township(township).prefetch_related("small_groups__large_group").get(pk=pk)


def department_list(*, township: Township) -> QuerySet[Department]:
    """The town's handling units, each marked with whether its contact has a login (has_login)."""
    logins = Membership.objects.filter(role=Role.UNIT, department=OuterRef("pk"))
    return Department.objects.for_township(township).annotate(has_login=Exists(logins)).order_by("kind", "name")


def leader_list(*, township: Township) -> QuerySet[Leader]:
    return Leader.objects.for_township(township).order_by("order", "name")


def public_stations(*, township: Township) -> QuerySet[Station]:
    """Stations as the public sees them: active ones, with their groups' names; no personal data."""
    return (
        Station.objects.for_township(township)
        .filter(is_active=True)
        .prefetch_related("small_groups")
        .order_by("level", "name")
    )
