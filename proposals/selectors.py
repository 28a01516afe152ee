"""Reads of proposals: who sees which items, the per-unit table (its rates from proposals.figures)."""

from datetime import date

from django.db.models import Count, Exists, Model, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from congress.inputs import on_days
from congress.models import CongressSession, Department, Membership, Role, Township
from deputies.models import Deputy
from proposals.figures import Facts, item_facts, rates_by
from proposals.models import (
    FACE_TO_FACE,
    PARTICIPATION,
    Feedback,
    HandlingSettings,
    HandlingUnit,
    ItemInspection,
    Meeting,
    MeetingForm,
    Proposal,
    Rating,
    Reply,
    Stage,
    Status,
    UnitRole,
    overdue_q,
)

PUBLISHED = (Status.ACCEPTED, Status.ASSIGNED, Status.REPLIED, Status.CLOSED)


def visible_proposals(*, viewer: Membership, township: Township) -> QuerySet[Proposal]:
    """The office, leaders and the county read the town's items; a unit only those assigned to it; a deputy
    their own, those they co-signed, and the accepted items marked public."""
    rows = Proposal.objects.for_township(township).select_related("lead_deputy", "session")
    if viewer.role == Role.UNIT:
        return rows.filter(units__department_id=viewer.department_id).distinct()
    if viewer.role == Role.DEPUTY:
        deputy = Deputy.objects.for_township(township).filter(user_id=viewer.user_id).values_list("pk", flat=True)
        deputy_id = deputy.first()
        if deputy_id is None:
            return rows.none()
        return rows.filter(
            Q(lead_deputy_id=deputy_id) | Q(cosigners__deputy_id=deputy_id) | Q(is_public=True, status__in=PUBLISHED)
        ).distinct()
    return rows


def proposal_detail(*, viewer: Membership, township: Township, pk: int) -> Proposal:
    """One item the viewer may see, with everything its page shows: `merged` holds the items merged into it
    that the viewer may see too (all of them for the office, leaders and the county)."""
    merged = visible_proposals(viewer=viewer, township=township).order_by("submitted_at", "pk")
    return (
        visible_proposals(viewer=viewer, township=township)
        .select_related("key_leader", "merged_into", "lead_deputy__user", "activity")
        .prefetch_related(
            Prefetch("merged", queryset=merged),
            "cosigners__deputy",
            "units__department",
            *(f"meetings__{kind}" for kind in PARTICIPATION),
            Prefetch("inspections", queryset=ItemInspection.objects.select_related("activity")),
            *(f"inspections__{kind}" for kind in PARTICIPATION),
            "replies",
            "feedback",
            "extensions",
            "notes__author",
            "attachments",
        )
        .get(pk=pk)
    )


def unit_table(*, township: Township, facts: Facts | None = None) -> list[dict]:
    """Per handling unit, as offices export it: items as main and as assisting unit, replied, overdue, the
    lead deputies' latest overall feedback on the items it leads, and the four rates of the items it leads
    (counted from `facts` when the caller has read them already). When the facts are of a period, the counts
    are too: items assigned in it (of those, overdue today), first replies given in it, feedback given in it."""
    today = timezone.localdate()
    period = facts.period if facts is not None else None
    first, last = period or (None, None)
    assigned_in = on_days("proposal__assigned_at", first, last) if period else Q()
    rows = (
        HandlingUnit.objects.for_township(township)
        .values("department")
        .annotate(
            as_main=Count("id", filter=Q(role=UnitRole.MAIN) & assigned_in),
            as_assisting=Count("id", filter=Q(role=UnitRole.ASSISTING) & assigned_in),
            overdue=Count(
                "id",
                filter=Q(role=UnitRole.MAIN) & overdue_q(today, prefix="proposal__") & assigned_in,
            ),
        )
    )
    by_department = {row["department"]: row for row in rows}
    replied_in = on_days("proposal__replies__submitted_at", first, last) if period else Q()
    replied = dict(
        HandlingUnit.objects.for_township(township)
        .filter(replied_in, role=UnitRole.MAIN, proposal__replies__round=1)
        .values_list("department")
        .annotate(n=Count("proposal", distinct=True))
    )
    tallies: dict[int, dict[str, int]] = {}
    latest: dict[int, tuple[int, str, date]] = {}
    mains = dict(
        HandlingUnit.objects.for_township(township).filter(role=UnitRole.MAIN).values_list("proposal", "department")
    )
    feedback = Feedback.objects.filter(proposal_id__in=list(mains))
    if period:
        feedback = feedback.filter(on_days("given_at", last=facts.on))
    zone = timezone.get_current_timezone()
    for pk, overall, given_at in feedback.order_by("proposal_id", "round").values_list(
        "proposal_id", "overall", "given_at"
    ):
        latest[pk] = (mains[pk], overall, given_at.astimezone(zone).date())
    for department, overall, given_on in latest.values():
        if period and not first <= given_on <= last:
            continue
        tallies.setdefault(department, {}).setdefault(overall, 0)
        tallies[department][overall] += 1
    facts = facts or item_facts(items=Proposal.objects.for_township(township))
    rates = rates_by(facts, group="main_unit", groups=by_department)
    out = []
    for department in Department.objects.for_township(township).filter(pk__in=by_department).order_by("kind", "name"):
        row = by_department[department.pk]
        tally = tallies.get(department.pk, {})
        out.append(
            {
                "department": department,
                "as_main": row["as_main"],
                "as_assisting": row["as_assisting"],
                "replied": replied.get(department.pk, 0),
                "overdue": row["overdue"],
                "satisfied": tally.get(Rating.SATISFIED, 0),
                "basic": tally.get(Rating.BASIC, 0),
                "not_satisfied": tally.get(Rating.NOT, 0),
                "rates": rates[department.pk],
            }
        )
    return out


def meetings_held(proposal: Proposal) -> dict[int, set[str]]:
    """Per round, the stages whose meeting was held face to face (a call or a letter is a contact, not one of
    the three meetings)."""
    held: dict[int, set[str]] = {}
    for meeting in proposal.meetings.all():
        if meeting.form in FACE_TO_FACE:
            held.setdefault(meeting.round, set()).add(meeting.stage)
    return held


def handling_settings_for(*, township: Township) -> HandlingSettings:
    """The town's handling rules; a town that never saved them gets the defaults, unsaved."""
    return HandlingSettings.objects.filter(township=township).first() or HandlingSettings(township=township)


def third_meeting_forms(proposal: Proposal) -> tuple[str, ...]:
    """The forms the meeting before the reply may take: face to face, or a call where the town allows it."""
    if handling_settings_for(township=proposal.township).phone_third_meeting:
        return (*FACE_TO_FACE, MeetingForm.CALL)
    return FACE_TO_FACE


def meetings_needed(proposal: Proposal) -> list[str]:
    """This round's first two meetings not yet held face to face, by stage, for the item's page."""
    held = meetings_held(proposal).get(proposal.round, set())
    return [stage for stage in (Stage.AFTER_ASSIGNMENT, Stage.DURING) if stage not in held]


def rate_link_rows() -> QuerySet[Reply]:
    """Replies as a rate link's page shows them: the item, its lead deputy and the feedback already given
    (scoped to the link's town and lead deputy by deputies.services.links.link_open_with_target)."""
    return Reply.objects.select_related("proposal__lead_deputy").prefetch_related("proposal__feedback")


def session_collection(*, township: Township, session_pk: int) -> tuple:
    """A session of the town and its items for the collection (汇编): every accepted item with its number,
    proposals (议案) before suggestions, with their units, co-signers and replies (raises
    CongressSession.DoesNotExist for another town's session)."""
    session = CongressSession.objects.for_township(township).get(pk=session_pk)
    items = (
        Proposal.objects.for_township(township)
        .filter(session=session, status__in=PUBLISHED, number__isnull=False)
        .select_related("lead_deputy")
        .prefetch_related(
            "cosigners__deputy", "units__department", Prefetch("replies", queryset=Reply.objects.order_by("round"))
        )
        .order_by("kind", "number")  # 议案 ("proposal") before 建议 ("suggestion")
    )
    return session, list(items)


# --- The three participations (三个参与) ------------------------------------------------------------------


def participation_of(proposal: Proposal) -> dict[str, int]:
    """Of an item read by `proposal_detail` (its meetings and inspections with who took part prefetched): per
    kind (leaders, departments, deputies), the meetings and special inspections at which one of them at least
    took part."""
    records = [*proposal.meetings.all(), *proposal.inspections.all()]
    return {kind: sum(1 for record in records if getattr(record, kind).all()) for kind in PARTICIPATION}


def _participation_counts(model: type[Model], ids: list[int], day: str, facts: Facts) -> QuerySet:
    """Per item, the records of `model` (meetings or inspections) held by the facts' day (and in their period)
    with one of each kind at least: one grouped query."""
    rows = model.objects.filter(proposal_id__in=ids, **{f"{day}__lte": facts.on})
    if facts.period is not None:
        rows = rows.filter(**{f"{day}__gte": facts.period[0]})
    owner = f"{model._meta.model_name}_id"
    present = {
        kind: Exists(getattr(model, kind).through.objects.filter(**{owner: OuterRef("pk")})) for kind in PARTICIPATION
    }
    counts = {kind: Count("pk", filter=Q(present[kind])) for kind in PARTICIPATION}
    return rows.order_by().values("proposal_id").annotate(**counts).values_list("proposal_id", *PARTICIPATION)


def participation_table(*, township: Township, facts: Facts, by_item: int | None = None) -> dict:
    """The three participations of the items the rates count (`facts`): per item, the meetings with the deputy
    and the special inspections at which a town leader, a department, a deputy took part; per main unit, the sum
    over the items it leads; and the town's totals. Over a period, the meetings held and the inspections made in
    it, of the items assigned in it or with such a record. Four queries whatever the number of items; with
    `by_item` = N, the rows per item only when there are at most N items (three queries, no rows, otherwise)."""
    ids = [item.pk for item in facts.items]
    tally: dict[int, list[int]] = {}
    for model, day in ((Meeting, "held_on"), (ItemInspection, "activity__date")):
        for pk, *counts in _participation_counts(model, ids, day, facts):
            tally[pk] = [a + b for a, b in zip(tally.get(pk, [0, 0, 0]), counts, strict=True)]
    facts_of = {item.pk: item for item in facts.items if item.pk in tally or facts.within(item.assigned_on)}
    units = Department.objects.for_township(township).filter(pk__in={f.main_unit for f in facts_of.values()})
    units = {unit.pk: unit for unit in units.order_by("kind", "name")}
    by_unit = {pk: {"department": unit, "items": 0, **dict.fromkeys(PARTICIPATION, 0)} for pk, unit in units.items()}
    counted = {pk: dict(zip(PARTICIPATION, tally.get(pk, [0, 0, 0]), strict=True)) for pk in facts_of}
    for pk, counts in counted.items():
        unit = facts_of[pk].main_unit
        if unit in by_unit:
            by_unit[unit]["items"] += 1
            for kind in PARTICIPATION:
                by_unit[unit][kind] += counts[kind]
    rows = []
    if by_item is None or len(facts_of) <= by_item:
        items = Proposal.objects.for_township(township).filter(pk__in=list(facts_of)).only("kind", "number", "title")
        for item in items.order_by("kind", "number", "pk"):
            rows.append({"item": item, "department": units.get(facts_of[item.pk].main_unit), **counted[item.pk]})
    total = {kind: sum(counts[kind] for counts in counted.values()) for kind in PARTICIPATION}
    return {"items": rows, "units": list(by_unit.values()), "total": {"items": len(counted), **total}}
