"""Reads of the assessment: the month's ranking, a deputy's months, the year's ranking and grades, the
leadership dashboard and the county overview. Each is a fixed number of grouped queries."""

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet, Sum

from assessments.models import Assessment, Commendation, Grade, GradeThresholds
from congress.models import Township
from deputies.models import Deputy, DeputyStatus


def thresholds_for(*, township: Township) -> GradeThresholds:
    """The town's grade thresholds; a town that never set them gets the defaults, unsaved."""
    return GradeThresholds.objects.filter(township=township).first() or GradeThresholds(township=township)


@dataclass
class YearRow:
    deputy: Deputy
    total: int
    months: int
    rank: int
    grade: str

    @property
    def cadre_candidate(self) -> bool:
        # A village cadre is one already, and a salaried public employee (公职人员) is not recruited as one.
        return self.grade == Grade.EXCELLENT and not (self.deputy.is_village_cadre or self.deputy.public_employee)

    def get_grade_display(self) -> str:
        return Grade(self.grade).label


def year_ranking(*, township: Township, year: int, thresholds: GradeThresholds) -> list[YearRow]:
    """The year's score of every deputy (the sum of their months), ranked, with the grade it earns."""
    sums = {
        row["deputy_id"]: row
        for row in Assessment.objects.for_township(township)
        .filter(month__year=year)
        .values("deputy_id")
        .annotate(total=Sum("total"), months=Count("id"))
        .order_by()
    }
    deputies = Deputy.objects.for_township(township).filter(Q(pk__in=list(sums)) | Q(status=DeputyStatus.SERVING))
    rows = [
        YearRow(
            deputy=d,
            total=sums.get(d.pk, {}).get("total") or 0,
            months=sums.get(d.pk, {}).get("months") or 0,
            rank=0,
            grade=thresholds.grade(sums.get(d.pk, {}).get("total") or 0),
        )
        for d in deputies.select_related("small_group")
    ]
    rows.sort(key=lambda r: (-r.total, r.deputy.name_sort))
    previous, position = None, 0
    for index, row in enumerate(rows, start=1):
        if row.total != previous:
            position, previous = index, row.total
        row.rank = position
    return rows


# --- The leadership dashboard ----------------------------------------------------------------------------


def town_commendations(*, township: Township, year: int) -> QuerySet[Commendation]:
    """The year's commendations the town itself awarded (no other body named), by title then name: what its
    commendation decision (表彰决定) lists."""
    return (
        Commendation.objects.for_township(township)
        .filter(year=year, awarded_by="")
        .select_related("deputy__small_group")
        .order_by("title", "deputy__name_initials", "id")
    )
