"""Reads of constituent visits and referrals: scoped to the township, and for handling units to their own
department; the visitor's contact data only for those handling the case."""

from datetime import date, timedelta

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from congress.inputs import on_days
from congress.models import Membership, Role, Township
from petitions.models import FINISHED, Referral, Visit


def visits(*, township: Township) -> QuerySet[Visit]:
    return (
        Visit.objects.for_township(township)
        .select_related("category", "station", "leader", "referral__department")
        .order_by("-received_at", "-id")
    )


def visit_detail(*, township: Township, pk: int) -> Visit:
    return (
        Visit.objects.for_township(township)
        .select_related("category", "station", "leader", "duty_day", "recorded_by", "referral__department")
        .prefetch_related("deputies", "suggestions__deputy", "major_cases")
        .get(pk=pk)
    )


def referrals_for(*, viewer: Membership, township: Township) -> QuerySet[Referral]:
    """The referrals the viewer may see: a handling unit only its own department's."""
    rows = Referral.objects.for_township(township).select_related("visit__category", "department", "visit__station")
    if viewer.role == Role.UNIT:
        rows = rows.filter(department_id=viewer.department_id)
    return rows.order_by("due", "id")


def overdue(rows: QuerySet[Referral], *, today: date | None = None) -> QuerySet[Referral]:
    """Not finished and past the deadline: computed from the dates, never set by hand."""
    return rows.exclude(status__in=FINISHED).filter(due__lt=today or timezone.localdate())


def handles_visitor(*, viewer: Membership, visit: Visit) -> bool:
    """The office, or the staff of the unit handling this visit's referral, may see the visitor's contacts."""
    if viewer.role == Role.OFFICE:
        return True
    if viewer.role == Role.UNIT:
        referral = getattr(visit, "referral", None)
        return referral is not None and referral.department_id == viewer.department_id
    return False


def visit_counts(*, township: Township, since: date) -> dict:
    """Visits received (people, counting a collective visit's size) and problems solved, since a date."""
    received = Visit.objects.for_township(township).filter(on_days("received_at", since))
    people = received.aggregate(visits=Count("id"), people=Sum("visitor_count"))
    solved = Referral.objects.for_township(township).filter(on_days("finished_at", since), resolved=True).count()
    answered = received.filter(outcome="answered").count()
    return {
        "visits": people["visits"] or 0,
        "people": people["people"] or 0,
        "solved": solved + answered,
    }


def visits_by_month(*, township: Township, since: date) -> list[dict]:
    """Per month: visits, people, problems answered on the spot and referrals solved."""
    rows = (
        Visit.objects.for_township(township)
        .filter(on_days("received_at", since))
        .annotate(month=TruncMonth("received_at"))
        .values("month")
        .annotate(
            visits=Count("id"),
            people=Sum("visitor_count"),
            answered=Count("id", filter=Q(outcome="answered")),
            referred=Count("id", filter=Q(outcome="referred")),
        )
        .order_by("month")
    )
    solved = dict(
        Referral.objects.for_township(township)
        .filter(on_days("finished_at", since), resolved=True)
        .annotate(month=TruncMonth("finished_at"))
        .values_list("month")
        .annotate(n=Count("id"))
    )
    out = []
    for row in rows:
        month = row["month"]
        row["solved"] = row["answered"] + solved.get(month, 0)
        out.append(row)
    return out


def month_totals(*, township: Township, first: date, last: date) -> dict:
    """The month's visits, and its referrals opened, resolved and overdue: two queries."""
    # Overdue as it stood at the month's end (or today, for the running month): a case resolved later
    # still counts for the month it was late in.
    cutoff = min(last, timezone.localdate())
    late = Q(due__lt=cutoff) & (Q(finished_at__isnull=True) | on_days("finished_at", cutoff + timedelta(days=1)))
    referrals = Referral.objects.for_township(township).aggregate(
        opened=Count("id", filter=on_days("visit__received_at", first, last)),
        resolved=Count("id", filter=on_days("finished_at", first, last) & Q(resolved=True)),
        overdue=Count("id", filter=late),
    )
    visits = Visit.objects.for_township(township).filter(on_days("received_at", first, last)).count()
    return {"visits": visits, **referrals}


def month_figures(*, township: Township, first: date, last: date) -> dict:
    """The month's figures the supervision panel hears: visits, referrals opened, resolved and overdue,
    by department and by category."""
    month_visits = Visit.objects.for_township(township).filter(on_days("received_at", first, last))
    by_department = (
        Referral.objects.for_township(township)
        .filter(on_days("visit__received_at", first, last) | on_days("finished_at", first, last))
        .values("department__name")
        .annotate(
            opened=Count("id", filter=on_days("visit__received_at", first, last)),
            resolved=Count("id", filter=on_days("finished_at", first, last) & Q(resolved=True)),
        )
        .order_by("-opened", "department__name")
    )
    by_category = month_visits.values("category__name").annotate(n=Count("id")).order_by("-n", "category__name")
    return {
        **month_totals(township=township, first=first, last=last),
        "by_department": list(by_department),
        "by_category": list(by_category),
    }
