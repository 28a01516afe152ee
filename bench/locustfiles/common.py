"""What the locustfiles share: each request written as one JSON line to BENCH_TIMINGS, users numbered in the
order they start, and the run stopped once every user has done its steps (BENCH_USERS of them)."""

import itertools
import json
import os
import re

import gevent
from locust import events

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
PASSWORD = os.environ.get("BENCH_PASSWORD", "")
_numbers = itertools.count()
_finished = itertools.count(1)
_out = open(os.environ["BENCH_TIMINGS"], "a", encoding="utf-8")  # noqa: SIM115 - open for the whole run


def next_number() -> int:
    return next(_numbers)


def finished(environment) -> None:
    """A user has done its steps; the last one ends the run (locust's -t bounds it anyway)."""
    if next(_finished) >= int(os.environ["BENCH_USERS"]):
        gevent.spawn_later(0.1, environment.runner.quit)


def csrf(text: str) -> str:
    found = CSRF.search(text)
    return found.group(1) if found else ""


@events.request.add_listener
def _record(name, response_time, response, exception, context, **_kwargs) -> None:
    status = getattr(response, "status_code", 0) or 0
    line = {"name": name, "ms": response_time, "status": status, "error": str(exception or ""),
            "who": (context or {}).get("who", "")}  # fmt: skip
    _out.write(json.dumps(line) + "\n")
    _out.flush()
