"""Reads of proposals: who sees which items, the four rates with their definitions, the per-unit table."""

from dataclasses import dataclass

from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from congress.models import Department, Membership, Role, Township
from deputies.models import Deputy
from proposals.models import Feedback, HandlingUnit, Proposal, Rating, Reply, Status, UnitRole

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
    """One item the viewer may see, with everything its page shows."""
    return (
        visible_proposals(viewer=viewer, township=township)
        .select_related("key_leader", "merged_into", "lead_deputy__user", "activity")
        .prefetch_related(
            "cosigners__deputy",
            "units__department",
            "meetings",
            "replies",
            "feedback",
            "extensions",
            "notes__author",
            "attachments",
        )
        .get(pk=pk)
    )


@dataclass
class RateFigure:
    key: str
    label: str
    definition: str
    numerator: int
    denominator: int

    @property
    def percent(self) -> float | None:
        return round(100 * self.numerator / self.denominator, 1) if self.denominator else None


def _first_replies() -> QuerySet[Reply]:
    return Reply.objects.filter(proposal=OuterRef("pk"), round=1)


def _promised_and_done(ids: list[int]) -> tuple[int, int]:
    """Of the items' latest replies: how many promised further actions, and how many of those are done."""
    latest_replies = Reply.objects.filter(proposal_id__in=ids).order_by("proposal_id", "-round")
    promised = done = 0
    seen = set()
    for reply in latest_replies.only("proposal_id", "planned", "actions_done_at"):
        if reply.proposal_id in seen:
            continue
        seen.add(reply.proposal_id)
        if reply.planned.strip():
            promised += 1
            done += reply.actions_done_at is not None
    return promised, done


def _latest_overall(ids: list[int]) -> dict[int, str]:
    """Each item's overall rating in its latest round of feedback."""
    latest_feedback = {}
    for fb in (
        Feedback.objects.filter(proposal_id__in=ids).order_by("proposal_id", "round").only("proposal_id", "overall")
    ):
        latest_feedback[fb.proposal_id] = fb.overall
    return latest_feedback


def proposal_rates(*, items: QuerySet[Proposal]) -> list[RateFigure]:
    """The four rates over a set of assigned items, each with its definition, as of today."""
    today = timezone.localdate()
    handled = items.filter(assigned_at__isnull=False).annotate(
        replied_on=Subquery(_first_replies().values("submitted_at")[:1]),
        meetings_round1=Count("meetings", filter=Q(meetings__round=1), distinct=True),
    )
    counts = handled.aggregate(
        replied=Count("id", filter=Q(replied_on__isnull=False), distinct=True),
        replied_in_time=Count("id", filter=Q(replied_on__date__lte=F("first_due")), distinct=True),
        due_or_replied=Count("id", filter=Q(first_due__lt=today) | Q(replied_on__isnull=False), distinct=True),
        met_three=Count("id", filter=Q(replied_on__isnull=False, meetings_round1__gte=3), distinct=True),
    )
    # The items' ids first: a subquery here makes the database scan every town's replies and feedback.
    ids = list(items.filter(assigned_at__isnull=False).values_list("pk", flat=True))
    promised, done = _promised_and_done(ids)
    latest_feedback = _latest_overall(ids)
    satisfied = sum(1 for v in latest_feedback.values() if v in (Rating.SATISFIED, Rating.BASIC))
    return [
        RateFigure(
            "reply",
            str(_("Reply rate (办复率)")),
            str(_("Items replied by their deadline ÷ items whose deadline has passed or that are replied.")),
            counts["replied_in_time"],
            counts["due_or_replied"],
        ),
        RateFigure(
            "meeting",
            str(_("Meeting rate (见面率)")),
            str(_("Replied items with all three meetings ÷ replied items.")),
            counts["met_three"],
            counts["replied"],
        ),
        RateFigure(
            "implementation",
            str(_("Implementation rate (落实率)")),
            str(_("Replied items whose promised actions are marked done ÷ replied items with promised actions.")),
            done,
            promised,
        ),
        RateFigure(
            "satisfaction",
            str(_("Satisfaction rate (满意率)")),
            str(_("Items whose latest feedback is satisfied or basically satisfied ÷ items with feedback.")),
            satisfied,
            len(latest_feedback),
        ),
    ]


def unit_table(*, township: Township) -> list[dict]:
    """Per handling unit, as offices export it: items as main and as assisting unit, replied, overdue, and
    the lead deputies' latest overall feedback on the items it leads."""
    today = timezone.localdate()
    rows = (
        HandlingUnit.objects.for_township(township)
        .values("department")
        .annotate(
            as_main=Count("id", filter=Q(role=UnitRole.MAIN)),
            as_assisting=Count("id", filter=Q(role=UnitRole.ASSISTING)),
            overdue=Count(
                "id",
                filter=Q(role=UnitRole.MAIN, proposal__status=Status.ASSIGNED, proposal__due__lt=today),
            ),
        )
    )
    by_department = {row["department"]: row for row in rows}
    replied = dict(
        HandlingUnit.objects.for_township(township)
        .filter(role=UnitRole.MAIN, proposal__replies__round=1)
        .values_list("department")
        .annotate(n=Count("proposal", distinct=True))
    )
    tallies: dict[int, dict[str, int]] = {}
    latest: dict[int, tuple[int, str]] = {}
    mains = dict(
        HandlingUnit.objects.for_township(township).filter(role=UnitRole.MAIN).values_list("proposal", "department")
    )
    for fb in (
        Feedback.objects.filter(proposal_id__in=list(mains))
        .order_by("proposal_id", "round")
        .only("proposal_id", "overall")
    ):
        latest[fb.proposal_id] = (mains[fb.proposal_id], fb.overall)
    for department, overall in latest.values():
        tallies.setdefault(department, {}).setdefault(overall, 0)
        tallies[department][overall] += 1
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
            }
        )
    return out


def meetings_held(proposal: Proposal) -> dict[int, set[str]]:
    held: dict[int, set[str]] = {}
    for meeting in proposal.meetings.all():
        held.setdefault(meeting.round, set()).add(meeting.stage)
    return held


def rate_link_rows() -> QuerySet[Reply]:
    """Replies as a rate link's page shows them: the item, its lead deputy and the feedback already given
    (scoped to the link's town and lead deputy by deputies.services.links.link_open_with_target)."""
    return Reply.objects.select_related("proposal__lead_deputy").prefetch_related("proposal__feedback")
