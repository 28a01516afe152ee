"""One log line per request, as JSON (LOGGING's formatter): who (town, role, user id), what, the answer, how long."""

import logging
import time
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

logger = logging.getLogger("congress.requests")


class RequestLogMiddleware:
    """Logs method, path without its query string (search terms and tokens stay out of the log), status and
    duration, with the town's code, the role and the user's id: never a name, a phone or a form's content."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        started = time.perf_counter()
        response = self.get_response(request)
        duration_ms = round((time.perf_counter() - started) * 1000, 1)
        township = getattr(request, "township", None)
        user = getattr(request, "user", None)
        fields = {
            "township": township.code if township is not None else None,
            "role": getattr(request, "role", None),
            "user_id": user.pk if user is not None and user.is_authenticated else None,
            "method": request.method,
            "path": request.path,
            "status": response.status_code,
            "duration_ms": duration_ms,
        }
        logger.info("%s %s %s", request.method, request.path, response.status_code, extra=fields)
        return response
