"""The report pages read from the streaming replica when one is configured, unless the user has just written
(then the primary, for a few seconds, so they see their own change) or the replica is down (then the primary,
with a log line; never an error page)."""

import logging
import time
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.db import OperationalError, connections
from django.http import HttpRequest, HttpResponse

from congress.db_routers import REPLICA, reading_from

logger = logging.getLogger(__name__)

# Set on a response to a request that may have written; the value is when, in seconds since the epoch.
WROTE_COOKIE = "wrote_at"
# After the replica fails to answer, how long the report pages read from the primary before trying it again.
RETRY_AFTER_SECONDS = 30

_down_until = 0.0


def configured() -> bool:
    return REPLICA in settings.DATABASES


def wrote_recently(request: HttpRequest) -> bool:
    """Whether this browser sent a write within the sticky period: its reads then stay on the primary."""
    try:
        wrote_at = float(request.COOKIES.get(WROTE_COOKIE, ""))
    except ValueError:
        return False
    return 0 <= time.time() - wrote_at < settings.REPLICA_STICKY_SECONDS


def mark_down(reason: Exception) -> None:
    global _down_until
    _down_until = time.monotonic() + RETRY_AFTER_SECONDS
    connections[REPLICA].close()
    logger.warning("Replica unavailable (%s); report pages read from the primary for %s s", reason, RETRY_AFTER_SECONDS)


def replica_usable() -> bool:
    """Whether the replica answers, checked at most once per request and not again for a while after it failed."""
    if time.monotonic() < _down_until:
        return False
    connection = connections[REPLICA]
    try:
        # A persistent connection the replica has since dropped is found here (CONN_HEALTH_CHECKS), not mid-page.
        connection.close_if_health_check_failed()
        connection.ensure_connection()
    except OperationalError as exc:
        mark_down(exc)
        return False
    return True


def _still_answers(connection) -> bool:
    return connection.connection is not None and connection.is_usable()


def reads_replica(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Run a read-only view against the replica when there is one, it answers, and the user has not just written."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not configured() or wrote_recently(request) or not replica_usable():
            return view(request, *args, **kwargs)
        token = reading_from.set(REPLICA)
        try:
            return view(request, *args, **kwargs)
        except OperationalError as exc:
            if _still_answers(connections[REPLICA]):
                raise  # the primary's error, not the replica's
            # The replica went away mid-page. The view only reads, so running it again on the primary is safe.
            mark_down(exc)
        finally:
            reading_from.reset(token)
        return view(request, *args, **kwargs)

    return wrapper


class ReplicaStickyMiddleware:
    """Stamps a response to any request that may have written, so the same browser's next few seconds of reads
    come from the primary rather than a replica that may not have the change yet."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.method not in ("GET", "HEAD", "OPTIONS") and response.status_code < 400 and configured():
            response.set_cookie(
                WROTE_COOKIE,
                f"{time.time():.3f}",
                max_age=settings.REPLICA_STICKY_SECONDS,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response
