"""Dates with their day of the week, for the days where it matters: duty days, reception days, activities."""

from datetime import date, datetime

from django import template

from congress.dates import format_day

register = template.Library()


@register.filter
def weekday_date(value: date | datetime | None) -> str:
    """2027年2月22日（星期一）in Chinese, Mon 22 Feb 2027 in English; empty for no date."""
    if not value:
        return ""
    return format_day(value, weekday=True)
