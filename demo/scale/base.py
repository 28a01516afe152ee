"""What every part of the bulk builder shares: the sizes of a town, the names it draws from, the tally of rows
written, and the chunk of towns each part fills table by table."""

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from activities.models import ActivityKind
from congress.models import Department, Leader, Township
from deputies.models import Deputy, SmallGroup, Station
from petitions.models import DutyDay, VisitCategory

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


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def mondays(start: date, end: date) -> list[date]:
    first = start + timedelta(days=(7 - start.weekday()) % 7)
    return [first + timedelta(weeks=k) for k in range((end - first).days // 7 + 1)]


def person_name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


def bulk(built: Built, model, rows: list) -> list:
    created = model.objects.bulk_create(rows, batch_size=BATCH)
    built.add(model._meta.label, len(rows))
    return created


class Chunk:
    """One chunk of towns, built table by table (each table in one bulk insert for the whole chunk): each part
    leaves its rows here for the parts after it."""

    def __init__(self, towns: list[Township], *, today: date, years: int, rng: random.Random, built: Built):
        self.towns, self.today, self.rng, self.built = towns, today, rng, built
        self.start = date(today.year - years + 1, 1, 1)
        self.past_mondays = [d for d in mondays(self.start, today) if d < today]
        self.coming_mondays = mondays(today, today + timedelta(days=35))[:4]
        self.visit_count, self.proposal_count = VISITS_A_YEAR * years, PROPOSALS_A_YEAR * years
        self.case_count = CASES_A_YEAR * years
        # Filled in turn by the organisation, the register and the duty parts.
        self.departments: list[Department] = []
        self.leaders: list[Leader] = []
        self.categories: list[VisitCategory] = []
        self.groups: list[SmallGroup] = []
        self.stations: list[Station] = []
        self.deputies: list[Deputy] = []
        self.members: dict[int, list[Deputy]] = {}
        self.days: list[DutyDay] = []

    def of(self, rows: list, per_town: int, index: int) -> list:
        """The `index`-th town's share of `rows` written `per_town` rows to a town."""
        return rows[index * per_town : (index + 1) * per_town]
