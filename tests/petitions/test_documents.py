"""The referral notice to a unit (交办单) and the supervision panel's report as Word documents
(petitions/views/documents.py)."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from petitions.models import MajorCase, PanelMeeting, PanelQuestion, Referral
from petitions.services.visits import ReferralPlan, visit_categories_for, visit_record
from tests.documents import assert_official_layout, docx_of, texts
from tests.factories import DeputyFactory

pytestmark = pytest.mark.django_db
TZ = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def referral(town_a, alice, station, department_a) -> Referral:
    dan = DeputyFactory(township=town_a, name="丁丹")
    visit = visit_record(
        township=town_a,
        user=alice,
        station=station,
        category=visit_categories_for(township=town_a)[0],
        visitor_name="王大妈",
        visitor_phone="13911112222",
        visitor_address="上坝村三组",
        content="村道路灯坏了三个月\n=晚上看不见路",
        outcome="referred",
        received_at=datetime(2026, 11, 2, 9, 30, tzinfo=TZ),
        deputies=[dan],
        suggestions=[(dan, "请供电所一周内修好@供电所")],
        referral=ReferralPlan(department=department_a, responsible_name="周主任", responsible_phone="13800000000"),
    )
    return visit.referral


def test_the_office_downloads_the_referral_notice(login, alice, town_a, referral):
    response = login(alice).get(reverse("referral_notice", args=[referral.pk]) + "?number=7")

    document = docx_of(response)
    assert_official_layout(document, title="代表接访事项交办单", number=f"{town_a.name}人大交〔2026〕7号")
    found = texts(document)
    assert f"{referral.department.name}：" in found
    assert {"王大妈", "13911112222", "周主任 13800000000", "丁丹"} <= set(found)
    assert "村道路灯坏了三个月" in found and "=晚上看不见路" in found
    assert "1. 丁丹：请供电所一周内修好@供电所" in found
    assert "上坝村三组" not in "".join(found)  # the unit calls the visitor; the address is not its business
    assert "filename*=utf-8''" in response["Content-Disposition"]


def test_without_a_number_the_notice_leaves_it_blank(login, alice, town_a, referral):
    document = docx_of(login(alice).get(reverse("referral_notice", args=[referral.pk]) + "?number=x"))

    assert_official_layout(document, title="代表接访事项交办单", number=f"{town_a.name}人大交〔2026〕　　号")


def test_the_referral_page_offers_the_notice_to_the_office_only(login, alice, carol, referral):
    url = reverse("referral_notice", args=[referral.pk])

    assert url in login(alice).get(reverse("referral_detail", args=[referral.pk])).content.decode()
    assert url not in login(carol).get(reverse("referral_detail", args=[referral.pk])).content.decode()


def test_another_towns_office_cannot_download_the_notice(login, dave, referral):
    assert login(dave).get(reverse("referral_notice", args=[referral.pk])).status_code == 404


def test_a_unit_with_a_name_of_60_characters_gets_its_notice(login, alice, referral):
    referral.department.name = "长" * 60
    referral.department.save()

    found = texts(docx_of(login(alice).get(reverse("referral_notice", args=[referral.pk]))))

    assert "长" * 60 + "：" in found and "长" * 60 in found


# --- The supervision panel's report to the leaders ---------------------------------------------------------


@pytest.fixture
def meeting(town_a, referral, leo, bob):
    held = PanelMeeting.objects.create(
        township=town_a, month=date(2026, 11, 1), held_on=date(2026, 11, 30), place="镇政府三楼会议室",
        report="本月交办事项均已落实责任人。\n=路灯已修复两处",
    )  # fmt: skip
    held.leaders.set([leo.leader])
    held.attendees.set([bob.deputy])
    PanelQuestion.objects.create(
        township=town_a, meeting=held, asked_by=bob.deputy, to_leader=leo.leader, question="路灯何时修完？",
        answer="十二月十日前。", follow_up=True,
    )  # fmt: skip
    MajorCase.objects.create(township=town_a, title="修路占地补偿", lead_leader=leo.leader)
    return held


def test_the_office_downloads_the_panels_report(login, alice, town_a, meeting, leo, bob):
    response = login(alice).get(reverse("panel_meeting_report", args=[meeting.pk]))

    document = docx_of(response)
    assert_official_layout(document, title="督查情况的报告")
    assert "关于2026年11月代表接访工作" in texts(document)
    found = texts(document)
    assert f"{town_a.name}人大代表督查团" in found and "镇党委、镇人民政府：" in found
    assert any(
        text.startswith("本月共登记来访1批1人次") and "新交办1件，办结0件，月末超期未办结0件" in text for text in found
    )
    assert "=路灯已修复两处" in found and "路灯何时修完？" in found and "答复：十二月十日前。" in found
    assert f"（一）{bob.deputy.name}代表询问{leo.leader.name}" in found
    assert any("修路占地补偿" in text for text in found)
    assert "二〇二六年十一月三十日" in found
    assert [len(table.columns) for table in document.tables] == [3, 2]  # by unit, by category


def test_the_panel_page_offers_the_report_to_the_office_only(login, alice, leo, meeting):
    url = reverse("panel_meeting_report", args=[meeting.pk])

    assert url in login(alice).get(reverse("panel_meeting", args=[meeting.pk])).content.decode()
    assert url not in login(leo).get(reverse("panel_meeting", args=[meeting.pk])).content.decode()


def test_another_towns_office_cannot_download_the_panels_report(login, dave, meeting):
    assert login(dave).get(reverse("panel_meeting_report", args=[meeting.pk])).status_code == 404
