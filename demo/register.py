"""Demo data of the register: 大莫古镇 as the article describes it (18 county-level and 76 town-level
deputies in 4 large and 12 small groups; 4 reception stations and 12 village contact points) and a smaller
second town. Deterministic (a fixed seed) and idempotent (rows found by their natural keys)."""

import random
from datetime import date

from django.contrib.auth.models import AbstractBaseUser
from django.utils import timezone

from congress.models import Membership, Role, Township
from demo.organisation import TERM, term_start
from deputies.models import (
    Deputy,
    DeputyLevel,
    DeputyStatus,
    Gender,
    GroupBasis,
    LargeGroup,
    SmallGroup,
    Station,
    StationLevel,
    Term,
)
from deputies.services.register import deputy_save

MAIN_VILLAGES = [
    "大莫古社区",
    "小莫古村",
    "上坝村",
    "下坝村",
    "新寨村",
    "老寨村",
    "龙潭村",
    "石岩村",
    "桃园村",
    "黑泥村",
    "水塘村",
    "白龙村",
]
SECOND_VILLAGES = ["新安社区", "河口村", "松林村"]

# 12 small groups: 9 by village (the villages they cover), 3 by sector; three to each large group.
MAIN_SMALL_GROUPS = [
    ("大莫古社区代表小组", GroupBasis.VILLAGE, ["大莫古社区"]),
    ("小莫古代表小组", GroupBasis.VILLAGE, ["小莫古村"]),
    ("坝区代表小组", GroupBasis.VILLAGE, ["上坝村", "下坝村"]),
    ("新寨代表小组", GroupBasis.VILLAGE, ["新寨村"]),
    ("老寨代表小组", GroupBasis.VILLAGE, ["老寨村"]),
    ("龙潭代表小组", GroupBasis.VILLAGE, ["龙潭村"]),
    ("石岩代表小组", GroupBasis.VILLAGE, ["石岩村"]),
    ("桃园黑泥代表小组", GroupBasis.VILLAGE, ["桃园村", "黑泥村"]),
    ("水塘白龙代表小组", GroupBasis.VILLAGE, ["水塘村", "白龙村"]),
    ("教育卫生界代表小组", GroupBasis.SECTOR, ["教育", "医疗卫生"]),
    ("工商界代表小组", GroupBasis.SECTOR, ["工商企业", "个体工商户"]),
    ("机关界代表小组", GroupBasis.SECTOR, ["机关事业单位"]),
]
LARGE_GROUPS = ["第一代表大组", "第二代表大组", "第三代表大组", "第四代表大组"]

MAIN_STATIONS = [
    ("大莫古镇人大代表接待站", "大莫古镇人民政府一楼接待大厅"),
    ("坝区人大代表接待站", "上坝村委会综合楼二楼"),
    ("山区人大代表接待站", "龙潭村委会便民服务中心"),
    ("东片人大代表接待站", "桃园村委会一楼"),
]

OPENING_RULES = "每周一 8:00—12:00 代表轮值接待；其余工作日由驻站工作人员登记来访。"

SURNAMES = "李王张杨刘陈普罗赵何马施段沈钱白龙孔苏许周吴郭朱高李杨王张"
GIVEN = "文华明国建志永春云丽红秀兰玉芳海林平德正学光荣福昌兴琼梅英凤琴祥忠发强军勇涛斌燕霞萍娟"
ETHNICITIES = ["汉族"] * 12 + ["彝族"] * 6 + ["哈尼族", "回族"]
PARTIES = ["中共党员"] * 7 + ["群众"] * 3 + ["民盟盟员"]
SECTOR_JOBS = {
    "农业": ("农民", "{village}种植户"),
    "教育": ("教师", "{town}中心学校"),
    "医疗卫生": ("医生", "{town}卫生院"),
    "工商企业": ("企业负责人", "{town}农产品加工有限公司"),
    "个体工商户": ("个体工商户", "{town}街道商铺"),
    "机关事业单位": ("干部", "{town}人民政府"),
    "村干部": ("村干部", "{village}委员会"),
}
# The sectors whose deputies are paid by the government (公职人员): no lost-work subsidy, no cadre candidacy.
PUBLIC_SECTORS = frozenset({"机关事业单位", "教育", "医疗卫生"})


def _name(rng: random.Random, taken: set[str]) -> str:
    while True:
        name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))
        if name not in taken:
            taken.add(name)
            return name


def _phone(rng: random.Random) -> str:
    return rng.choice(("139", "138", "150", "151", "187", "188", "136")) + f"{rng.randrange(10**8):08d}"


def _groups(township: Township, specs: list, large_names: list[str]) -> list[SmallGroup]:
    large = []
    for order, name in enumerate(large_names):
        group, _ = LargeGroup.objects.update_or_create(township=township, name=name, defaults={"order": order})
        large.append(group)
    small = []
    per_large = max(1, len(specs) // len(large))
    for order, (name, basis, _covers) in enumerate(specs):
        group, _ = SmallGroup.objects.update_or_create(
            township=township,
            name=name,
            defaults={"basis": basis, "order": order, "large_group": large[min(order // per_large, len(large) - 1)]},
        )
        small.append(group)
    return small


def _stations(township: Township, town_stations: list, villages: list[str], small: list[SmallGroup]) -> None:
    for index, (name, address) in enumerate(town_stations):
        station, _ = Station.objects.update_or_create(
            township=township,
            name=name,
            defaults={
                "level": StationLevel.TOWN,
                "address": address,
                "opening_rules": OPENING_RULES,
            },
        )
        # Each station serves a share of the groups; the town's main station serves the sector groups too.
        station.small_groups.set(small[index :: len(town_stations)])
    for village in villages:
        station, _ = Station.objects.update_or_create(
            township=township,
            name=f"{village}人大代表联络点",
            defaults={
                "level": StationLevel.VILLAGE,
                "address": f"{village}委员会办公楼",
                "opening_rules": "每月第一个星期五下午 14:30—17:30 代表联系选民。",
            },
        )
        station.small_groups.set([g for g in small if any(village == v for v in _covers_of(g))])


_COVERS: dict[str, list[str]] = {name: covers for name, _basis, covers in MAIN_SMALL_GROUPS}


def _covers_of(group: SmallGroup) -> list[str]:
    return _COVERS.get(group.name, [group.name.removesuffix("代表小组")])


def _deputies(
    township: Township, small: list[SmallGroup], *, county_level: int, town_level: int, seed: int, elected: date
) -> list[Deputy]:
    rng = random.Random(seed)
    taken: set[str] = set()
    total = county_level + town_level
    deputies = []
    for index in range(total):
        group = small[index % len(small)]
        covers = _COVERS.get(group.name) or [group.name.removesuffix("代表小组")]
        if group.basis == GroupBasis.SECTOR:
            sector = rng.choice(covers)
            village = rng.choice(MAIN_VILLAGES if township.code == "damogu" else SECOND_VILLAGES)
        else:
            village = rng.choice(covers)
            sector = rng.choice(["农业", "农业", "村干部", "个体工商户"])
        occupation, unit = SECTOR_JOBS[sector]
        name = _name(rng, taken)
        birth = date(rng.randint(1962, 1996), rng.randint(1, 12), rng.randint(1, 28))
        deputy = Deputy.objects.filter(township=township, name=name, birth_date=birth).first() or Deputy(
            township=township, name=name, birth_date=birth
        )
        values = {
            # Every fifth deputy is a county-level deputy until the county quota is filled.
            "level": DeputyLevel.COUNTY if index % 5 == 0 and index // 5 < county_level else DeputyLevel.TOWN,
            "gender": Gender.FEMALE if rng.random() < 0.32 else Gender.MALE,
            "ethnicity": rng.choice(ETHNICITIES),
            "party": rng.choice(PARTIES),
            "constituency": f"第{(index % 24) + 1}选区",
            "village": village,
            "sector": sector,
            "occupation": occupation,
            "work_unit": unit.format(village=village, town=township.name),
            "is_village_cadre": sector == "村干部",
            # Town government staff, and the teachers and doctors of the public school and health centre.
            "public_employee": sector in PUBLIC_SECTORS,
            "phone": _phone(rng),
            "address": f"{township.name}{village}{rng.randint(1, 160)}号",
            "lives_far": rng.random() < 0.3,
            "term": TERM,
            "status": DeputyStatus.SERVING,
            "small_group": group,
        }
        for attribute, value in values.items():
            setattr(deputy, attribute, value)
        deputies.append(deputy_save(deputy=deputy, township=township, on=elected))
    return deputies


def build_register(
    *, main: Township, second: Township, deputy_user: AbstractBaseUser, today: date | None = None
) -> None:
    """The groups, stations and deputies of both towns; the `deputy` login becomes one of 大莫古镇's deputies."""
    elected = term_start(today or timezone.localdate())
    for town in (main, second):
        Term.objects.get_or_create(township=town, number=TERM, defaults={"starts_on": elected})
    small = _groups(main, MAIN_SMALL_GROUPS, LARGE_GROUPS)
    _stations(main, MAIN_STATIONS, MAIN_VILLAGES, small)
    deputies = _deputies(main, small, county_level=18, town_level=76, seed=20170930, elected=elected)

    second_specs = [(f"{v}代表小组", GroupBasis.VILLAGE, [v]) for v in SECOND_VILLAGES[:2]]
    second_small = _groups(second, second_specs, ["新安镇代表大组"])
    _stations(second, [("新安镇人大代表接待站", "新安镇人民政府一楼")], SECOND_VILLAGES[:1], second_small)
    _deputies(second, second_small, county_level=2, town_level=10, seed=2, elected=elected)

    chosen = deputies[1]
    Deputy.objects.filter(user=deputy_user).exclude(pk=chosen.pk).update(user=None)
    chosen.user = deputy_user
    chosen.save(update_fields=["user"])
    deputy_user.first_name = chosen.name
    deputy_user.save(update_fields=["first_name"])
    Membership.objects.get_or_create(user=deputy_user, township=main, role=Role.DEPUTY)
