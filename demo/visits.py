"""Demo data of constituent visits: a year of visits at 大莫古镇's stations — most on reception days with the
deputies on duty and their suggestions — and hundreds of referrals, each to the unit whose work the matter is.
As the article has it (6,000 people received, 560 problems solved), about one visitor in ten has a problem
solved: a few on the spot, most through a referral resolved and told to the visitor; most visits are
answered with an explanation, some referrals are resolved but the visitor not yet told, some cannot be
resolved, a few are overdue. Written in bulk (thousands of rows); idempotent: a township that has visits is
left as it is."""

import random
from datetime import datetime, time, timedelta

from django.utils import timezone

from congress.dates import add_months, first_of
from congress.models import Department, DepartmentKind, Leader, Township
from demo.matters import unit_for
from demo.period import by_now, demo_start
from deputies.models import Station
from petitions.models import (
    AttendanceStatus,
    DutyAssignment,
    DutyDay,
    HandlingSuggestion,
    Referral,
    ReferralNote,
    ReferralStatus,
    Visit,
    VisitOutcome,
)
from petitions.services.visits import visit_categories_for

MATTERS = {
    "土地与征地拆迁": [
        "承包地边界与邻户有争议，请求重新丈量",
        "修路占用耕地的补偿款至今未到位",
        "宅基地审批迟迟没有结果",
    ],
    "社会保障": ["家中老人的低保被取消，询问原因", "医保报销比例不清楚，希望解释", "残疾人补贴申请后一直没有发放"],
    "劳动工资": ["在工地务工被拖欠工资三个月", "外出务工返乡后想了解就业培训", "合作社分红迟迟未兑现"],
    "生态环境": [
        "养殖场污水排入河沟，气味很大",
        "村口垃圾长期无人清运",
        "采石场粉尘影响庄稼",
        "饮用水源地附近有人放牧，担心水质",
    ],
    "基础设施": ["村组道路雨季塌方，出行困难", "自来水管老化经常停水", "路灯损坏已有半年无人维修"],
    "矛盾纠纷": ["与邻居因排水沟发生纠纷", "家庭赡养老人问题发生矛盾", "林地权属与邻村有争议"],
    "其他": ["咨询子女入学政策", "反映村务公开不及时", "希望增加农村客运班次"],
}
# What an answered visit got: mostly an explanation; now and then the problem solved there and then.
ANSWERS = [
    ("当场解释了相关政策，群众表示理解", False, 59),
    ("已告知办理流程和所需材料", False, 38),
    ("现场协调，双方达成一致，问题当场解决", True, 3),
]
SUGGESTIONS = [
    "建议由相关部门一周内上门核实，依法依规处理",
    "建议村委会先行调解，调解不成依法引导诉讼",
    "建议纳入年度项目计划，优先安排资金",
    "建议落实责任人，限期答复群众",
]
RESULTS = ["已核实并解决", "已协调资金完成维修", "经调解双方达成协议", "已按政策补发到位"]
UNRESOLVABLE = "涉及历史遗留问题，需待县级政策明确后处理"
ADOPTED = ["已采纳，已安排专人上门核实", "已采纳，纳入本月工作安排", "已采纳，已明确责任人和办理时限"]
NOT_ADOPTED = ["不属本单位职权，已引导群众依法反映", "经核实不符合政策条件，已向代表说明"]
SURNAMES = "李王张杨刘陈普罗赵何马施段沈钱白龙孔苏许周吴郭朱高"
GIVEN = "文华明国建志永春云丽红秀兰玉芳海林平德正学光荣福昌兴琼梅英"


def build_visits(*, township: Township, per_year: int = 2600, today=None) -> None:
    """A year of visits to the town's stations, most on past reception days, with their suggestions and
    referrals, in bulk; a town that has visits is left as it is."""
    if Visit.objects.for_township(township).exists():
        return
    today = today or timezone.localdate()
    rng = random.Random(6000)
    days = list(DutyDay.objects.for_township(township).filter(date__lt=today, date__gte=demo_start(today)))
    Visit.objects.bulk_create(_visits(township, per_year, days, today, rng), batch_size=500)
    present = {}
    for a in DutyAssignment.objects.filter(duty_day__in=days, status=AttendanceStatus.PRESENT):
        present.setdefault(a.duty_day_id, []).append(a.deputy_id)
    _follow_ups(township, present, today, rng)


def _visits(township: Township, count: int, days: list[DutyDay], today, rng: random.Random) -> list[Visit]:
    """`count` visits: seven in ten on a past reception day, the rest on other days of the demo's span."""
    start = demo_start(today)
    categories = visit_categories_for(township=township)
    stations = list(Station.objects.for_township(township).filter(is_active=True))
    leaders = list(Leader.objects.for_township(township))
    villages = list(Department.objects.for_township(township).filter(kind=DepartmentKind.VILLAGE_COMMITTEE))
    # Most visitors come to the station's reception days; one in five of the day visits is at a contact point's.
    station_days = [day for day in days if day.schedule_id is None] or days
    point_days = [day for day in days if day.schedule_id is not None] or station_days
    visits = []
    for _ in range(count):
        on_duty_day = days and rng.random() < 0.7
        if on_duty_day:
            day = rng.choice(point_days if rng.random() < 0.2 else station_days)
            when = timezone.make_aware(datetime.combine(day.date, time(8 + rng.randint(0, 3), rng.randint(0, 59))))
            station = day.station
        else:
            day = None
            date = today - timedelta(days=rng.randint(1, (today - start).days))
            when = timezone.make_aware(datetime.combine(date, time(9 + rng.randint(0, 7), rng.randint(0, 59))))
            station = rng.choice(stations)
        category = rng.choice(categories)
        outcome = rng.choices(
            [VisitOutcome.ANSWERED, VisitOutcome.REFERRED, VisitOutcome.SUGGESTION, VisitOutcome.PASSED_UP],
            weights=[76, 18, 3, 3],
        )[0]
        answer, solved = "", False
        if outcome == VisitOutcome.ANSWERED:
            answer, solved, _weight = rng.choices(ANSWERS, weights=[a[2] for a in ANSWERS])[0]
        visits.append(
            Visit(
                township=township,
                received_at=when,
                duty_day=day,
                station=station,
                visitor_name=rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2)))),
                visitor_gender=rng.choice("MF"),
                visitor_phone=f"13{rng.randint(0, 9)}{rng.randrange(10**8):08d}",
                visitor_address=f"{rng.choice(villages).name.removesuffix('委员会')}{rng.randint(1, 12)}组",
                visitor_count=rng.choices([1, 2, 3, 8], weights=[85, 8, 5, 2])[0],
                category=category,
                content=rng.choice(MATTERS.get(category.name, MATTERS["其他"])),
                leader=day.leaders.first() if day else rng.choice(leaders),
                outcome=outcome,
                answer=answer,
                solved_on_spot=solved,
            )
        )
    return visits


def _follow_ups(township: Township, present: dict[int, list[int]], today, rng: random.Random) -> None:
    """The deputies on duty at each visit and their suggestions (and what the units made of them), the
    referrals and the notes on them."""
    departments = list(Department.objects.for_township(township).filter(kind=DepartmentKind.TOWN_DEPARTMENT))
    links, suggestions, referrals = [], [], []
    for visit in Visit.objects.for_township(township).select_related("leader").order_by("id"):
        on_duty = present.get(visit.duty_day_id, [])
        for deputy_id in on_duty:
            links.append(Visit.deputies.through(visit_id=visit.pk, deputy_id=deputy_id))
        referral = _referral(visit, rng, departments, today) if visit.outcome == VisitOutcome.REFERRED else None
        if referral is not None:
            referrals.append(referral)
        if on_duty and rng.random() < 0.6:
            suggestions.append(_suggestion(visit, referral, rng.choice(on_duty), rng, today))
    Visit.deputies.through.objects.bulk_create(links, batch_size=1000)
    HandlingSuggestion.objects.bulk_create(suggestions, batch_size=1000)
    Referral.objects.bulk_create(referrals, batch_size=500)
    notes = [
        ReferralNote(
            township=township,
            referral=r,
            text="已联系当事人，正在核实情况",
            created_at=r.created_at + timedelta(days=2),
        )
        for r in Referral.objects.for_township(township).exclude(status=ReferralStatus.OPEN)
    ]
    ReferralNote.objects.bulk_create(notes, batch_size=1000)


def _suggestion(visit: Visit, referral: Referral | None, deputy_id: int, rng: random.Random, today):
    """A deputy's suggestion and the unit's decision on it: adopted (and, once the case is finished, carried
    out), not adopted with the reason, or not decided yet."""
    suggestion = HandlingSuggestion(
        township=visit.township,
        visit=visit,
        deputy_id=deputy_id,
        text=rng.choice(SUGGESTIONS),
        created_at=visit.received_at,
    )
    finished = referral is not None and referral.finished_at is not None
    decided = by_now(visit.received_at + timedelta(days=rng.randint(1, 4)))
    roll = rng.random()
    if roll < 0.55 and (finished or timezone.localtime(decided).date() < today):
        suggestion.adopted, suggestion.response, suggestion.decided_at = True, rng.choice(ADOPTED), decided
        if finished and referral.resolved and rng.random() < 0.8:
            suggestion.carried_out_at = referral.finished_at
    elif roll < 0.7:
        suggestion.adopted, suggestion.response, suggestion.decided_at = False, rng.choice(NOT_ADOPTED), decided
    return suggestion


def _referral(visit: Visit, rng: random.Random, departments: list, today) -> Referral:
    """The referral of `visit` to the unit whose work its matter is; finished or not by its age, and once
    finished: resolved and told to the visitor (most), resolved but the visitor not yet told, or not
    resolvable (told or not)."""
    start = timezone.localtime(visit.received_at).date()
    referral = Referral(
        township=visit.township,
        visit=visit,
        department=unit_for(visit.content, departments),
        responsible_name=rng.choice(SURNAMES) + rng.choice(GIVEN),
        responsible_phone=f"0873-61{rng.randrange(10**5):05d}",
        answer_due=start + timedelta(days=15),
        due=start + timedelta(days=60),
        created_at=visit.received_at,
    )
    if visit.duty_day_id and visit.leader is not None and rng.random() < 0.75:
        # The leader chairing the day confirms the unit, the person and the deadline (明确责任人和解决时限).
        referral.confirmed_by = visit.leader
        referral.confirmed_at = by_now(visit.received_at + timedelta(minutes=30))
    age = (today - start).days
    finished = age > 20 and rng.random() < min(0.97, 0.3 + age / 70)
    if not finished:
        referral.status = ReferralStatus.IN_PROGRESS if age > 3 else ReferralStatus.OPEN
        return referral
    done = min(today - timedelta(days=1), start + timedelta(days=rng.randint(5, 55)))
    referral.finished_at = timezone.make_aware(datetime.combine(done, time(16, 0)))
    told = by_now(referral.finished_at + timedelta(days=1))
    kind = rng.choices(["solved", "not told", "unresolvable", "unresolvable told"], weights=[66, 14, 11, 9])[0]
    referral.resolved = kind in ("solved", "not told")
    referral.result = rng.choice(RESULTS) if referral.resolved else UNRESOLVABLE
    if kind == "solved":
        referral.status, referral.visitor_told_at = ReferralStatus.CLOSED, told
        referral.visitor_satisfied = rng.random() < 0.92
    elif kind == "not told":
        referral.status = ReferralStatus.RESOLVED
    elif kind == "unresolvable":
        referral.status = ReferralStatus.UNRESOLVABLE
    else:
        referral.status, referral.visitor_told_at = ReferralStatus.CLOSED, told
        referral.result = f"{UNRESOLVABLE}，已向群众说明"
        referral.visitor_satisfied = rng.random() < 0.5
    return referral


CASES = [
    (
        "上坝村修路占地补偿纠纷",
        "土地与征地拆迁",
        "修路占用耕地的补偿款至今未到位",
        "涉及 12 户村民的集体信访，多次来访要求落实补偿。",
    ),
    ("采石场粉尘污染集体信访", "生态环境", "采石场粉尘影响庄稼", "周边三个村民小组反映粉尘影响庄稼和健康，要求整改。"),
]
QUESTIONS = [
    ("本月逾期未办结的交办件有哪些？原因是什么？", "主要是涉及资金的两件，已列入下月资金安排。"),
    ("集体来访反映的饮水问题何时能解决？", "水管改造工程已招标，计划下月完工。"),
    ("低保调整是否做到公开公示？", "已在各村务公开栏公示，并接受群众监督。"),
]


def build_panel(*, township: Township, today=None) -> None:
    """The panel (the county-level deputies), a meeting for each of the last twelve months, two major cases."""
    from deputies.models import Deputy, DeputyLevel
    from petitions.models import CaseEntry, MajorCase, PanelMeeting, PanelQuestion
    from petitions.services.panel import major_case_save, month_end_weekday, panel_members_set

    today = today or timezone.localdate()
    if PanelMeeting.objects.for_township(township).exists():
        return
    rng = random.Random(12)
    members = list(Deputy.objects.for_township(township).filter(level=DeputyLevel.COUNTY)[:12])
    if not members:
        members = list(Deputy.objects.for_township(township)[:5])
    panel_members_set(township=township, deputies=members)
    leaders = list(Leader.objects.for_township(township))
    for back in range(1, 13):
        month = add_months(first_of(today), -back)
        meeting = PanelMeeting.objects.create(
            township=township,
            month=month,
            held_on=month_end_weekday(month),
            place="镇人大代表接待站会议室",
            report=f"{month:%Y年%m月}信访工作情况汇报：本月接待来访群众，交办件按期办理，个别逾期件已落实责任人。",
        )
        meeting.attendees.set(rng.sample(members, k=max(1, len(members) - rng.randint(0, 3))))
        meeting.leaders.set(leaders[:2])
        for question, answer in rng.sample(QUESTIONS, k=2):
            PanelQuestion.objects.create(
                township=township,
                meeting=meeting,
                asked_by=rng.choice(members),
                to_leader=rng.choice(leaders[:3]),
                question=question,
                answer=answer,
                follow_up=rng.random() < 0.3,
            )
    for title, category, content, description in CASES:
        visits = list(Visit.objects.for_township(township).filter(category__name=category, content=content)[:8])
        case = major_case_save(
            case=MajorCase(
                title=title, description=description, lead_leader=leaders[0], opened_on=today - timedelta(days=90)
            ),
            township=township,
            deputies=members[:3],
            visits=visits,
        )
        CaseEntry.objects.create(
            township=township, case=case, text="召开协调会，参与代表提出依法分类处理的建议", created_at=timezone.now()
        )
