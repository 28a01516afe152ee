"""Reads of the register for the town's public pages: serving deputies and where they receive, never their
contact data (the pages show name, level, group, portrait and stations only)."""

from dataclasses import dataclass, field

from django.db.models import Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from congress.models import Township
from deputies.models import Deputy, DeputyStatus, GroupBasis, Station, name_sort_key


@dataclass
class Section:
    """One heading of the public list: a village or a sector, with its deputies."""

    title: str
    deputies: list[Deputy] = field(default_factory=list)

    @property
    def shown(self) -> bool:
        """Whether a deputy of the section matches the search (each deputy's `matches`, set by the page)."""
        return any(getattr(deputy, "matches", True) for deputy in self.deputies)


@dataclass
class Grouping:
    """The town's deputies by village (village-based small groups) and by sector (sector-based ones)."""

    by_village: list[Section]
    by_sector: list[Section]

    @property
    def count(self) -> int:
        return sum(len(s.deputies) for s in self.by_village + self.by_sector)


def public_deputies(*, township: Township, query: str = "") -> QuerySet[Deputy]:
    """The town's serving deputies as the public sees them, with their group and its active stations; `query`
    keeps those whose name, village or sector holds it, or whose pinyin initials start with it."""
    stations = Station.objects.filter(is_active=True).order_by("level", "name")
    deputies = (
        Deputy.objects.for_township(township)
        .filter(status=DeputyStatus.SERVING)
        .select_related("small_group")
        .prefetch_related(Prefetch("small_group__stations", queryset=stations, to_attr="public_stations"))
        .order_by("name_sort", "id")
    )
    query = query.strip()
    if query:
        deputies = deputies.filter(
            Q(name__icontains=query)
            | Q(village__icontains=query)
            | Q(sector__icontains=query)
            | Q(name_initials__startswith=query.lower())
        )
    return deputies


def public_deputy_grouping(*, deputies: list[Deputy]) -> Grouping:
    """Deputies under their village when their small group is formed by village (or they have none), under their
    sector when it is formed by sector; headings in pinyin order, the deputies in the
    order given."""
    village: dict[str, Section] = {}
    sector: dict[str, Section] = {}
    for deputy in deputies:
        group = deputy.small_group
        if group is not None and group.basis == GroupBasis.SECTOR:
            title = deputy.sector or group.name
            sections = sector
        else:
            title = deputy.village or (group.name if group else _("Village not given"))
            sections = village
        sections.setdefault(title, Section(title=title)).deputies.append(deputy)
    return Grouping(
        by_village=sorted(village.values(), key=_title_key), by_sector=sorted(sector.values(), key=_title_key)
    )


def _title_key(section: Section) -> str:
    return name_sort_key(section.title)


def public_deputy_with_photo(*, township: Township, pk: int) -> Deputy:
    """A serving deputy of the town who has a portrait; DoesNotExist otherwise (ended, another town, none)."""
    return Deputy.objects.for_township(township).filter(status=DeputyStatus.SERVING).exclude(photo="").get(pk=pk)


def public_station_deputies(*, township: Township, station: Station) -> QuerySet[Deputy]:
    """The serving deputies of the small groups attached to a station or contact point."""
    return (
        Deputy.objects.for_township(township)
        .filter(status=DeputyStatus.SERVING, small_group__in=station.small_groups.all())
        .select_related("small_group")
        .order_by("name_sort", "id")
    )
