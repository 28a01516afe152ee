"""The audit trail: each history row remembers the address its change came from; records older than the
retention period are removed by a periodic job. Read by the audit page (congress.audit_selectors)."""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from axes.models import AccessFailureLog, AccessLog
from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.models import HistoricalRecords
from simple_history.utils import get_history_manager_for_model

from congress.models import Membership


def client_ip(request: HttpRequest) -> str | None:
    """The client's address; behind the intranet's proxy, the one it forwarded (when told to trust it)."""
    if settings.AUDIT_TRUST_X_FORWARDED_FOR:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[0].strip() or None
    return request.META.get("REMOTE_ADDR") or None


def request_address() -> str | None:
    """The address of the request being served (or stood in for by `changes_made_by`); None in a job."""
    request = getattr(HistoricalRecords.context, "request", None)
    return client_ip(request) if request is not None else None


def history_address(sender, history_instance, **kwargs) -> None:
    """django-simple-history's hook before a history row is saved: note the request's address, if any."""
    request = getattr(HistoricalRecords.context, "request", None)
    if request is not None and hasattr(history_instance, "history_ip"):
        history_instance.history_ip = client_ip(request)


def history_attrs() -> dict:
    """What our history rows add to the library's, for the rows it writes in bulk (`bulk_create_with_history`,
    `bulk_update_with_history`, `bulk_history_create`): those send no signal, so `history_address` cannot."""
    return {"history_ip": request_address()}


def history_record_update(*rows, user=None) -> None:
    """Write the "changed" history row of rows a queryset's update() changed (update() writes none): call it
    in the update's transaction, once the update has succeeded, with the rows read again. Who changed them is
    `user`, else the request's user (none in a job); the address is the request's."""
    if not rows:
        return
    get_history_manager_for_model(type(rows[0])).bulk_history_create(
        list(rows), update=True, default_user=user, custom_historical_attrs=history_attrs()
    )


@contextmanager
def changes_made_by(*, user, address: str | None) -> Iterator[None]:
    """Record the history rows written inside as changes `user` made from `address`, as in their own request:
    work a worker does on someone's behalf (an import they confirmed) keeps its author in the audit trail."""
    stand_in = HttpRequest()
    stand_in.user = user if user is not None else AnonymousUser()
    if address:
        stand_in.META["REMOTE_ADDR"] = address
    previous = getattr(HistoricalRecords.context, "request", None)
    HistoricalRecords.context.request = stand_in
    try:
        yield
    finally:
        if previous is None:
            del HistoricalRecords.context.request
        else:
            HistoricalRecords.context.request = previous


def audited_models() -> list:
    """The history models of our apps (each row: who, when, what, from where). A record's many-to-many fields
    kept with its history (who took part in a meeting) are rows of their own models, each hanging from a row of
    the record's history: they go with it, and are not listed here."""
    return [model for model in _history_models() if _field_names(model) >= {"history_date"}]


def _history_models() -> list:
    return [
        model
        for model in apps.get_models()
        if model._meta.app_label in settings.AUDITED_APPS and model.__name__.startswith("Historical")
    ]


def _field_names(model) -> set[str]:
    return {field.name for field in model._meta.get_fields()}


def history_m2m_models() -> list:
    """The rows of the many-to-many fields kept with a record's history, each hanging from a history row."""
    return [model for model in _history_models() if "history_date" not in _field_names(model)]


def audit_prune(*, now=None) -> int:
    """Remove login records and record histories older than the retention period (at least 180 days)."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.AUDIT_RETENTION_DAYS)
    removed = 0
    with transaction.atomic():
        for model in history_m2m_models():  # before the history rows they hang from (no foreign key holds them)
            removed += model.objects.filter(history__history_date__lt=cutoff).delete()[0]
        for model in audited_models():
            removed += model.objects.filter(history_date__lt=cutoff).delete()[0]
        removed += AccessLog.objects.filter(attempt_time__lt=cutoff).delete()[0]
        removed += AccessFailureLog.objects.filter(attempt_time__lt=cutoff).delete()[0]
    return removed


# --- The audit page's reads --------------------------------------------------------------------------------


@dataclass
class AuditEvent:
    at: datetime
    who: str
    action: str
    what: str
    record: str
    address: str | None


LOGIN_KIND = "login"


def audit_kinds() -> list[tuple[str, str]]:
    """The record types an office can filter by: logins, then every audited record of a town."""
    kinds = [(LOGIN_KIND, str(_("Logins and logouts")))]
    for model in audited_models():
        if _town_field(model):
            kinds.append((model._meta.label_lower, str(model.instance_type._meta.verbose_name)))
    return [kinds[0], *sorted(kinds[1:], key=lambda k: k[1])]


def _town_field(model) -> bool:
    return any(f.name == "township" for f in model._meta.fields)


def _label(row) -> str:
    label = f"#{row.id}"
    for name in ("title", "name", "visitor_name", "subject"):
        value = getattr(row, name, None)
        if value:
            label = str(value)[:60]
            break
    # A change no field shows (a login's password reset, a login disabled) says what it was.
    reason = getattr(row, "history_change_reason", None)
    return f"{label} · {reason}" if reason else label


def audit_events(
    *, township, since: date, until: date, user=None, kind: str | None = None, limit: int = 300
) -> list[AuditEvent]:
    """The town's audit trail between two dates, newest first: its members' logins, logouts and failed
    logins, and every change to its records (who, when, what, from where). One query per record type."""
    start = timezone.make_aware(datetime.combine(since, time.min))
    end = timezone.make_aware(datetime.combine(until + timedelta(days=1), time.min))
    members = Membership.objects.filter(township=township)
    if user is not None:
        members = members.filter(user=user)
    usernames = list(members.values_list("user__username", flat=True).distinct())
    events: list[AuditEvent] = []
    if kind in (None, "", LOGIN_KIND):
        for log in AccessLog.objects.filter(username__in=usernames, attempt_time__range=(start, end)).order_by(
            "-attempt_time"
        )[:limit]:
            events.append(
                AuditEvent(log.attempt_time, log.username, _("Logged in"), _("Logins and logouts"), "", log.ip_address)
            )
            if log.logout_time:
                events.append(
                    AuditEvent(
                        log.logout_time, log.username, _("Logged out"), _("Logins and logouts"), "", log.ip_address
                    )
                )
        for log in AccessFailureLog.objects.filter(username__in=usernames, attempt_time__range=(start, end)).order_by(
            "-attempt_time"
        )[:limit]:
            events.append(
                AuditEvent(
                    log.attempt_time, log.username, _("Failed login"), _("Logins and logouts"), "", log.ip_address
                )
            )
    for model in audited_models():
        if not _town_field(model) or kind not in (None, "", model._meta.label_lower):
            continue
        rows = model.objects.filter(township_id=township.pk, history_date__range=(start, end))
        if user is not None:
            rows = rows.filter(history_user=user)
        what = str(model.instance_type._meta.verbose_name)
        for row in rows.select_related("history_user").order_by("-history_date")[:limit]:
            who = row.history_user.get_username() if row.history_user else str(_("the system"))
            events.append(
                AuditEvent(row.history_date, who, row.get_history_type_display(), what, _label(row), row.history_ip)
            )
    events.sort(key=lambda e: e.at, reverse=True)
    return events[:limit]
