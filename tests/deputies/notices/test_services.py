"""notice_send: a notice reaches exactly the serving deputies of its audience — by text where the register has a
mobile, in the inbox where there is a login — once each, and is refused when it has nobody or nothing to say."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone
from django.utils.translation import gettext as _

from congress.models import Notification
from deputies.models import Notice, NoticeAudience
from deputies.services import notices
from deputies.services.notices import NoticeError, notice_send
from tests.factories import DeputyFactory, LargeGroupFactory, SmallGroupFactory

pytestmark = pytest.mark.django_db


def send(town, alice, audience=NoticeAudience.ALL, group=None, title="开会通知", text="周五上午九点在镇政府开会。"):
    return notice_send(township=town, user=alice, title=title, text=text, audience=audience, group=group)


def messages_of(notice: Notice) -> dict[str, Notification]:
    return {n.recipient_name: n for n in Notification.objects.filter(key__startswith=notice.key_prefix)}


def test_a_small_groups_notice_reaches_its_serving_deputies_by_text_and_inbox(town_a, alice, groups, deputies):
    outcome = send(town_a, alice, NoticeAudience.SMALL_GROUP, groups["one_a"])

    reached = messages_of(outcome.notice)
    assert set(reached) == {"手机无账号", "手机有账号", "有账号无手机"}
    assert (reached["手机无账号"].phone, reached["手机无账号"].recipient) == ("13900000001", None)
    assert (reached["手机有账号"].phone, reached["手机有账号"].recipient) == ("13900000002", deputies["both"].user)
    assert (reached["有账号无手机"].phone, reached["有账号无手机"].recipient) == ("", deputies["login"].user)
    assert (outcome.texted, outcome.inbox_only) == (2, 1)
    assert outcome.unreachable == ["只有座机", "账号已停用"]
    assert outcome.notice.recipients == 5  # the serving deputies it was for, reached or not
    assert outcome.notice.unreachable == ["只有座机", "账号已停用"]


def test_each_message_is_a_notice_text_keyed_by_notice_and_deputy(town_a, alice, groups, deputies):
    notice = send(town_a, alice, NoticeAudience.SMALL_GROUP, groups["one_a"]).notice
    message = Notification.objects.get(key=f"notice:{notice.pk}:{deputies['mobile'].pk}")
    code = message.params.pop("code")
    assert (message.kind, message.params) == ("notice", {"town": town_a.name, "title": "开会通知"})
    assert (message.subject, message.body, message.township) == ("开会通知", "周五上午九点在镇政府开会。", town_a)
    assert message.url == f"/n/{code}", "the text carries the title and a link to read the notice in full"


def test_a_large_groups_notice_reaches_its_small_groups(town_a, alice, groups, deputies):
    notice = send(town_a, alice, NoticeAudience.LARGE_GROUP, groups["one"]).notice
    assert set(messages_of(notice)) == {"手机无账号", "手机有账号", "有账号无手机", "一组乙代表"}
    assert (notice.large_group, notice.small_group, notice.recipients) == (groups["one"], None, 6)


def test_a_notice_to_all_reaches_every_serving_deputy_of_the_town_only(town_a, town_b, alice, bob, groups, deputies):
    DeputyFactory(township=town_b, name="乙镇代表")
    notice = send(town_a, alice).notice
    assert set(messages_of(notice)) == {"手机无账号", "手机有账号", "有账号无手机", "一组乙代表", "二组甲代表", "鲍勃"}
    assert notice.recipients == 8


def test_the_same_deputy_is_told_once_per_notice(town_a, alice, groups, deputies):
    notice = send(town_a, alice, NoticeAudience.SMALL_GROUP, groups["one_b"]).notice
    notices._tell(notice, deputies["one_b"])  # the same step again, as a retried job would
    assert Notification.objects.filter(key__startswith=notice.key_prefix).count() == 1


def test_a_group_without_serving_deputies_is_refused(town_a, alice, groups, deputies):
    empty = SmallGroupFactory(township=town_a, large_group=groups["two"], name="空组")
    with pytest.raises(NoticeError, match=re.escape(_("This group has no serving deputies."))):
        send(town_a, alice, NoticeAudience.SMALL_GROUP, empty)
    assert not Notice.objects.exists() and not Notification.objects.exists()


def test_a_town_without_serving_deputies_is_refused(town_a, alice):
    with pytest.raises(NoticeError):
        send(town_a, alice)
    assert not Notice.objects.exists()


@pytest.mark.parametrize(("title", "text"), [("", "内容"), ("标题", "  "), ("标", "字" * 301), ("标" * 31, "内容")])
def test_a_notice_without_words_or_too_long_is_refused(town_a, alice, deputies, title, text):
    with pytest.raises(NoticeError):
        send(town_a, alice, title=title, text=text)
    assert not Notification.objects.exists()


def test_a_group_of_another_town_is_refused(town_a, town_b, alice, deputies):
    foreign = LargeGroupFactory(township=town_b)
    with pytest.raises(NoticeError):
        send(town_a, alice, NoticeAudience.LARGE_GROUP, foreign)
    assert not Notice.objects.exists()


def test_a_group_that_does_not_fit_the_audience_is_refused(town_a, alice, groups, deputies):
    with pytest.raises(NoticeError):
        send(town_a, alice, NoticeAudience.SMALL_GROUP, groups["one"])  # a large group as a small one
    with pytest.raises(NoticeError):
        send(town_a, alice, NoticeAudience.LARGE_GROUP, None)
    with pytest.raises(NoticeError):
        send(town_a, alice, "everyone")


def test_the_same_notice_sent_twice_at_once_is_sent_once(town_a, alice, groups, deputies):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        send(town_a, alice, NoticeAudience.SMALL_GROUP, groups["one_b"])
    with time_machine.travel(start + timedelta(minutes=1), tick=False), pytest.raises(NoticeError):
        send(town_a, alice, NoticeAudience.SMALL_GROUP, groups["one_b"])
    with time_machine.travel(start + timedelta(minutes=11), tick=False):
        send(town_a, alice, NoticeAudience.SMALL_GROUP, groups["one_b"])
    assert Notice.objects.count() == 2


def test_a_deputy_reads_the_whole_notice_from_the_link_in_the_text_without_logging_in(
    client, town_a, alice, groups, deputies
):
    notice = send(town_a, alice, NoticeAudience.SMALL_GROUP, groups["one_a"]).notice
    message = Notification.objects.get(key=f"notice:{notice.pk}:{deputies['mobile'].pk}")

    response = client.get(message.url)

    assert response.status_code == 200
    page = response.content.decode()
    assert "开会通知" in page and "周五上午九点在镇政府开会。" in page and "手机无账号" in page
    assert client.post(message.url).status_code == 405, "the page only reads"


def test_a_notice_link_that_expired_or_is_unknown_reads_nothing(client, town_a, alice, groups, deputies):
    notice = send(town_a, alice, NoticeAudience.SMALL_GROUP, groups["one_a"]).notice
    message = Notification.objects.get(key=f"notice:{notice.pk}:{deputies['mobile'].pk}")
    assert client.get("/n/abcdefghjk").status_code == 404
    with time_machine.travel(timezone.now() + timedelta(days=91)):
        response = client.get(message.url)
    assert response.status_code == 410 and "周五上午九点" not in response.content.decode()
