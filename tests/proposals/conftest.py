"""Fixtures of the proposal tests: a frozen clock, sessions, a second unit and deputies of town A (a co-signer
and another deputy with logins), rows of town B, and `flow`, which walks items through the services as the
app does: draft, submit, review, assign, the meetings, the reply and the feedback."""

from contextlib import contextmanager
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from congress.models import CongressSession, Notification, Role
from proposals.models import (
    CoSigner,
    Extension,
    Feedback,
    HandlingUnit,
    Kind,
    Meeting,
    Proposal,
    Rating,
    Reply,
    Stage,
)
from proposals.services.filing import proposal_assign, proposal_review, proposal_save, proposal_submit
from proposals.services.handling import ReplyDraft, feedback_give, meeting_record, reply_submit
from proposals.services.rules import ProposalError
from tests.factories import DepartmentFactory, DeputyFactory, LeaderFactory, MembershipFactory, UserFactory

TZ = ZoneInfo("Asia/Shanghai")
START = date(2026, 3, 2)  # a Monday
ASPECTS = ("consultation", "attitude", "reply", "result", "overall")


def at(day: date, hour: int = 10, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=TZ)


def ratings(overall: str, others: str = Rating.SATISFIED) -> dict[str, str]:
    return {**{a: others for a in ASPECTS}, "overall": overall}


@pytest.fixture(autouse=True)
def clock(time_machine):
    """The clock stands still at 10:00 on START unless a test moves it."""
    time_machine.move_to(at(START), tick=False)
    return time_machine


@pytest.fixture
def session_a(town_a):
    return CongressSession.objects.create(
        township=town_a, term=1, number=1, start_date=date(2026, 2, 20), end_date=date(2026, 2, 22)
    )


@pytest.fixture
def session_a2(town_a):
    return CongressSession.objects.create(
        township=town_a, term=1, number=2, start_date=date(2027, 2, 20), end_date=date(2027, 2, 22)
    )


@pytest.fixture
def department_b(town_a):
    """A second unit of town A."""
    return DepartmentFactory(township=town_a, name="农业农村办公室")


@pytest.fixture
def brian(town_a, department_b):
    """Unit staff of department_b."""
    user = UserFactory(username="brian")
    MembershipFactory(user=user, township=town_a, role=Role.UNIT, department=department_b)
    return user


@pytest.fixture
def department_tb(town_b):
    return DepartmentFactory(township=town_b, name="乙镇社会事务办公室")


@pytest.fixture
def cathy(town_a):
    """A deputy of town A with a login: bob's co-signer."""
    user = UserFactory(username="cathy")
    MembershipFactory(user=user, township=town_a, role=Role.DEPUTY)
    DeputyFactory(township=town_a, user=user, name="凯西")
    return user


@pytest.fixture
def dan(town_a):
    """Another deputy of town A with a login, on no item of bob's."""
    user = UserFactory(username="dan")
    MembershipFactory(user=user, township=town_a, role=Role.DEPUTY)
    DeputyFactory(township=town_a, user=user, name="丹尼")
    return user


@pytest.fixture
def deputy_tb(town_b):
    return DeputyFactory(township=town_b, name="乙镇代表")


@pytest.fixture
def leader_tb(town_b):
    return LeaderFactory(township=town_b, name="乙镇镇长", title="镇长")


class Flow:
    """Items of town A walked through the services, filed by alice for bob unless told otherwise."""

    def __init__(self, *, town, office, lead, session, main, clock):
        self.town = town
        self.office = office
        self.lead = lead
        self.session = session
        self.main = main
        self.clock = clock
        self.count = 0

    def go(self, day: date, hour: int = 10, minute: int = 0) -> None:
        self.clock.move_to(at(day, hour, minute), tick=False)

    def draft(self, *, lead=None, cosigners=(), kind=Kind.SUGGESTION, session="default", is_public=True, **extra):
        self.count += 1
        if kind == Kind.PROPOSAL and not cosigners:  # a proposal (议案) is put by five deputies jointly
            cosigners = self.joint_signers()
        return proposal_save(
            proposal=Proposal(
                kind=kind,
                title=extra.pop("title", f"关于第{self.count}件事的建议"),
                content="一、情况；二、理由；三、建议。",
                category="infrastructure",
                session=self.session if session == "default" else session,
                lead_deputy=lead or self.lead,
                is_public=is_public,
                **extra,
            ),
            township=self.town,
            cosigners=list(cosigners),
            user=self.office,
            by_office=True,
        )

    def joint_signers(self) -> list:
        """Four serving deputies of the town, the same each time: with the lead, the five a proposal needs."""
        if not hasattr(self, "_joint"):
            self._joint = [DeputyFactory(township=self.town, name=f"联名代表{n}") for n in range(1, 5)]
        return self._joint

    def submitted(self, **kwargs) -> Proposal:
        return proposal_submit(proposal=self.draft(**kwargs))

    def accepted(self, **kwargs) -> Proposal:
        return proposal_review(proposal=self.submitted(**kwargs), decision="accept")

    def assigned(self, *, main=None, assisting=(), due=None, key_leader=None, **kwargs) -> Proposal:
        return proposal_assign(
            proposal=self.accepted(**kwargs),
            main=main or self.main,
            assisting=list(assisting),
            due=due,
            key_leader=key_leader,
        )

    def meeting(self, proposal, stage, held_on=None, form="visit") -> Meeting:
        return meeting_record(
            proposal=proposal,
            stage=stage,
            held_on=held_on or timezone.localdate(),
            form=form,
            participants="代表、承办单位负责人",
            notes="",
            user=self.office,
        )

    def meetings(self, proposal, held_on=None) -> None:
        self.meeting(proposal, Stage.AFTER_ASSIGNMENT, held_on)
        self.meeting(proposal, Stage.DURING, held_on)

    def reply(
        self, proposal, *, planned="", planned_by=None, user=None, meeting_held_on=None, meeting_form="meeting", **extra
    ) -> Reply:
        draft = ReplyDraft(
            reply_class=extra.pop("reply_class", "A"),
            text="经研究，已按建议办理。",
            signer="李正华",
            contact="王志强",
            phone="0873-6100001",
            meeting_held_on=meeting_held_on or timezone.localdate(),
            meeting_form=meeting_form,
            meeting_participants=extra.pop("meeting_participants", "代表、承办单位"),
            planned=planned,
            planned_by=planned_by,
            **extra,
        )
        return reply_submit(proposal=proposal, user=user or self.office, draft=draft)

    def replied(self, proposal=None, **kwargs) -> Reply:
        proposal = proposal or self.assigned()
        self.meetings(proposal)
        return self.reply(proposal, **kwargs)

    def feedback(self, proposal, overall, *, deputy=None, comment="", today=None) -> Feedback:
        if overall == Rating.NOT and not comment:
            comment = "措施不具体"
        return feedback_give(
            proposal=proposal,
            deputy=deputy or proposal.lead_deputy,
            ratings=ratings(overall),
            comment=comment,
            today=today,
        )


@pytest.fixture
def flow(town_a, alice, bob, session_a, department_a, clock):
    return Flow(town=town_a, office=alice, lead=bob.deputy, session=session_a, main=department_a, clock=clock)


def snapshot(proposal: Proposal | None = None) -> dict:
    """What a refused action must leave as it was: the item's row and every row hanging from it."""
    state = {
        "proposals": sorted(Proposal.objects.values_list("id", "status")),
        "notifications": Notification.objects.count(),
    }
    if proposal is not None and proposal.pk:
        related = {"proposal_id": proposal.pk}
        state |= {
            "row": Proposal.objects.filter(pk=proposal.pk).values().get(),
            "cosigners": sorted(CoSigner.objects.filter(**related).values_list("deputy_id", "confirmed_at")),
            "units": sorted(HandlingUnit.objects.filter(**related).values_list("department_id", "role")),
            "meetings": sorted(Meeting.objects.filter(**related).values_list("round", "stage", "held_on", "form")),
            "replies": sorted(Reply.objects.filter(**related).values_list("round", "actions_done_at")),
            "feedback": sorted(Feedback.objects.filter(**related).values_list("round", "overall")),
            "extensions": sorted(Extension.objects.filter(**related).values_list("id", "months", "status")),
        }
    return state


@pytest.fixture
def refused():
    """`with refused(item):` — the block raises ProposalError and changes nothing in the database."""

    @contextmanager
    def check(proposal: Proposal | None = None):
        before = snapshot(proposal)
        with pytest.raises(ProposalError):
            yield
        assert snapshot(proposal) == before
        if proposal is not None and proposal.pk:
            proposal.refresh_from_db()

    return check
