"""An item's Word documents (proposals/views/documents.py): the assignment notice (交办通知) and the reply
letter (答复函)."""

from datetime import date

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils.translation import gettext as _

from proposals.models import Kind
from tests.documents import assert_official_layout, docx_of, texts

pytestmark = pytest.mark.django_db


def test_the_office_downloads_the_assignment_notice(login, alice, town_a, flow, cathy, department_b):
    item = flow.assigned(cosigners=[cathy.deputy], assisting=[department_b])

    response = login(alice).get(reverse("proposal_assignment_notice", args=[item.pk]) + "?number=12")

    document = docx_of(response)
    title = f"关于交办第{item.number}号代表建议的通知"
    assert_official_layout(document, title=title, number=f"{town_a.name}人大〔2026〕12号")
    found = texts(document)
    assert f"{flow.main.name}，{department_b.name}：" in found
    assert {flow.main.name, department_b.name, item.lead_deputy.name} <= set(found)
    assert cathy.deputy.name in found
    assert "一、情况；二、理由；三、建议。" in found
    assert "二〇二六年三月二日" in found


def test_an_item_not_assigned_has_no_notice_yet(login, alice, flow):
    item = flow.accepted()

    response = login(alice).get(reverse("proposal_assignment_notice", args=[item.pk]))

    assert response.status_code == 302
    assert [m.message for m in get_messages(response.wsgi_request)] == [_("The item is not assigned to a unit yet.")]


def test_the_office_downloads_the_reply_letter(login, alice, town_a, flow):
    reply = flow.replied(
        done="修好了路灯",
        planned="=明年更换全部灯杆",
        planned_by=date(2026, 12, 31),
        not_adopted="+造价高",
        reply_class="B",
    )
    item = reply.proposal

    document = docx_of(login(alice).get(reverse("proposal_reply_letter", args=[item.pk])))

    assert_official_layout(document, title=f"关于对{item.lead_deputy.name}代表第{item.number}号建议的答复")
    found = texts(document)
    issuer = f"{town_a.name}{flow.main.name}"
    assert issuer in found and f"{issuer}〔2026〕　　号" in found
    assert f"{item.lead_deputy.name}代表：" in found
    assert {"经研究，已按建议办理。", "修好了路灯", "=明年更换全部灯杆", "+造价高"} <= set(found)
    assert {"一、已经办理的情况", "二、下一步工作计划", "三、未能采纳部分的说明"} <= set(found)
    closing = next(t for t in found if t.startswith("（办理结果"))
    assert (
        closing.startswith("（办理结果类别：B")
        and "李正华" in closing
        and "王志强" in closing
        and "0873-6100001" in closing
    )


def test_an_item_without_a_reply_has_no_letter(login, alice, flow):
    item = flow.assigned()

    response = login(alice).get(reverse("proposal_reply_letter", args=[item.pk]))

    assert response.status_code == 302
    assert [m.message for m in get_messages(response.wsgi_request)] == [_("There is no reply yet.")]


def test_the_items_page_offers_the_documents_to_the_office(login, alice, bob, flow):
    item = flow.replied().proposal
    urls = [reverse(name, args=[item.pk]) for name in ("proposal_assignment_notice", "proposal_reply_letter")]

    office_page = login(alice).get(reverse("proposal_detail", args=[item.pk])).content.decode()
    deputy_page = login(bob).get(reverse("proposal_detail", args=[item.pk])).content.decode()

    assert all(url in office_page for url in urls)
    assert not any(url in deputy_page for url in urls)


def test_another_towns_office_cannot_download_an_items_documents(login, dave, flow):
    item = flow.replied().proposal

    for name in ("proposal_assignment_notice", "proposal_reply_letter"):
        assert login(dave).get(reverse(name, args=[item.pk])).status_code == 404


# --- A session's collection (汇编) ---------------------------------------------------------------------------


def test_the_collection_holds_the_sessions_items_with_their_replies(login, alice, town_a, flow, session_a):
    replied = flow.replied(done="已修好", reply_class="A")
    waiting = flow.assigned(kind=Kind.PROPOSAL, title="关于修建村级活动场所的议案")
    draft = flow.draft(title="草稿不入汇编")

    document = docx_of(login(alice).get(reverse("proposal_collection", args=[session_a.pk])))

    found = texts(document)
    assert_official_layout(document, title="代表议案建议及办理答复汇编")
    contents = [t for t in found if t.startswith("第") and "（领衔代表：" in t]
    assert contents == [
        f"第{waiting.number}号　关于修建村级活动场所的议案（领衔代表：{waiting.lead_deputy.name}）",
        f"第{replied.proposal.number}号　{replied.proposal.title}（领衔代表：{replied.proposal.lead_deputy.name}）",
    ]
    assert "经研究，已按建议办理。" in found and "已办理：已修好" in found and "尚未答复。" in found
    assert "A类" in found and "未答复" in found
    assert not any(draft.title in t for t in found)
    assert document.element.body.xml.count('w:type="page"') == 2  # each item on its own pages


def test_a_session_without_items_still_makes_a_collection(login, alice, session_a2):
    found = texts(docx_of(login(alice).get(reverse("proposal_collection", args=[session_a2.pk]))))

    assert "本次会议没有登记编号的议案和建议。" in found


def test_another_towns_office_cannot_download_the_collection(login, dave, session_a):
    assert login(dave).get(reverse("proposal_collection", args=[session_a.pk])).status_code == 404


def test_the_rates_page_offers_the_collection_to_the_office(login, alice, flow, session_a):
    flow.assigned()

    assert (
        reverse("proposal_collection", args=[session_a.pk])
        in login(alice).get(reverse("proposal_rates")).content.decode()
    )
