"""Filters of the organisation core's lists (django-filter): the record of the town's messages."""

import re
from datetime import date, datetime, time, timedelta

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from congress.messages import KINDS
from congress.models import Notification, NotificationStatus

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def day_start(day: date) -> datetime:
    """Midnight (local time) at the start of `day`, as an aware datetime: a bound the created_at index can use."""
    return timezone.make_aware(datetime.combine(day, time.min))


class MessageFilter(django_filters.FilterSet):
    """The record's filters: delivery status, kind of message, the days it was created, a name or a phone."""

    q = django_filters.CharFilter(method="search", label=_("Name or phone"))
    status = django_filters.ChoiceFilter(choices=NotificationStatus.choices, label=_("Delivery"), empty_label=_("All"))
    kind = django_filters.ChoiceFilter(
        choices=[(kind.kind, kind.label) for kind in KINDS.values()], label=_("Kind"), empty_label=_("All")
    )
    since = django_filters.DateFilter(method="filter_since", label=_("From"), widget=DATE)
    until = django_filters.DateFilter(method="filter_until", label=_("Until"), widget=DATE)

    class Meta:
        model = Notification
        fields = ["q", "status", "kind", "since", "until"]

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        value = value.strip()
        if not value:
            return queryset
        # A phone is typed with spaces or dashes (139 0000 1111): its digits are what the record holds.
        digits = re.sub(r"[\s\-()+]", "", value)
        matches = Q(recipient_name__icontains=value)
        if digits.isascii() and digits.isdigit():
            matches |= Q(phone__contains=digits)
        return queryset.filter(matches)

    def filter_since(self, queryset: QuerySet, name: str, value: date) -> QuerySet:
        if value <= date.min + timedelta(days=1):  # its midnight here is before the first day UTC can hold
            return queryset
        return queryset.filter(created_at__gte=day_start(value))

    def filter_until(self, queryset: QuerySet, name: str, value: date) -> QuerySet:
        if value >= date.max - timedelta(days=1):  # no day after it: every message is before it
            return queryset
        return queryset.filter(created_at__lt=day_start(value + timedelta(days=1)))
