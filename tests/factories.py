"""Factories for the test suite's rows; every domain row belongs to a township."""

from datetime import date

import factory
from django.contrib.auth import get_user_model

from congress.models import County, Department, Leader, Membership, Notification, Role, Township
from congress.services import password_state_record
from deputies.models import Deputy, Gender, LargeGroup, SmallGroup, Station, StationLevel

PASSWORD = "pass-for-tests-1"


class CountyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = County
        django_get_or_create = ("code",)

    name = factory.Sequence(lambda n: f"测试县{n}")
    code = factory.Sequence(lambda n: f"county{n}")


class TownshipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Township

    county = factory.SubFactory(CountyFactory)
    name = factory.Sequence(lambda n: f"测试镇{n}")
    code = factory.Sequence(lambda n: f"town{n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.com")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):  # noqa: N805
        if create:
            obj.save()
            # The test users chose their own password: no forced change at their first login.
            password_state_record(user=obj)


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department

    township = factory.SubFactory(TownshipFactory)
    name = factory.Sequence(lambda n: f"承办单位{n}")


class LeaderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Leader

    township = factory.SubFactory(TownshipFactory)
    name = factory.Sequence(lambda n: f"领导{n}")
    title = "副镇长"


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    township = factory.SubFactory(TownshipFactory)
    role = Role.OFFICE


class LargeGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LargeGroup

    township = factory.SubFactory(TownshipFactory)
    name = factory.Sequence(lambda n: f"第{n}代表大组")


class SmallGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SmallGroup

    township = factory.SubFactory(TownshipFactory)
    large_group = factory.SubFactory(LargeGroupFactory, township=factory.SelfAttribute("..township"))
    name = factory.Sequence(lambda n: f"第{n}代表小组")


class DeputyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Deputy

    township = factory.SubFactory(TownshipFactory)
    name = factory.Sequence(lambda n: f"代表{n}")
    gender = Gender.MALE
    phone = factory.Sequence(lambda n: f"139{n:08d}")
    village = "上坝村"
    small_group = factory.SubFactory(SmallGroupFactory, township=factory.SelfAttribute("..township"))


class StationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Station

    township = factory.SubFactory(TownshipFactory)
    name = factory.Sequence(lambda n: f"接待站{n}")
    level = StationLevel.TOWN
    address = "镇政府一楼"


class NotificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Notification

    recipient = factory.SubFactory(UserFactory)
    key = factory.Sequence(lambda n: f"test:{n}")
    subject = factory.Sequence(lambda n: f"提醒{n}")


class ActivityFactory(factory.django.DjangoModelFactory):
    """An inspection in 2026 unless told otherwise; a training must be given its training_form."""

    class Meta:
        model = "activities.Activity"

    township = factory.SubFactory(TownshipFactory)
    kind = "inspection"
    training_form = ""
    title = factory.Sequence(lambda n: f"活动{n}")
    date = date(2026, 3, 10)


class ActivityAttendanceFactory(factory.django.DjangoModelFactory):
    """An invitation of a deputy to an activity, in the activity's township."""

    class Meta:
        model = "activities.ActivityAttendance"

    activity = factory.SubFactory(ActivityFactory)
    township = factory.SelfAttribute("activity.township")
    deputy = factory.SubFactory(DeputyFactory, township=factory.SelfAttribute("..activity.township"))
    status = "invited"


class GroupPlanItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "activities.GroupPlanItem"

    small_group = factory.SubFactory(SmallGroupFactory)
    township = factory.SelfAttribute("small_group.township")
    year = 2026
    quarter = 1
    kind = "group"
    title = factory.Sequence(lambda n: f"计划活动{n}")


class VoterMatterFactory(factory.django.DjangoModelFactory):
    """A voter's matter as the public form stores it once the mobile answered its code."""

    class Meta:
        model = "petitions.VoterMatter"

    township = factory.SubFactory(TownshipFactory)
    station = factory.SubFactory(
        StationFactory, township=factory.SelfAttribute("..township"), level=StationLevel.VILLAGE
    )
    reference = factory.Sequence(lambda n: f"Q{n + 1:06d}")
    village = "大莫古村"
    content = "村口的路灯坏了两个月，晚上出行不便。"
    name = "张三"
    phone = "13800138000"
