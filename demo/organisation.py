"""Demo data of the organisation core: the county, 大莫古镇 and a smaller second town, their handling
units, leaders, congress sessions and the demo logins. Idempotent: every row is found by its natural key."""

from dataclasses import dataclass, field
from datetime import date

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.utils import timezone

from congress.models import CongressSession, County, Department, DepartmentKind, Leader, Membership, Role, Township
from demo.period import horizon

# The published demo logins: while debug is on they keep the demo password (no forced change at first login).
DEMO_USERNAMES = frozenset({"office", "leader", "deputy", "unit", "county", "office2"})  # settings.DEMO_LOGINS
DEMO_PASSWORD = "demo1234"  # noqa: S105  (the documented demo password; the command refuses to run without debug)

MAIN_TOWN = {"name": "大莫古镇", "code": "damogu", "address": "大莫古镇人民政府院内", "phone": "0873-0000001"}
SECOND_TOWN = {"name": "新安镇", "code": "xinan", "address": "新安镇人民政府院内", "phone": "0873-0000002"}
COUNTY = {"name": "示范县", "code": "shifan"}

MAIN_DEPARTMENTS = [
    ("党政综合办公室", "何建明"),
    ("经济发展办公室", "张丽萍"),
    ("社会事务办公室", "王志强"),
    ("农业农村服务中心", "普学文"),
    ("自然资源所", "罗国华"),
    ("村镇规划建设服务中心", "赵永平"),
    ("社会治安综合治理中心", "段明"),
    ("司法所", "沈红梅"),
    ("派出所", "钱德胜"),
    ("财政所", "马玉兰"),
    ("卫生院", "施建国"),
    ("中心学校", "白云飞"),
    ("生态环境保护办公室", "龙海林"),
    ("社会保障服务中心", "苏秀兰"),
]
SECOND_DEPARTMENTS = [("党政综合办公室", "陈立"), ("社会事务办公室", "周敏"), ("农业农村服务中心", "吴刚")]

MAIN_LEADERS = [
    ("杨国栋", "镇党委书记"),
    ("李正华", "镇党委副书记、镇长"),
    ("普文清", "镇人大主席"),
    ("张建平", "镇党委副书记"),
    ("刘云", "镇纪委书记"),
    ("白玉春", "副镇长"),
    ("马志刚", "副镇长"),
    ("陈雪梅", "副镇长"),
]
SECOND_LEADERS = [("赵海", "镇党委书记"), ("孙丽", "镇人大主席")]
TERM = 18  # 第十八届
TERM_YEARS = 5


def term_start(today: date) -> date:
    """When the demo's term began: the October four years before this year, so this year's January session is
    the term's fifth (the first met when it was elected) and next year's still falls within it."""
    return date(today.year - 4, 10, 1)


def session_years(today: date) -> range:
    """The years whose January session the demo holds: from the term's first January to the demo's horizon."""
    first = term_start(today).year + 1
    return range(first, min(horizon(today).year, first + TERM_YEARS - 1) + 1)


@dataclass
class DemoTown:
    township: Township
    departments: list[Department] = field(default_factory=list)
    leaders: list[Leader] = field(default_factory=list)


def _user(username: str, *, full_name: str, email: str = "") -> AbstractBaseUser:
    user_model = get_user_model()
    user, created = user_model.objects.get_or_create(username=username)
    if created:
        user.set_password(DEMO_PASSWORD)
    user.first_name = full_name
    user.email = email
    user.save()
    return user


def _town(
    county: County, spec: dict, departments: list, leaders: list, villages: list[str], *, today: date
) -> DemoTown:
    township, _ = Township.objects.update_or_create(
        code=spec["code"],
        defaults={"county": county, "name": spec["name"], "address": spec["address"], "phone": spec["phone"]},
    )
    town = DemoTown(township=township)
    for index, (name, contact) in enumerate(departments):
        department, _ = Department.objects.update_or_create(
            township=township,
            name=name,
            defaults={
                "kind": DepartmentKind.TOWN_DEPARTMENT,
                "contact_person": contact,
                "phone": f"0873-61{index:05d}",
            },
        )
        town.departments.append(department)
    for village in villages:
        department, _ = Department.objects.update_or_create(
            township=township, name=f"{village}委员会", defaults={"kind": DepartmentKind.VILLAGE_COMMITTEE}
        )
        town.departments.append(department)
    for order, (name, title) in enumerate(leaders):
        leader, _ = Leader.objects.update_or_create(
            township=township, name=name, defaults={"title": title, "order": order}
        )
        town.leaders.append(leader)
    start = term_start(today)
    for year in session_years(today):
        CongressSession.objects.update_or_create(
            township=township,
            term=TERM,
            number=year - start.year + 1,
            defaults={"start_date": date(year, 1, 10), "end_date": date(year, 1, 12)},
        )
    return town


def build_organisation(
    *, main_villages: list[str], second_villages: list[str], today: date | None = None
) -> tuple[DemoTown, DemoTown]:
    """The county, both towns and the staff logins (the deputy login is linked by the register's demo)."""
    today = today or timezone.localdate()
    county, _ = County.objects.update_or_create(code=COUNTY["code"], defaults={"name": COUNTY["name"]})
    main = _town(county, MAIN_TOWN, MAIN_DEPARTMENTS, MAIN_LEADERS, main_villages, today=today)
    second = _town(county, SECOND_TOWN, SECOND_DEPARTMENTS, SECOND_LEADERS, second_villages, today=today)

    office = _user("office", full_name="李文华")
    Membership.objects.get_or_create(user=office, township=main.township, role=Role.OFFICE)

    leader_user = _user("leader", full_name="普文清")
    Membership.objects.get_or_create(user=leader_user, township=main.township, role=Role.LEADER)
    chair = next(leader for leader in main.leaders if leader.title == "镇人大主席")
    Leader.objects.filter(user=leader_user).exclude(pk=chair.pk).update(user=None)
    chair.user = leader_user
    chair.save(update_fields=["user"])

    unit_user = _user("unit", full_name="王志强")
    social = next(d for d in main.departments if d.name == "社会事务办公室")
    Membership.objects.update_or_create(
        user=unit_user, township=main.township, role=Role.UNIT, defaults={"department": social}
    )

    county_user = _user("county", full_name="高明")
    Membership.objects.get_or_create(user=county_user, county=county, role=Role.COUNTY)

    office2 = _user("office2", full_name="陈立")
    Membership.objects.get_or_create(user=office2, township=second.township, role=Role.OFFICE)
    return main, second


def demo_deputy_user() -> AbstractBaseUser:
    """The `deputy` login; the register's demo links it to a deputy of a small group."""
    return _user("deputy", full_name="")
