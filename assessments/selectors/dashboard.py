"""Reads of the assessment: the month's ranking, a deputy's months, the year's ranking and grades, the
leadership dashboard and the county overview. Each is a fixed number of grouped queries."""

from collections import defaultdict
from dataclasses import replace
from datetime import date

from django.db.models import Count, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from assessments.models import Assessment
from assessments.selectors.town_months import town_months
from congress.dates import add_months, first_of
from congress.models import County, Township
from deputies.models import Deputy, DeputyStatus
from petitions.figures import Period, VisitFigures, labels
from petitions.models import FINISHED, Referral
from proposals.figures import Facts, rates_kept, reply_rate
from proposals.models import Proposal, Status


def _percent(part: int, whole: int) -> float:
    return round(100 * part / whole, 1) if whole else 0


def _duty_rate(kept: dict) -> float | None:
    """Duty attendance to date from a month's kept row: present ÷ scheduled, every group and contact point."""
    scheduled = sum(group[2] for group in kept["groups"])
    present = sum(group[3] for group in kept["groups"])
    return round(100 * present / scheduled, 1) if scheduled else None


def _key_figures(kept: dict, month: date) -> dict:
    """A month's key figures from its kept row: the visit figures, duty attendance to date, items filed and
    replied."""
    return {
        "visits": VisitFigures.from_values(Period.month(month), kept),
        "duty_rate": _duty_rate(kept),
        "filed": kept["filed"],
        "replied": kept["replied"],
    }


def _year_tables(kept: list[dict]) -> tuple[list[dict], list[dict], list[dict]]:
    """This year's referrals by visit category and by department (with how many each department resolved), and
    duty assignments to date by small group (scheduled and present), summed over the year's kept months."""
    categories: dict[str, int] = defaultdict(int)
    departments: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    groups: dict[tuple, list[int]] = defaultdict(lambda: [0, 0])
    for month in kept:
        for category, department, n, resolved in month["referrals"]:
            categories[category] += n
            departments[department][0] += n
            departments[department][1] += resolved
        for name, order, scheduled, present in month["groups"]:
            groups[(order, name)][0] += scheduled
            groups[(order, name)][1] += present
    by_category = sorted(categories.items(), key=lambda kv: (-kv[1], kv[0] or ""))
    by_department = sorted(departments.items(), key=lambda kv: (-kv[1][0], kv[0] or ""))
    # The contact points' own days have no small group: one row after the groups.
    by_group = sorted(groups.items(), key=lambda kv: (kv[0][1] is None, kv[0][0] or 0, kv[0][1] or ""))
    return (
        [{"name": name, "n": n} for name, n in by_category],
        [{"name": name, "n": n, "resolved": resolved} for name, (n, resolved) in by_department],
        [{"name": key[1] or _("Contact points"), "scheduled": s, "present": p} for key, (s, p) in by_group],
    )


def _charts(months: list[date], kept: dict[date, dict], today: date) -> dict:
    """The dashboard charts' series: visits by month over a year, this year's referrals by category and by
    department, duty attendance by small group, and each unit's reply rate (proposals.figures.reply_rate of the
    items it leads, as the units' table counts it, kept with this month; null where none has fallen due)."""
    by_category, by_department, by_group = _year_tables([kept[m] for m in months if m.year == today.year])
    units = [(name, _percent(replied, due) if due else None) for name, replied, due in kept[first_of(today)]["units"]]
    return {
        "months": {
            "labels": [f"{month:%Y-%m}" for month in months],
            "visits": [kept[month]["counts"]["visits"] for month in months],
            "solved": [kept[month]["counts"]["solved"] for month in months],
        },
        "categories": {
            "labels": [row["name"] for row in by_category],
            "values": [row["n"] for row in by_category],
        },
        "departments": {
            "labels": [row["name"] for row in by_department],
            "values": [row["n"] for row in by_department],
            "resolved": [row["resolved"] for row in by_department],
        },
        "groups": {
            "labels": [row["name"] for row in by_group],
            "values": [_percent(row["present"], row["scheduled"]) for row in by_group],
        },
        "units": {
            "labels": [name for name, _rate in units],
            "values": [rate for _name, rate in units],
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
    """This month's key figures beside last month's, the charts' series, and what is overdue. The twelve months'
    figures, the four rates and the units' reply rates are the town's kept months (assessments.selectors.
    town_months; this month's stand at today); the overdue lists are read now."""
    today = today or timezone.localdate()
    this_month = first_of(today)
    previous = add_months(this_month, -1)
    months = [add_months(this_month, -k) for k in range(11, -1, -1)]
    rows = town_months(township_ids=[township.pk], months=months, today=today)
    kept = {month: rows[(township.pk, month)] for month in months}
    charts = _charts(months, kept, today)
    now, before = _key_figures(kept[this_month], this_month), _key_figures(kept[previous], previous)
    return {
        "this_month": this_month,
        "previous": previous,
        "now": now,
        "before": before,
        # Each visit figure of this month beside last month's (petitions.figures), and the 落实 rate.
        "visit_pairs": list(zip(now["visits"], before["visits"], strict=True)),
        "implemented": (now["visits"].implemented, before["visits"].implemented),
        "rates": rates_kept(kept[this_month]["rates"]),
        "charts": charts,
        **_overdue(township, today, now["visits"].value("overdue")),
    }


# --- The county overview ---------------------------------------------------------------------------------

OVERVIEW_COUNTS = ("visits", "reception_people", "solved", "resolved", "overdue")


def county_overview(*, county: County, today: date | None = None, month: date | None = None) -> list[dict]:
    """One row per town of the county with the dashboard's figures of the month (this month unless another
    is asked), from the towns' kept months (one row a town; those stale counted again together)."""
    today = today or timezone.localdate()
    first = first_of(min(month or today, today))
    last_month = add_months(first, -1)
    towns = list(Township.objects.filter(county=county).order_by("name"))
    ids = [t.pk for t in towns]
    kept = town_months(township_ids=ids, months=[first], today=today)

    def grouped(rows: QuerySet, **aggregates) -> dict[int, dict]:
        return {row["township_id"]: row for row in rows.values("township_id").annotate(**aggregates).order_by()}

    deputies = grouped(Deputy.objects.filter(township_id__in=ids, status=DeputyStatus.SERVING), n=Count("id"))
    scores = grouped(
        Assessment.objects.filter(township_id__in=ids, month=last_month), average=Sum("total"), n=Count("id")
    )
    named, blank_reply = labels(), reply_rate(Facts(on=today, items=[]))  # translated once a page, not a town
    rows = []
    for town in towns:
        figures, s = kept[(town.pk, first)], scores.get(town.pk, {})
        visits = VisitFigures.from_values(Period.month(first), figures, named)
        numerator, denominator, beside = figures["rates"][0]
        reply = replace(blank_reply, numerator=numerator, denominator=denominator, beside=beside)
        rows.append(
            {
                "town": town,
                "deputies": deputies.get(town.pk, {}).get("n", 0),
                "figures": visits,
                **{key: visits.value(key) for key in OVERVIEW_COUNTS},
                "duty_rate": _duty_rate(figures),
                "reply": reply,
                "reply_rate": reply.percent,
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
