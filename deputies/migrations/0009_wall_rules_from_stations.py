"""Each station's wall text (Station.posted_rules) moves into the rules library: one published, public rule of the
kind 站点上墙制度 for each distinct text, posted at every station whose wall carried it."""

from django.db import migrations
from django.utils import timezone

TITLE_MAX = 120


def wall_title(names: list[str]) -> str:
    """The rule's title from the stations it is posted at: 东片人大代表接待站上墙制度, or …等4处上墙制度."""
    first = names[0][:80]
    return f"{first}上墙制度" if len(names) == 1 else f"{first}等{len(names)}处上墙制度"


def unique_title(title: str, taken: set[str]) -> str:
    candidate, n = title, 2
    while candidate in taken:
        candidate = f"{title[: TITLE_MAX - 6]}（{n}）"
        n += 1
    taken.add(candidate)
    return candidate


def wall_rules_from_stations(apps, schema_editor):
    Station = apps.get_model("deputies", "Station")
    Rule = apps.get_model("deputies", "Rule")
    RuleVersion = apps.get_model("deputies", "RuleVersion")
    now, today = timezone.now(), timezone.localdate()
    texts: dict[tuple[int, str], list] = {}
    for station in Station.objects.exclude(posted_rules="").order_by("township_id", "level", "name", "pk"):
        text = station.posted_rules.strip()
        if text:
            texts.setdefault((station.township_id, text), []).append(station)
    taken: dict[int, set[str]] = {}
    for (township_id, text), stations in texts.items():
        if township_id not in taken:
            taken[township_id] = set(Rule.objects.filter(township_id=township_id).values_list("title", flat=True))
        rule = Rule.objects.create(
            township_id=township_id,
            title=unique_title(wall_title([s.name for s in stations]), taken[township_id]),
            kind="wall",
            state="published",
            is_public=True,
            published_at=now,
        )
        rule.stations.set(stations)
        RuleVersion.objects.create(township_id=township_id, rule=rule, number=1, text=text, in_force_on=today)


def wall_rules_back(apps, schema_editor):
    """Back: the library's current wall texts are written on the stations they are posted at again."""
    Rule = apps.get_model("deputies", "Rule")
    for rule in Rule.objects.filter(kind="wall").prefetch_related("stations"):
        current = rule.versions.order_by("-number").first()
        if current is not None:
            rule.stations.update(posted_rules=current.text)
    Rule.objects.filter(kind="wall").delete()


class Migration(migrations.Migration):
    dependencies = [("deputies", "0008_rules")]

    operations = [migrations.RunPython(wall_rules_from_stations, wall_rules_back)]
