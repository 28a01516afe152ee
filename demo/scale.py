"""Towns of demo size in bulk, for measuring the site at the scale of a county, a city or a province.

`seed_scale --towns N` calls `scale_build`: each town gets what 大莫古镇 has after five years of work — 94
deputies in 2 large and 14 small groups, a town station and 15 village contact points, a weekly reception day
for five years with its assignments and sign-ins, 6,000 visits (600 referred, a third with a deputy's
handling suggestion), 300 proposals through the three meetings to a reply and a rating, activities with their
attendance, a supervision panel every month, major cases, two a year — then every month is assessed with the real
service, and the last two months' bulletins are drafted (the older one published).

Rows are written with bulk inserts, a few towns at a time, without history rows (this is generated data, not
anybody's work). Nothing here is used by the site's pages."""

import random
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.db.models import Count
from django.utils import timezone

from activities.models import Activity, ActivityAttendance, ActivityKind, Attendance
from assessments.models import Bulletin, BulletinStatus
from assessments.services.assessment import assessment_compute
from assessments.services.bulletin import bulletin_draft
from congress.dates import first_of, last_month
from congress.models import County, Department, Leader, Membership, PasswordState, Role, Township
from deputies.models import Deputy, DeputyStatus, GroupMembership, LargeGroup, SmallGroup, Station, StationLevel
from petitions.models import (
    AttendanceStatus,
    DutyAssignment,
    DutyDay,
    DutyDayStatus,
    HandlingSuggestion,
    MajorCase,
    PanelMeeting,
    PanelQuestion,
    ReceptionSettings,
    Referral,
    ReferralStatus,
    Visit,
    VisitCategory,
    VisitOutcome,
)
from proposals.models import (
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

DEPUTIES = 94
LARGE_GROUPS = 2
SMALL_GROUPS = 14
VILLAGE_POINTS = 15
VISITS_A_YEAR = 1200  # 6,000 in five years
REFERRED_EVERY = 10  # 600 of 6,000
PROPOSALS_A_YEAR = 60  # 300 in five years
CASES_A_YEAR = 2
ACTIVITIES_A_YEAR = 12
BATCH = 5000

SURNAMES = (
    "张王李赵刘陈杨黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏"
    "魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤普"
)
GIVEN = "国华建明丽萍志强学文永平红梅德胜玉兰云飞正清春刚雪梅海敏立军芳伟静磊洋勇艳杰娟涛超秀英霞平辉"
CATEGORIES = ["道路交通", "农田水利", "土地林地", "社会保障", "教育医疗", "环境卫生", "矛盾纠纷", "其他"]
DEPARTMENTS = [
    "党政综合办公室",
    "经济发展办公室",
    "社会事务办公室",
    "农业农村服务中心",
    "自然资源所",
    "村镇规划建设服务中心",
]
LEADERS = [("镇党委书记", 0), ("镇长", 1), ("镇人大主席", 2), ("副镇长", 3), ("副镇长", 4), ("镇纪委书记", 5)]
KINDS = [
    ActivityKind.INSPECTION,
    ActivityKind.TRAINING,
    ActivityKind.RESEARCH,
    ActivityKind.REPORT,
    ActivityKind.GROUP,
    ActivityKind.CHECK,
]


@dataclass
class Built:
    towns: int = 0
    rows: dict[str, int] = field(default_factory=dict)

    def add(self, name: str, count: int) -> None:
        self.rows[name] = self.rows.get(name, 0) + count

    @property
    def total(self) -> int:
        return sum(self.rows.values())


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def _mondays(start: date, end: date) -> list[date]:
    first = start + timedelta(days=(7 - start.weekday()) % 7)
    return [first + timedelta(weeks=k) for k in range((end - first).days // 7 + 1)]


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


def _bulk(built: Built, model, rows: list) -> list:
    created = model.objects.bulk_create(rows, batch_size=BATCH)
    built.add(model._meta.label, len(rows))
    return created


class _Towns:
    """One chunk of towns, built table by table (each table in one bulk insert for the whole chunk)."""

    def __init__(self, towns: list[Township], *, today: date, years: int, rng: random.Random, built: Built):
        self.towns, self.today, self.rng, self.built = towns, today, rng, built
        self.start = date(today.year - years + 1, 1, 1)
        self.past_mondays = [d for d in _mondays(self.start, today) if d < today]
        self.coming_mondays = _mondays(today, today + timedelta(days=35))[:4]
        self.visit_count, self.proposal_count = VISITS_A_YEAR * years, PROPOSALS_A_YEAR * years
        self.case_count = CASES_A_YEAR * years

    def build(self) -> None:
        self.organisation()
        self.register()
        self.duty()
        self.visits()
        self.proposals()
        self.activities()
        self.panel()

    def organisation(self) -> None:
        rng, towns = self.rng, self.towns
        self.departments = _bulk(
            self.built,
            Department,
            [Department(township=t, name=name, head=_name(rng)) for t in towns for name in DEPARTMENTS],
        )
        self.leaders = _bulk(
            self.built,
            Leader,
            [Leader(township=t, name=_name(rng), title=title, order=order) for t in towns for title, order in LEADERS],
        )
        self.categories = _bulk(
            self.built,
            VisitCategory,
            [VisitCategory(township=t, name=name, order=k) for t in towns for k, name in enumerate(CATEGORIES)],
        )

    def _of(self, rows: list, per_town: int, index: int) -> list:
        return rows[index * per_town : (index + 1) * per_town]

    def register(self) -> None:
        rng, towns = self.rng, self.towns
        larges = _bulk(
            self.built,
            LargeGroup,
            [LargeGroup(township=t, name=f"第{n + 1}代表大组", order=n) for t in towns for n in range(LARGE_GROUPS)],
        )
        self.groups = _bulk(
            self.built,
            SmallGroup,
            [
                SmallGroup(
                    township=t,
                    large_group=larges[i * LARGE_GROUPS + n % LARGE_GROUPS],
                    name=f"第{n + 1}代表小组",
                    order=n,
                )
                for i, t in enumerate(towns)
                for n in range(SMALL_GROUPS)
            ],
        )
        self.stations = _bulk(
            self.built,
            Station,
            [
                Station(
                    township=t,
                    name="镇人大代表接待站" if n == 0 else f"第{n}村代表联络点",
                    level=StationLevel.TOWN if n == 0 else StationLevel.VILLAGE,
                    address="镇政府院内" if n == 0 else f"第{n}村委会",
                )
                for t in towns
                for n in range(VILLAGE_POINTS + 1)
            ],
        )
        through = Station.small_groups.through
        _bulk(
            self.built,
            through,
            [
                through(station_id=self.stations[i * (VILLAGE_POINTS + 1) + 1 + n].pk, smallgroup_id=g.pk)
                for i in range(len(towns))
                for n, g in enumerate(self._of(self.groups, SMALL_GROUPS, i))
            ],
        )
        self.deputies = _bulk(
            self.built,
            Deputy,
            [
                Deputy(
                    township=t,
                    name=_name(rng),
                    gender=rng.choice("MMF"),
                    birth_date=date(rng.randint(1960, 1995), rng.randint(1, 12), rng.randint(1, 28)),
                    party=rng.choice(["中共党员", "中共党员", "群众"]),
                    village=f"第{n % VILLAGE_POINTS + 1}村",
                    occupation=rng.choice(["农民", "村干部", "教师", "个体工商户", "医生"]),
                    is_village_cadre=rng.random() < 0.3,
                    phone=f"139{rng.randint(10_000_000, 99_999_999)}",
                    lives_far=rng.random() < 0.3,
                    small_group=self.groups[i * SMALL_GROUPS + n % SMALL_GROUPS],
                    status=DeputyStatus.SERVING,
                )
                for i, t in enumerate(towns)
                for n in range(DEPUTIES)
            ],
        )
        _bulk(
            self.built,
            GroupMembership,
            [
                GroupMembership(
                    township_id=d.township_id, deputy=d, small_group_id=d.small_group_id, start_date=self.start
                )
                for d in self.deputies
            ],
        )
        self.members: dict[int, list[Deputy]] = {}
        for deputy in self.deputies:
            self.members.setdefault(deputy.small_group_id, []).append(deputy)

    def duty(self) -> None:
        rng, towns, built = self.rng, self.towns, self.built
        _bulk(
            built,
            ReceptionSettings,
            [
                ReceptionSettings(township=t, station=self.stations[i * (VILLAGE_POINTS + 1)], subsidy_per_duty=50)
                for i, t in enumerate(towns)
            ],
        )
        days = []
        for i, t in enumerate(towns):
            groups = self._of(self.groups, SMALL_GROUPS, i)
            for k, day in enumerate(self.past_mondays + self.coming_mondays):
                past = day < self.today
                days.append(
                    DutyDay(
                        township=t,
                        date=day,
                        start_time=time(8),
                        station=self.stations[i * (VILLAGE_POINTS + 1)],
                        small_group=groups[k % SMALL_GROUPS],
                        status=DutyDayStatus.PUBLISHED,
                        published_at=_at(day - timedelta(days=30), 9),
                        closed_at=_at(day, 12) if past else None,
                    )
                )
        self.days = _bulk(built, DutyDay, days)
        through = DutyDay.leaders.through
        _bulk(
            built,
            through,
            [
                through(dutyday_id=d.pk, leader_id=self.leaders[i * len(LEADERS) + k % len(LEADERS)].pk)
                for i in range(len(towns))
                for k, d in enumerate(self._of(self.days, len(self.past_mondays) + len(self.coming_mondays), i))
            ],
        )
        assignments = []
        for day in self.days:
            past = day.date < self.today
            for deputy in self.members[day.small_group_id]:
                roll = rng.random()
                if not past:
                    status, signed = AttendanceStatus.EXPECTED, None
                elif roll < 0.04:
                    status, signed = AttendanceStatus.LEAVE, None
                elif roll < 0.07:
                    status, signed = AttendanceStatus.ABSENT, None
                else:
                    status, signed = AttendanceStatus.PRESENT, _at(day.date, 7, rng.randint(30, 59))
                assignments.append(
                    DutyAssignment(
                        township_id=day.township_id,
                        duty_day=day,
                        deputy=deputy,
                        status=status,
                        signed_in_at=signed,
                        late=status == AttendanceStatus.PRESENT and roll > 0.97,
                    )
                )
        _bulk(built, DutyAssignment, assignments)

    def visits(self) -> None:
        rng, towns, built = self.rng, self.towns, self.built
        per_town_days = len(self.past_mondays) + len(self.coming_mondays)
        visits = []
        for i, t in enumerate(towns):
            days = self._of(self.days, per_town_days, i)[: len(self.past_mondays)]
            categories = self._of(self.categories, len(CATEGORIES), i)
            leaders = self._of(self.leaders, len(LEADERS), i)
            for v in range(self.visit_count):
                day = days[v * len(days) // self.visit_count]
                visits.append(
                    Visit(
                        township=t,
                        received_at=_at(day.date, 8 + v % 4, (v * 7) % 60),
                        duty_day=day,
                        station_id=day.station_id,
                        visitor_name=_name(rng),
                        visitor_gender=rng.choice("MF"),
                        visitor_phone=f"138{rng.randint(10_000_000, 99_999_999)}",
                        visitor_address=f"第{rng.randint(1, VILLAGE_POINTS)}村",
                        category=rng.choice(categories),
                        content="反映村组道路破损、灌溉用水不足等问题，请求协调解决。",
                        leader=leaders[v % len(leaders)],
                        outcome=VisitOutcome.REFERRED if v % REFERRED_EVERY == 0 else VisitOutcome.ANSWERED,
                        answer="" if v % REFERRED_EVERY == 0 else "已当场解释相关政策。",
                    )
                )
        visits = _bulk(built, Visit, visits)
        members_of_day = {d.pk: self.members[d.small_group_id] for d in self.days}
        _bulk(
            built,
            HandlingSuggestion,
            [
                HandlingSuggestion(
                    township_id=v.township_id,
                    visit=v,
                    deputy=rng.choice(members_of_day[v.duty_day_id]),
                    text="建议由相关部门实地查看，限期答复群众。",
                    created_at=v.received_at,
                )
                for k, v in enumerate(visits)
                if k % 3 == 0
            ],
        )
        referrals = []
        for k, v in enumerate(visits):
            if k % REFERRED_EVERY:
                continue
            town_index = k // self.visit_count
            received = timezone.localtime(v.received_at).date()
            due = received + timedelta(days=15)
            age = (self.today - received).days
            if age > 60 or rng.random() < 0.5 and age > 20:
                status = rng.choice(
                    [ReferralStatus.CLOSED] * 8 + [ReferralStatus.RESOLVED, ReferralStatus.UNRESOLVABLE]
                )
            else:
                status = rng.choice([ReferralStatus.OPEN, ReferralStatus.IN_PROGRESS])
            finished = status not in (ReferralStatus.OPEN, ReferralStatus.IN_PROGRESS)
            referrals.append(
                Referral(
                    township_id=v.township_id,
                    visit=v,
                    department=rng.choice(self._of(self.departments, len(DEPARTMENTS), town_index)),
                    responsible_name=_name(rng),
                    responsible_phone=f"137{rng.randint(10_000_000, 99_999_999)}",
                    answer_due=received + timedelta(days=5),
                    due=due,
                    status=status,
                    result="已协调解决。" if finished else "",
                    resolved=status != ReferralStatus.UNRESOLVABLE if finished else None,
                    finished_at=_at(due - timedelta(days=rng.randint(0, 10)), 16) if finished else None,
                    visitor_told_at=_at(due, 17) if status == ReferralStatus.CLOSED else None,
                    visitor_satisfied=(rng.random() < 0.9) if status == ReferralStatus.CLOSED else None,
                    created_at=v.received_at,
                )
            )
        _bulk(built, Referral, referrals)

    def proposals(self) -> None:
        rng, towns, built, today = self.rng, self.towns, self.built, self.today
        span = (today - self.start).days
        items = []
        for i, t in enumerate(towns):
            deputies = self._of(self.deputies, DEPUTIES, i)
            for n in range(self.proposal_count):
                filed = self.start + timedelta(days=n * span // self.proposal_count)
                age = (today - filed).days
                if age > 150:
                    status = Status.CLOSED
                elif age > 100:
                    status = Status.REPLIED
                elif age > 20:
                    status = Status.ASSIGNED
                else:
                    status = rng.choice([Status.SUBMITTED, Status.ACCEPTED])
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
                        submitted_at=_at(filed, 10),
                        accepted_at=_at(filed + timedelta(days=3), 10) if accepted else None,
                        assigned_at=_at(filed + timedelta(days=10), 10) if assigned else None,
                        due=due,
                        first_due=due,
                        created_at=_at(filed, 9),
                    )
                )
        items = _bulk(built, Proposal, items)
        cosigners, units, meetings, replies, feedback = [], [], [], [], []
        for k, p in enumerate(items):
            town_index = k // self.proposal_count
            deputies = [
                d for d in rng.sample(self._of(self.deputies, DEPUTIES, town_index), 3) if d.pk != p.lead_deputy_id
            ]
            for d in deputies[:2]:
                cosigners.append(CoSigner(township_id=p.township_id, proposal=p, deputy=d, confirmed_at=p.submitted_at))
            if p.assigned_at is None:
                continue
            departments = rng.sample(self._of(self.departments, len(DEPARTMENTS), town_index), 2)
            units.append(
                HandlingUnit(township_id=p.township_id, proposal=p, department=departments[0], role=UnitRole.MAIN)
            )
            if k % 4 == 0:
                units.append(
                    HandlingUnit(
                        township_id=p.township_id, proposal=p, department=departments[1], role=UnitRole.ASSISTING
                    )
                )
            assigned = timezone.localtime(p.assigned_at).date()
            stages = [Stage.AFTER_ASSIGNMENT]
            if p.status in (Status.REPLIED, Status.CLOSED):
                stages += [Stage.DURING, Stage.BEFORE_REPLY]
            for s, stage in enumerate(stages):
                meetings.append(
                    Meeting(
                        township_id=p.township_id,
                        proposal=p,
                        round=1,
                        stage=stage,
                        held_on=assigned + timedelta(days=10 + 30 * s),
                        form=rng.choice(MeetingForm.values),
                        participants="领衔代表、承办单位负责人",
                    )
                )
            if p.status in (Status.REPLIED, Status.CLOSED):
                replies.append(
                    Reply(
                        township_id=p.township_id,
                        proposal=p,
                        round=1,
                        reply_class=rng.choice(ReplyClass.values),
                        text="经研究，已列入年度计划并组织实施。",
                        signer=_name(rng),
                        contact=_name(rng),
                        phone="0873-0000000",
                        submitted_at=_at(assigned + timedelta(days=80), 15),
                    )
                )
            if p.status == Status.CLOSED:
                rating = rng.choices(Rating.values, weights=(70, 25, 5))[0]
                feedback.append(
                    Feedback(
                        township_id=p.township_id,
                        proposal=p,
                        round=1,
                        consultation=rating,
                        attitude=rating,
                        reply=rating,
                        result=rating,
                        overall=rating,
                        given_at=_at(assigned + timedelta(days=90), 11),
                    )
                )
        for model, rows in ((CoSigner, cosigners), (HandlingUnit, units), (Meeting, meetings)):
            _bulk(built, model, rows)
        _bulk(built, Reply, replies)
        _bulk(built, Feedback, feedback)

    def activities(self) -> None:
        rng, towns, built = self.rng, self.towns, self.built
        months = (self.today.year - self.start.year) * 12 + self.today.month - 1
        rows = []
        for t in towns:
            for m in range(0, months, 12 // ACTIVITIES_A_YEAR):
                day = date(self.start.year + m // 12, m % 12 + 1, 15)
                kind = KINDS[m % len(KINDS)]
                rows.append(
                    Activity(
                        township=t,
                        kind=kind,
                        training_form="full" if kind == ActivityKind.TRAINING else "",
                        title=f"{day:%Y年%m月}{ActivityKind(kind).label}",
                        date=day,
                        places="镇政府会议室",
                    )
                )
        activities = _bulk(built, Activity, rows)
        per_town = len(activities) // len(towns)
        _bulk(
            built,
            ActivityAttendance,
            [
                ActivityAttendance(
                    township_id=a.township_id,
                    activity=a,
                    deputy=d,
                    status=Attendance.ATTENDED if rng.random() < 0.85 else Attendance.ABSENT,
                    recorded_at=_at(a.date, 17),
                )
                for k, a in enumerate(activities)
                for d in rng.sample(self._of(self.deputies, DEPUTIES, k // per_town), 30)
            ],
        )

    def panel(self) -> None:
        rng, towns, built = self.rng, self.towns, self.built
        months = []
        month = first_of(self.start)
        while month < first_of(self.today):
            months.append(month)
            month = first_of(month + timedelta(days=32))
        meetings = _bulk(
            built,
            PanelMeeting,
            [
                PanelMeeting(township=t, month=m, held_on=m + timedelta(days=24), place="镇人大会议室")
                for t in towns
                for m in months
            ],
        )
        through = PanelMeeting.attendees.through
        questions = []
        links = []
        for k, meeting in enumerate(meetings):
            town_index = k // len(months)
            attendees = rng.sample(self._of(self.deputies, DEPUTIES, town_index), 10)
            links.extend(through(panelmeeting_id=meeting.pk, deputy_id=d.pk) for d in attendees)
            leaders = self._of(self.leaders, len(LEADERS), town_index)
            questions.extend(
                PanelQuestion(
                    township_id=meeting.township_id,
                    meeting=meeting,
                    asked_by=d,
                    to_leader=rng.choice(leaders),
                    question="群众反映的问题何时能够解决？",
                    answer="已安排专人跟进，月底前答复。",
                )
                for d in attendees[:5]
            )
        _bulk(built, through, links)
        _bulk(built, PanelQuestion, questions)
        cases = _bulk(
            built,
            MajorCase,
            [
                MajorCase(
                    township=t,
                    title=f"第{n + 1}件重大疑难信访事项",
                    lead_leader=self._of(self.leaders, len(LEADERS), i)[n % len(LEADERS)],
                    opened_on=self.start + timedelta(days=180 * n + 30),
                    status="concluded" if n < self.case_count - 2 else "open",
                    concluded_on=self.start + timedelta(days=180 * n + 120) if n < self.case_count - 2 else None,
                )
                for i, t in enumerate(towns)
                for n in range(self.case_count)
            ],
        )
        through = MajorCase.deputies.through
        _bulk(
            built,
            through,
            [
                through(majorcase_id=c.pk, deputy_id=d.pk)
                for k, c in enumerate(cases)
                for d in rng.sample(self._of(self.deputies, DEPUTIES, k // self.case_count), 5)
            ],
        )


@dataclass
class Page:
    name: str
    role: str  # office, leader, deputy, county
    url: str
    admin: str = ""  # the admin changelist on the same rows, if the page is a list


def _aware(day) -> str:
    return urllib.parse.quote(timezone.make_aware(datetime.combine(day, datetime.min.time())).isoformat())


def busy_pages(town: Township) -> list[Page]:
    """The busy pages of each role in `town`, with the admin changelist on the same rows where there is one:
    what bench/pages.py measures and tests/assessments/test_scale.py pins the query counts of."""
    today = timezone.localdate()
    month = today.replace(day=1)
    last = (month - timedelta(days=1)).replace(day=1)
    # A deputy with a full record (the most proposals led): prefetches of empty parts are skipped.
    deputy = Deputy.objects.filter(township=town).annotate(led=Count("led_proposals")).order_by("-led", "pk").first()
    bulletin = Bulletin.objects.filter(township=town, status=BulletinStatus.PUBLISHED).order_by("-month").first()
    t = f"township__exact={town.pk}"
    after = (month + timedelta(days=32)).replace(day=1)
    return [
        Page("office home", "office", "/"),
        Page(
            "roster, this month",
            "office",
            f"/duty/roster/?year={today.year}&month={today.month}",
            f"/admin/petitions/dutyday/?{t}&date__gte={month}&date__lt={after}",
        ),
        Page(
            "visits, last month",
            "office",
            f"/visits/?month={last:%Y-%m}",
            f"/admin/petitions/visit/?{t}&received_at__gte={_aware(last)}&received_at__lt={_aware(month)}",
        ),
        Page(
            "referrals, overdue",
            "office",
            "/visits/referrals/?overdue=1",
            f"/admin/petitions/referral/?{t}&status__in=open,in_progress&due__lt={today}",
        ),
        Page("proposals", "office", "/proposals/", f"/admin/proposals/proposal/?{t}"),
        Page("proposal rates", "leader", "/proposals/rates/"),
        Page("register of deputies", "office", "/register/deputies/", f"/admin/deputies/deputy/?{t}"),
        Page("a deputy's record", "leader", f"/records/{deputy.pk}/"),
        Page("dashboard", "leader", "/dashboard/"),
        Page("bulletin", "leader", f"/bulletins/{bulletin.pk}/"),
        Page("deputy home", "deputy", "/"),
        Page("county overview", "county", "/county/"),
    ]


def _logins(towns: list[Township], counties: list[County], *, password: str | None, built: Built) -> None:
    """An office, a leader and a deputy login for each town and a login for each county office: `<role>-<code>`."""
    user_model = get_user_model()
    hashed = make_password(password)  # hashed once: every login of the run shares it (None: unusable)
    users = []
    for t in towns:
        users += [user_model(username=f"{role}-{t.code}", password=hashed) for role in ("office", "leader", "deputy")]
    users += [user_model(username=f"county-{c.code}", password=hashed) for c in counties]
    users = _bulk(built, user_model, users)
    by_name = {u.username: u for u in users}
    memberships = []
    for t in towns:
        memberships += [
            Membership(user=by_name[f"office-{t.code}"], township=t, role=Role.OFFICE),
            Membership(user=by_name[f"leader-{t.code}"], township=t, role=Role.LEADER),
            Membership(user=by_name[f"deputy-{t.code}"], township=t, role=Role.DEPUTY),
        ]
    memberships += [Membership(user=by_name[f"county-{c.code}"], county=c, role=Role.COUNTY) for c in counties]
    _bulk(built, Membership, memberships)
    if password:
        # The password was chosen for the run by whoever runs it, so no one is made to change it at login.
        _bulk(
            built, PasswordState, [PasswordState(user=u, own_password=hashed, changed_at=timezone.now()) for u in users]
        )
    first_deputies = {
        d["township_id"]: d["pk"]
        for d in Deputy.objects.filter(township__in=towns).order_by("township_id", "-pk").values("township_id", "pk")
    }
    deputies = [Deputy(pk=first_deputies[t.pk], user=by_name[f"deputy-{t.code}"]) for t in towns]
    Deputy.objects.bulk_update(deputies, ["user"], batch_size=BATCH)


def scale_build(
    *,
    towns: int,
    per_county: int = 20,
    years: int = 5,
    chunk: int = 5,
    password: str | None = None,
    today: date | None = None,
    seed: int = 7,
    progress: Callable[[str], None] = lambda message: None,
) -> Built:
    """Build `towns` towns of demo size (codes `scale-0001`…) with `years` years of work, then assess them."""
    today = today or timezone.localdate()
    rng = random.Random(seed)  # noqa: S311 - made-up data, the same for the same seed
    built = Built()
    first = Township.objects.filter(code__startswith="scale-").count()
    county_count = (towns + per_county - 1) // per_county
    first_county = County.objects.filter(code__startswith="scale-").count()
    counties = _bulk(
        built,
        County,
        [
            County(name=f"规模测试{first_county + c + 1:03d}县", code=f"scale-{first_county + c + 1:03d}")
            for c in range(county_count)
        ],
    )
    if connection.vendor == "postgresql":
        # Generated rows, rebuilt by running again: no need to wait for each commit to reach the disk.
        with connection.cursor() as cursor:
            cursor.execute("SET synchronous_commit TO OFF")
    all_towns = []
    for start in range(0, towns, chunk):
        with transaction.atomic():
            rows = _bulk(
                built,
                Township,
                [
                    Township(
                        county=counties[n // per_county],
                        name=f"规模测试{first + n + 1:04d}镇",
                        code=f"scale-{first + n + 1:04d}",
                    )
                    for n in range(start, min(start + chunk, towns))
                ],
            )
            _Towns(rows, today=today, years=years, rng=rng, built=built).build()
            _logins(rows, [], password=password, built=built)
        all_towns += rows
        built.towns = len(all_towns)
        progress(f"{built.towns}/{towns} towns, {built.total:,} rows")
    with transaction.atomic():
        _logins([], counties, password=password, built=built)
    if connection.vendor == "postgresql":
        # Fresh statistics for the planner: after millions of rows in minutes, autovacuum has not caught up.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    ids = [t.pk for t in all_towns]
    month, last = first_of(date(today.year - years + 1, 1, 1)), last_month(today)
    while month <= last:
        built.add("assessments.Assessment", assessment_compute(township_ids=ids, month=month))
        month = first_of(month + timedelta(days=32))
    progress(f"assessed to {last:%Y-%m}, {built.total:,} rows")
    earlier = first_of(last - timedelta(days=1))
    for town in all_towns:
        for month in (earlier, last):
            if bulletin_draft(township=town, month=month) is not None:
                built.add("assessments.Bulletin", 1)
    Bulletin.objects.filter(township__in=all_towns, month=earlier).update(
        status=BulletinStatus.PUBLISHED, published_at=timezone.now()
    )
    progress(f"bulletins drafted, {built.total:,} rows")
    return built
