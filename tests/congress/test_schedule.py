"""The periodic jobs: declared once in code, loaded into django-celery-beat, each also a command."""

import pytest
from django.core.management import call_command, get_commands
from django_celery_beat.models import CrontabSchedule, PeriodicTask

from congress.celery import app
from congress.schedule import PERIODIC_JOBS

pytestmark = pytest.mark.django_db


def test_every_job_names_a_registered_task_and_an_existing_command():
    app.loader.import_default_modules()
    commands = get_commands()
    for job in PERIODIC_JOBS:
        assert job.task in app.tasks, job.task
        assert job.command.split()[0] in commands, job.command


def test_beat_sync_loads_every_job_once():
    call_command("beat_sync", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("beat_sync", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert sorted(PeriodicTask.objects.values_list("name", flat=True)) == sorted(j.name for j in PERIODIC_JOBS)


def test_beat_sync_keeps_a_timing_staff_changed_unless_reset():
    call_command("beat_sync", stdout=open("/dev/null", "w"))  # noqa: SIM115
    task = PeriodicTask.objects.get(name="duty-reminders")
    task.crontab = CrontabSchedule.objects.create(minute="30", hour="17", timezone="Asia/Shanghai")
    task.save()
    call_command("beat_sync", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert PeriodicTask.objects.get(name="duty-reminders").crontab.hour == "17"
    call_command("beat_sync", "--reset", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert PeriodicTask.objects.get(name="duty-reminders").crontab.hour == "*"
