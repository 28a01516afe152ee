"""Starting a real `celery worker` process (and, for the fault tests, a Redis of their own) for the tests."""

import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

from django.db import connection

from congress.celery import app

ROOT = Path(__file__).resolve().parents[2]


def database_url() -> str:
    settings = connection.settings_dict
    return (
        f"postgres://{settings['USER']}:{settings['PASSWORD'] or ''}@{settings['HOST'] or '127.0.0.1'}:"
        f"{settings['PORT'] or 5432}/{settings['NAME']}"
    )


def start_worker(broker: str, queue: str | None = None, **env_extra: str) -> subprocess.Popen:
    """A worker process on `broker`, taking only `queue` (this run's own), sharing the test database."""
    queue = queue or f"test-{uuid.uuid4().hex}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "congress.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "worker-test-key",
        "DATABASE_URL": database_url(),
        "CELERY_BROKER_URL": broker,
        "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
        # The tests' own settings: no quiet hours (settings_test.py), or a text sent after 21:00 would wait for
        # the morning and a worker test would pass or fail by the hour it runs at.
        "DJANGO_SMS_QUIET_FROM": "0",
        "DJANGO_SMS_QUIET_UNTIL": "0",
        **env_extra,
    }
    process = subprocess.Popen(  # noqa: S603 - our own interpreter running celery
        [
            sys.executable,
            *("-m", "celery", "-A", "congress", "worker", "--concurrency=1", "--loglevel=INFO"),
            *("--queues", queue, "--hostname", f"{queue}@%h", "--without-mingle", "--without-gossip"),
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    process.queue = queue
    return process


def stop(process: subprocess.Popen, sig: int = signal.SIGTERM) -> str:
    """Stop a process group and return what it printed."""
    if process.poll() is None:
        os.killpg(process.pid, sig)
    try:
        out, _ = process.communicate(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        out, _ = process.communicate(timeout=20)
    return out or ""


def point_app_at(broker_url: str, *, eager: bool, queue: str) -> None:
    """Send this process's tasks to another broker and queue: drop the connections made for the old one."""
    app.conf.broker_url = broker_url
    app.conf.task_always_eager = eager
    app.conf.task_default_queue = queue
    app._pool = None
    if "amqp" in app.__dict__:
        app.amqp._producer_pool = None


def wait_for(predicate, *, seconds: float = 60.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.25)
    return False


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_redis(port: int) -> subprocess.Popen:
    """A Redis of the test's own on `port`, that the test may stop and start again."""
    process = subprocess.Popen(  # noqa: S603, S607 - the machine's redis-server, on loopback only
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    ready = wait_for(lambda: _answers(port), seconds=20)
    assert ready, f"redis-server did not start on port {port}"
    return process


def _answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False
