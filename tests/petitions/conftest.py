"""Fixtures of the reception-duty tests: town A with its reception settings pointing at the town station,
three small groups taking turns (with deputies who have logins, one who has none and one whose term ended),
two leaders, a second office user, and a helper that puts a group on a duty day."""

from datetime import time

import pytest

from congress.models import Role
from deputies.models import Deputy, DeputyStatus
from petitions.models import DutyAssignment, DutyDay, DutyDayStatus, ReceptionSettings
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
    """Town A's reception settings: Mondays, 08:00, window 07:30–08:30, reminders at 18:00, 50 yuan."""
    return ReceptionSettings.objects.create(township=town_a, station=station)


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
