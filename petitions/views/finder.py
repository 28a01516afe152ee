"""The town's public pages, for voters, no login: find your deputies (by village or sector, where they receive and
their next reception day) and each station or contact point (its deputies, its coming reception days, its rules).

They live here, not in deputies, because the next reception day is read from the published roster, and deputies
may not import petitions (the import layers); the deputies' part is read through deputies.selectors.public."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_safe

from congress.models import Township
from deputies.models import GroupBasis, Station
from deputies.selectors import public as deputy_reads
from deputies.selectors import rules as rule_reads
from deputies.selectors.register import public_stations
from petitions.selectors import duty as duty_reads

# A search longer than any name, village or sector is no search; it is cut rather than refused.
QUERY_MAX = 50


def _matter_url(township: Township, station: Station | None = None) -> str:
    """Where "Leave a matter" leads: the town's form, with the station chosen when it is left from one."""
    url = reverse("public_matter_create", kwargs={"code": township.code})
    return f"{url}?station={station.pk}" if station else url


def _town(code: str) -> Township:
    return get_object_or_404(Township.objects.select_related("county"), code=code)


@require_safe
def public_township(request: HttpRequest, code: str) -> HttpResponse:
    """The town's deputies, by village or by sector, with where and when they next receive; its stations."""
    township = _town(code)
    query = request.GET.get("q", "")[:QUERY_MAX].strip()
    deputies = list(deputy_reads.public_deputies(township=township))
    # Every deputy is on the page and those the search leaves out are hidden, so that the script's filtering
    # (as the voter types) can widen a search made without it.
    matching = set(deputy_reads.public_deputies(township=township, query=query).values_list("pk", flat=True))
    next_days = duty_reads.next_reception_days(township=township, deputies=deputies)
    for deputy in deputies:
        deputy.next_day = next_days.get(deputy.pk)
        deputy.matches = deputy.pk in matching
    grouping = deputy_reads.public_deputy_grouping(deputies=deputies)
    return render(
        request,
        "deputies/public/township.html",
        {
            "public_township": township,
            "query": query,
            "grouping": grouping,
            "parts": [(GroupBasis.VILLAGE.label, grouping.by_village), (GroupBasis.SECTOR.label, grouping.by_sector)],
            "shown": len(matching),
            "stations": public_stations(township=township),
            "rules": rule_reads.public_rules(township=township),
            "matter_url": _matter_url(township),
        },
    )


@require_safe
def public_station(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    """A station or contact point: its deputies, its coming reception days, its hours and rules."""
    township = _town(code)
    station = get_object_or_404(public_stations(township=township), pk=pk)
    deputies = list(deputy_reads.public_station_deputies(township=township, station=station))
    next_days = duty_reads.next_reception_days(township=township, deputies=deputies)
    for deputy in deputies:
        deputy.next_day = next_days.get(deputy.pk)
        deputy.matches = True
    return render(
        request,
        "deputies/public/station.html",
        {
            "public_township": township,
            "station": station,
            "deputies": deputies,
            "days": duty_reads.station_reception_days(township=township, station=station),
            "wall_rules": rule_reads.station_wall_rules(township=township, station=station),
            "matter_url": _matter_url(township, station),
        },
    )
