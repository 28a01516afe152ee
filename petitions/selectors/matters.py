"""Reads of voters' matters (群众意见建议): the office's queue, a deputy's own matters (those left at a contact
point of their small group), and who may see the voter's name and mobile."""

from datetime import date

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Count, Q, QuerySet

from congress.inputs import on_days
from congress.models import Membership, Role, Township
from deputies.models import Deputy, DeputyStatus
from deputies.selectors.register import deputy_for_user
from petitions.models import BlockedPhone, MatterStatus, VoterMatter

# The queue's tabs: each status, and "returned once" (a "not satisfied" back with the office, still handling).
RETURNED = "returned"
# Plain strings: a status member hashes by its name, and these key the counts.
TABS = tuple(
    str(key)
    for key in (
        MatterStatus.NEW,
        MatterStatus.HANDLING,
        RETURNED,
        MatterStatus.ANSWERED,
        MatterStatus.CLOSED,
        MatterStatus.SPAM,
    )
)
RETURNED_Q = Q(status=MatterStatus.HANDLING, reopened_at__isnull=False)


def point_deputy(*, user: AbstractBaseUser, township: Township) -> Deputy | None:
    """The serving deputy of this login in the town, the one whose small group's contact points they answer."""
    return answering_deputy(deputy_for_user(user=user, township=township))


def answering_deputy(deputy: Deputy | None) -> Deputy | None:
    """The deputy, if they answer their small group's contact points (serving, in a group); else None."""
    if deputy is None or deputy.status != DeputyStatus.SERVING or deputy.small_group_id is None:
        return None
    return deputy


def matters_for(*, viewer: Membership, township: Township, deputy: Deputy | None = None) -> QuerySet[VoterMatter]:
    """The matters the viewer may see: the whole town for the office and its readers; for a deputy, those left
    at a station or contact point their current small group is attached to, never a hidden one."""
    rows = VoterMatter.objects.for_township(township).select_related("station", "visit__referral__department")
    if viewer.role in (Role.OFFICE, Role.LEADER, Role.COUNTY):
        return rows
    if viewer.role == Role.DEPUTY and deputy is not None:
        return rows.filter(station__small_groups=deputy.small_group_id).exclude(status=MatterStatus.SPAM).distinct()
    return rows.none()


def matter_rows(rows: QuerySet[VoterMatter], *, tab: str, station: int | None, month: tuple[date, date] | None):
    """The queue's rows under a tab, a contact point and a month; hidden matters only under their own tab."""
    if tab == RETURNED:
        rows = rows.filter(RETURNED_Q)
    elif tab in MatterStatus.values:
        rows = rows.filter(status=tab)
    else:
        rows = rows.exclude(status=MatterStatus.SPAM)
    if station is not None:
        rows = rows.filter(station_id=station)
    if month is not None:
        rows = rows.filter(on_days("created_at", *month))
    return rows


def matter_counts(rows: QuerySet[VoterMatter]) -> dict[str, int]:
    """How many matters under each tab, in one query."""
    counted = rows.order_by().aggregate(
        **{str(status): Count("id", filter=Q(status=status)) for status in MatterStatus.values},
        **{RETURNED: Count("id", filter=RETURNED_Q)},
    )
    return {key: counted[key] for key in TABS}


def new_matter_count(*, township: Township) -> int:
    """The matters waiting to be taken, and those the voter returned: what the office's menu counts."""
    return VoterMatter.objects.for_township(township).filter(Q(status=MatterStatus.NEW) | RETURNED_Q).count()


def handles_voter(*, viewer: Membership, matter: VoterMatter, deputy: Deputy | None = None) -> bool:
    """The office, or a deputy of the matter's contact point, may see the voter's name and mobile."""
    if viewer.role == Role.OFFICE:
        return True
    if viewer.role == Role.DEPUTY and deputy is not None:
        return matter.station.small_groups.filter(pk=deputy.small_group_id).exists()
    return False


def blocked_phones(*, township: Township) -> QuerySet[BlockedPhone]:
    return BlockedPhone.objects.for_township(township).order_by("-blocked_at")
