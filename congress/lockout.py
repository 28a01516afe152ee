"""Failed logins beyond django-axes' lock of a (login, address) pair: the growing delay on a login guessed from
many addresses, and the state of a town's logins for its office. Both read axes' own attempt rows, which axes
keeps for the lockout period after a row's last failure and the office's unlock removes."""

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from math import ceil

from axes.models import AccessAttempt
from django.conf import settings
from django.utils import timezone

# 2^30 seconds is decades: the ceiling setting always applies long before, and the power stays small.
_MAX_EXPONENT = 30


@dataclass
class LoginLock:
    """What failed attempts have done to one login: the addresses it is locked at, and how long any other must
    still wait before trying it."""

    username: str
    failures: int = 0
    last_failure: datetime | None = None
    locked_at: list[str] = field(default_factory=list)
    wait_seconds: int = 0

    @property
    def is_locked(self) -> bool:
        return bool(self.locked_at) or self.wait_seconds > 0


def delay_seconds(failures: int) -> int:
    """The delay a login that failed this many times (from any address) puts between attempts: none below
    LOGIN_DELAY_AFTER, then 1, 2, 4 … seconds up to LOGIN_DELAY_MAX_SECONDS."""
    beyond = failures - settings.LOGIN_DELAY_AFTER
    if beyond < 0:
        return 0
    return min(2 ** min(beyond, _MAX_EXPONENT), settings.LOGIN_DELAY_MAX_SECONDS)


def _recent(usernames) -> list[AccessAttempt]:
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    return list(AccessAttempt.objects.filter(username__in=list(usernames), attempt_time__gte=since))


def login_locks(usernames) -> dict[str, LoginLock]:
    """The state of each of these logins that is locked at some address or must wait, by login name; one query."""
    now = timezone.now()
    locks: dict[str, LoginLock] = {}
    for attempt in _recent(usernames):
        lock = locks.setdefault(attempt.username, LoginLock(attempt.username))
        lock.failures += attempt.failures_since_start
        if lock.last_failure is None or attempt.attempt_time > lock.last_failure:
            lock.last_failure = attempt.attempt_time
        if attempt.failures_since_start >= settings.AXES_FAILURE_LIMIT:
            lock.locked_at.append(attempt.ip_address or "")
    for lock in locks.values():
        delay = delay_seconds(lock.failures)
        if delay and lock.last_failure is not None:
            remaining = (lock.last_failure + timedelta(seconds=delay) - now).total_seconds()
            lock.wait_seconds = max(0, ceil(remaining))
        lock.locked_at.sort()
    return {name: lock for name, lock in locks.items() if lock.is_locked}


def login_wait(username: str | None) -> int:
    """How many seconds an attempt on this login must still wait (0: it may try now)."""
    if not username:
        return 0
    lock = login_locks([username]).get(username)
    return lock.wait_seconds if lock is not None else 0
