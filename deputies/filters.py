"""Filters of the register lists (django-filter), with choices from the user's township only."""

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from deputies.models import Deputy, DeputyLevel, DeputyStatus, LargeGroup, SmallGroup


def _small_groups(request) -> QuerySet:
    return SmallGroup.objects.for_township(request.township)


def _large_groups(request) -> QuerySet:
    return LargeGroup.objects.for_township(request.township)


class NameThenOrdering(django_filters.OrderingFilter):
    """Sort by the chosen column, then by name in full pinyin order within it."""

    def filter(self, qs: QuerySet, value) -> QuerySet:
        qs = super().filter(qs, value)
        ordering = [*(qs.query.order_by or []), "name_sort", "id"]
        return qs.order_by(*ordering)


class DeputyFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Name or pinyin initials"))
    level = django_filters.ChoiceFilter(
        method="filter_level",
        label=_("Level"),
        choices=[(DeputyLevel.COUNTY, _("County deputies")), (DeputyLevel.TOWN, _("Town deputies"))],
        empty_label=_("All levels"),
    )
    large_group = django_filters.ModelChoiceFilter(
        field_name="small_group__large_group", queryset=_large_groups, label=_("Large group"), empty_label=_("All")
    )
    small_group = django_filters.ModelChoiceFilter(queryset=_small_groups, label=_("Small group"), empty_label=_("All"))
    village = django_filters.ChoiceFilter(label=_("Village or community"), empty_label=_("All"))
    sector = django_filters.ChoiceFilter(label=_("Sector"), empty_label=_("All"))
    status = django_filters.ChoiceFilter(choices=DeputyStatus.choices, label=_("Status"), empty_label=_("All"))
    term = django_filters.ChoiceFilter(label=_("Term"), empty_label=_("All terms"))
    order = NameThenOrdering(
        fields=(("name_sort", "name"), ("level", "level"), ("small_group__order", "group"), ("village", "village")),
        # Ascending only, each named once: the library's "(descending)" variants mean nothing to an office.
        choices=[
            ("name", _("Name (pinyin)")),
            ("level", _("Level")),
            ("group", _("Small group")),
            ("village", _("Village or community")),
        ],
        label=_("Sort by"),
        empty_label=None,
    )

    class Meta:
        model = Deputy
        fields = ["q", "level", "large_group", "small_group", "village", "sector", "status", "term"]

    def __init__(self, data=None, *args, request=None, **kwargs) -> None:
        super().__init__(data, *args, request=request, **kwargs)
        rows = Deputy.objects.for_township(request.township).order_by()
        values = rows.values_list("village", "sector", "term").distinct()
        villages, sectors, terms = set(), set(), set()
        for village, sector, term in values:
            villages.add(village)
            sectors.add(sector)
            terms.add(term)
        self.filters["term"].extra["choices"] = [(t, _("Term %(number)s") % {"number": t}) for t in sorted(terms)]
        self.filters["village"].extra["choices"] = [(v, v) for v in sorted(villages) if v]
        self.filters["sector"].extra["choices"] = [(s, s) for s in sorted(sectors) if s]

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(name__icontains=value) | Q(name_initials__startswith=value.lower()))

    def filter_level(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        # A deputy of both levels counts among the county deputies and among the town deputies.
        return queryset.filter(level__in=[value, DeputyLevel.BOTH])
