"""Towns never see each other's rows on a list: every page without arguments (lists, dashboards, exports, the
town's public pages), opened by each role of town B, shows none of town A's names and titles, and shows its
own. The names checked are ones town A's own office does find on these same pages, so that their absence
means something."""

import pytest
from django.test import Client
from django.urls import reverse

from deputies.models import Station
from tests.access.routes import ENTRIES, is_admin
from tests.access.samples import TownASamples, duty_rows, every_row
from tests.pages import page_text

# Names and titles of town A's rows (tests/conftest.py and tests/access/samples.py), each unique to town A.
TOWN_A_MARKERS = (
    "甲镇",  # the town's own name
    "鲍勃",  # bob, its deputy
    "黎欧",  # leo, its leader
    "社会事务办公室",  # carol's handling unit
    "村道塌方",  # a visit
    "修路占地",  # a major case
    "修路",  # a proposal
    "安装路灯",  # a draft proposal
    "视察河堤",  # a held activity
    "调研茶园",  # a coming one
    "学习监督法",  # a small group's plan
)
# The list pages that show another month, year or format than their default: also opened that way.
QUERIES = {
    "roster": lambda s: {"year": duty_rows(s)["day"].date.year, "month": duty_rows(s)["day"].date.month},
    "subsidy_sheet": lambda s: {"format": "xlsx"},
    "proposal_rates": lambda s: {"format": "xlsx"},
    "record_overview": lambda s: {"format": "xlsx"},
}
LIST_PAGES = [e.name for e in ENTRIES if not is_admin(e) and e.name and not e.kwargs and not e.positional]
TOWN_B_ROLES = ("office", "leader", "deputy", "unit")


def addresses(samples: TownASamples, town_code: str, station_pk: int) -> list[str]:
    """Every list page, plain and with its QUERIES, and the town's public pages."""
    paths = [reverse(name) for name in LIST_PAGES]
    for name, query in QUERIES.items():
        paths.append(reverse(name) + "?" + "&".join(f"{k}={v}" for k, v in query(samples).items()))
    paths += [reverse(name, kwargs={"code": town_code}) for name in ("public_township", "public_roster")]
    paths.append(reverse("public_roster_feed", kwargs={"code": town_code}))
    paths.append(reverse("public_station", kwargs={"code": town_code, "pk": station_pk}))
    return paths


def seen_on_pages(client: Client, paths: list[str], markers: tuple[str, ...]) -> dict[str, list[str]]:
    """For each page that opens (200), the markers its text holds."""
    seen = {}
    for path in paths:
        response = client.get(path)
        if response.status_code == 200:
            text = page_text(response)
            assert text is not None, f"{path} answers {response.get('Content-Type')}: teach page_text() to read it"
            seen[path] = [m for m in markers if m in text]
    return seen


@pytest.mark.parametrize("role", TOWN_B_ROLES)
def test_town_b_member_finds_nothing_of_town_a_on_any_list_page(
    role, samples: TownASamples, town_b, town_b_members, town_b_rows
) -> None:
    every_row(samples)
    client = Client()
    client.force_login(town_b_members[role])
    station = Station.objects.for_township(town_b).get()
    paths = addresses(samples, town_b.code, station.pk)
    seen = seen_on_pages(client, paths, TOWN_A_MARKERS + town_b_rows)
    leaks = {path: [m for m in found if m in TOWN_A_MARKERS] for path, found in seen.items()}
    leaks = {path: found for path, found in leaks.items() if found}
    assert not leaks, f"town B's {role} sees town A's rows: {leaks}"
    own = {m for found in seen.values() for m in found}
    assert own, f"town B's {role} opened {len(seen)} pages and saw none of its own town's rows: is it logged in?"
    if role == "office":
        assert own == set(town_b_rows), f"town B's office does not see all its own rows: {set(town_b_rows) - own}"


def test_town_a_office_finds_each_of_its_names_on_its_list_pages(
    samples: TownASamples, town_a, alice, town_b_rows
) -> None:
    """The markers above are ones town A's office sees: their absence from town B's pages is not by chance.
    And town B's rows stay out of town A's pages too."""
    every_row(samples)
    client = Client()
    client.force_login(alice)
    seen = seen_on_pages(client, addresses(samples, town_a.code, samples.objects["station"].pk), TOWN_A_MARKERS)
    found = {m for markers in seen.values() for m in markers}
    assert found == set(TOWN_A_MARKERS), f"names of town A its office never sees: {set(TOWN_A_MARKERS) - found}"
    leaks = {path: m for path, m in seen_on_pages(client, list(seen), town_b_rows).items() if m}
    assert not leaks, f"town A's office sees town B's rows: {leaks}"
