"""The register of towns built in bulk: groups, stations and contact points, deputies and their memberships,
and the reception settings."""

from datetime import date

from demo.scale.base import DEPUTIES, LARGE_GROUPS, SMALL_GROUPS, VILLAGE_POINTS, Setup, person_name
from demo.scale.write import write
from deputies.models import (
    Deputy,
    DeputyStatus,
    GroupMembership,
    LargeGroup,
    SmallGroup,
    Station,
    StationLevel,
    name_initials,
    name_sort_key,
)
from petitions.models import ReceptionSettings


def register(chunk: Setup) -> None:
    """The groups, stations and deputies of each town, and its reception settings."""
    _groups_and_stations(chunk)
    _deputies(chunk)
    write(
        ReceptionSettings,
        [
            ReceptionSettings(township=t, station=chunk.stations[i * (VILLAGE_POINTS + 1)], subsidy_per_duty=50)
            for i, t in enumerate(chunk.towns)
        ],
        chunk.built,
    )


def _groups_and_stations(chunk: Setup) -> None:
    """The large and small groups, the town station and the village contact points, each serving a group."""
    towns = chunk.towns
    larges = write(
        LargeGroup,
        [LargeGroup(township=t, name=f"第{n + 1}代表大组", order=n) for t in towns for n in range(LARGE_GROUPS)],
        chunk.built,
    )
    chunk.groups = write(
        SmallGroup,
        [
            SmallGroup(
                township=t,
                large_group=larges[i * LARGE_GROUPS + n % LARGE_GROUPS],
                name=f"第{n + 1}代表小组",
                order=n,
            )
            for i, t in enumerate(towns)
            for n in range(SMALL_GROUPS)
        ],
        chunk.built,
    )
    chunk.stations = write(
        Station,
        [
            Station(
                township=t,
                name="镇人大代表接待站" if n == 0 else f"第{n}村代表联络点",
                level=StationLevel.TOWN if n == 0 else StationLevel.VILLAGE,
                address="镇政府院内" if n == 0 else f"第{n}村委会",
            )
            for t in towns
            for n in range(VILLAGE_POINTS + 1)
        ],
        chunk.built,
    )
    through = Station.small_groups.through
    write(
        through,
        [
            through(station_id=chunk.stations[i * (VILLAGE_POINTS + 1) + 1 + n].pk, smallgroup_id=g.pk)
            for i in range(len(towns))
            for n, g in enumerate(chunk.of(chunk.groups, SMALL_GROUPS, i))
        ],
        chunk.built,
    )


def _deputies(chunk: Setup) -> None:
    """Every town's deputies in its small groups, members since the first year built."""
    rng, towns = chunk.rng, chunk.towns
    deputies = write(
        Deputy,
        [
            Deputy(
                township=t,
                name=(name := person_name(rng)),
                name_initials=name_initials(name),
                name_sort=name_sort_key(name),
                gender=rng.choice("MMF"),
                birth_date=date(rng.randint(1960, 1995), rng.randint(1, 12), rng.randint(1, 28)),
                party=rng.choice(["中共党员", "中共党员", "群众"]),
                village=f"第{n % VILLAGE_POINTS + 1}村",
                occupation=rng.choice(["农民", "村干部", "教师", "个体工商户", "医生"]),
                is_village_cadre=rng.random() < 0.3,
                phone=f"139{rng.randint(10_000_000, 99_999_999)}",
                lives_far=rng.random() < 0.3,
                small_group=chunk.groups[i * SMALL_GROUPS + n % SMALL_GROUPS],
                status=DeputyStatus.SERVING,
                user=chunk.users.get(f"deputy-{t.code}") if n == 0 else None,
            )
            for i, t in enumerate(towns)
            for n in range(DEPUTIES)
        ],
        chunk.built,
    )
    write(
        GroupMembership,
        [
            GroupMembership(
                township_id=d.township_id, deputy=d, small_group_id=d.small_group_id, start_date=chunk.start
            )
            for d in deputies
        ],
        chunk.built,
    )
