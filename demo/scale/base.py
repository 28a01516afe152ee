"""What every part of the bulk builder shares: the sizes of a town, the names it draws from, the tally of rows
written, the run's calendar (`Plan`), a town's setup as ids (`Town`), and the towns set up together (`Setup`) or
filled for one month together (`Month`)."""

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from activities.models import ActivityKind
from congress.dates import add_months, first_of
from congress.models import Township
from petitions.models import DutyDay

DEPUTIES = 94
LARGE_GROUPS = 2
SMALL_GROUPS = 14
VILLAGE_POINTS = 15
VISITS_A_YEAR = 1200  # 6,000 in five years
REFERRED_EVERY = 10  # 600 of 6,000
PROPOSALS_A_YEAR = 60  # 300 in five years
CASES_A_YEAR = 2
ACTIVITIES_A_YEAR = 12

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


def at(day: date, hour: int, minute: int = 0) -> datetime:
    """The time on the day in the current time zone (aware)."""
    # The default zone (cached by Django), not the current one: a quarter of a million calls a run of 20 towns.
    return datetime.combine(day, time(hour, minute), tzinfo=timezone.get_default_timezone())


def mondays(start: date, end: date) -> list[date]:
    first = start + timedelta(days=(7 - start.weekday()) % 7)
    return [first + timedelta(weeks=k) for k in range((end - first).days // 7 + 1)]


def person_name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


def by_month(days: list[date]) -> dict[date, list[int]]:
    """{first of a month: the indexes of `days` in that month}."""
    months: dict[date, list[int]] = {}
    for k, day in enumerate(days):
        months.setdefault(first_of(day), []).append(k)
    return months


class Plan:
    """The calendar of a run, the same on every run with the same arguments: the reception days, the days each
    visit, proposal and case falls on, and the months to write, from the first January to the last duty day."""

    def __init__(self, *, today: date, years: int):
        self.today = today
        self.start = date(today.year - years + 1, 1, 1)
        self.past_mondays = [d for d in mondays(self.start, today) if d < today]
        self.mondays = self.past_mondays + mondays(today, today + timedelta(days=35))[:4]
        self.visit_count, self.proposal_count = VISITS_A_YEAR * years, PROPOSALS_A_YEAR * years
        self.case_count = CASES_A_YEAR * years
        self.mondays_of = by_month(self.mondays)
        # Visit v falls on the past reception day v * days // visits, as many on each day as can be.
        self.visits_of_day: list[list[int]] = [[] for _ in self.past_mondays]
        for v in range(self.visit_count):
            self.visits_of_day[v * len(self.past_mondays) // self.visit_count].append(v)
        span = (today - self.start).days
        self.filed = [self.start + timedelta(days=n * span // self.proposal_count) for n in range(self.proposal_count)]
        self.filed_of = by_month(self.filed)
        self.opened = [self.start + timedelta(days=180 * n + 30) for n in range(self.case_count)]
        self.opened_of = by_month(self.opened)
        self.months = [first_of(self.start)]
        while self.months[-1] < first_of(self.mondays[-1]):
            self.months.append(add_months(self.months[-1], 1))


@dataclass
class Town:
    """One town's setup as ids, read back from the database (so a resumed run has them too)."""

    pk: int
    station: int
    departments: list[int] = field(default_factory=list)
    leaders: list[int] = field(default_factory=list)
    categories: list[int] = field(default_factory=list)
    groups: list[int] = field(default_factory=list)  # in their order
    deputies: list[int] = field(default_factory=list)
    members: dict[int, list[int]] = field(default_factory=dict)  # small group: its deputies


@dataclass
class Setup:
    """Towns set up together (in one transaction): each part leaves its rows here for the parts after it."""

    towns: list[Township]
    start: date
    rng: random.Random
    built: Built
    password: str | None = None
    users: dict = field(default_factory=dict)  # username: user
    groups: list = field(default_factory=list)
    stations: list = field(default_factory=list)

    def of(self, rows: list, per_town: int, index: int) -> list:
        """The `index`-th town's share of `rows` written `per_town` rows to a town."""
        return rows[index * per_town : (index + 1) * per_town]


@dataclass
class Month:
    """One month of a batch of towns: the parts write its rows in turn (duty leaves its days for the visits)."""

    plan: Plan
    month: date
    towns: list[Town]
    rng: random.Random
    built: Built
    days: dict[tuple[int, date], DutyDay] = field(default_factory=dict)  # (town, date): its duty day

    @property
    def past(self) -> bool:
        """Whether the month is over on the day built up to."""
        return self.month < first_of(self.plan.today)
