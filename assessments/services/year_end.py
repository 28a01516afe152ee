"""Writes of the monthly assessment (一月一考核, 一月一通报, 表先促后): the unified standard and its versions, the
month's scores computed set-wise for many towns at once, the bulletin drafted, edited and published (which
locks the month), and the year-end commendations."""

from collections.abc import Iterable
from datetime import date

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from assessments.models import (
    Commendation,
    GradeThresholds,
)
from assessments.services.assessment import AssessmentError
from congress.audit import history_attrs
from congress.models import Township
from deputies.models import Deputy

# The beginning of time for a town's first standard: every month it ever assesses is under it.


def thresholds_save(*, township: Township, excellent: int, competent: int, basic: int) -> GradeThresholds:
    """Set the year's score each grade needs in this town (its first save writes the town's row)."""
    with transaction.atomic():
        thresholds = GradeThresholds.objects.select_for_update().filter(township=township).first()
        thresholds = thresholds or GradeThresholds(township=township)
        thresholds.excellent, thresholds.competent, thresholds.basic = excellent, competent, basic
        thresholds.full_clean()
        thresholds.save()
    return thresholds


def commend_excellent(
    *, township: Township, year: int, deputies: Iterable[Deputy], title: str, awarded_on: date, user: AbstractBaseUser
) -> int:
    """Record the year-end commendation (年终表彰) for the deputies graded excellent; once each."""
    if not title.strip():
        raise AssessmentError(_("Give the commendation's title."))
    rows = [
        Commendation(
            township=township, deputy=d, year=year, title=title.strip()[:200], awarded_on=awarded_on, recorded_by=user
        )
        for d in deputies
        if d.township_id == township.pk
    ]
    before = Commendation.objects.filter(township=township, year=year).count()
    with transaction.atomic():
        # Those who have this commendation already are left out before the insert: only new rows get history.
        already = set(
            Commendation.objects.filter(township=township, year=year, title=title.strip()[:200]).values_list(
                "deputy_id", flat=True
            )
        )
        bulk_create_with_history(
            [row for row in rows if row.deputy_id not in already],
            Commendation,
            ignore_conflicts=True,
            custom_historical_attrs=history_attrs(),
        )
    return Commendation.objects.filter(township=township, year=year).count() - before
