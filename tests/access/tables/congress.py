"""The role table of congress/urls.py: logging in and out, the password, the inbox, the audit trail, background
jobs, the town switch and the language."""

from collections.abc import Callable

from tests.access.expect import (
    FORBIDDEN,
    LOGIN,
    NOT_ALLOWED,
    NOT_FOUND,
    OK,
    TO_HOME,
    TO_INBOX,
    TO_LOGIN_PAGE,
    GetPost,
    Redirect,
    office_get,
    office_post,
    public_page,
)
from tests.access.samples import TownASamples, job_row

TO_HOME_REFUSED = TO_HOME.refused()
# alice's sample message did not fail: "only a failed message can be sent again", back to the record.
RESEND_REFUSED = Redirect("message_record").refused()

MATRIX: dict[str, dict[str, GetPost]] = {
    "login": {
        "anonymous": (OK, OK),  # POST without credentials: the form again, with its errors
        "office": (TO_HOME, TO_HOME),
        "leader": (TO_HOME, TO_HOME),
        "deputy": (TO_HOME, TO_HOME),
        "unit": (TO_HOME, TO_HOME),
        "county": (TO_HOME, FORBIDDEN),
        "other_office": (TO_HOME, TO_HOME),
    },
    "logout": {
        "anonymous": (NOT_ALLOWED, TO_LOGIN_PAGE),
        "office": (NOT_ALLOWED, TO_LOGIN_PAGE),
        "leader": (NOT_ALLOWED, TO_LOGIN_PAGE),
        "deputy": (NOT_ALLOWED, TO_LOGIN_PAGE),
        "unit": (NOT_ALLOWED, TO_LOGIN_PAGE),
        "county": (NOT_ALLOWED, TO_LOGIN_PAGE),
        "other_office": (NOT_ALLOWED, TO_LOGIN_PAGE),
    },
    "password_change": {
        "anonymous": (LOGIN, LOGIN),
        "office": (OK, OK),  # POST without data: the form again, with its errors
        "leader": (OK, OK),
        "deputy": (OK, OK),
        "unit": (OK, OK),
        "county": (OK, OK),
        "other_office": (OK, OK),
    },
    "password_change_done": {
        "anonymous": (LOGIN, LOGIN),
        "office": (OK, NOT_ALLOWED),
        "leader": (OK, NOT_ALLOWED),
        "deputy": (OK, NOT_ALLOWED),
        "unit": (OK, NOT_ALLOWED),
        "county": (OK, FORBIDDEN),
        "other_office": (OK, NOT_ALLOWED),
    },
    "inbox": {
        "anonymous": (LOGIN, NOT_ALLOWED),
        "office": (OK, NOT_ALLOWED),
        "leader": (OK, NOT_ALLOWED),
        "deputy": (OK, NOT_ALLOWED),
        "unit": (OK, NOT_ALLOWED),
        "county": (OK, FORBIDDEN),
        "other_office": (OK, NOT_ALLOWED),
    },
    "inbox_read": {  # alice's notification in town A: anyone else's id answers like one that does not exist
        "anonymous": (LOGIN, LOGIN),
        "office": (NOT_ALLOWED, TO_INBOX),
        "leader": (NOT_ALLOWED, NOT_FOUND),
        "deputy": (NOT_ALLOWED, NOT_FOUND),
        "unit": (NOT_ALLOWED, NOT_FOUND),
        "county": (NOT_ALLOWED, NOT_FOUND),
        "other_office": (NOT_ALLOWED, NOT_FOUND),
    },
    "audit": {
        "anonymous": (LOGIN, NOT_ALLOWED),
        "office": (OK, NOT_ALLOWED),
        "leader": (FORBIDDEN, NOT_ALLOWED),
        "deputy": (FORBIDDEN, NOT_ALLOWED),
        "unit": (FORBIDDEN, NOT_ALLOWED),
        "county": (FORBIDDEN, FORBIDDEN),
        "other_office": (OK, NOT_ALLOWED),
    },
    "inbox_read_all": {
        "anonymous": (LOGIN, LOGIN),
        "office": (NOT_ALLOWED, TO_INBOX),
        "leader": (NOT_ALLOWED, TO_INBOX),
        "deputy": (NOT_ALLOWED, TO_INBOX),
        "unit": (NOT_ALLOWED, TO_INBOX),
        "county": (NOT_ALLOWED, TO_INBOX),
        "other_office": (NOT_ALLOWED, TO_INBOX),
    },
    "township_switch": {  # POST without a town: "You cannot open that township.", back home
        "anonymous": (LOGIN, LOGIN),
        "office": (NOT_ALLOWED, TO_HOME_REFUSED),
        "leader": (NOT_ALLOWED, TO_HOME_REFUSED),
        "deputy": (NOT_ALLOWED, TO_HOME_REFUSED),
        "unit": (NOT_ALLOWED, TO_HOME_REFUSED),
        "county": (NOT_ALLOWED, TO_HOME_REFUSED),
        "other_office": (NOT_ALLOWED, TO_HOME_REFUSED),
    },
    # The record of the town's messages: the office's only (it shows people's mobiles); leaders do not read it.
    "message_record": office_get(),
    "message_resend": office_post(RESEND_REFUSED, other=NOT_FOUND),
    # A background job of town A (a register import): the office's own page, another town's office finds nothing.
    "job_detail": office_get(other=NOT_FOUND),
    # The operator's view: health for anyone (it names no person, host or password); nobody posts.
    "healthz": public_page(),
    # Prometheus' page: the test client's address, 127.0.0.1, is in DJANGO_METRICS_ALLOWED_IPS' default, so every
    # role reads it here; any other address gets a 404 (tests/congress/test_metrics.py).
    "metrics": public_page(),
    "set_language": {  # Django's view: GET changes nothing and goes back; without ?next=, back to "/"
        "anonymous": (TO_HOME, TO_HOME),
        "office": (TO_HOME, TO_HOME),
        "leader": (TO_HOME, TO_HOME),
        "deputy": (TO_HOME, TO_HOME),
        "unit": (TO_HOME, TO_HOME),
        "county": (TO_HOME, TO_HOME),
        "other_office": (TO_HOME, TO_HOME),
    },
}


URL_KWARGS: dict[str, Callable[[TownASamples], dict]] = {
    "inbox_read": lambda s: {"pk": s.notification.pk},
    "job_detail": lambda s: {"pk": job_row(s).pk},
    "message_resend": lambda s: {"pk": s.notification.pk},
}
