"""Visits to towns built in bulk, a month at a time: visits on the reception days, deputies' suggestions,
referrals."""

from datetime import timedelta

from demo.scale.base import LEADERS, REFERRED_EVERY, VILLAGE_POINTS, Month, at, person_name
from demo.scale.write import new, write
from petitions.models import HandlingSuggestion, Referral, ReferralStatus, Visit, VisitOutcome


def visits(month: Month) -> None:
    """The month's visits of each town, their suggestions and referrals."""
    saved = _visits(month)
    _suggestions(month, saved)
    _referrals(month, saved)


def _visits(month: Month) -> list[tuple[int, Visit]]:
    """Every town's visits on the month's past reception days, one in ten referred; (number, visit) pairs."""
    rng, plan = month.rng, month.plan
    numbered = []
    for town in month.towns:
        for k in plan.mondays_of.get(month.month, []):
            if k >= len(plan.past_mondays):
                continue
            day = month.days[(town.pk, plan.mondays[k])]
            for v in plan.visits_of_day[k]:
                referred = v % REFERRED_EVERY == 0
                numbered.append(
                    (
                        v,
                        new(
                            Visit,
                            township_id=town.pk,
                            received_at=at(day.date, 8 + v % 4, (v * 7) % 60),
                            duty_day_id=day.pk,
                            station_id=day.station_id,
                            visitor_name=person_name(rng),
                            visitor_gender=rng.choice("MF"),
                            visitor_phone=f"138{rng.randint(10_000_000, 99_999_999)}",
                            visitor_address=f"第{rng.randint(1, VILLAGE_POINTS)}村",
                            category_id=rng.choice(town.categories),
                            content="反映村组道路破损、灌溉用水不足等问题，请求协调解决。",
                            leader_id=town.leaders[v % len(LEADERS)],
                            outcome=VisitOutcome.REFERRED if referred else VisitOutcome.ANSWERED,
                            answer="" if referred else "已当场解释相关政策。",
                        ),
                    )
                )
    write(Visit, [visit for _v, visit in numbered], month.built)
    return numbered


def _suggestions(month: Month, numbered: list[tuple[int, Visit]]) -> None:
    """A handling suggestion by a deputy on duty for every third visit."""
    rng = month.rng
    groups = {d.pk: d.small_group_id for d in month.days.values()}
    members = {g: ids for town in month.towns for g, ids in town.members.items()}
    write(
        HandlingSuggestion,
        [
            new(
                HandlingSuggestion,
                township_id=visit.township_id,
                visit_id=visit.pk,
                deputy_id=rng.choice(members[groups[visit.duty_day_id]]),
                text="建议由相关部门实地查看，限期答复群众。",
                created_at=visit.received_at,
            )
            for v, visit in numbered
            if v % 3 == 0
        ],
        month.built,
    )


def _referrals(month: Month, numbered: list[tuple[int, Visit]]) -> None:
    """The referred visits' referrals: the older ones finished, the recent ones open or in progress."""
    rng, today = month.rng, month.plan.today
    departments = {town.pk: town.departments for town in month.towns}
    referrals = []
    for v, visit in numbered:
        if v % REFERRED_EVERY:
            continue
        received = visit.received_at.date()  # made in the current time zone: its local date
        due = received + timedelta(days=15)
        age = (today - received).days
        if age > 60 or rng.random() < 0.5 and age > 20:
            status = rng.choice([ReferralStatus.CLOSED] * 8 + [ReferralStatus.RESOLVED, ReferralStatus.UNRESOLVABLE])
        else:
            status = rng.choice([ReferralStatus.OPEN, ReferralStatus.IN_PROGRESS])
        finished = status not in (ReferralStatus.OPEN, ReferralStatus.IN_PROGRESS)
        referrals.append(
            new(
                Referral,
                township_id=visit.township_id,
                visit_id=visit.pk,
                department_id=rng.choice(departments[visit.township_id]),
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
                created_at=visit.received_at,
            )
        )
    write(Referral, referrals, month.built)
