from django.db import migrations, models


def backfill(apps, schema_editor):
    """Items accepted before the date was kept: the best known day is the day they were submitted."""
    Proposal = apps.get_model("proposals", "Proposal")
    Proposal.objects.filter(
        accepted_at__isnull=True, status__in=["accepted", "assigned", "replied", "closed"]
    ).update(accepted_at=models.F("submitted_at"))


class Migration(migrations.Migration):

    dependencies = [
        ('proposals', '0004_activities'),
    ]

    operations = [
        migrations.AddField(
            model_name='historicalproposal',
            name='accepted_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='accepted'),
        ),
        migrations.AddField(
            model_name='proposal',
            name='accepted_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='accepted'),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
