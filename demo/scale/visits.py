"""Visits to towns built in bulk: visits on the reception days, deputies' suggestions, referrals."""

from datetime import timedelta

from django.utils import timezone

from demo.scale.base import (
    CATEGORIES,
    DEPARTMENTS,
    LEADERS,
    REFERRED_EVERY,
    VILLAGE_POINTS,
    Chunk,
    at,
    bulk,
    person_name,
)
from petitions.models import HandlingSuggestion, Referral, ReferralStatus, Visit, VisitOutcome


def visits(chunk: Chunk) -> None:
    """The visits of each town, their suggestions and referrals."""
    saved = _visits(chunk)
    _suggestions(chunk, saved)
    _referrals(chunk, saved)


def _visits(chunk: Chunk) -> list[Visit]:
    """Every town's visits spread over its past reception days, one in ten referred."""
    rng, towns, built = chunk.rng, chunk.towns, chunk.built
    per_town_days = len(chunk.past_mondays) + len(chunk.coming_mondays)
    visits = []
    for i, t in enumerate(towns):
        days = chunk.of(chunk.days, per_town_days, i)[: len(chunk.past_mondays)]
        categories = chunk.of(chunk.categories, len(CATEGORIES), i)
        leaders = chunk.of(chunk.leaders, len(LEADERS), i)
        for v in range(chunk.visit_count):
            day = days[v * len(days) // chunk.visit_count]
            visits.append(
                Visit(
                    township=t,
                    received_at=at(day.date, 8 + v % 4, (v * 7) % 60),
                    duty_day=day,
                    station_id=day.station_id,
                    visitor_name=person_name(rng),
                    visitor_gender=rng.choice("MF"),
                    visitor_phone=f"138{rng.randint(10_000_000, 99_999_999)}",
                    visitor_address=f"第{rng.randint(1, VILLAGE_POINTS)}村",
                    category=rng.choice(categories),
                    content="反映村组道路破损、灌溉用水不足等问题，请求协调解决。",
                    leader=leaders[v % len(leaders)],
                    outcome=VisitOutcome.REFERRED if v % REFERRED_EVERY == 0 else VisitOutcome.ANSWERED,
                    answer="" if v % REFERRED_EVERY == 0 else "已当场解释相关政策。",
                )
            )
    return bulk(built, Visit, visits)


def _suggestions(chunk: Chunk, visits: list[Visit]) -> None:
    """A handling suggestion by a deputy on duty for every third visit."""
    rng = chunk.rng
    members_of_day = {d.pk: chunk.members[d.small_group_id] for d in chunk.days}
    bulk(
        chunk.built,
        HandlingSuggestion,
        [
            HandlingSuggestion(
                township_id=v.township_id,
                visit=v,
                deputy=rng.choice(members_of_day[v.duty_day_id]),
                text="建议由相关部门实地查看，限期答复群众。",
                created_at=v.received_at,
            )
            for k, v in enumerate(visits)
            if k % 3 == 0
        ],
    )


def _referrals(chunk: Chunk, visits: list[Visit]) -> None:
    """The referred visits' referrals: the older ones finished, the recent ones open or in progress."""
    rng = chunk.rng
    referrals = []
    for k, v in enumerate(visits):
        if k % REFERRED_EVERY:
            continue
        town_index = k // chunk.visit_count
        received = timezone.localtime(v.received_at).date()
        due = received + timedelta(days=15)
        age = (chunk.today - received).days
        if age > 60 or rng.random() < 0.5 and age > 20:
            status = rng.choice([ReferralStatus.CLOSED] * 8 + [ReferralStatus.RESOLVED, ReferralStatus.UNRESOLVABLE])
        else:
            status = rng.choice([ReferralStatus.OPEN, ReferralStatus.IN_PROGRESS])
        finished = status not in (ReferralStatus.OPEN, ReferralStatus.IN_PROGRESS)
        referrals.append(
            Referral(
                township_id=v.township_id,
                visit=v,
                department=rng.choice(chunk.of(chunk.departments, len(DEPARTMENTS), town_index)),
                responsible_name=person_name(rng),
                responsible_phone=f"137{rng.randint(10_000_000, 99_999_999)}",
                answer_due=received + timedelta(days=5),
                due=due,
                status=status,
                result="已协调解决。" if finished else "",
                resolved=status != ReferralStatus.UNRESOLVABLE if finished else None,
                finished_at=at(due - timedelta(days=rng.randint(0, 10)), 16) if finished else None,
                visitor_told_at=at(due, 17) if status == ReferralStatus.CLOSED else None,
                visitor_satisfied=(rng.random() < 0.9) if status == ReferralStatus.CLOSED else None,
                created_at=v.received_at,
            )
        )
    bulk(chunk.built, Referral, referrals)
