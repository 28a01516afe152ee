"""Demo data of activities and training for the demo year: the pre-session inspection and the session, the
recess inspections, checks, research and evaluations, the special inspection of key items, the four forms of
training, reports to voters, and every small group's plan with a quarter or two behind. Run through the
services, deterministic (a fixed seed) and idempotent (skipped once the town has activities)."""

import random
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from activities.models import Activity, ActivityKind, Attendance, GroupPlanItem, TrainingForm, quarter_of
from activities.services import (
    activity_attendance_record,
    activity_invite,
    activity_leave_ask,
    activity_leave_decide,
    activity_save,
    plan_item_save,
    self_study_record,
)
from congress.models import CongressSession, Membership, Role, Township
from deputies.models import Deputy, DeputyStatus, LargeGroup, SmallGroup

K = ActivityKind
# (month, day, kind, training form, topic, places, organiser, whom: "all" | "large:<n>" | "sample:<n>")
YEAR_ACTIVITIES = [
    (
        1,
        5,
        K.PRE_SESSION,
        "",
        "人代会前视察：全镇重点项目和美丽村庄建设",
        "坝区产业园、龙潭村、新寨村",
        "镇人大主席团",
        "all",
    ),
    (1, 10, K.SESSION, "", "镇第十八届人民代表大会第五次会议", "镇政府大会议室", "镇人大主席团", "all"),
    (
        2,
        26,
        K.TRAINING,
        TrainingForm.FULL,
        "代表全员培训：代表法和履职基本知识",
        "镇政府大会议室",
        "镇人大主席团",
        "all",
    ),
    (3, 12, K.TRAINING, TrainingForm.SELF_STUDY, "发放学习资料：《代表履职手册》", "各代表小组", "镇人大办", "all"),
    (4, 16, K.INSPECTION, "", "视察春耕生产和农田水利设施", "上坝村、下坝村", "第一代表大组", "large:0"),
    (
        5,
        20,
        K.TRAINING,
        TrainingForm.KEY,
        "重点培训：赴先进乡镇考察学习基层人大工作",
        "邻县示范镇",
        "镇人大主席团",
        "sample:18",
    ),
    (6, 18, K.CHECK, "", "检查食品安全和校园周边环境", "镇中心学校、农贸市场", "第二代表大组", "large:1"),
    (7, 9, K.RESEARCH, "", "调研农村饮水安全巩固提升", "龙潭村、石岩村", "第三代表大组", "large:2"),
    (
        8,
        14,
        K.TRAINING,
        TrainingForm.LAYERED,
        "分层培训：新任代表如何提出高质量建议",
        "镇人大代表接待站",
        "镇人大办",
        "sample:24",
    ),
    (9, 17, K.EVALUATION, "", "评议镇社会事务办公室工作", "镇政府会议室", "第四代表大组", "large:3"),
    (9, 25, K.REPORT, "", "部分代表向选民述职", "各村委会", "镇人大主席团", "sample:10"),
    (10, 22, K.SPECIAL, "", "专题视察重点建议办理情况", "上坝至下坝道路、龙潭村饮水工程", "镇人大主席团", "sample:20"),
    (12, 10, K.INSPECTION, "", "视察冬季森林防火和安全生产", "各林区、采石场", "镇人大主席团", "sample:16"),
]
GROUP_TOPICS = ["学习交流", "走访选民", "视察村内项目", "征集意见建议"]


def _at(day: date, hour: int = 9) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def _invitees(whom: str, serving: list[Deputy], large_groups: list[LargeGroup], rng: random.Random) -> list[Deputy]:
    if whom == "all":
        return serving
    kind, _sep, value = whom.partition(":")
    if kind == "large":
        group = large_groups[int(value) % len(large_groups)]
        return [d for d in serving if d.small_group and d.small_group.large_group_id == group.pk]
    return rng.sample(serving, k=min(int(value), len(serving)))


def _record(activity: Activity, rng: random.Random, office, *, demo: Deputy | None, today: date) -> None:
    """Record a held activity's attendance: most attended, some on leave asked beforehand, a few absent."""
    rows = list(activity.attendances.select_related("deputy"))
    for row in rows:
        if row.deputy != demo and not activity.is_self_study and rng.random() < 0.08:
            asked = activity_leave_ask(
                attendance=row, deputy=row.deputy, reason="家中有事", now=_at(activity.date - timedelta(days=2))
            )
            activity_leave_decide(
                attendance=asked, approve=True, comment="", user=office, now=_at(activity.date - timedelta(days=1))
            )
    if activity.is_self_study:
        for row in activity.attendances.filter(status=Attendance.INVITED).select_related("deputy"):
            if row.deputy == demo or rng.random() < 0.6:
                self_study_record(
                    attendance=row,
                    deputy=row.deputy,
                    note="已学习代表法及履职手册",
                    now=_at(activity.date + timedelta(days=10)),
                )
        return
    statuses = {
        row.deputy_id: (Attendance.ABSENT if row.deputy != demo and rng.random() < 0.05 else Attendance.ATTENDED)
        for row in activity.attendances.filter(status=Attendance.INVITED)
    }
    if statuses:
        activity_attendance_record(
            activity=activity, statuses=statuses, user=office, now=_at(min(today, activity.date), 17)
        )


def build_activities(*, township: Township, today: date | None = None) -> None:
    """The demo year's activities and plans for `township`, through the services."""
    if Activity.objects.for_township(township).exists():
        return
    today = today or timezone.localdate()
    year = today.year
    rng = random.Random(7)
    office = Membership.objects.filter(township=township, role=Role.OFFICE).select_related("user").first().user
    serving = list(
        Deputy.objects.for_township(township)
        .filter(status=DeputyStatus.SERVING)
        .select_related("small_group__large_group", "user")
    )
    large_groups = list(LargeGroup.objects.for_township(township))
    demo = next((d for d in serving if d.user and d.user.username == "deputy"), None)
    session = CongressSession.objects.for_township(township).filter(start_date__year=year).first()
    for month, day, kind, form, title, places, organiser, whom in YEAR_ACTIVITIES:
        on = date(year, month, day)
        activity = activity_save(
            activity=Activity(
                kind=kind,
                training_form=form,
                title=title,
                date=on,
                places=places,
                organiser=organiser,
                session=session if kind == K.SESSION else None,
                findings="" if on > today else "发现问题已形成意见建议，交镇人民政府研究办理。",
            ),
            township=township,
            user=office,
        )
        invited = _invitees(whom, serving, large_groups, rng)
        if demo is not None and demo not in invited and kind in (K.SPECIAL, K.INSPECTION):
            invited = [*invited, demo]
        activity_invite(activity=activity, deputies=invited, today=today)
        if on <= today:
            _record(activity, rng, office, demo=demo, today=today)
        else:
            _coming_leave(activity, demo, today)
    _group_plans(township, year, today, rng, office, demo)


def _coming_leave(activity: Activity, demo: Deputy | None, today: date) -> None:
    """Someone asks leave from the coming activity, for the office to decide."""
    row = activity.attendances.exclude(deputy=demo).select_related("deputy").first()
    if row is not None:
        activity_leave_ask(attendance=row, deputy=row.deputy, reason="外出务工，无法参加", now=_at(today, 8))


def _group_plans(township: Township, year: int, today: date, rng, office, demo) -> None:
    """A plan of four activities for every small group; held through the year, two groups behind in Q3."""
    groups = list(SmallGroup.objects.for_township(township).filter(is_active=True).order_by("order", "name"))
    behind = {g.pk for g in groups[3:5]}
    for group in groups:
        members = list(Deputy.objects.filter(small_group=group, status=DeputyStatus.SERVING))
        for quarter, topic in enumerate(GROUP_TOPICS, start=1):
            item = plan_item_save(
                item=GroupPlanItem(small_group=group, year=year, quarter=quarter, title=f"{group.name}{topic}"),
                township=township,
            )
            on = date(year, quarter * 3 - 1, 8 + rng.randint(0, 15))
            if (quarter == 3 and group.pk in behind) or (quarter > quarter_of(today.month)):
                continue
            if quarter == quarter_of(today.month) and rng.random() < 0.4:
                continue  # the current quarter: not every group has met yet
            if on > today:
                on = min(date(year, 12, 31), today + timedelta(days=rng.randint(3, 20)))
            activity = activity_save(
                activity=Activity(
                    kind=K.GROUP,
                    title=item.title,
                    date=on,
                    places=f"{group.name}联络点",
                    organiser=group.name,
                    small_group=group,
                    plan_item=item,
                    findings="" if on > today else "收集意见建议若干条，已报镇人大主席团。",
                ),
                township=township,
                user=office,
            )
            activity_invite(activity=activity, deputies=members, today=today)
            if on <= today:
                _record(activity, rng, office, demo=demo, today=today)
