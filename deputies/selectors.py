"""Reads of the register, scoped to a township."""

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Count, Q

from congress.models import County, Township
from deputies.models import Deputy, DeputyLevel, DeputyStatus, LargeGroup, SmallGroup, Station, StationLevel


def register_counts(*, township: Township) -> dict[str, int]:
    """The register at a glance: serving deputies by level, groups, stations and contact points."""
    deputies = Deputy.objects.for_township(township).filter(status=DeputyStatus.SERVING)
    counts = deputies.aggregate(
        deputies=Count("id"),
        county_level=Count("id", filter=Q(level__in=[DeputyLevel.COUNTY, DeputyLevel.BOTH])),
        town_level=Count("id", filter=Q(level__in=[DeputyLevel.TOWN, DeputyLevel.BOTH])),
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
