"""Demo data of activities and training for the demo year: the pre-session inspection and the session, the
recess inspections, checks, research and evaluations, the special inspection of key items, the four forms of
training, reports to voters, and every small group's plan with a quarter or two behind. Run through the
services, deterministic (a fixed seed) and idempotent (skipped once the town has activities)."""

import random
from dataclasses import dataclass
from datetime import date, timedelta

from django.contrib.auth.models import AbstractBaseUser
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
from demo.period import at, by_now, demo_start, horizon
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
    (1, 10, K.SESSION, "", "镇第十八届人民代表大会{number}会议", "镇政府大会议室", "镇人大主席团", "all"),
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
    (
        9,
        28,
        K.SPECIAL,
        "",
        "专题视察重点建议办理进度",
        "上坝至下坝道路、龙潭村饮水工程、采石场",
        "镇人大主席团",
        "sample:14",
    ),
    (10, 22, K.SPECIAL, "", "专题视察重点建议办理情况", "上坝至下坝道路、龙潭村饮水工程", "镇人大主席团", "sample:20"),
    (12, 10, K.INSPECTION, "", "视察冬季森林防火和安全生产", "各林区、采石场", "镇人大主席团", "sample:16"),
]
GROUP_TOPICS = ["学习交流", "走访选民", "视察村内项目", "征集意见建议"]
SESSION_NUMBERS = "零一二三四五六七八九十"


@dataclass
class Cast:
    """Who takes part in a town's activities: the office user who records them, the serving deputies, the large
    groups, and the deputy of the `deputy` login (always invited, never absent)."""

    office: AbstractBaseUser
    serving: list[Deputy]
    large_groups: list[LargeGroup]
    demo: Deputy | None

    @classmethod
    def of(cls, township: Township) -> "Cast":
        office = Membership.objects.filter(township=township, role=Role.OFFICE).select_related("user").first().user
        serving = list(
            Deputy.objects.for_township(township)
            .filter(status=DeputyStatus.SERVING)
            .select_related("small_group__large_group", "user")
        )
        demo = next((d for d in serving if d.user and d.user.username == "deputy"), None)
        return cls(office, serving, list(LargeGroup.objects.for_township(township)), demo)


def _invitees(whom: str, cast: Cast, rng: random.Random) -> list[Deputy]:
    if whom == "all":
        return cast.serving
    kind, _sep, value = whom.partition(":")
    if kind == "large":
        group = cast.large_groups[int(value) % len(cast.large_groups)]
        return [d for d in cast.serving if d.small_group and d.small_group.large_group_id == group.pk]
    return rng.sample(cast.serving, k=min(int(value), len(cast.serving)))


def _record(activity: Activity, rng: random.Random, cast: Cast, today: date) -> None:
    """Record a held activity's attendance: most attended, some on leave asked beforehand, a few absent."""
    demo, office = cast.demo, cast.office
    for row in activity.attendances.select_related("deputy"):
        if row.deputy != demo and not activity.is_self_study and rng.random() < 0.08:
            asked = activity_leave_ask(
                attendance=row, deputy=row.deputy, reason="家中有事", now=at(activity.date - timedelta(days=2))
            )
            activity_leave_decide(
                attendance=asked, approve=True, comment="", user=office, now=at(activity.date - timedelta(days=1))
            )
    if activity.is_self_study:
        # Studied within ten days of the handout, and by yesterday: the activity is held, so before today.
        studied = min(activity.date + timedelta(days=10), today - timedelta(days=1))
        for row in activity.attendances.filter(status=Attendance.INVITED).select_related("deputy"):
            if row.deputy == demo or rng.random() < 0.6:
                self_study_record(attendance=row, deputy=row.deputy, note="已学习代表法及履职手册", now=at(studied))
        return
    statuses = {
        row.deputy_id: (Attendance.ABSENT if row.deputy != demo and rng.random() < 0.05 else Attendance.ATTENDED)
        for row in activity.attendances.filter(status=Attendance.INVITED)
    }
    if statuses:
        activity_attendance_record(activity=activity, statuses=statuses, user=office, now=at(activity.date, 17))


def _scheduled(today: date) -> list[tuple[date, tuple]]:
    """Every date of the yearly schedule in the demo's span, oldest first: the twelve months before this one,
    held, then what falls from today to the horizon, coming (on 31 December, next January's session)."""
    start, end = demo_start(today), horizon(today)
    return [
        (on, spec)
        for year in range(start.year, end.year + 1)
        for spec in YEAR_ACTIVITIES
        if start <= (on := date(year, spec[0], spec[1])) <= end
    ]


def _title(kind: str, title: str, session: CongressSession | None) -> str:
    """The topic; a session's names its number (第五次会议), which moves on with the year."""
    if kind != K.SESSION:
        return title
    known = session is not None and session.number < len(SESSION_NUMBERS)
    return title.format(number=f"第{SESSION_NUMBERS[session.number]}次" if known else "")


def build_activities(*, township: Township, today: date | None = None) -> None:
    """The activities of the demo's span and the small groups' plans for `township`, through the services.
    Those before today are held and their attendance recorded; those from today on are coming."""
    if Activity.objects.for_township(township).exists():
        return
    today = today or timezone.localdate()
    rng = random.Random(7)
    cast = Cast.of(township)
    sessions = {s.start_date.year: s for s in CongressSession.objects.for_township(township)}
    for on, (_month, _day, kind, form, title, places, organiser, whom) in _scheduled(today):
        held = on < today
        activity = activity_save(
            activity=Activity(
                kind=kind,
                training_form=form,
                title=_title(kind, title, sessions.get(on.year)),
                date=on,
                places=places,
                organiser=organiser,
                session=sessions.get(on.year) if kind == K.SESSION else None,
                findings="发现问题已形成意见建议，交镇人民政府研究办理。" if held else "",
            ),
            township=township,
            user=cast.office,
        )
        invited = _invitees(whom, cast, rng)
        if cast.demo is not None and cast.demo not in invited and kind in (K.SPECIAL, K.INSPECTION):
            invited = [*invited, cast.demo]
        activity_invite(activity=activity, deputies=invited, today=today)
        if held:
            _record(activity, rng, cast, today)
        elif not activity.is_self_study:
            _coming_leave(activity, cast.demo, today)
    for year in range(demo_start(today).year, today.year + 1):
        _group_plans(township, year, today, rng, cast)


def _coming_leave(activity: Activity, demo: Deputy | None, today: date) -> None:
    """Someone asks leave from the coming activity, for the office to decide (self-study needs none)."""
    row = activity.attendances.exclude(deputy=demo).select_related("deputy").first()
    if row is not None:
        activity_leave_ask(attendance=row, deputy=row.deputy, reason="外出务工，无法参加", now=by_now(at(today, 8)))


def _meeting_day(year: int, quarter: int, today: date, rng: random.Random) -> date | None:
    """When a group meets for a quarter of its plan: the quarter's middle month if that is past; a quarter
    under way has some groups still to meet, soon; a quarter still to come has none."""
    planned = date(year, quarter * 3 - 1, 8 + rng.randint(0, 15))
    if (year, quarter) > (today.year, quarter_of(today.month)):
        return None
    if (year, quarter) == (today.year, quarter_of(today.month)) and rng.random() < 0.4:
        return None  # the current quarter: not every group has met yet
    if planned < today:
        return planned
    coming = today + timedelta(days=rng.randint(3, 20))
    return coming if coming.year == year else None  # the plan is the year's: no meeting after 31 December


def _group_plans(township: Township, year: int, today: date, rng: random.Random, cast: Cast) -> None:
    """A plan of four activities for every small group in `year`; two groups behind in Q3."""
    groups = list(SmallGroup.objects.for_township(township).filter(is_active=True).order_by("order", "name"))
    behind = {g.pk for g in groups[3:5]}
    for group in groups:
        members = list(Deputy.objects.filter(small_group=group, status=DeputyStatus.SERVING))
        for quarter, topic in enumerate(GROUP_TOPICS, start=1):
            item = plan_item_save(
                item=GroupPlanItem(small_group=group, year=year, quarter=quarter, title=f"{group.name}{topic}"),
                township=township,
            )
            on = _meeting_day(year, quarter, today, rng)
            if on is None or (quarter == 3 and group.pk in behind):
                continue
            activity = activity_save(
                activity=Activity(
                    kind=K.GROUP,
                    title=item.title,
                    date=on,
                    places=f"{group.name}联络点",
                    organiser=group.name,
                    small_group=group,
                    plan_item=item,
                    findings="收集意见建议若干条，已报镇人大主席团。" if on < today else "",
                ),
                township=township,
                user=cast.office,
            )
            activity_invite(activity=activity, deputies=members, today=today)
            if on < today:
                _record(activity, rng, cast, today)
