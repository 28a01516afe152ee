"""Proposals of towns built in bulk, a month at a time: filed through the years, the older ones assigned, met
on, replied to and rated, the recent ones still waiting. Each item's steps are written in the month it is filed."""

import random
from datetime import timedelta

from demo.scale.base import CATEGORIES, VILLAGE_POINTS, Month, Town, at, person_name
from demo.scale.write import new, write
from proposals.models import (
    FACE_TO_FACE,
    Category,
    CoSigner,
    Feedback,
    HandlingUnit,
    Meeting,
    MeetingForm,
    Proposal,
    Rating,
    Reply,
    ReplyClass,
    Stage,
    Status,
    UnitRole,
)


def proposals(month: Month) -> None:
    """The month's proposals of each town and how far each has been handled."""
    _handling(month, _items(month))


def _status(age: int, rng: random.Random) -> str:
    """How far an item filed `age` days ago has come."""
    if age > 150:
        return Status.CLOSED
    if age > 100:
        return Status.REPLIED
    if age > 20:
        return Status.ASSIGNED
    return rng.choice([Status.SUBMITTED, Status.ACCEPTED])


def _items(month: Month) -> list[tuple[Town, int, Proposal]]:
    """Every town's items filed in the month (at even intervals from the first year built to today), as
    (town, number, item)."""
    rng, plan = month.rng, month.plan
    items = []
    for town in month.towns:
        for n in plan.filed_of.get(month.month, []):
            filed = plan.filed[n]
            status = _status((plan.today - filed).days, rng)
            accepted = status != Status.SUBMITTED
            assigned = status in (Status.ASSIGNED, Status.REPLIED, Status.CLOSED)
            due = filed + timedelta(days=100) if assigned else None
            item = new(
                Proposal,
                township_id=town.pk,
                kind=Proposal._meta.get_field("kind").default,
                title=f"关于第{n % VILLAGE_POINTS + 1}村{rng.choice(CATEGORIES)}问题的建议",
                content="情况：群众反映强烈。理由：影响生产生活。建议：请有关部门统筹解决。",
                category=rng.choice(Category.values),
                lead_deputy_id=rng.choice(town.deputies),
                status=status,
                number=n + 1,
                submitted_at=at(filed, 10),
                accepted_at=at(filed + timedelta(days=3), 10) if accepted else None,
                assigned_at=at(filed + timedelta(days=10), 10) if assigned else None,
                due=due,
                first_due=due,
                created_at=at(filed, 9),
            )
            items.append((town, n, item))
    write(Proposal, [item for _town, _n, item in items], month.built)
    return items


def _handling(month: Month, items: list[tuple[Town, int, Proposal]]) -> None:
    """Each item's co-signers and, once assigned, its units, meetings, reply and rating."""
    rows: dict[type, list] = {CoSigner: [], HandlingUnit: [], Meeting: [], Reply: [], Feedback: []}
    for town, n, p in items:
        rows[CoSigner] += _cosigners(month, p, town)
        if p.assigned_at is None:
            continue
        rows[HandlingUnit] += _units(month, p, town, assisted=n % 4 == 0)
        assigned = p.assigned_at.date()  # made in the current time zone: its local date
        rows[Meeting] += _meetings(month, p, assigned)
        if p.status in (Status.REPLIED, Status.CLOSED):
            rows[Reply].append(_reply(month, p, assigned))
        if p.status == Status.CLOSED:
            rows[Feedback].append(_feedback(month, p, assigned))
    for model, made in rows.items():
        write(model, made, month.built)


def _cosigners(month: Month, p: Proposal, town: Town) -> list[CoSigner]:
    deputies = [d for d in month.rng.sample(town.deputies, 3) if d != p.lead_deputy_id]
    return [
        new(CoSigner, township_id=p.township_id, proposal_id=p.pk, deputy_id=d, confirmed_at=p.submitted_at)
        for d in deputies[:2]
    ]


def _units(month: Month, p: Proposal, town: Town, *, assisted: bool) -> list[HandlingUnit]:
    departments = month.rng.sample(town.departments, 2)
    units = [
        new(HandlingUnit, township_id=p.township_id, proposal_id=p.pk, department_id=departments[0], role=UnitRole.MAIN)
    ]
    if assisted:
        units.append(
            new(
                HandlingUnit,
                township_id=p.township_id,
                proposal_id=p.pk,
                department_id=departments[1],
                role=UnitRole.ASSISTING,
            )
        )
    return units


def _meetings(month: Month, p: Proposal, assigned) -> list[Meeting]:
    stages = [Stage.AFTER_ASSIGNMENT]
    replied = p.status in (Status.REPLIED, Status.CLOSED)
    if replied:
        stages += [Stage.DURING, Stage.BEFORE_REPLY]
    # A replied item met face to face (the reply is refused otherwise); one being handled may have had a call.
    forms = FACE_TO_FACE if replied else MeetingForm.values
    return [
        new(
            Meeting,
            township_id=p.township_id,
            proposal_id=p.pk,
            round=1,
            stage=stage,
            held_on=assigned + timedelta(days=10 + 30 * s),
            form=month.rng.choice(forms),
            participants="领衔代表、承办单位负责人",
        )
        for s, stage in enumerate(stages)
    ]


def _reply(month: Month, p: Proposal, assigned) -> Reply:
    rng = month.rng
    return new(
        Reply,
        township_id=p.township_id,
        proposal_id=p.pk,
        round=1,
        reply_class=rng.choice(ReplyClass.values),
        text="经研究，已列入年度计划并组织实施。",
        signer=person_name(rng),
        contact=person_name(rng),
        phone="0873-0000000",
        submitted_at=at(assigned + timedelta(days=80), 15),
    )


def _feedback(month: Month, p: Proposal, assigned) -> Feedback:
    rating = month.rng.choices(Rating.values, weights=(70, 25, 5))[0]
    return new(
        Feedback,
        township_id=p.township_id,
        proposal_id=p.pk,
        round=1,
        consultation=rating,
        attitude=rating,
        reply=rating,
        result=rating,
        overall=rating,
        given_at=at(assigned + timedelta(days=90), 11),
    )
