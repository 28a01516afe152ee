"""Background jobs of the monthly assessment; thin: each calls one service, and each is safe to run twice."""

from datetime import date

from celery import shared_task

from assessments.services.bulletin import month_assess_all


@shared_task(acks_late=True, ignore_result=True)
def assess_last_month(month: str | None = None) -> dict[str, int]:
    """Assess last month (or the month given, YYYY-MM-DD) for every town and draft each town's bulletin."""
    return month_assess_all(month=date.fromisoformat(month) if month else None)
