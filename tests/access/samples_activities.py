"""Town A's sample rows for the activities and the assessment (see samples.py, which re-exports them)."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from django.core.files.base import ContentFile
from django.utils import timezone

from activities.models import Activity, ActivityAttendance, GroupPlanItem
from assessments.models import Bulletin, BulletinStatus, Commendation, PartyReport
from assessments.services.assessment import assessment_compute
from assessments.services.bulletin import bulletin_draft
from congress.dates import first_of, last_month
from deputies.models import RuleKind
from deputies.services.rules import rule_create
from tests.factories import DeputyFactory

if TYPE_CHECKING:
    from tests.access.samples import TownASamples


def activity_rows(s: TownASamples) -> dict:
    """A held activity with bob attended; a coming one with bob invited, another deputy's leave waiting and a
    third deputy's invitation; a self-study hand-out with bob invited; a planned item; a commendation of bob."""
    if "activities" not in s.cache:
        town, bob = s.fixture("town_a"), s.fixture("bob").deputy
        today = timezone.localdate()
        held = Activity.objects.create(
            township=town, kind="inspection", title="视察河堤", date=today - timedelta(days=3)
        )
        coming = Activity.objects.create(
            township=town, kind="research", title="调研茶园", date=today + timedelta(days=5)
        )
        study = Activity.objects.create(
            township=town,
            kind="training",
            training_form="self_study",
            title="自学代表法",
            date=today - timedelta(days=1),
        )
        rows = {
            "held_mine": ActivityAttendance.objects.create(township=town, activity=held, deputy=bob, status="attended"),
            "coming_mine": ActivityAttendance.objects.create(township=town, activity=coming, deputy=bob),
            "study_mine": ActivityAttendance.objects.create(township=town, activity=study, deputy=bob),
            "pending": ActivityAttendance.objects.create(
                township=town,
                activity=coming,
                deputy=DeputyFactory(township=town),
                leave_state="pending",
                leave_reason="外出",
                leave_asked_at=timezone.now(),
            ),
            "invited": ActivityAttendance.objects.create(
                township=town, activity=coming, deputy=DeputyFactory(township=town)
            ),
        }
        item = GroupPlanItem.objects.create(
            township=town, small_group=bob.small_group, year=today.year, quarter=1, title="学习监督法"
        )
        commendation = Commendation.objects.create(
            township=town, deputy=bob, year=today.year, title="优秀代表", awarded_on=today
        )
        s.cache["activities"] = {
            "held": held,
            "coming": coming,
            "item": item,
            "commendation": commendation,
            **rows,
        }
    return s.cache["activities"]


def assessment_rows(s: TownASamples) -> dict:
    """Last month assessed for town A (bob serving), its bulletin published; this month's drafted."""
    if "assessment" not in s.cache:
        town = s.fixture("town_a")
        s.fixture("bob")
        month, this_month = last_month(), first_of(timezone.localdate())
        assessment_compute(township_ids=[town.pk], month=month)
        assessment_compute(township_ids=[town.pk], month=this_month)
        published = bulletin_draft(township=town, month=month)
        Bulletin.objects.filter(pk=published.pk).update(status=BulletinStatus.PUBLISHED)
        draft = bulletin_draft(township=town, month=this_month)
        s.cache["assessment"] = {"published": published, "draft": draft}
    return s.cache["assessment"]


def party_report_rows(s: TownASamples) -> dict:
    """A report of town A to its party committee, sent this month and not answered yet."""
    if "party_report" not in s.cache:
        report = PartyReport.objects.create(
            township=s.fixture("town_a"),
            subject="关于代表联络站建设的报告",
            sent_on=timezone.localdate(),
            file=ContentFile(b"%PDF-1.4", name="report.pdf"),
            file_name="关于代表联络站建设的报告.pdf",
        )
        s.cache["party_report"] = {"report": report}
    return s.cache["party_report"]


def rule_rows(s: TownASamples) -> dict:
    """A rule of town A's library, published to its deputies and public, posted at its sample station."""
    if "rules" not in s.cache:
        rule = rule_create(
            township=s.fixture("town_a"),
            user=s.fixture("alice"),
            title="接待站上墙制度",
            kind=RuleKind.WALL,
            text="一、每周一8:00签到。",
            in_force_on=timezone.localdate(),
            stations=[s.objects["station"]],
            is_public=True,
            published=True,
        )
        s.cache["rules"] = {"rule": rule}
    return s.cache["rules"]
