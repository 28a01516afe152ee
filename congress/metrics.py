"""Prometheus metrics beyond django-prometheus' requests and queries: task runs and failures, and the outbox.

/metrics answers only the addresses in METRICS_ALLOWED_IPS (Prometheus' own) and is a 404 to anyone else.
"""

import os

import prometheus_client
from celery.signals import task_failure, task_retry, task_success
from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_GET
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.multiprocess import MultiProcessCollector

from congress.models import Notification, NotificationStatus

TASK_RUNS = prometheus_client.Counter("congress_task_runs", "Celery task runs that succeeded", ["task"])
TASK_FAILURES = prometheus_client.Counter("congress_task_failures", "Celery task runs that failed", ["task"])
TASK_RETRIES = prometheus_client.Counter("congress_task_retries", "Celery task runs retried", ["task"])


@task_success.connect
def count_success(sender=None, **kwargs) -> None:
    TASK_RUNS.labels(task=sender.name).inc()


@task_failure.connect
def count_failure(sender=None, **kwargs) -> None:
    TASK_FAILURES.labels(task=sender.name).inc()


@task_retry.connect
def count_retry(sender=None, **kwargs) -> None:
    TASK_RETRIES.labels(task=sender.name).inc()


class OutboxCollector:
    """The outbox backlog, read at scrape time: one COUNT, not a gauge kept up to date by every write."""

    NAME, HELP = "congress_outbox_pending", "Notifications waiting in the outbox"

    def describe(self):
        # Registering asks for the names: given here, so that registering (at start) reads nothing.
        yield GaugeMetricFamily(self.NAME, self.HELP)

    def collect(self):
        pending = Notification.objects.filter(status=NotificationStatus.PENDING).count()
        yield GaugeMetricFamily(self.NAME, self.HELP, value=pending)


OUTBOX = OutboxCollector()
prometheus_client.REGISTRY.register(OUTBOX)


def registry() -> prometheus_client.CollectorRegistry:
    """This process's metrics; or, with PROMETHEUS_MULTIPROC_DIR (several gunicorn workers on a host), every
    process's, summed from their files, and the outbox."""
    if "PROMETHEUS_MULTIPROC_DIR" not in os.environ:
        return prometheus_client.REGISTRY
    combined = prometheus_client.CollectorRegistry()
    MultiProcessCollector(combined)
    combined.register(OUTBOX)
    return combined


@require_GET
def metrics(request: HttpRequest) -> HttpResponse:
    """The metrics in Prometheus' text format, for the allowed addresses only."""
    # REMOTE_ADDR, never X-Forwarded-For: a header any client can write must not open the page. And a request
    # that came through the proxy (which adds X-Forwarded-For to each) is refused even from its loopback address:
    # Prometheus asks gunicorn directly.
    through_proxy = "HTTP_X_FORWARDED_FOR" in request.META
    if through_proxy or request.META.get("REMOTE_ADDR") not in settings.METRICS_ALLOWED_IPS:
        raise Http404
    return HttpResponse(
        prometheus_client.generate_latest(registry()), content_type=prometheus_client.CONTENT_TYPE_LATEST
    )
