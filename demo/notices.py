"""Demo notices (通知): the office has told a large group of a meeting and a small group of a visit, so the
notice pages and the record of messages show what a notice becomes. Idempotent: a notice is sent once, found
again by its title."""

from django.contrib.auth import get_user_model

from congress.models import Township
from deputies.models import LargeGroup, Notice, NoticeAudience, SmallGroup
from deputies.services.notices import notice_send

DEMO_NOTICES = [
    (
        NoticeAudience.LARGE_GROUP,
        "第一代表大组",
        "大组活动通知",
        "请第一代表大组代表于本周五上午9:00到镇政府三楼会议室参加集中学习，不能参加的请向人大办请假。",
    ),
    (
        NoticeAudience.SMALL_GROUP,
        "坝区代表小组",
        "视察通知",
        "下周二上午8:30在上坝村委会集合，视察灌溉水渠修复情况。",
    ),
]


def build_notices(*, township: Township) -> None:
    """Send the demo notices of the town once, as its office."""
    office = get_user_model().objects.filter(username="office").first()
    for audience, group_name, title, text in DEMO_NOTICES:
        if Notice.objects.filter(township=township, title=title).exists():
            continue
        model = LargeGroup if audience == NoticeAudience.LARGE_GROUP else SmallGroup
        group = model.objects.filter(township=township, name=group_name).first()
        if group is None:
            continue
        notice_send(township=township, user=office, title=title, text=text, audience=audience, group=group)
