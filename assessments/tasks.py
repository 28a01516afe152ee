"""Background jobs of the monthly assessment; thin: each calls one service, and each is safe to run twice."""

from datetime import date

from celery import shared_task
from celery.utils.log import get_task_logger

from assessments.selectors.town_months import town_months_count_all
from assessments.services.bulletin import month_assess_all

logger = get_task_logger(__name__)


@shared_task(acks_late=True, ignore_result=True)
def assess_last_month(month: str | None = None) -> dict[str, int]:
    """Assess last month (or the month given, YYYY-MM-DD) for every town and draft each town's bulletin."""
    # Its start and its end in the worker's log: a run cut short (the worker killed, the time limit) shows as a
    # start with no end, and the retry that then makes the month whole as a second start.
    logger.info("assess_last_month started: %s", month or "last month")
    done = month_assess_all(month=date.fromisoformat(month) if month else None)
    logger.info("assess_last_month finished: %(rows)d rows, %(bulletins)d bulletins", done)
    return done


@shared_task(acks_late=True, ignore_result=True)
def count_town_months() -> int:
    """Count every town's figures of this month and last as they stand today, so the first reader of the
    day, the dashboard or the county overview, finds them counted."""
    return town_months_count_all()
