"""Town A's groups for the notice tests: large group 一组 (small groups 一组甲, 一组乙) and 二组 (二组甲), with
deputies of every kind of reach in 一组甲."""

import pytest

from deputies.models import DeputyStatus
from tests.factories import DeputyFactory, LargeGroupFactory, SmallGroupFactory, UserFactory


@pytest.fixture
def groups(town_a) -> dict:
    one = LargeGroupFactory(township=town_a, name="一组")
    two = LargeGroupFactory(township=town_a, name="二组")
    return {
        "one": one,
        "two": two,
        "one_a": SmallGroupFactory(township=town_a, large_group=one, name="一组甲"),
        "one_b": SmallGroupFactory(township=town_a, large_group=one, name="一组乙"),
        "two_a": SmallGroupFactory(township=town_a, large_group=two, name="二组甲"),
    }


@pytest.fixture
def deputies(town_a, groups) -> dict:
    """In 一组甲: a mobile without a login, a mobile with a login, a login without a phone, a landline alone,
    a disabled login alone, and one whose service ended; one serving deputy in 一组乙 and one in 二组甲."""
    one_a = groups["one_a"]

    def deputy(name, group=one_a, **fields):
        return DeputyFactory(township=town_a, small_group=group, name=name, **fields)

    return {
        "mobile": deputy("手机无账号", phone="13900000001"),
        "both": deputy("手机有账号", phone="139 0000 0002", user=UserFactory(username="both")),
        "login": deputy("有账号无手机", phone="", user=UserFactory(username="login-only")),
        "landline": deputy("只有座机", phone="0873-6100001"),
        "disabled": deputy("账号已停用", phone="", user=UserFactory(username="disabled", is_active=False)),
        "ended": deputy("已离任", phone="13900000009", status=DeputyStatus.ENDED),
        "one_b": deputy("一组乙代表", groups["one_b"], phone="13900000003"),
        "two_a": deputy("二组甲代表", groups["two_a"], phone="13900000004"),
    }
