"""The four rates of proposals and suggestions (办复率, 见面率, 落实率, 满意率), defined once: every page, export
and bulletin that shows one takes it from here, so a rate has the same numbers wherever it appears.

Each rate is counted over a set of items as of a day `on`: what happened after that day does not count. The
facts of the items are read in four grouped queries (the items, their replies, meetings and feedback), then
counted in Python, overall or per group (per town, per main unit) from the same facts.

Over a period (first to last day), each rate counts the items whose own event fell in it, as of its last day
(today for a period not over): the reply rate the items whose first reply was due in it, the meeting rate
the items assigned in it, the implementation rate the items replied in it (their latest reply), the
satisfaction rate the items rated in it (their latest feedback)."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from django.db.models import OuterRef, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from congress.figures import Figure
from congress.inputs import on_days
from proposals.models import (
    FACE_TO_FACE,
    Feedback,
    HandlingUnit,
    Meeting,
    Proposal,
    Rating,
    Reply,
    ReplyClass,
    Stage,
    UnitRole,
)

ALL_STAGES = frozenset(Stage.values)
KEYS = ("reply", "meeting", "implementation", "satisfaction")


@dataclass
class ItemFacts:
    """What the rates read of one assigned item, as of the day counted."""

    pk: int
    township_id: int
    main_unit: int | None
    first_due: date | None
    first_reply_on: date | None = None
    latest_class: str = ""
    latest_planned: bool = False
    latest_actions_done: bool = False
    replied: bool = False
    latest_overall: str = ""
    stages_met: set[str] = field(default_factory=set)
    assigned_on: date | None = None
    latest_reply_on: date | None = None
    latest_rated_on: date | None = None
    session_id: int | None = None


Period = tuple[date, date]


@dataclass
class Facts:
    on: date
    items: list[ItemFacts]
    period: Period | None = None

    def split(self, key: Callable[[ItemFacts], int | None]) -> dict[int | None, "Facts"]:
        groups: dict[int | None, list[ItemFacts]] = {}
        for item in self.items:
            groups.setdefault(key(item), []).append(item)
        return {k: self.part(v) for k, v in groups.items()}

    def part(self, items: list[ItemFacts]) -> "Facts":
        return Facts(on=self.on, items=items, period=self.period)

    def within(self, day: date | None) -> bool:
        """`day` falls in the period (any day when the facts have no period)."""
        if self.period is None:
            return True
        return day is not None and self.period[0] <= day <= self.period[1]

    @property
    def due_before(self) -> date:
        """A first reply deadline before this day has passed: `on` itself is still open; the last day of a
        period that is over has passed too."""
        if self.period is not None and self.on < timezone.localdate():
            return self.on + timedelta(days=1)
        return self.on


def _local_day(moment, zone) -> date:
    """The day of an aware moment in the time zone `zone` (the current one, read once by the caller: reading it
    is a look-up in a context-local, and this runs for every reply and feedback of a town's five years)."""
    return moment.astimezone(zone).date()


def item_facts(*, items: QuerySet[Proposal], on: date | None = None, period: Period | None = None) -> Facts:
    """The facts of the assigned items of `items` as of the day `on` (today when not given); with a `period`
    (first, last day), as of its last day or `on`, whichever comes first, each rate counting its items of the
    period."""
    on = on or timezone.localdate()
    if period is not None:
        on = min(on, period[1])
    zone = timezone.get_current_timezone()
    main = HandlingUnit.objects.filter(proposal=OuterRef("pk"), role=UnitRole.MAIN).values("department_id")[:1]
    rows = (
        items.filter(on_days("assigned_at", last=on))
        .annotate(main_unit=Subquery(main))
        .order_by()
        .values_list("pk", "township_id", "main_unit", "first_due", "assigned_at", "session_id")
    )
    facts = {
        pk: ItemFacts(pk, town, unit, due, assigned_on=_local_day(assigned, zone), session_id=session)
        for pk, town, unit, due, assigned, session in rows
    }
    # The items' ids first: a subquery here makes the database scan every town's replies and feedback.
    ids = list(facts)
    replies = Reply.objects.filter(proposal_id__in=ids).filter(on_days("submitted_at", last=on)).order_by("round")
    for r in replies.values_list("proposal_id", "round", "submitted_at", "reply_class", "planned", "actions_done_at"):
        item = facts[r[0]]
        if r[1] == 1:
            item.first_reply_on = _local_day(r[2], zone)
        item.replied = True
        item.latest_reply_on = _local_day(r[2], zone)
        item.latest_class, item.latest_planned = r[3], bool(r[4].strip())
        item.latest_actions_done = r[5] is not None and r[5] <= on
    meetings = Meeting.objects.filter(proposal_id__in=ids, round=1, form__in=FACE_TO_FACE, held_on__lte=on)
    for pk, stage in meetings.values_list("proposal_id", "stage"):
        facts[pk].stages_met.add(stage)
    feedback = Feedback.objects.filter(proposal_id__in=ids).filter(on_days("given_at", last=on)).order_by("round")
    for pk, overall, given_at in feedback.values_list("proposal_id", "overall", "given_at"):
        facts[pk].latest_overall = overall
        facts[pk].latest_rated_on = _local_day(given_at, zone)
    return Facts(on=on, items=list(facts.values()), period=period)


# --- The definitions ------------------------------------------------------------------------------------


def reply_rate(facts: Facts) -> Figure:
    """办复率: items replied ÷ items whose first reply deadline has passed; replied on time shown beside."""
    due = [i for i in facts.items if i.first_due is not None and i.first_due < facts.due_before]
    due = [i for i in due if facts.within(i.first_due)]
    replied = [i for i in due if i.first_reply_on is not None]
    on_time = [i for i in replied if i.first_reply_on <= i.first_due]
    return Figure(
        "reply",
        _("Reply rate (办复率)"),
        _(
            "Items given their first reply ÷ items whose first reply deadline (three months after assignment, "
            "plus any extension) has passed. Beside it: how many were replied by the deadline."
        ),
        len(replied),
        len(due),
        _("on time"),
        len(on_time),
    )


def _meetings_required(item: ItemFacts) -> frozenset[str]:
    return ALL_STAGES if item.first_reply_on is not None else frozenset({Stage.AFTER_ASSIGNMENT})


def meeting_rate(facts: Facts) -> Figure:
    """见面率: items with every face-to-face meeting required so far held ÷ items assigned."""
    assigned = [i for i in facts.items if facts.within(i.assigned_on)]
    met = [i for i in assigned if _meetings_required(i) <= i.stages_met]
    return Figure(
        "meeting",
        _("Meeting rate (见面率)"),
        _(
            "Items with every meeting required so far held face to face (a meeting or a visit; a call does not "
            "count) — the consultation once assigned, all three meetings of the first round once replied — ÷ "
            "items assigned."
        ),
        len(met),
        len(assigned),
    )


def implementation_rate(facts: Facts) -> Figure:
    """落实率: items whose latest reply is class A or B with its planned actions, if any, marked done ÷ items
    replied."""
    replied = [i for i in facts.items if i.replied and facts.within(i.latest_reply_on)]
    done = [
        i
        for i in replied
        if i.latest_class in (ReplyClass.A, ReplyClass.B) and (not i.latest_planned or i.latest_actions_done)
    ]
    return Figure(
        "implementation",
        _("Implementation rate (落实率)"),
        _(
            "Items whose latest reply is class A or B and whose planned actions, if the reply planned any, are "
            "marked done ÷ items replied."
        ),
        len(done),
        len(replied),
    )


def satisfaction_rate(facts: Facts) -> Figure:
    """满意率: items whose latest feedback is satisfied overall ÷ items rated; basically satisfied beside."""
    rated = [i for i in facts.items if i.latest_overall and facts.within(i.latest_rated_on)]
    return Figure(
        "satisfaction",
        _("Satisfaction rate (满意率)"),
        _(
            "Items whose lead deputy's latest feedback is “satisfied” overall ÷ items rated. Beside it: how many "
            "were rated “basically satisfied” (not counted as satisfied)."
        ),
        sum(1 for i in rated if i.latest_overall == Rating.SATISFIED),
        len(rated),
        _("basically satisfied"),
        sum(1 for i in rated if i.latest_overall == Rating.BASIC),
    )


DEFINITIONS = (reply_rate, meeting_rate, implementation_rate, satisfaction_rate)


def rates_of(facts: Facts) -> list[Figure]:
    return [define(facts) for define in DEFINITIONS]


def rates_kept(numbers: list[list]) -> list[Figure]:
    """The four rates from numbers kept as [numerator, denominator, beside] each, in the order of `rates_of`
    (assessments.selectors.town_months keeps them), labelled and defined in the reader's language."""
    blanks = rates_of(Facts(on=timezone.localdate(), items=[]))
    return [
        replace(blank, numerator=numerator, denominator=denominator, beside=beside)
        for blank, (numerator, denominator, beside) in zip(blanks, numbers, strict=True)
    ]


def proposal_figures(
    *, items: QuerySet[Proposal], on: date | None = None, period: Period | None = None
) -> list[Figure]:
    """The four rates over `items` as of `on` (today when not given), or over a period."""
    return rates_of(item_facts(items=items, on=on, period=period))


def rates_by(facts: Facts, *, group: str, groups: Iterable[int] = ()) -> dict[int | None, list[Figure]]:
    """The four rates per town (`group="township_id"`), per main unit (`group="main_unit"`) or per session
    (`group="session_id"`), every one of `groups` present even when it has no item."""
    split = facts.split(lambda item: getattr(item, group))
    for key in groups:
        split.setdefault(key, facts.part([]))
    return {key: rates_of(part) for key, part in split.items()}
