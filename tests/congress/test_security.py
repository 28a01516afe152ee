"""Login hardening and the audit trail: lockout, password rules, a password set by someone else changed at
the next login, the idle timeout, the content security policy, the deployment check, the audit records."""

import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
import time_machine
from axes.models import AccessFailureLog, AccessLog
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from congress.audit import audit_events, audit_prune
from congress.models import Role
from deputies.models import Deputy
from tests.factories import PASSWORD, DeputyFactory, MembershipFactory, UserFactory

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.django_db


def _post_login(client: Client, username: str, password: str):
    return client.post(reverse("login"), {"username": username, "password": password})


# --- Lockout ---------------------------------------------------------------------------------------------


def test_five_wrong_passwords_lock_the_login_with_a_clear_message(alice):
    client = Client()
    for _ in range(4):
        assert _post_login(client, "alice", "wrong-password").status_code == 200  # the form again, with its error
    assert _post_login(client, "alice", "wrong-password").status_code == 429  # the fifth: locked
    response = _post_login(client, "alice", PASSWORD)  # even the right password, now
    assert response.status_code == 429
    page = response.content.decode()
    assert "登录已锁定" in page and "15" in page  # the message, in the default language
    with translation.override("en"):
        english = _post_login(Client(HTTP_ACCEPT_LANGUAGE="en"), "alice", PASSWORD).content.decode()
    assert "locked for 15 minutes" in english
    assert "_auth_user_id" not in client.session


def test_the_lock_ends_after_fifteen_minutes(alice):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        for _ in range(5):
            _post_login(Client(), "alice", "wrong-password")
        assert _post_login(Client(), "alice", PASSWORD).status_code == 429
    with time_machine.travel(start + timedelta(minutes=16), tick=False):
        assert _post_login(Client(), "alice", PASSWORD).status_code == 302


def test_a_lock_is_per_login_not_for_the_whole_office(alice, dave):
    for _ in range(5):
        _post_login(Client(), "alice", "wrong-password")
    assert _post_login(Client(), "dave", PASSWORD).status_code == 302


def test_four_failures_then_a_success_start_the_count_again(alice):
    for _ in range(4):
        _post_login(Client(), "alice", "wrong-password")
    assert _post_login(Client(), "alice", PASSWORD).status_code == 302
    for _ in range(4):
        _post_login(Client(), "alice", "wrong-password")
    assert _post_login(Client(), "alice", PASSWORD).status_code == 302


# --- Password rules --------------------------------------------------------------------------------------


@pytest.mark.parametrize("password", ["Ab3$xyz", "password123", "12345678901", "qwertyuiop"])
def test_weak_passwords_are_refused(password):
    with pytest.raises(ValidationError):
        validate_password(password)


def test_a_sound_password_is_accepted():
    validate_password("接访-Monday-0800")


# --- A password set by someone else ----------------------------------------------------------------------


@pytest.fixture
def set_by_office(town_a):
    """A user whose password the administration set (no record of choosing it themselves)."""
    user = UserFactory(username="newdeputy")
    MembershipFactory(user=user, township=town_a, role=Role.DEPUTY)
    user.set_password("Given-by-office-1")
    user.save()
    return user


def test_a_password_set_by_someone_else_must_be_changed_before_anything_else(set_by_office):
    client = Client()
    assert _post_login(client, "newdeputy", "Given-by-office-1").status_code == 302
    response = client.get(reverse("home"))
    assert response.status_code == 302 and response["Location"] == reverse("password_change")
    response = client.post(
        reverse("password_change"),
        {"old_password": "Given-by-office-1", "new_password1": "Mine-now-2026", "new_password2": "Mine-now-2026"},
    )
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 200


def test_after_choosing_their_own_password_the_user_is_not_asked_again(set_by_office):
    client = Client()
    _post_login(client, "newdeputy", "Given-by-office-1")
    client.post(
        reverse("password_change"),
        {"old_password": "Given-by-office-1", "new_password1": "Mine-now-2026", "new_password2": "Mine-now-2026"},
    )
    client.post(reverse("logout"))
    again = Client()
    assert _post_login(again, "newdeputy", "Mine-now-2026").status_code == 302
    assert again.get(reverse("inbox")).status_code == 200


def test_a_password_reset_by_the_administration_is_asked_again(alice):
    alice.set_password("Reset-by-admin-9")
    alice.save()
    client = Client()
    _post_login(client, "alice", "Reset-by-admin-9")
    assert client.get(reverse("inbox"))["Location"] == reverse("password_change")


@override_settings(DEBUG=True)
def test_the_demo_logins_keep_their_password_while_debug_is_on(town_a):
    office = UserFactory(username="office")
    MembershipFactory(user=office, township=town_a, role=Role.OFFICE)
    office.set_password("demo1234")
    office.save()
    client = Client()
    _post_login(client, "office", "demo1234")
    assert client.get(reverse("inbox")).status_code == 200


def test_the_demo_logins_must_change_their_password_with_debug_off(town_a):
    office = UserFactory(username="office")
    MembershipFactory(user=office, township=town_a, role=Role.OFFICE)
    office.set_password("demo1234")
    office.save()
    client = Client()
    _post_login(client, "office", "demo1234")
    assert client.get(reverse("inbox"))["Location"] == reverse("password_change")


# --- Idle timeout ----------------------------------------------------------------------------------------


def test_a_session_ends_after_thirty_idle_minutes(alice):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        client = Client()
        _post_login(client, "alice", PASSWORD)
        assert client.get(reverse("inbox")).status_code == 200
    with time_machine.travel(start + timedelta(minutes=31), tick=False):
        response = client.get(reverse("inbox"))
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_each_request_renews_the_idle_timeout(alice):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        client = Client()
        _post_login(client, "alice", PASSWORD)
    for minutes in (20, 40, 60):  # never 30 minutes apart
        with time_machine.travel(start + timedelta(minutes=minutes), tick=False):
            assert client.get(reverse("inbox")).status_code == 200


def test_the_session_is_written_at_most_once_a_minute_not_on_every_page(alice):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        client = Client()
        _post_login(client, "alice", PASSWORD)
        client.get(reverse("inbox"))
    with time_machine.travel(start + timedelta(seconds=30), tick=False):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("inbox")).status_code == 200
        assert not [q for q in queries.captured_queries if "django_session" in q["sql"] and "UPDATE" in q["sql"]]
    with time_machine.travel(start + timedelta(seconds=90), tick=False):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("inbox")).status_code == 200
        assert [q for q in queries.captured_queries if "django_session" in q["sql"] and "UPDATE" in q["sql"]]
    # Renewed at 90 s: still in at 90 s + 29 minutes of idleness.
    with time_machine.travel(start + timedelta(seconds=90, minutes=29), tick=False):
        assert client.get(reverse("inbox")).status_code == 200


# --- Headers and the deployment check --------------------------------------------------------------------


def test_every_page_carries_a_content_security_policy_without_inline_code(login, alice):
    response = login(alice).get(reverse("home"))
    policy = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert response["X-Frame-Options"] == "DENY"


def test_the_public_pages_carry_it_too(town_a):
    response = Client().get(reverse("login"))
    assert "Content-Security-Policy" in response


def test_the_deployment_check_is_clean_with_production_settings():
    # As a production server starts: without the browser tests' allowance of sync calls in async code.
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env |= {
        "DJANGO_SETTINGS_MODULE": "congress.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "a-production-like-secret-key-that-is-long-enough-and-random-7fQ2xLp9",
        "DJANGO_ALLOWED_HOSTS": "congress.example.cn",
    }
    result = subprocess.run(  # noqa: S603 - our own manage.py with our own interpreter
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNINGS" not in result.stdout + result.stderr


# --- The audit trail -------------------------------------------------------------------------------------


def test_logins_failures_and_logouts_are_recorded_with_the_address(alice):
    _post_login(Client(), "alice", "wrong-password")
    client = Client(REMOTE_ADDR="10.1.2.3")
    _post_login(client, "alice", PASSWORD)
    client.post(reverse("logout"))
    failure = AccessFailureLog.objects.get(username="alice")
    login = AccessLog.objects.get(username="alice")
    assert failure.ip_address == "127.0.0.1"
    assert login.ip_address == "10.1.2.3" and login.logout_time is not None


def test_a_change_to_a_record_keeps_who_when_and_from_where(login, alice, town_a, department_a):
    client = Client(REMOTE_ADDR="10.9.8.7")
    _post_login(client, "alice", PASSWORD)
    response = client.post(
        reverse("deputy_create"),
        {
            "name": "审计代表",
            "gender": "F",
            "ethnicity": "汉族",
            "level": "town",
            "term": 1,
            "status": "serving",
        },
    )
    assert response.status_code == 302
    deputy = Deputy.objects.get(name="审计代表")
    row = deputy.history.get()
    assert row.history_user == alice and row.history_ip == "10.9.8.7" and row.history_type == "+"


def test_the_office_reads_its_towns_audit_and_nothing_of_another_town(login, alice, dave, town_a, town_b):
    DeputyFactory(township=town_a, name="甲镇代表")
    DeputyFactory(township=town_b, name="乙镇代表")
    today = timezone.localdate()
    mine = audit_events(township=town_a, since=today, until=today)
    records = {e.record for e in mine}
    assert "甲镇代表" in records and "乙镇代表" not in records
    page = login(alice).get(reverse("audit"), {"kind": "deputies.historicaldeputy"})
    assert "甲镇代表" in page.content.decode() and "乙镇代表" not in page.content.decode()


def test_the_audit_page_refuses_a_range_backwards_with_a_message(login, alice):
    response = login(alice).get(reverse("audit"), {"since": "2026-11-20", "until": "2026-11-01"})
    assert response.status_code == 200
    assert response.context["form"].errors


def test_nobody_can_change_or_delete_the_login_records_in_the_administration(db):
    from django.contrib import admin

    model_admin = admin.site._registry[AccessLog]
    request = type("R", (), {"user": UserFactory(is_superuser=True, is_staff=True)})()
    assert not model_admin.has_change_permission(request)
    assert not model_admin.has_delete_permission(request)
    assert not admin.site._registry[AccessFailureLog].has_delete_permission(request)


def test_audit_records_are_kept_for_the_retention_period_and_removed_after(alice, town_a, settings):
    settings.AUDIT_RETENTION_DAYS = 180
    deputy = DeputyFactory(township=town_a)
    row = deputy.history.get()
    type(row).objects.filter(pk=row.pk).update(history_date=timezone.now() - timedelta(days=179))
    assert audit_prune() == 0
    type(row).objects.filter(pk=row.pk).update(history_date=timezone.now() - timedelta(days=181))
    assert audit_prune() == 1


def test_a_request_larger_than_any_upload_is_refused_before_it_is_read(login, alice):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = login(alice)
    big = SimpleUploadedFile("名册.xlsx", b"x" * (11 * 1024 * 1024 + 1))
    response = client.post(reverse("register_import", args=["deputies"]), {"file": big})
    assert response.status_code == 413
    assert "10 MB" in response.content.decode()
    assert "register_imports" not in client.session  # the import view never ran
