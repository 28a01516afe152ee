"""The operator's view, /healthz: what the site needs to work, each checked by django-health-check.

The page is public (a load balancer asks it), so no message names a host, a user or a password: the library's
own messages can (a database driver's error names the server, a worker's name its machine), and are replaced.
"""

import dataclasses
import datetime
import shutil

import celery
from asgiref.sync import sync_to_async
from celery.schedules import crontab
from django.conf import settings
from django.db import DatabaseError, connections
from django.utils import timezone
from django_celery_beat.models import PeriodicTask
from health_check import checks as library
from health_check.base import HealthCheck
from health_check.contrib.celery import Ping
from health_check.contrib.redis import Redis
from health_check.exceptions import HealthCheckException, ServiceUnavailable, ServiceWarning
from health_check.views import HealthCheckView
from redis.asyncio import Redis as RedisClient

from congress.celery import app
from congress.schedule import PERIODIC_JOBS, PeriodicJob


def broker_url() -> str | None:
    """The broker tasks go to, or None when they run in-process (no broker: no Redis, worker or beat to check)."""
    if app.conf.task_always_eager:
        return None
    return app.conf.broker_url


@dataclasses.dataclass
class Database(library.Database):
    def run(self) -> None:
        try:
            super().run()
        except HealthCheckException as exc:
            raise ServiceUnavailable("The database does not answer") from exc


@dataclasses.dataclass
class ReplicaLag(HealthCheck):
    """How far the streaming replica's replay is behind the primary (PostgreSQL)."""

    alias: str = "replica"

    async def run(self) -> None:
        # In the request's own thread: its connection is closed with the request's, not left in a pool thread.
        lag = await sync_to_async(self.seconds_behind)()
        if lag is None:
            raise ServiceWarning("The replica is not replaying from a primary")
        if lag > settings.HEALTH_REPLICA_LAG_SECONDS:
            raise ServiceWarning(f"The replica is {lag:.0f} s behind")

    def seconds_behind(self) -> float | None:
        # Caught up (all WAL received is replayed): no lag, however long ago the primary last wrote.
        query = (
            "SELECT CASE WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0 "
            "ELSE EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()) END"
        )
        try:
            with connections[self.alias].cursor() as cursor:
                cursor.execute(query)
                (lag,) = cursor.fetchone()
        except DatabaseError as exc:
            raise ServiceUnavailable("The replica does not answer") from exc
        return None if lag is None else float(lag)


@dataclasses.dataclass
class BrokerRedis(Redis):
    """The broker's Redis, named without its address."""

    def __repr__(self) -> str:
        return "Redis"

    @property
    def labels(self) -> dict[str, str]:
        return {"check": "Redis"}


@dataclasses.dataclass
class Worker(Ping):
    """A worker answers a ping and takes the default queue; its name (which names its machine) is not shown."""

    app: celery.Celery = dataclasses.field(default=app, repr=False)

    def __repr__(self) -> str:
        return "Worker"

    def run(self) -> None:
        try:
            super().run()
        except HealthCheckException as exc:
            raise ServiceUnavailable("No worker answers") from exc


def runs_a_day(job: PeriodicJob) -> int:
    schedule = crontab(**job.crontab)
    return len(schedule.minute) * len(schedule.hour)


def most_frequent_job() -> PeriodicJob:
    """The job beat sends most often: the first to show that beat has stopped."""
    return max(PERIODIC_JOBS, key=runs_a_day)


@dataclasses.dataclass
class BeatLastRun(HealthCheck):
    """beat sent its most frequent job lately (django-celery-beat records each send in last_run_at)."""

    def __repr__(self) -> str:
        return "Beat"

    async def run(self) -> None:
        await sync_to_async(self.check)()

    def check(self) -> None:
        job = most_frequent_job()
        last_run = PeriodicTask.objects.filter(name=job.name).values_list("last_run_at", flat=True).first()
        if last_run is None:
            raise ServiceUnavailable(f"beat has never sent {job.name}")
        minutes = (timezone.now() - last_run) // datetime.timedelta(minutes=1)
        if minutes * 60 > settings.HEALTH_BEAT_STALE_SECONDS:
            raise ServiceUnavailable(f"beat last sent {job.name} {minutes} min ago")


@dataclasses.dataclass
class Disk(HealthCheck):
    """Free space where uploads and exports are written (the stdlib's disk_usage: psutil for one call is not
    worth a dependency)."""

    def __repr__(self) -> str:
        return "Disk"

    def run(self) -> None:
        free_mb = shutil.disk_usage(settings.MEDIA_ROOT).free // 2**20
        if free_mb < settings.HEALTH_DISK_MIN_FREE_MB:
            raise ServiceUnavailable(f"{free_mb} MB free for uploads")


def redis_client(url: str):
    return lambda: RedisClient.from_url(url, socket_connect_timeout=2, socket_timeout=2)


class HealthView(HealthCheckView):
    """200 when every check passes, 500 naming the failing ones; HTML, or JSON for ?format=json or Accept."""

    def get_checks(self):
        yield Database()
        if "replica" in settings.DATABASES:
            yield ReplicaLag()
        broker = broker_url()
        if broker:
            if broker.startswith(("redis://", "rediss://")):
                yield BrokerRedis(client_factory=redis_client(broker))
            yield Worker(timeout=datetime.timedelta(seconds=settings.HEALTH_WORKER_PING_SECONDS))
            yield BeatLastRun()
        yield Disk()

    async def dispatch(self, request, *args, **kwargs):
        response = await super().dispatch(request, *args, **kwargs)
        # The library's page styles itself inline; django-csp adds this to our policy for this page only
        # (its decorators wrap only synchronous views, and this one is asynchronous).
        response._csp_update = {"style-src": ["'unsafe-inline'"]}
        return response


healthz = HealthView.as_view()
