"""Reads of the assessment: the month's ranking, a deputy's months, the year's ranking and grades, the
leadership dashboard and the county overview. Each is a fixed number of grouped queries."""

from datetime import date, timedelta

from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone

from assessments.models import Assessment
from assessments.selectors.bulletin import duty_month_figures
from congress.dates import add_months, first_of, last_of, month_bounds
from congress.inputs import on_days
from congress.models import County, Township
from deputies.models import Deputy, DeputyStatus
from petitions.figures import Period, figures_by_town, monthly, visit_figures
from petitions.models import FINISHED, DutyAssignment, Referral, attended_q
from proposals.figures import Facts, item_facts, rates_by, rates_of
from proposals.models import Proposal, Status
from proposals.selectors import unit_table


def _month_key_figures(township: Township, month: date) -> dict:
    first, after = month_bounds(month)
    duty = duty_month_figures(township, month)
    proposals = Proposal.objects.for_township(township)
    return {
        "visits": visit_figures(township=township, period=Period.month(month)),
        "duty_rate": duty["rate"],
        "filed": proposals.filter(on_days("submitted_at", first, after - timedelta(days=1))).count(),
        "replied": proposals.filter(on_days("replies__submitted_at", first, after - timedelta(days=1)))
        .distinct()
        .count(),
    }


def _percent(part: int, whole: int) -> float:
    return round(100 * part / whole, 1) if whole else 0


def _referral_rows(township: Township, year_start: date) -> tuple[list[dict], list[dict]]:
    """This year's referrals by visit category and by department, with how many each department resolved."""
    referrals = Referral.objects.for_township(township).filter(on_days("created_at", year_start))
    by_category = list(
        referrals.values("visit__category__name").annotate(n=Count("id")).order_by("-n", "visit__category__name")
    )
    by_department = list(
        referrals.values("department__name")
        .annotate(n=Count("id"), resolved=Count("id", filter=Q(resolved=True)))
        .order_by("-n", "department__name")
    )
    return by_category, by_department


def _duty_rows(township: Township, year_start: date, today: date) -> list[dict]:
    """This year's duty assignments so far by small group: scheduled and present."""
    return list(
        DutyAssignment.objects.for_township(township)
        .filter(duty_day__township=township, duty_day__date__gte=year_start, duty_day__date__lte=today)
        .values("duty_day__small_group__name", "duty_day__small_group__order")
        .annotate(
            scheduled=Count("id"),
            present=Count("id", filter=attended_q()),
        )
        .order_by("duty_day__small_group__order", "duty_day__small_group__name")
    )


def _charts(township: Township, today: date, facts: Facts) -> dict:
    """The dashboard charts' series: visits by month over a year, this year's referrals by category and by
    department, duty attendance by small group, and each unit's reply rate (proposals.figures.reply_rate of the
    items it leads; null where none has fallen due)."""
    year_start = date(today.year, 1, 1)
    since = add_months(first_of(today), -11)
    by_month = monthly(township=township, period=Period(since, last_of(today)))
    by_category, by_department = _referral_rows(township, year_start)
    by_group = _duty_rows(township, year_start, today)
    units = unit_table(township=township, facts=facts)
    return {
        "months": {
            "labels": [f"{row.period.first:%Y-%m}" for row in by_month],
            "visits": [row.value("visits") for row in by_month],
            "solved": [row.value("solved") for row in by_month],
        },
        "categories": {
            "labels": [row["visit__category__name"] for row in by_category],
            "values": [row["n"] for row in by_category],
        },
        "departments": {
            "labels": [row["department__name"] for row in by_department],
            "values": [row["n"] for row in by_department],
            "resolved": [row["resolved"] for row in by_department],
        },
        "groups": {
            "labels": [row["duty_day__small_group__name"] for row in by_group],
            "values": [_percent(row["present"], row["scheduled"]) for row in by_group],
        },
        "units": {
            "labels": [row["department"].name for row in units],
            "values": [row["rates"][0].percent for row in units],
        },
    }


def _overdue(township: Township, today: date, referrals_overdue: int) -> dict:
    """The first 20 overdue referrals and proposals, and how many of each there are (the referrals as
    petitions.figures counts them: this month's overdue, which stands at today)."""
    overdue_referrals = (
        Referral.objects.for_township(township)
        .exclude(status__in=FINISHED)
        .filter(due__lt=today)
        .select_related("department", "visit__category")
        .order_by("due")
    )
    overdue_proposals = (
        Proposal.objects.for_township(township)
        .filter(status=Status.ASSIGNED, due__lt=today)
        .prefetch_related("units__department")
        .order_by("due")
    )
    return {
        "overdue_referrals": overdue_referrals[:20],
        "overdue_referral_count": referrals_overdue,
        "overdue_proposals": overdue_proposals[:20],
        "overdue_proposal_count": overdue_proposals.count(),
    }


def dashboard(*, township: Township, today: date | None = None) -> dict:
    """This month's key figures beside last month's, the charts' series, and what is overdue."""
    today = today or timezone.localdate()
    this_month = first_of(today)
    previous = first_of(this_month - timedelta(days=1))
    facts = item_facts(items=Proposal.objects.for_township(township), on=today)
    charts = _charts(township, today, facts)
    now, before = _month_key_figures(township, this_month), _month_key_figures(township, previous)
    return {
        "this_month": this_month,
        "previous": previous,
        "now": now,
        "before": before,
        # Each visit figure of this month beside last month's (petitions.figures), and the 落实 rate.
        "visit_pairs": list(zip(now["visits"], before["visits"], strict=True)),
        "implemented": (now["visits"].implemented, before["visits"].implemented),
        "rates": rates_of(facts),
        "charts": charts,
        **_overdue(township, today, now["visits"].value("overdue")),
    }


# --- The county overview ---------------------------------------------------------------------------------

OVERVIEW_COUNTS = ("visits", "reception_people", "solved", "resolved", "overdue")


def county_overview(*, county: County, today: date | None = None, month: date | None = None) -> list[dict]:
    """One row per town of the county with the dashboard's figures of the month (this month unless another
    is asked); grouped queries, not one per town."""
    today = today or timezone.localdate()
    first, after = month_bounds(min(month or today, today))
    on = min(after - timedelta(days=1), today)
    last_month = first_of(first - timedelta(days=1))
    towns = list(Township.objects.filter(county=county).order_by("name"))
    ids = [t.pk for t in towns]

    def grouped(rows: QuerySet, **aggregates) -> dict[int, dict]:
        return {row["township_id"]: row for row in rows.values("township_id").annotate(**aggregates).order_by()}

    deputies = grouped(Deputy.objects.filter(township_id__in=ids, status=DeputyStatus.SERVING), n=Count("id"))
    visits = figures_by_town(township_ids=ids, period=Period.month(first))
    duty = grouped(
        DutyAssignment.objects.filter(
            township_id__in=ids, duty_day__township_id__in=ids, duty_day__date__gte=first, duty_day__date__lte=on
        ),
        scheduled=Count("id"),
        present=Count("id", filter=attended_q()),
    )
    reply = {
        town_id: rates[0]
        for town_id, rates in rates_by(
            item_facts(items=Proposal.objects.filter(township_id__in=ids), on=on), group="township_id", groups=ids
        ).items()
    }
    scores = grouped(
        Assessment.objects.filter(township_id__in=ids, month=last_month), average=Sum("total"), n=Count("id")
    )
    rows = []
    for town in towns:
        d, s = duty.get(town.pk, {}), scores.get(town.pk, {})
        rows.append(
            {
                "town": town,
                "deputies": deputies.get(town.pk, {}).get("n", 0),
                "figures": visits[town.pk],
                **{key: visits[town.pk].value(key) for key in OVERVIEW_COUNTS},
                "duty_rate": round(100 * d["present"] / d["scheduled"], 1) if d.get("scheduled") else None,
                "reply": reply[town.pk],
                "reply_rate": reply[town.pk].percent,
                "average_score": round(s["average"] / s["n"], 1) if s.get("n") else None,
            }
        )
    return rows


SORTS = ("town", "deputies", *OVERVIEW_COUNTS, "duty_rate", "reply_rate", "average_score")


def sort_overview(rows: list[dict], key: str) -> list[dict]:
    """Sort the overview by a column; highest first for figures, by name for the town; missing figures last."""
    if key not in SORTS or key == "town":
        return sorted(rows, key=lambda r: r["town"].name)
    return sorted(rows, key=lambda r: (r[key] is None, -(r[key] or 0), r["town"].name))
