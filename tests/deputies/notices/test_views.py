"""The notice pages as the office uses them (alice, through the test client): sending a notice and being told
whom it reached and how, the list with each notice's counts in one query, a notice's messages deputy by deputy,
and the refusals — for another town's office, a leader, a group of another town."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from congress.models import Notification, NotificationStatus
from deputies.models import Notice, NoticeAudience
from deputies.services.notices import notice_send
from tests.factories import LargeGroupFactory

pytestmark = pytest.mark.django_db


def shown(response) -> list[tuple[str, str]]:
    return [(m.level_tag, str(m)) for m in get_messages(response.wsgi_request)]


def form(audience=NoticeAudience.ALL, **fields) -> dict:
    return {"title": "开会通知", "text": "周五上午九点开会。", "audience": audience, **fields}


def sent(town, user, group, title="开会通知") -> Notice:
    audience = NoticeAudience.SMALL_GROUP if group._meta.model_name == "smallgroup" else NoticeAudience.LARGE_GROUP
    return notice_send(township=town, user=user, title=title, text="内容", audience=audience, group=group).notice


def test_the_office_sends_a_notice_and_is_told_whom_it_reached(login, alice, groups, deputies):
    response = login(alice).post(
        reverse("notice_send"), form(NoticeAudience.SMALL_GROUP, small_group=groups["one_a"].pk)
    )
    notice = Notice.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("notice_detail", args=[notice.pk])
    told = shown(response)
    assert [level for level, _text in told] == ["success", "warning"]
    assert "只有座机" in told[1][1] and "账号已停用" in told[1][1]
    assert Notification.objects.filter(key__startswith=notice.key_prefix).count() == 3


def test_the_form_shows_the_town_groups_with_their_serving_deputies(login, alice, groups, deputies):
    page = login(alice).get(reverse("notice_send"))
    assert page.status_code == 200
    choices = [label for _value, label in page.context["form"].fields["small_group"].choices]
    assert any("一组甲" in str(label) and "5" in str(label) for label in choices)


def test_a_group_audience_without_a_group_shows_the_form_again(login, alice, deputies):
    response = login(alice).post(reverse("notice_send"), form(NoticeAudience.LARGE_GROUP))
    assert response.status_code == 200
    assert "large_group" in response.context["form"].errors
    assert not Notice.objects.exists()


def test_a_group_of_another_town_cannot_be_chosen(login, alice, town_b, deputies):
    foreign = LargeGroupFactory(township=town_b)
    response = login(alice).post(reverse("notice_send"), form(NoticeAudience.LARGE_GROUP, large_group=foreign.pk))
    assert response.status_code == 200
    assert "large_group" in response.context["form"].errors
    assert not Notice.objects.exists() and not Notification.objects.exists()


def test_a_notice_to_nobody_is_refused_with_a_message(login, alice, town_a, groups):
    response = login(alice).post(
        reverse("notice_send"), form(NoticeAudience.SMALL_GROUP, small_group=groups["two_a"].pk)
    )
    assert response.status_code == 200
    assert [level for level, _text in shown(response)] == ["error"]
    assert not Notice.objects.exists()


def test_the_list_counts_each_notices_messages(login, alice, town_a, groups, deputies):
    first = sent(town_a, alice, groups["one_a"], "第一")
    second = sent(town_a, alice, groups["one"], "第二")
    rows = Notification.objects.filter(key__startswith=first.key_prefix)
    rows.filter(phone="13900000001").update(status=NotificationStatus.FAILED, error_code="isv.X")
    rows.filter(phone="13900000002").update(status=NotificationStatus.DELIVERED, texted_at="2026-11-18T10:00Z")
    page = login(alice).get(reverse("notice_list"))
    counts = {
        n.title: (n.recipients, n.messages, n.texted, n.delivered, n.failed, n.waiting) for n in page.context["page"]
    }
    assert counts == {"第一": (5, 3, 1, 1, 1, 1), "第二": (6, 4, 0, 0, 0, 4)}
    assert [n.pk for n in page.context["page"]] == [second.pk, first.pk]


def test_the_list_costs_the_same_queries_at_any_length(
    login, alice, town_a, groups, deputies, django_assert_max_num_queries
):
    client = login(alice)
    sent(town_a, alice, groups["one_a"], "第一")
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("notice_list"))
    for n in range(5):
        sent(town_a, alice, groups["one_b"] if n % 2 else groups["two"], f"通知{n}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("notice_list"))


def test_the_detail_lists_each_deputys_message_and_those_not_reached(login, alice, town_a, groups, deputies):
    notice = sent(town_a, alice, groups["one_a"])
    page = login(alice).get(reverse("notice_detail", args=[notice.pk]))
    assert page.status_code == 200
    assert [row.message.recipient_name for row in page.context["rows"]] == sorted(
        ["手机无账号", "手机有账号", "有账号无手机"]
    )
    html = page.content.decode()
    assert "data-unreachable" in html and "只有座机" in html


def test_another_towns_office_finds_no_notice_of_the_town(login, alice, dave, town_a, groups, deputies):
    notice = sent(town_a, alice, groups["one_a"])
    client = login(dave)
    assert client.get(reverse("notice_detail", args=[notice.pk])).status_code == 404
    assert "开会通知" not in client.get(reverse("notice_list")).content.decode()


@pytest.mark.parametrize("who", ["leo", "bob", "carol", "erin"])
def test_only_the_office_sends_notices(login, request, who, groups, deputies):
    client = login(request.getfixturevalue(who))
    assert client.get(reverse("notice_list")).status_code == 403
    response = client.post(reverse("notice_send"), form(NoticeAudience.SMALL_GROUP, small_group=groups["one_a"].pk))
    assert response.status_code == 403
    assert not Notice.objects.exists()
