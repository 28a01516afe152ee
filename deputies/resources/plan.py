"""What a deputies' sheet asks of the town before its rows can be written: the small groups (and large groups) it
names that the town does not have yet, and the phones written on more than one row."""

import re
from dataclasses import dataclass, field

import tablib

from deputies.spreadsheets import clean_name, clean_phone

SMALL_GROUP_COLUMN = "所属小组"
LARGE_GROUP_COLUMN = "代表大组"
PHONE_COLUMN = "联系电话"


@dataclass
class NewGroup:
    """A small group the sheet names and the town lacks, under the large group the sheet names ("" if none)."""

    name: str
    large_group: str
    rows: list[int] = field(default_factory=list)  # the dataset's 1-based rows naming it


@dataclass
class GroupPlan:
    small_groups: list[NewGroup]
    large_groups: list[str]  # large groups the sheet names that the town lacks

    @property
    def needs_large_group(self) -> bool:
        """Some new small group has no large group in the sheet: the office chooses one."""
        return any(not group.large_group for group in self.small_groups)


def group_plan(dataset: tablib.Dataset, *, small_groups: set[str], large_groups: set[str]) -> GroupPlan:
    """The groups of the sheet the town lacks, given the names of the town's small and large groups. A group named
    under two large groups goes under the first; a group of another town with the same name counts for nothing."""
    headers = dataset.headers or []
    if SMALL_GROUP_COLUMN not in headers:
        return GroupPlan([], [])
    has_large = LARGE_GROUP_COLUMN in headers
    new: dict[str, NewGroup] = {}
    for number, row in enumerate(dataset.dict, start=1):
        name = clean_name(row.get(SMALL_GROUP_COLUMN))
        if not name or name in small_groups:
            continue
        large = clean_name(row.get(LARGE_GROUP_COLUMN)) if has_large else ""
        group = new.setdefault(name, NewGroup(name, large))
        group.large_group = group.large_group or large
        group.rows.append(number)
    large_new = [g.large_group for g in new.values() if g.large_group and g.large_group not in large_groups]
    return GroupPlan(list(new.values()), list(dict.fromkeys(large_new)))


def phone_key(value) -> str:
    """A phone compared by its digits alone (0873-1234567 = 08731234567)."""
    return re.sub(r"\D", "", clean_phone(value))


def rows_by_phone(dataset: tablib.Dataset) -> dict[str, list[int]]:
    """The dataset's 1-based rows of each phone written on more than one row."""
    if PHONE_COLUMN not in (dataset.headers or []):
        return {}
    rows: dict[str, list[int]] = {}
    for number, row in enumerate(dataset.dict, start=1):
        key = phone_key(row.get(PHONE_COLUMN))
        if key:
            rows.setdefault(key, []).append(number)
    return {key: numbers for key, numbers in rows.items() if len(numbers) > 1}
