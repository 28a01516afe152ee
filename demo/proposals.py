"""Demo data of proposals: a session's worth of items for 大莫古镇 in every state — drafts, returned and
rejected ones, items being handled, replied, rated, one handled again — run through the services."""

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.contrib.auth.models import AbstractBaseUser
from django.utils import timezone

from activities.models import Activity, ActivityKind
from congress.models import CongressSession, Department, DepartmentKind, Leader, Membership, Role, Township
from demo.matters import unit_for
from demo.period import at, by_now
from deputies.models import Deputy, DeputyStatus
from proposals.models import Category, Feedback, Kind, MeetingForm, Proposal, Rating, Reply, Stage
from proposals.services.filing import proposal_assign, proposal_review, proposal_save, proposal_submit
from proposals.services.handling import ReplyDraft, feedback_give, meeting_record, reply_actions_done, reply_submit
from proposals.services.inspections import inspection_record

ITEMS = [
    ("关于加快上坝至下坝村组道路硬化的建议", Category.INFRASTRUCTURE),
    ("关于解决龙潭村人畜饮水困难的建议", Category.INFRASTRUCTURE),
    ("关于加强农村垃圾清运管理的建议", Category.ENVIRONMENT),
    ("关于扶持烤烟产业提质增效的建议", Category.AGRICULTURE),
    ("关于完善村卫生室设备的建议", Category.EDUCATION_HEALTH),
    ("关于改善中心学校学生营养餐的建议", Category.EDUCATION_HEALTH),
    ("关于加强农村留守老人关爱服务的建议", Category.SOCIAL),
    ("关于增设农村客运班线的建议", Category.INFRASTRUCTURE),
    ("关于规范农村建房审批的建议", Category.GOVERNANCE),
    ("关于发展乡村旅游的建议", Category.ECONOMY),
    ("关于治理采石场粉尘污染的建议", Category.ENVIRONMENT),
    ("关于加强小型水利设施维护的建议", Category.AGRICULTURE),
    ("关于推进电商进村的建议", Category.ECONOMY),
    ("关于加强农村消防设施建设的建议", Category.GOVERNANCE),
    ("关于提高农村低保精准度的建议", Category.SOCIAL),
    ("关于修缮老寨村文化活动室的建议", Category.SOCIAL),
    ("关于设立农产品集中交易点的建议", Category.ECONOMY),
    ("关于加强河道清淤的建议", Category.ENVIRONMENT),
    ("关于增加村级公益性岗位的建议", Category.SOCIAL),
    ("关于完善路灯照明的建议", Category.INFRASTRUCTURE),
    ("关于加强校园周边交通安全的建议", Category.EDUCATION_HEALTH),
    ("关于推广测土配方施肥的建议", Category.AGRICULTURE),
    ("关于加强农村饮用水源保护的议案", Category.ENVIRONMENT),
    ("关于制定全镇村庄规划的议案", Category.GOVERNANCE),
]
CONTENT = (
    "一、基本情况：群众反映强烈，问题长期存在。\n"
    "二、存在问题：资金不足，责任不明。\n"
    "三、建议：明确责任单位，列入年度计划，限期解决。"
)


@dataclass
class _Town:
    """What every item of the town draws on: its deputies, units and leaders, and the session they go to."""

    township: Township
    today: date
    rng: random.Random
    session: CongressSession | None
    deputies: list[Deputy]
    units: list[Department]
    leaders: list[Leader]
    office: AbstractBaseUser
    demo_deputy: Deputy | None
    inspection: Activity | None

    @classmethod
    def of(cls, township: Township, today: date) -> "_Town":
        # The items of the session already held (on 5 January, last year's: this year's opens on the 10th).
        session = CongressSession.objects.for_township(township).filter(start_date__lte=today).order_by("-start_date")
        # The pre-session inspection feeds the items brought to the session (§三).
        inspection = Activity.objects.for_township(township).filter(kind=ActivityKind.PRE_SESSION, date__lt=today)
        return cls(
            township=township,
            today=today,
            rng=random.Random(5),
            session=session.first(),
            deputies=list(Deputy.objects.for_township(township).filter(status=DeputyStatus.SERVING)),
            units=list(Department.objects.for_township(township).filter(kind=DepartmentKind.TOWN_DEPARTMENT)),
            leaders=list(Leader.objects.for_township(township)),
            office=Membership.objects.filter(township=township, role=Role.OFFICE).select_related("user").first().user,
            demo_deputy=Deputy.objects.for_township(township).filter(user__username="deputy").first(),
            inspection=inspection.order_by("-date").first(),
        )

    @property
    def presidium(self) -> Deputy:
        """A member of the presidium (主席团) among the deputies: who joins the handling meetings and the reply
        meetings, and the special inspection, for the congress."""
        return self.deputies[0]

    def present(self, item: Proposal, *, leader: Leader | None = None, presidium: bool = False) -> dict:
        """Who took part in a meeting on `item` (三个参与): the leader named, the main unit, the lead deputy and,
        when asked, the presidium's member."""
        deputies = [item.lead_deputy, *([self.presidium] if presidium and self.presidium != item.lead_deputy else [])]
        return {
            "leaders": [leader] if leader else [],
            "departments": [self.main_unit(item)],
            "deputies": deputies,
        }

    def leader_of(self, item: Proposal, index: int) -> Leader | None:
        """The leader at an item's meetings: a key item's leading leader; one item in three, a leader in charge
        at the reply meeting."""
        if item.key_leader_id:
            return item.key_leader
        return self.leaders[index % len(self.leaders)] if index % 3 == 0 and self.leaders else None

    def main_unit(self, item: Proposal) -> Department:
        """The unit whose work the item is (the `unit` login's social affairs office leads the items on the
        elderly, subsistence allowances, village jobs and culture)."""
        return unit_for(item.title, self.units)


def build_proposals(*, township: Township, today: date | None = None) -> None:
    """The session's items for `township`, each taken through the services as far as its state."""
    if Proposal.objects.for_township(township).exists():
        return
    town = _Town.of(township, today or timezone.localdate())
    for index, (title, category) in enumerate(ITEMS):
        item = _file(town, index, title, category)
        if _review(item, index):
            assigned_on = _assign(town, item, index)
            _handle(town, item, index, assigned_on)
    _inspect_key_items(town)


# What the special inspection (专题视察) found on a key item, by a word of its title; any other, the last.
PROGRESS_FINDINGS = [
    ("饮水", "项目已立项，正在进行水源勘测；请镇政府督促施工单位在汛期前完成管网设计。"),
    ("粉尘", "已约谈采石场负责人，降尘设施正在采购；请环保办每月检查一次并向代表通报。"),
    ("", "承办单位已制定办理方案，进度偏慢，请加快办理并与领衔代表见面沟通。"),
]
KEY_FINDINGS = [
    ("饮水", "水源点已选定，管网铺设过半；资金尚差三成，建议镇政府协调县级项目资金。"),
    ("粉尘", "采石场已装喷淋降尘设施，运输道路仍有扬尘；建议增加洒水频次，限定运输时段。"),
    ("", "办理进度与承办单位的计划基本一致，请按期办结并答复代表。"),
]


def _inspect_key_items(town: _Town) -> None:
    """The presidium's special inspections of the key items' handling held so far (of their progress in
    September, of how they are handled in October): their findings on each item assigned before it."""
    specials = Activity.objects.for_township(town.township).filter(kind=ActivityKind.SPECIAL, date__lte=town.today)
    for special in specials.order_by("date"):
        findings = PROGRESS_FINDINGS if "进度" in special.title else KEY_FINDINGS
        _inspect(town, special, findings)


def _inspect(town: _Town, special: Activity, said: list[tuple[str, str]]) -> None:
    items = Proposal.objects.for_township(town.township).filter(key_item=True, assigned_at__date__lte=special.date)
    for item in items.select_related("key_leader", "lead_deputy").order_by("id"):
        findings = next(text for word, text in said if word in item.title)
        inspection_record(
            proposal=item,
            activity=special,
            findings=findings,
            user=town.office,
            **town.present(item, leader=item.key_leader, presidium=True),
        )


def _file(town: _Town, index: int, title: str, category: str) -> Proposal:
    rng = town.rng
    lead = town.demo_deputy if index in (0, 5, 9) and town.demo_deputy else rng.choice(town.deputies)
    cosigners = rng.sample([d for d in town.deputies if d != lead], k=rng.randint(0, 3))
    kind = Kind.PROPOSAL if "议案" in title else Kind.SUGGESTION
    if kind == Kind.PROPOSAL:  # five deputies jointly (五人以上联名), topped up without another draw of the dice
        cosigners += [d for d in town.deputies if d != lead and d not in cosigners][: 4 - len(cosigners)]
    return proposal_save(
        proposal=Proposal(
            kind=kind,
            title=title,
            content=CONTENT,
            category=category,
            session=town.session,
            lead_deputy=lead,
            activity=town.inspection if index % 3 == 0 else None,
        ),
        township=town.township,
        cosigners=cosigners,
        user=town.office,
        by_office=True,
    )


def _review(item: Proposal, index: int) -> bool:
    """Submit and review the item; whether it was accepted (drafts, waiting, returned and rejected ones stop)."""
    stage = index % 8
    if stage == 0 and index > 10:
        return False  # a draft
    proposal_submit(proposal=item)
    if stage == 1 and index > 10:
        return False  # waiting for review
    if index in (3, 19):
        proposal_review(proposal=item, decision="return", note="请补充具体地点和建议措施")
        return False
    if index == 11:
        proposal_review(proposal=item, decision="reject", note="属于个人事项，不属本镇职权范围")
        return False
    proposal_review(proposal=item, decision="accept")
    return True


def _assign(town: _Town, item: Proposal, index: int) -> date:
    """Assign the accepted item some weeks or months ago; the day it was assigned."""
    rng = town.rng
    main = town.main_unit(item)
    assigned_on = town.today - timedelta(days=rng.randint(40, 150))
    # Accepted a few days before assignment, as the presidium does: the month it counts in the assessment.
    accepted_at = timezone.make_aware(datetime.combine(assigned_on - timedelta(days=3), time(10, 0)))
    proposal_assign(
        proposal=item,
        main=main,
        assisting=rng.sample([u for u in town.units if u != main], k=rng.randint(0, 1)),
        key_leader=town.leaders[0] if index in (1, 10) else None,
        today=assigned_on,
    )
    # Dated after the assignment, which saves the whole item: the days it was filed, accepted and assigned on,
    # not the moment the demo was loaded (the dashboard counts the items filed in a month by the first).
    Proposal.objects.filter(pk=item.pk).update(
        submitted_at=accepted_at - timedelta(days=2), accepted_at=accepted_at, assigned_at=at(assigned_on, 10)
    )
    return assigned_on


# 面对面: the consultation by a visit, in person or at a meeting; the handling meeting at a meeting or a visit.
CONSULTATION_FORMS = (MeetingForm.VISIT, MeetingForm.IN_PERSON, MeetingForm.MEETING)
HANDLING_FORMS = (MeetingForm.MEETING, MeetingForm.VISIT, MeetingForm.MEETING, MeetingForm.IN_PERSON)


def _handle(town: _Town, item: Proposal, index: int, assigned_on: date) -> None:
    """The meetings with the lead deputy, the reply and the rating, as far as the item's stage. Every meeting
    of a replied item is face to face; two items still being handled have only a call on record for the
    consultation, which does not count (their page says the face-to-face meeting is still needed)."""
    stage = index % 8
    if stage == 2:  # being handled, no meeting yet; two have only a call on record
        if index in (10, 18):
            meeting_record(
                proposal=item,
                stage=Stage.AFTER_ASSIGNMENT,
                held_on=min(town.today, assigned_on + timedelta(days=5)),
                form=MeetingForm.CALL,
                participants="承办单位经办人",
                notes="电话了解建议意图，约定下周上门面商",
                user=town.office,
                **town.present(item),
            )
        return
    meeting_record(
        proposal=item,
        stage=Stage.AFTER_ASSIGNMENT,
        held_on=assigned_on + timedelta(days=7),
        form=CONSULTATION_FORMS[index % len(CONSULTATION_FORMS)],
        participants="承办单位负责人" if index % 2 else "",
        notes="了解建议意图",
        user=town.office,
        **town.present(item, leader=item.key_leader),
    )
    if stage == 3:
        return
    meeting_record(
        proposal=item,
        stage=Stage.DURING,
        held_on=assigned_on + timedelta(days=30),
        form=HANDLING_FORMS[index % len(HANDLING_FORMS)],
        participants="村民代表" if index % 3 == 1 else "",
        notes="通报办理进展",
        user=town.office,
        **town.present(item, leader=item.key_leader, presidium=True),
    )
    if stage == 4:
        return
    reply_on = _reply(town, item, index, assigned_on)
    if stage != 5:  # stage 5 waits for the lead deputy's feedback
        _rate(town, item, index, reply_on)


def _reply(town: _Town, item: Proposal, index: int, assigned_on: date) -> date:
    rng = town.rng
    present = town.present(item, leader=town.leader_of(item, index), presidium=True)
    reply_on = min(town.today, assigned_on + timedelta(days=rng.randint(45, 85)))
    reply_submit(
        proposal=item,
        user=town.office,
        draft=ReplyDraft(
            reply_class=rng.choice("AAAB"),
            text="经研究，已按建议组织实施。",
            done="已完成现场勘查并落实资金",
            planned="下一步完成剩余工程" if index % 2 else "",
            planned_by=reply_on + timedelta(days=90) if index % 2 else None,
            signer="李正华",
            contact="王志强",
            phone="0873-6100001",
            meeting_held_on=reply_on,
            meeting_form=MeetingForm.MEETING,  # 办理情况反馈会, with the lead deputy
            meeting_participants="",
            meeting_leaders=tuple(present["leaders"]),
            meeting_departments=tuple(present["departments"]),
            meeting_deputies=tuple(present["deputies"]),
        ),
    )
    # Replied on the day of the reply meeting: the reply rate judges it against the deadline by that day.
    Reply.objects.filter(proposal=item, round=1).update(submitted_at=by_now(at(reply_on, 15)))
    return reply_on


def _rate(town: _Town, item: Proposal, index: int, reply_on: date) -> None:
    """The lead deputy rates the reply (one not satisfied); some promised actions are since done."""
    unhappy = index == 6
    rating = Rating.NOT if unhappy else town.rng.choice([Rating.SATISFIED, Rating.SATISFIED, Rating.BASIC])
    feedback_give(
        proposal=item,
        deputy=item.lead_deputy,
        comment="措施不够具体，请再研究" if unhappy else "",
        ratings={a: rating for a in ("consultation", "attitude", "reply", "result", "overall")},
        today=reply_on,
    )
    Feedback.objects.filter(proposal=item, round=1).update(given_at=by_now(at(reply_on, 17)))
    done_on = reply_on + timedelta(days=20)
    if index % 4 == 1 and done_on <= town.today:
        reply = item.replies.order_by("-round").first()
        if reply and reply.planned:
            reply_actions_done(reply=reply, on=done_on)
