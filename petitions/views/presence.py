"""The day's code of a reception station, for the office only: a page to print each morning, and the same page
full-screen on the station's screen, where it turns to the next day's code by itself after midnight."""

from datetime import datetime, time, timedelta

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_safe

from congress.access import office_only
from congress.qr import qr_svg
from deputies.models import Station
from petitions.presence import day_code

# A minute past midnight, so that a screen whose clock runs a little ahead never reloads yesterday's code.
AFTER_MIDNIGHT = timedelta(minutes=1)


@require_safe
@office_only
def station_day_code(request: HttpRequest, station: int) -> HttpResponse:
    place = get_object_or_404(Station.objects.for_township(request.township), pk=station)
    now = timezone.localtime()
    code = day_code(station_id=place.pk, day=now.date())
    target = request.build_absolute_uri(f"{reverse('sign_in', args=[place.pk])}?code={code}")
    midnight = timezone.make_aware(datetime.combine(now.date() + timedelta(days=1), time(0, 0)))
    return render(
        request,
        "petitions/duty/day_code.html",
        {
            "station": place,
            "code": code,
            "today": now.date(),
            "qr_svg": mark_safe(qr_svg(target)),  # noqa: S308 (our own SVG)
            "qr_target": target,
            "screen": request.GET.get("screen") == "1",
            "refresh_seconds": int((midnight + AFTER_MIDNIGHT - now).total_seconds()),
        },
    )
