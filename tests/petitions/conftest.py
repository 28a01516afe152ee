"""Fixtures of the petitions tests. Duty: town A with its reception settings pointing at the town station,
three small groups taking turns (with deputies who have logins, one who has none and one whose term ended),
two leaders, a second office user, a helper that puts a group on a duty day, DAY published with group 1 on
duty, the clock the duty tests freeze on the Friday before DAY (they ask for it), and helpers that read a
duty day back. Visits: a visit category of town A, `record` (visit_record with a valid answered visit unless
told otherwise) and `refer` (a visit referred to department_a)."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from congress.models import Notification, Role
from deputies.models import Deputy, DeputyStatus
from petitions.models import (
    AttendanceStatus,
    DutyAssignment,
    DutyDay,
    DutyDayStatus,
    LeaveRequest,
    ReceptionSettings,
    Referral,
    SignInProof,
    Visit,
    VisitOutcome,
)
from petitions.services.leave import leave_request_create
from petitions.services.visits import ReferralPlan, visit_categories_for, visit_record
from tests.factories import (
    DeputyFactory,
    LargeGroupFactory,
    LeaderFactory,
    MembershipFactory,
    SmallGroupFactory,
    StationFactory,
    UserFactory,
)


def _deputy(town, group, name, *, login=True, status=DeputyStatus.SERVING):
    user = None
    if login:
        user = UserFactory()
        MembershipFactory(user=user, township=town, role=Role.DEPUTY)
    return DeputyFactory(township=town, small_group=group, name=name, user=user, status=status)


@pytest.fixture
def station(town_a):
    return StationFactory(township=town_a, name="甲镇人大代表接待站", address="甲镇人民政府一楼东侧")


@pytest.fixture
def reception(town_a, station):
    """Town A's reception settings: Mondays, 08:00, window 07:30–08:30, reminders at 18:00, 50 yuan; a town of
    before the day's code, which signs in with no code (tests/petitions/test_presence.py asks for the code)."""
    return ReceptionSettings.objects.create(township=town_a, station=station, sign_in_proof=SignInProof.NONE)


@pytest.fixture
def groups(town_a):
    """Three active small groups in rotation order, with their members:
    group 1: 张三, 李四 (logins), 王五 (no login), 赵六 (term ended);
    group 2: 钱七, 孙八; group 3: 周九, 吴十, 郑十一."""
    large = LargeGroupFactory(township=town_a, name="第一代表大组")
    g1 = SmallGroupFactory(township=town_a, large_group=large, name="第一代表小组", order=1)
    g2 = SmallGroupFactory(township=town_a, large_group=large, name="第二代表小组", order=2)
    g3 = SmallGroupFactory(township=town_a, large_group=large, name="第三代表小组", order=3)
    _deputy(town_a, g1, "张三")
    _deputy(town_a, g1, "李四")
    _deputy(town_a, g1, "王五", login=False)
    _deputy(town_a, g1, "赵六", status=DeputyStatus.ENDED)
    _deputy(town_a, g2, "钱七")
    _deputy(town_a, g2, "孙八")
    _deputy(town_a, g3, "周九")
    _deputy(town_a, g3, "吴十")
    _deputy(town_a, g3, "郑十一")
    return [g1, g2, g3]


@pytest.fixture
def leaders(town_a):
    return [
        LeaderFactory(township=town_a, name="林书记", title="镇党委书记", order=1),
        LeaderFactory(township=town_a, name="陈镇长", title="镇长", order=2),
    ]


@pytest.fixture
def duty_town(town_a, reception, groups, leaders):
    """Town A ready for a roster: settings with a station, three groups, two leaders."""
    return town_a


@pytest.fixture
def office2(town_a):
    """A second office user of town A, beside alice."""
    user = UserFactory(username="olivia")
    MembershipFactory(user=user, township=town_a, role=Role.OFFICE)
    return user


@pytest.fixture
def bob_deputy(bob, groups):
    """Bob's deputy moved into group 1; the group the factory made for him is retired from the rotation."""
    deputy = bob.deputy
    own_group = deputy.small_group
    deputy.small_group = groups[0]
    deputy.save()
    own_group.is_active = False
    own_group.save()
    return deputy


@pytest.fixture
def make_day(town_a, station):
    """Put a small group's serving members on a duty day (published unless said otherwise)."""

    def make(day, group, *, published=True, start=time(8, 0)) -> DutyDay:
        duty_day = DutyDay.objects.create(
            township=town_a,
            date=day,
            start_time=start,
            station=station,
            small_group=group,
            status=DutyDayStatus.PUBLISHED if published else DutyDayStatus.DRAFT,
        )
        for deputy in Deputy.objects.filter(small_group=group, status=DeputyStatus.SERVING):
            DutyAssignment.objects.create(township=town_a, duty_day=duty_day, deputy=deputy)
        return duty_day

    return make


TZ = ZoneInfo("Asia/Shanghai")
DAY = date(2026, 3, 2)  # a Monday, the default reception weekday
BEFORE = datetime(2026, 2, 27, 10, 0, tzinfo=TZ)  # the Friday before DAY


@pytest.fixture
def frozen_clock(time_machine):
    """The clock stands still on the Friday before DAY unless a test moves it: nothing reads the real date."""
    time_machine.move_to(BEFORE, tick=False)
    return time_machine


def at(hour: int, minute: int = 0, second: int = 0, day: date = DAY) -> datetime:
    return datetime.combine(day, time(hour, minute, second), tzinfo=TZ)


def deputy(name: str) -> Deputy:
    return Deputy.objects.get(name=name)


def assignment_of(duty_day: DutyDay, name: str) -> DutyAssignment:
    return DutyAssignment.objects.get(duty_day=duty_day, deputy__name=name)


def recipients(key_prefix: str) -> list[str]:
    """The logins whose inbox got the messages with this key prefix (a deputy without a login is only texted)."""
    rows = Notification.objects.filter(key__startswith=key_prefix, recipient__isnull=False)
    return sorted(rows.values_list("recipient__username", flat=True))


def told(key_prefix: str) -> list[str]:
    """Who the messages with this key prefix went to, by name: deputies with a login or without (texted only)."""
    return sorted(Notification.objects.filter(key__startswith=key_prefix).values_list("recipient_name", flat=True))


def users_of(*names: str) -> list[str]:
    return sorted(deputy(name).user.username for name in names)


def ask_leave(duty_day: DutyDay, name: str, substitute: Deputy | None = None) -> LeaveRequest:
    return leave_request_create(
        assignment=assignment_of(duty_day, name),
        deputy=deputy(name),
        reason="家中有事",
        substitute=substitute,
        now=BEFORE,
    )


def mark_present(duty_day: DutyDay, name: str) -> None:
    DutyAssignment.objects.filter(duty_day=duty_day, deputy__name=name).update(
        status=AttendanceStatus.PRESENT, signed_in_at=at(7, 45, day=duty_day.date)
    )


@pytest.fixture
def monday(duty_town, groups, make_day):
    """DAY, published, group 1 on duty (张三, 李四, 王五)."""
    return make_day(DAY, groups[0])


# --- Visits ------------------------------------------------------------------------------------------------

VISIT_DAY = date(2026, 11, 2)  # a Monday
VISIT_AT = datetime.combine(VISIT_DAY, time(9, 30), tzinfo=TZ)
LATER = datetime.combine(VISIT_DAY + timedelta(days=10), time(15, 0), tzinfo=TZ)


@pytest.fixture
def category(town_a):
    return visit_categories_for(township=town_a)[0]


@pytest.fixture
def record(town_a, alice, station, category):
    """visit_record for town A with a valid answered visit unless told otherwise."""

    def make(**changes) -> Visit:
        kwargs = {
            "township": town_a,
            "user": alice,
            "station": station,
            "category": category,
            "visitor_name": "王大妈",
            "visitor_phone": "13911112222",
            "content": "村道路灯坏了三个月",
            "outcome": VisitOutcome.ANSWERED,
            "answer": "已联系供电所，本周修好",
            "received_at": VISIT_AT,
        }
        kwargs.update(changes)
        return visit_record(**kwargs)

    return make


@pytest.fixture
def refer(record, department_a):
    """A visit referred to department_a; extra keywords go to the ReferralPlan."""

    def make(department=None, received_at=VISIT_AT, category=None, **plan) -> Referral:
        visit = record(
            **({"category": category} if category else {}),
            outcome=VisitOutcome.REFERRED,
            answer="",
            received_at=received_at,
            referral=ReferralPlan(department=department or department_a, responsible_name="周主任", **plan),
        )
        return Referral.objects.get(visit=visit)

    return make


def reload(row):
    row.refresh_from_db()
    return row


# --- Suggestions carried through -----------------------------------------------------------------------------


@pytest.fixture
def suggester(town_a):
    """张代表: a deputy of town A with a login and a mobile, who makes the suggestions."""
    user = UserFactory(username="zhang")
    MembershipFactory(user=user, township=town_a, role=Role.DEPUTY)
    return DeputyFactory(township=town_a, name="张代表", user=user, phone="13800001111")


@pytest.fixture
def chaired_case(record, leo, department_a, suggester) -> Referral:
    """A visit received by leo (he chaired it), referred to department_a (carol's), with 张代表's suggestion."""
    from petitions.services.visits import suggestion_add

    visit = record(
        outcome=VisitOutcome.REFERRED,
        answer="",
        leader=leo.leader,
        referral=ReferralPlan(department=department_a, responsible_name="周主任", responsible_phone="13700002222"),
    )
    suggestion_add(visit=visit, deputy=suggester, text="建议先修主干道路灯")
    return visit.referral


# --- Voters' matters -----------------------------------------------------------------------------------------


@pytest.fixture
def point(town_a, bob):
    """A village contact point of town A, bob's small group attached: bob answers its matters."""
    contact = StationFactory(township=town_a, name="大莫古村联络点", level="village", address="大莫古村委会")
    contact.small_groups.add(bob.deputy.small_group)
    return contact


@pytest.fixture
def far_deputy(town_a):
    """A deputy of town A with a login, in a small group attached to no contact point."""
    user = UserFactory(username="far")
    MembershipFactory(user=user, township=town_a, role=Role.DEPUTY)
    DeputyFactory(township=town_a, user=user, name="远代表")
    return user


@pytest.fixture
def matter(town_a, point):
    """A new matter left at bob's contact point."""
    from tests.factories import VoterMatterFactory

    return VoterMatterFactory(township=town_a, station=point, public_allowed=True)


def matter_texts(matter) -> list[Notification]:
    """The texts sent to the voter about their matter, oldest first."""
    return list(Notification.objects.filter(kind="matter-update", phone=matter.phone).order_by("id"))
