"""The periodic jobs, declared once here and loaded into django-celery-beat by `manage.py beat_sync`.

Each entry: a stable name, the task's dotted name, a crontab (minute, hour, day_of_month, month_of_year,
day_of_week) and the management command that runs the same job where no broker is configured.
"""

from typing import NamedTuple


class PeriodicJob(NamedTuple):
    name: str
    task: str
    crontab: dict[str, str]
    command: str
    description: str


PERIODIC_JOBS: list[PeriodicJob] = [
    PeriodicJob(
        name="deliver-pending-notifications",
        task="congress.tasks.deliver_pending_notifications",
        crontab={"minute": "*", "hour": "*", "day_of_month": "*", "month_of_year": "*", "day_of_week": "*"},
        command="deliver_notifications",
        description="Deliver messages still waiting in the outbox (after a broker outage, a failed send).",
    ),
]
