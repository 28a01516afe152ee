"""Demo data of proposals: a session's worth of items for 大莫古镇 in every state — drafts, returned and
rejected ones, items being handled, replied, rated, one handled again — run through the services."""

import random
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from activities.models import Activity, ActivityKind
from congress.models import CongressSession, Department, DepartmentKind, Leader, Membership, Role, Township
from deputies.models import Deputy, DeputyStatus
from proposals.models import Category, Kind, Proposal, Rating, Stage
from proposals.services.filing import proposal_assign, proposal_review, proposal_save, proposal_submit
from proposals.services.handling import feedback_give, meeting_record, reply_actions_done, reply_submit

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


def build_proposals(*, township: Township, today: date | None = None) -> None:
    if Proposal.objects.for_township(township).exists():
        return
    today = today or timezone.localdate()
    rng = random.Random(5)
    # The items of the session already held (on 5 January, last year's: this year's opens on the 10th).
    session = (
        CongressSession.objects.for_township(township).filter(start_date__lte=today).order_by("-start_date").first()
    )
    deputies = list(Deputy.objects.for_township(township).filter(status=DeputyStatus.SERVING))
    units = list(Department.objects.for_township(township).filter(kind=DepartmentKind.TOWN_DEPARTMENT))
    leaders = list(Leader.objects.for_township(township))
    office = Membership.objects.filter(township=township, role=Role.OFFICE).select_related("user").first().user
    social = next((u for u in units if u.name == "社会事务办公室"), units[0])
    demo_deputy = Deputy.objects.for_township(township).filter(user__username="deputy").first()
    # The pre-session inspection feeds the items brought to the session (§三).
    inspection = (
        Activity.objects.for_township(township)
        .filter(kind=ActivityKind.PRE_SESSION, date__lt=today)
        .order_by("-date")
        .first()
    )
    for index, (title, category) in enumerate(ITEMS):
        lead = demo_deputy if index in (0, 5, 9) and demo_deputy else rng.choice(deputies)
        cosigners = rng.sample([d for d in deputies if d != lead], k=rng.randint(0, 3))
        item = proposal_save(
            proposal=Proposal(
                kind=Kind.PROPOSAL if "议案" in title else Kind.SUGGESTION,
                title=title,
                content=CONTENT,
                category=category,
                session=session,
                lead_deputy=lead,
                activity=inspection if index % 3 == 0 else None,
            ),
            township=township,
            cosigners=cosigners,
            user=office,
            by_office=True,
        )
        stage = index % 8
        if stage == 0 and index > 10:
            continue  # a draft
        proposal_submit(proposal=item)
        if stage == 1 and index > 10:
            continue  # waiting for review
        if index in (3, 19):
            proposal_review(proposal=item, decision="return", note="请补充具体地点和建议措施")
            continue
        if index == 11:
            proposal_review(proposal=item, decision="reject", note="属于个人事项，不属本镇职权范围")
            continue
        proposal_review(proposal=item, decision="accept")
        assigned_on = today - timedelta(days=rng.randint(40, 150))
        # Accepted a few days before assignment, as the presidium does: the month it counts in the assessment.
        accepted_at = timezone.make_aware(datetime.combine(assigned_on - timedelta(days=3), time(10, 0)))
        Proposal.objects.filter(pk=item.pk).update(
            accepted_at=accepted_at, submitted_at=accepted_at - timedelta(days=2)
        )
        key_leader = leaders[0] if index in (1, 10) else None
        proposal_assign(
            proposal=item,
            main=social if index in (0, 2, 6) else rng.choice(units),
            assisting=rng.sample(units, k=rng.randint(0, 1)),
            key_leader=key_leader,
            today=assigned_on,
        )
        if stage == 2:
            continue  # being handled, no meeting yet
        meeting_record(
            proposal=item,
            stage=Stage.AFTER_ASSIGNMENT,
            held_on=assigned_on + timedelta(days=7),
            form="visit",
            participants=f"{lead.name}、承办单位负责人",
            notes="了解建议意图",
            user=office,
        )
        if stage == 3:
            continue
        meeting_record(
            proposal=item,
            stage=Stage.DURING,
            held_on=assigned_on + timedelta(days=30),
            form="meeting",
            participants=f"{lead.name}、承办单位",
            notes="通报办理进展",
            user=office,
        )
        if stage == 4:
            continue
        reply_on = min(today, assigned_on + timedelta(days=rng.randint(45, 85)))
        reply_submit(
            proposal=item,
            user=office,
            reply_class=rng.choice("AAAB"),
            text="经研究，已按建议组织实施。",
            done="已完成现场勘查并落实资金",
            planned="下一步完成剩余工程" if index % 2 else "",
            planned_by=reply_on + timedelta(days=90) if index % 2 else None,
            signer="李正华",
            contact="王志强",
            phone="0873-6100001",
            meeting_held_on=reply_on,
            meeting_form="meeting",
            meeting_participants=f"{lead.name}、承办单位",
        )
        if stage == 5:
            continue  # waiting for the lead deputy's feedback
        unhappy = index == 6
        rating = Rating.NOT if unhappy else rng.choice([Rating.SATISFIED, Rating.SATISFIED, Rating.BASIC])
        feedback_give(
            proposal=item,
            deputy=lead,
            comment="措施不够具体，请再研究" if unhappy else "",
            ratings={a: rating for a in ("consultation", "attitude", "reply", "result", "overall")},
            today=reply_on,
        )
        if index % 4 == 1 and reply_on + timedelta(days=20) <= today:
            reply = item.replies.order_by("-round").first()
            if reply and reply.planned:
                reply_actions_done(reply=reply, on=reply_on + timedelta(days=20))
