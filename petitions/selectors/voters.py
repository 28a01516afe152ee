"""Reads of the voters' side (群众意见建议) as the public sees it: where a matter may be left, the villages it may be
about, a matter by its private link, and the counts the limits on codes and matters are checked against."""

from datetime import datetime, timedelta

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from congress.models import Township
from deputies.models import Deputy, DeputyStatus, Station, StationLevel
from petitions.models import BlockedPhone, MatterStatus, MatterUpdate, PhoneCode, VoterMatter


def intake_stations(*, township: Township) -> QuerySet[Station]:
    """The town's active stations and contact points, where a voter's matter may be left."""
    return Station.objects.for_township(township).filter(is_active=True).order_by("level", "name")


def matter_villages(*, township: Township) -> list[str]:
    """The villages a matter may be about: the town's village contact points and its deputies' villages, each
    name once, in order; nothing of another town."""
    points = intake_stations(township=township).filter(level=StationLevel.VILLAGE).values_list("name", flat=True)
    deputies = (
        Deputy.objects.for_township(township)
        .filter(status=DeputyStatus.SERVING)
        .exclude(village="")
        .values_list("village", flat=True)
    )
    return sorted(set(points) | set(deputies))


def station_deputies(*, station: Station) -> QuerySet[Deputy]:
    """The serving deputies of the small groups attached to the station: those a matter left there is sent to."""
    return (
        Deputy.objects.for_township(station.township)
        .filter(status=DeputyStatus.SERVING, small_group__stations=station)
        .select_related("user", "township")
        .distinct()
    )


def matter_for_token(*, token: str) -> VoterMatter:
    """The matter of a private link, with what its page shows; 404 for any other token (a guessed one, a matter
    hidden as spam) alike."""
    rows = (
        VoterMatter.objects.exclude(status=MatterStatus.SPAM)
        .select_related("township", "station")
        .prefetch_related("updates", "photos")
    )
    return get_object_or_404(rows, token=token)


def matter_answer(*, matter: VoterMatter) -> MatterUpdate | None:
    """What the voter was told when the matter was answered: the first step told at or after its answer (from
    the prefetched steps), or None before it is answered."""
    if matter.answered_at is None:
        return None
    told = [update for update in matter.updates.all() if update.at >= matter.answered_at]
    return told[0] if told else None


def phone_blocked(*, township: Township, phone: str) -> bool:
    """Whether the town's office blocked this mobile."""
    return BlockedPhone.objects.for_township(township).filter(phone=phone).exists()


def matters_from_phone(*, phone: str, since: datetime) -> int:
    """How many matters this mobile left since `since`, in any town (the limit is on the person)."""
    return VoterMatter.objects.filter(phone=phone, created_at__gte=since).count()


def codes_sent(*, phone: str = "", ip_address: str | None = None, since: datetime) -> int:
    """How many codes were sent since `since` to this mobile, or asked from this address."""
    rows = PhoneCode.objects.filter(created_at__gte=since)
    rows = rows.filter(phone=phone) if phone else rows.filter(ip_address=ip_address)
    return rows.count()


def last_code(*, phone: str, now: datetime) -> PhoneCode | None:
    """The mobile's latest code sent within the last hour, if any."""
    return PhoneCode.objects.filter(phone=phone, created_at__gte=now - timedelta(hours=1)).order_by("-id").first()
