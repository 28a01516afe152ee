"""Load the periodic jobs declared in code into django-celery-beat, keeping any retiming staff made."""

from django.core.management.base import BaseCommand
from django_celery_beat.models import CrontabSchedule, PeriodicTask

from congress.schedule import PERIODIC_JOBS


class Command(BaseCommand):
    help = "Create the periodic jobs declared in code in django-celery-beat; existing ones keep their timing."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--reset", action="store_true", help="Also put every job back on its declared timing.")

    def handle(self, *args, reset: bool = False, **options) -> None:
        for job in PERIODIC_JOBS:
            schedule, _ = CrontabSchedule.objects.get_or_create(**job.crontab, timezone="Asia/Shanghai")
            task, created = PeriodicTask.objects.get_or_create(
                name=job.name, defaults={"task": job.task, "crontab": schedule, "description": job.description}
            )
            if not created:
                task.task = job.task
                task.description = job.description
                if reset:
                    task.crontab = schedule
                task.save()
            self.stdout.write(f"{'created' if created else 'kept'}: {job.name} → {job.task}")
