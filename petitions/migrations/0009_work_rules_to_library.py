"""Each town's reception work rules (ReceptionSettings.work_rules) move into the rules library: a published, public
rule of the kind 接待工作制度 (the public roster showed them to everyone)."""

from django.db import migrations
from django.utils import timezone

TITLE = "接待工作制度"


def work_rules_to_library(apps, schema_editor):
    ReceptionSettings = apps.get_model("petitions", "ReceptionSettings")
    Rule = apps.get_model("deputies", "Rule")
    RuleVersion = apps.get_model("deputies", "RuleVersion")
    now, today = timezone.now(), timezone.localdate()
    for settings in ReceptionSettings.objects.exclude(work_rules="").order_by("township_id"):
        text = settings.work_rules.strip()
        if not text:
            continue
        taken = set(Rule.objects.filter(township_id=settings.township_id).values_list("title", flat=True))
        title, n = TITLE, 2
        while title in taken:
            title, n = f"{TITLE}（{n}）", n + 1
        rule = Rule.objects.create(
            township_id=settings.township_id,
            title=title,
            kind="reception",
            state="published",
            is_public=True,
            published_at=now,
        )
        RuleVersion.objects.create(township_id=settings.township_id, rule=rule, number=1, text=text, in_force_on=today)


def work_rules_back(apps, schema_editor):
    """Back: the current text of each town's first reception work rules is its settings' text again."""
    ReceptionSettings = apps.get_model("petitions", "ReceptionSettings")
    Rule = apps.get_model("deputies", "Rule")
    for rule in Rule.objects.filter(kind="reception").order_by("township_id", "-pk"):
        current = rule.versions.order_by("-number").first()
        if current is not None:
            ReceptionSettings.objects.filter(township_id=rule.township_id).update(work_rules=current.text)
    Rule.objects.filter(kind="reception").delete()


class Migration(migrations.Migration):
    dependencies = [("petitions", "0008_contact_point_days"), ("deputies", "0008_rules")]

    operations = [migrations.RunPython(work_rules_to_library, work_rules_back)]
