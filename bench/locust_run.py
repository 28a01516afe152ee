"""Run a locustfile headless against our gunicorn on loopback, bounded in users and time, and read back every
request it made (the locustfiles write one JSON line per request to the file named by BENCH_TIMINGS).

The locustfiles (bench/locustfiles/) know nothing of Django: the runner scripts build the data, start the
server (bench/server.py), hand the locustfile what it needs in environment variables (BENCH_*) and check the
outcome in the database afterwards. Locust runs in a child process (its gevent patches stay out of ours)."""

import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LOCUSTFILES = ROOT / "bench" / "locustfiles"


@dataclass
class Request:
    name: str
    ms: float
    status: int
    error: str  # empty when the request did what was expected
    who: str  # the user (login) it was made for


@dataclass
class Run:
    requests: list[Request]
    seconds: float  # wall time of the run


def locust(locustfile: str, *, host: str, users: int, spawn_rate: float, limit: float, env: dict) -> Run:
    """`users` users spawned at `spawn_rate` a second, each doing its steps once; the run ends when the last has
    finished, and in any case after `limit` seconds. Only 127.0.0.1 is allowed as the host."""
    if not host.startswith("http://127.0.0.1:"):
        raise SystemExit(f"load runs go to loopback only, not {host}")
    timings = Path(tempfile.mkstemp(prefix="locust-", suffix=".jsonl")[1])
    command = [
        sys.executable, "-m", "locust", "-f", str(LOCUSTFILES / locustfile), "--headless", "--only-summary",
        "-u", str(users), "-r", f"{spawn_rate:.3f}", "-t", f"{int(limit)}s", "--stop-timeout", "10",
        "--host", host, "--loglevel", "WARNING",
    ]  # fmt: skip
    started = time.perf_counter()
    subprocess.run(  # noqa: S603 - locust from our own environment, against loopback
        command,
        cwd=ROOT,
        env={**os.environ, **env, "BENCH_TIMINGS": str(timings), "BENCH_USERS": str(users)},
        check=False,
        stdout=sys.stderr,  # locust's own summary goes with the progress messages
    )
    seconds = time.perf_counter() - started
    requests = [Request(**json.loads(line)) for line in timings.read_text().splitlines() if line]
    timings.unlink()
    return Run(requests=requests, seconds=seconds)


def percentile(values: list[float], share: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(share * (len(values) - 1)))]
