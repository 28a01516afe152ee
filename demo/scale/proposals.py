"""Proposals of towns built in bulk: filed through the years, the older ones assigned, met on, replied to and
rated, the recent ones still waiting."""

import random
from datetime import timedelta

from django.utils import timezone

from demo.scale.base import CATEGORIES, DEPARTMENTS, DEPUTIES, VILLAGE_POINTS, Chunk, at, bulk, person_name
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


def proposals(chunk: Chunk) -> None:
    """The proposals of each town and how far each has been handled."""
    _handling(chunk, _items(chunk))


def _status(age: int, rng: random.Random) -> str:
    """How far an item filed `age` days ago has come."""
    if age > 150:
        return Status.CLOSED
    if age > 100:
        return Status.REPLIED
    if age > 20:
        return Status.ASSIGNED
    return rng.choice([Status.SUBMITTED, Status.ACCEPTED])


def _items(chunk: Chunk) -> list[Proposal]:
    """Every town's items, filed at even intervals from the first year built to today."""
    rng, today = chunk.rng, chunk.today
    span = (today - chunk.start).days
    items = []
    for i, t in enumerate(chunk.towns):
        deputies = chunk.of(chunk.deputies, DEPUTIES, i)
        for n in range(chunk.proposal_count):
            filed = chunk.start + timedelta(days=n * span // chunk.proposal_count)
            status = _status((today - filed).days, rng)
            accepted = status != Status.SUBMITTED
            assigned = status in (Status.ASSIGNED, Status.REPLIED, Status.CLOSED)
            due = filed + timedelta(days=100) if assigned else None
            items.append(
                Proposal(
                    township=t,
                    kind=Proposal._meta.get_field("kind").default,
                    title=f"关于第{n % VILLAGE_POINTS + 1}村{rng.choice(CATEGORIES)}问题的建议",
                    content="情况：群众反映强烈。理由：影响生产生活。建议：请有关部门统筹解决。",
                    category=rng.choice(Category.values),
                    lead_deputy=rng.choice(deputies),
                    status=status,
                    number=n + 1,
                    submitted_at=at(filed, 10),
                    accepted_at=at(filed + timedelta(days=3), 10) if accepted else None,
                    assigned_at=at(filed + timedelta(days=10), 10) if assigned else None,
                    due=due,
                    first_due=due,
                    created_at=at(filed, 9),
                )
            )
    return bulk(chunk.built, Proposal, items)


def _handling(chunk: Chunk, items: list[Proposal]) -> None:
    """Each item's co-signers and, once assigned, its units, meetings, reply and rating."""
    rows: dict[type, list] = {CoSigner: [], HandlingUnit: [], Meeting: [], Reply: [], Feedback: []}
    for k, p in enumerate(items):
        town_index = k // chunk.proposal_count
        rows[CoSigner] += _cosigners(chunk, p, town_index)
        if p.assigned_at is None:
            continue
        rows[HandlingUnit] += _units(chunk, p, town_index, assisted=k % 4 == 0)
        assigned = timezone.localtime(p.assigned_at).date()
        rows[Meeting] += _meetings(chunk, p, assigned)
        if p.status in (Status.REPLIED, Status.CLOSED):
            rows[Reply].append(_reply(chunk, p, assigned))
        if p.status == Status.CLOSED:
            rows[Feedback].append(_feedback(chunk, p, assigned))
    for model, made in rows.items():
        bulk(chunk.built, model, made)


def _cosigners(chunk: Chunk, p: Proposal, town_index: int) -> list[CoSigner]:
    deputies = [
        d for d in chunk.rng.sample(chunk.of(chunk.deputies, DEPUTIES, town_index), 3) if d.pk != p.lead_deputy_id
    ]
    return [
        CoSigner(township_id=p.township_id, proposal=p, deputy=d, confirmed_at=p.submitted_at) for d in deputies[:2]
    ]


def _units(chunk: Chunk, p: Proposal, town_index: int, *, assisted: bool) -> list[HandlingUnit]:
    departments = chunk.rng.sample(chunk.of(chunk.departments, len(DEPARTMENTS), town_index), 2)
    units = [HandlingUnit(township_id=p.township_id, proposal=p, department=departments[0], role=UnitRole.MAIN)]
    if assisted:
        units.append(
            HandlingUnit(township_id=p.township_id, proposal=p, department=departments[1], role=UnitRole.ASSISTING)
        )
    return units


def _meetings(chunk: Chunk, p: Proposal, assigned) -> list[Meeting]:
    stages = [Stage.AFTER_ASSIGNMENT]
    replied = p.status in (Status.REPLIED, Status.CLOSED)
    if replied:
        stages += [Stage.DURING, Stage.BEFORE_REPLY]
    # A replied item met face to face (the reply is refused otherwise); one being handled may have had a call.
    forms = FACE_TO_FACE if replied else MeetingForm.values
    return [
        Meeting(
            township_id=p.township_id,
            proposal=p,
            round=1,
            stage=stage,
            held_on=assigned + timedelta(days=10 + 30 * s),
            form=chunk.rng.choice(forms),
            participants="领衔代表、承办单位负责人",
        )
        for s, stage in enumerate(stages)
    ]


def _reply(chunk: Chunk, p: Proposal, assigned) -> Reply:
    rng = chunk.rng
    return Reply(
        township_id=p.township_id,
        proposal=p,
        round=1,
        reply_class=rng.choice(ReplyClass.values),
        text="经研究，已列入年度计划并组织实施。",
        signer=person_name(rng),
        contact=person_name(rng),
        phone="0873-0000000",
        submitted_at=at(assigned + timedelta(days=80), 15),
    )


def _feedback(chunk: Chunk, p: Proposal, assigned) -> Feedback:
    rating = chunk.rng.choices(Rating.values, weights=(70, 25, 5))[0]
    return Feedback(
        township_id=p.township_id,
        proposal=p,
        round=1,
        consultation=rating,
        attitude=rating,
        reply=rating,
        result=rating,
        overall=rating,
        given_at=at(assigned + timedelta(days=90), 11),
    )
