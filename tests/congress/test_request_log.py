"""One JSON line per request: the town, the role, the user's id, the status and the time taken; nothing typed."""

import json
import logging

import pytest
from django.conf import settings
from django.utils.module_loading import import_string

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def json_line(record: logging.LogRecord) -> str:
    """The record as LOGGING's console handler writes it."""
    options = dict(settings.LOGGING["formatters"]["json"])
    return import_string(options.pop("()"))(**options).format(record)


def request_lines(caplog) -> list[logging.LogRecord]:
    return [record for record in caplog.records if record.name == "congress.requests"]


def test_a_page_is_one_json_line_with_the_town_role_and_duration(login, alice, town_a, caplog):
    client = login(alice)
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="congress.requests"):
        client.get("/inbox/", {"q": "张三 13800001111"})
    (record,) = request_lines(caplog)
    line = json_line(record)
    assert "\n" not in line
    fields = json.loads(line)
    assert fields["township"] == town_a.code
    assert fields["role"] == "office"
    assert fields["user_id"] == alice.pk
    assert (fields["method"], fields["path"], fields["status"]) == ("GET", "/inbox/", 200)
    assert isinstance(fields["duration_ms"], float)
    assert fields["duration_ms"] >= 0
    assert "13800001111" not in line


def test_an_anonymous_request_has_no_town_role_or_user(client, caplog):
    with caplog.at_level(logging.INFO, logger="congress.requests"):
        client.get("/inbox/")
    (record,) = request_lines(caplog)
    fields = json.loads(json_line(record))
    assert (fields["township"], fields["role"], fields["user_id"], fields["status"]) == (None, None, None, 302)


def test_a_login_line_never_holds_the_password(client, alice, caplog):
    with caplog.at_level(logging.INFO, logger="congress.requests"):
        client.post("/login/?next=/inbox/", {"username": "alice", "password": PASSWORD})
    (record,) = request_lines(caplog)
    line = json_line(record)
    assert PASSWORD not in line
    assert "next=" not in line
    assert json.loads(line)["path"] == "/login/"
