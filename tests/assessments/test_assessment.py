"""The monthly assessment (一月一考核, 一月一通报, 表先促后): a hand-made month scored item by item under the
unified standard, computing it again, versions of the standard, the lock a published bulletin puts on its
month, the bulletin drafted and published, the monthly job, the year end, the pages and who sees them, and
the queries they cost whatever the number of deputies."""

from datetime import date, datetime, time, timedelta
from io import BytesIO, StringIO
from zoneinfo import ZoneInfo

import pytest
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from activities.models import ActivityKind, Attendance
from assessments.models import (
    DEFAULT_STANDARD,
    Assessment,
    Bulletin,
    BulletinStatus,
    Commendation,
    Grade,
    GradeThresholds,
    Item,
    Standard,
    StandardItem,
)
from assessments.scoring import standard_rules
from assessments.selectors.year_end import thresholds_for, year_ranking
from assessments.services.assessment import (
    EPOCH,
    AssessmentError,
    assessment_compute,
    standard_ensure,
    standard_save,
    standards_in_force,
)
from assessments.services.bulletin import bulletin_draft, bulletin_publish, bulletin_update, month_assess_all
from assessments.services.year_end import commend_excellent, thresholds_save
from assessments.tasks import assess_last_month
from congress.models import Notification, Role
from congress.responses import XLSX
from deputies.models import DeputyStatus
from petitions.models import (
    AttendanceStatus,
    DutyAssignment,
    DutyDay,
    HandlingSuggestion,
    MajorCase,
    PanelMeeting,
    PanelQuestion,
    Visit,
    VisitCategory,
)
from proposals.models import CoSigner, Proposal, Status
from tests.factories import (
    ActivityAttendanceFactory,
    DeputyFactory,
    LeaderFactory,
    MembershipFactory,
    StationFactory,
    TownshipFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

TZ = ZoneInfo("Asia/Shanghai")
MARCH = date(2026, 3, 1)
JULY = date(2026, 7, 1)


def at(day: date, hour: int = 10, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=TZ)


NOW = at(date(2026, 4, 10))  # March is last month


@pytest.fixture(autouse=True)
def frozen_clock(time_machine):
    """The clock stands still on 10 April 2026 unless a test moves it: nothing reads the real date."""
    time_machine.move_to(NOW, tick=False)
    return time_machine


class Records:
    """Rows of one town made directly: what the services of the other apps would have left behind."""

    def __init__(self, town):
        self.town = town
        self.station = StationFactory(township=town)
        self.category, _ = VisitCategory.objects.get_or_create(township=town, name="基础设施")
        self.leader = LeaderFactory(township=town)
        self.count = 0

    def _n(self) -> int:
        self.count += 1
        return self.count

    def duty(self, deputy, day: date, status=AttendanceStatus.PRESENT, *, late: bool = False) -> DutyAssignment:
        duty_day, _ = DutyDay.objects.get_or_create(
            township=self.town,
            date=day,
            defaults={
                "start_time": time(8, 0),
                "station": self.station,
                "small_group": deputy.small_group,
                "status": "published",
            },
        )
        signed = at(day, 8, 45) if late else at(day, 7, 50)
        return DutyAssignment.objects.create(
            township=self.town,
            duty_day=duty_day,
            deputy=deputy,
            status=status,
            late=late,
            signed_in_at=signed if status == AttendanceStatus.PRESENT else None,
        )

    def visit(self, when: datetime) -> Visit:
        return Visit.objects.create(
            township=self.town,
            received_at=when,
            station=self.station,
            visitor_name=f"来访人{self._n()}",
            category=self.category,
            content="村道破损",
            outcome="answered",
        )

    def suggestion(self, deputy, when: datetime) -> HandlingSuggestion:
        return HandlingSuggestion.objects.create(
            township=self.town, visit=self.visit(when), deputy=deputy, text="建议尽快修复", created_at=when
        )

    def activity(self, deputy, kind: str, day: date, status=Attendance.ATTENDED):
        return ActivityAttendanceFactory(
            activity__township=self.town,
            activity__kind=kind,
            activity__training_form="full" if kind == ActivityKind.TRAINING else "",
            activity__date=day,
            deputy=deputy,
            status=status,
        )

    def proposal(self, lead, status, accepted_at=None, *, cosigners=(), confirmed: bool = True) -> Proposal:
        proposal = Proposal.objects.create(
            township=self.town,
            title=f"关于第{self._n()}件事的建议",
            content="一、情况；二、理由；三、建议。",
            category="infrastructure",
            lead_deputy=lead,
            status=status,
            accepted_at=accepted_at,
        )
        for deputy in cosigners:
            CoSigner.objects.create(
                township=self.town,
                proposal=proposal,
                deputy=deputy,
                confirmed_at=at(date(2026, 1, 5)) if confirmed else None,
            )
        return proposal

    def panel(self, month: date, *, present=(), questions=()) -> PanelMeeting:
        meeting = PanelMeeting.objects.create(township=self.town, month=month, held_on=month + timedelta(days=27))
        meeting.attendees.set(present)
        for deputy in questions:
            PanelQuestion.objects.create(
                township=self.town, meeting=meeting, asked_by=deputy, to_leader=self.leader, question="进展如何？"
            )
        return meeting

    def case(self, deputies, opened_on: date) -> MajorCase:
        case = MajorCase.objects.create(
            township=self.town, title=f"重大案件{self._n()}", lead_leader=self.leader, opened_on=opened_on
        )
        case.deputies.set(deputies)
        return case


def row_of(deputy, month: date = MARCH) -> Assessment:
    return Assessment.objects.get(deputy=deputy, month=month)


def snapshot(township_ids) -> list[tuple]:
    return list(
        Assessment.objects.filter(township_id__in=township_ids)
        .order_by("id")
        .values_list("id", "deputy_id", "month", "standard_id", "total", "breakdown", "rank", "computed_at")
    )


def default_rules(**changes: tuple[int, int | None]) -> dict[str, tuple[int, int | None]]:
    return {item: DEFAULT_STANDARD[item] for item in Item.values} | changes


# --- A hand-made month ------------------------------------------------------------------------------------

# Bob's March by hand, under the default standard: [count, points] of each item.
BOB_MARCH = {
    Item.DUTY_ATTENDED: [2, 10],  # 2 × 5
    Item.DUTY_ABSENT: [1, -5],
    Item.DUTY_LATE: [1, -1],
    Item.SUGGESTION: [6, 10],  # 6 × 2 = 12, held at the cap of 10
    Item.ACTIVITY: [1, 3],  # the inspection; the research he missed does not count
    Item.TRAINING: [1, 2],
    Item.PROPOSAL_LED: [1, 3],  # the one accepted in March; February's and the draft do not count
    Item.COSIGNED: [4, 3],  # 4 × 1, held at the cap of 3
    Item.PANEL: [1, 3],
    Item.PANEL_QUESTION: [2, 2],
    Item.MAJOR_CASE: [1, 3],
    Item.REPORT: [1, 5],
}
BOB_TOTAL = 10 - 5 - 1 + 10 + 3 + 2 + 3 + 3 + 3 + 2 + 3 + 5  # 38


@pytest.fixture
def march(town_a, town_b, bob):
    """March 2026 in town A for bob and three others, with February, April and town B around it."""
    a = Records(town_a)
    me = bob.deputy
    dan = DeputyFactory(township=town_a, name="丁丹")
    eve = DeputyFactory(township=town_a, name="伊娃")
    idle = DeputyFactory(township=town_a, name="闲人")
    former = DeputyFactory(township=town_a, name="卸任代表", status=DeputyStatus.ENDED)

    a.duty(me, date(2026, 3, 2))
    a.duty(me, date(2026, 3, 9), late=True)
    a.duty(me, date(2026, 3, 16), AttendanceStatus.ABSENT)
    a.duty(me, date(2026, 3, 30), AttendanceStatus.LEAVE)
    a.duty(dan, date(2026, 3, 23))
    a.duty(eve, date(2026, 3, 23))
    a.duty(former, date(2026, 3, 23))
    for day in range(2, 8):
        a.suggestion(me, at(date(2026, 3, day), 9))
    a.activity(me, ActivityKind.INSPECTION, date(2026, 3, 10))
    a.activity(me, ActivityKind.TRAINING, date(2026, 3, 12))
    a.activity(me, ActivityKind.REPORT, date(2026, 3, 14))
    a.activity(me, ActivityKind.RESEARCH, date(2026, 3, 18), Attendance.ABSENT)
    a.proposal(me, Status.ACCEPTED, at(date(2026, 3, 1), 0, 30))  # just after midnight in Shanghai: March
    a.proposal(me, Status.CLOSED, at(date(2026, 2, 28), 23, 30))
    a.proposal(me, Status.DRAFT)
    for status in (Status.ACCEPTED, Status.ASSIGNED, Status.REPLIED, Status.CLOSED):
        a.proposal(former, status, at(date(2026, 3, 11)), cosigners=[me])
    a.proposal(former, Status.ACCEPTED, at(date(2026, 3, 12)), cosigners=[me], confirmed=False)
    a.proposal(former, Status.SUBMITTED, cosigners=[me])
    a.panel(MARCH, present=[me], questions=[me, me])
    a.case([me], date(2026, 3, 5))

    # The months around it: none of this counts for March.
    a.duty(me, date(2026, 2, 23))
    a.duty(me, date(2026, 4, 6), AttendanceStatus.ABSENT)
    a.suggestion(me, at(date(2026, 2, 28), 23, 30))
    a.suggestion(me, at(date(2026, 4, 1), 0, 30))
    a.activity(me, ActivityKind.INSPECTION, date(2026, 4, 1))
    a.activity(me, ActivityKind.TRAINING, date(2026, 2, 28))
    a.activity(me, ActivityKind.REPORT, date(2026, 2, 27))
    a.proposal(former, Status.ACCEPTED, at(date(2026, 4, 1), 0, 30), cosigners=[me])
    a.panel(date(2026, 2, 1), present=[me], questions=[me])
    a.case([me], date(2026, 2, 28))

    # Town B, the same month: its deputy is ranked in town B only.
    b = Records(town_b)
    far = DeputyFactory(township=town_b, name="远方")
    b.duty(far, date(2026, 3, 2))
    b.suggestion(far, at(date(2026, 3, 2), 9))
    b.panel(MARCH, present=[far], questions=[far])
    return {"me": me, "dan": dan, "eve": eve, "idle": idle, "former": former, "far": far}


def test_a_deputys_month_is_scored_item_by_item_as_worked_out_by_hand(town_a, town_b, march):
    assessment_compute(township_ids=[town_a.pk, town_b.pk], month=MARCH)

    row = row_of(march["me"])
    assert row.breakdown == {str(item): points for item, points in BOB_MARCH.items()}
    assert row.total == BOB_TOTAL == 38
    assert row.township == town_a and row.month == MARCH
    assert row.standard.active_from == EPOCH
    assert row.computed_at == NOW


def test_a_deputy_with_nothing_recorded_scores_zero_on_every_item(town_a, march):
    assessment_compute(township_ids=[town_a.pk], month=MARCH)

    row = row_of(march["idle"])
    assert row.breakdown == {item: [0, 0] for item in Item.values}
    assert row.total == 0


def test_ranks_are_competition_ranks_within_each_town(town_a, town_b, march):
    written = assessment_compute(township_ids=[town_a.pk, town_b.pk], month=MARCH)

    ranks = {
        row.deputy.name: (row.total, row.rank)
        for row in Assessment.objects.filter(month=MARCH, township=town_a).select_related("deputy")
    }
    assert ranks == {"鲍勃": (38, 1), "丁丹": (5, 2), "伊娃": (5, 2), "闲人": (0, 4)}
    far = row_of(march["far"])
    assert (far.township, far.total, far.rank) == (town_b, 5 + 2 + 3 + 1, 1)
    assert written == 5


def test_a_deputy_no_longer_serving_gets_no_row(town_a, march):
    assessment_compute(township_ids=[town_a.pk], month=MARCH)

    assert not Assessment.objects.filter(deputy=march["former"]).exists()


def test_computing_one_town_writes_no_row_for_another(town_a, march):
    assert assessment_compute(township_ids=[town_a.pk], month=MARCH) == 4

    assert not Assessment.objects.filter(deputy=march["far"]).exists()
    assert set(Assessment.objects.values_list("township_id", flat=True)) == {town_a.pk}


def test_computing_the_same_month_again_gives_the_same_rows(town_a, town_b, march):
    assessment_compute(township_ids=[town_a.pk, town_b.pk], month=MARCH)
    first = snapshot([town_a.pk, town_b.pk])

    again = assessment_compute(township_ids=[town_a.pk, town_b.pk], month=MARCH)

    assert again == 5
    assert snapshot([town_a.pk, town_b.pk]) == first
    assert Assessment.objects.count() == 5
    assert Assessment.objects.filter(deputy=march["me"], month=MARCH).count() == 1


# --- Versions of the standard ------------------------------------------------------------------------------


@pytest.fixture
def in_july(frozen_clock):
    frozen_clock.move_to(at(date(2026, 7, 10)), tick=False)


def test_a_standard_changed_mid_year_leaves_the_months_before_it_as_they_were(town_a, alice, bob, in_july):
    records = Records(town_a)
    records.duty(bob.deputy, date(2026, 3, 2))
    records.duty(bob.deputy, date(2026, 7, 6))
    assessment_compute(township_ids=[town_a.pk], month=MARCH)
    before = row_of(bob.deputy)

    new = standard_save(
        township=town_a,
        active_from=JULY,
        rules=default_rules(duty_attended=(10, None)),
        note="接访每次10分",
        user=alice,
    )
    assessment_compute(township_ids=[town_a.pk], month=MARCH)
    assessment_compute(township_ids=[town_a.pk], month=JULY)

    march = row_of(bob.deputy)
    assert (march.standard_id, march.total, march.breakdown) == (before.standard_id, 5, before.breakdown)
    assert march.standard.active_from == EPOCH
    july = row_of(bob.deputy, JULY)
    assert july.standard == new and new.active_from == JULY and new.created_by == alice
    assert july.total == 10 and july.breakdown[Item.DUTY_ATTENDED] == [1, 10]
    assert standards_in_force(township_ids=[town_a.pk], month=date(2026, 6, 1))[town_a.pk].active_from == EPOCH


def test_a_new_standard_for_a_past_month_is_refused_and_creates_nothing(town_a, alice, in_july):
    with pytest.raises(AssessmentError):
        standard_save(township=town_a, active_from=date(2026, 6, 1), rules=default_rules(), note="", user=alice)

    assert not Standard.objects.exists() and not StandardItem.objects.exists()


def test_a_new_standard_that_leaves_an_item_out_is_refused(town_a, alice, in_july):
    rules = default_rules()
    del rules[Item.REPORT]

    with pytest.raises(AssessmentError):
        standard_save(township=town_a, active_from=JULY, rules=rules, note="", user=alice)

    assert not Standard.objects.filter(active_from=JULY).exists()


def test_saving_the_standard_again_for_a_month_already_computed_replaces_its_points(town_a, alice, bob, in_july):
    standard_save(township=town_a, active_from=JULY, rules=default_rules(), note="第一稿", user=alice)
    assessment_compute(township_ids=[town_a.pk], month=JULY)  # the office's "compute now" of the running month

    standard_save(township=town_a, active_from=JULY, rules=default_rules(duty_attended=(10, None)), note="", user=alice)

    in_force = standards_in_force(township_ids=[town_a.pk], month=JULY)[town_a.pk]
    assert standard_rules(in_force)[Item.DUTY_ATTENDED] == (10, None)


# --- The lock of a published month -------------------------------------------------------------------------


@pytest.fixture
def small_march(town_a, bob):
    """Bob: two duties attended (one late), one missed, one on leave → 4; dan one attended → 5; idle nothing."""
    records = Records(town_a)
    me = bob.deputy
    dan = DeputyFactory(township=town_a, name="丁丹")
    idle = DeputyFactory(township=town_a, name="闲人")
    records.duty(me, date(2026, 3, 2))
    records.duty(me, date(2026, 3, 9), late=True)
    records.duty(me, date(2026, 3, 16), AttendanceStatus.ABSENT)
    records.duty(me, date(2026, 3, 23), AttendanceStatus.LEAVE)
    records.duty(dan, date(2026, 3, 23))
    return {"records": records, "me": me, "dan": dan, "idle": idle}


@pytest.fixture
def drafted(town_a, small_march):
    assessment_compute(township_ids=[town_a.pk], month=MARCH)
    return bulletin_draft(township=town_a, month=MARCH)


def test_a_published_month_is_locked_against_computing_again(town_a, town_b, alice, small_march, drafted):
    bulletin_publish(bulletin=drafted, user=alice)
    before = snapshot([town_a.pk])
    small_march["records"].duty(small_march["idle"], date(2026, 3, 30))
    DeputyFactory(township=town_b)

    assert assessment_compute(township_ids=[town_a.pk], month=MARCH) == 0
    assert assessment_compute(township_ids=[town_a.pk, town_b.pk], month=MARCH) == 1  # town B only

    assert snapshot([town_a.pk]) == before
    assert row_of(small_march["idle"]).total == 0


def test_the_office_computing_a_published_month_is_told_it_is_locked(login, town_a, alice, small_march, drafted):
    bulletin_publish(bulletin=drafted, user=alice)
    before = snapshot([town_a.pk])

    response = login(alice).post(reverse("assessment_run"), {"month": "2026-03"}, follow=True)

    assert response.redirect_chain[-1][0] == f"{reverse('assessment_month')}?month=2026-03"
    shown = [(m.level, m.message) for m in response.context["messages"]]
    assert len(shown) == 1 and shown[0][0] == messages.ERROR and "2026-03" in shown[0][1]
    assert snapshot([town_a.pk]) == before


def test_the_office_computing_an_open_month_assesses_it_and_drafts_the_bulletin(login, town_a, alice, small_march):
    response = login(alice).post(reverse("assessment_run"), {"month": "2026-03"}, follow=True)

    assert [m.level for m in response.context["messages"]] == [messages.SUCCESS]
    assert Assessment.objects.filter(township=town_a, month=MARCH).count() == 3
    assert Bulletin.objects.get(township=town_a, month=MARCH).status == BulletinStatus.DRAFT


def test_the_office_of_a_town_without_deputies_is_not_told_its_month_is_locked(login, town_a, alice):
    response = login(alice).post(reverse("assessment_run"), {"month": "2026-03"}, follow=True)

    with translation.override("zh-hans"):
        locked = translation.gettext("The bulletin of %(month)s is published; its assessment is locked.") % {
            "month": "2026-03"
        }
    assert not Bulletin.objects.exists()
    assert locked not in [m.message for m in response.context["messages"]]


# --- The bulletin ------------------------------------------------------------------------------------------


def test_the_draft_bulletin_holds_the_months_figures_and_who_is_praised_and_urged(town_a, small_march, drafted):
    bulletin = drafted

    assert bulletin.status == BulletinStatus.DRAFT and bulletin.month == MARCH
    assert "甲镇" in bulletin.title and "2026-03" in bulletin.title
    assert "2026-03" in bulletin.summary
    assert bulletin.figures["duty"] == {"scheduled": 5, "present": 3, "leave": 1, "absent": 1, "rate": 60.0}
    assert bulletin.figures["visits"]["visits"] == 0
    assert "丁丹（5）、鲍勃（4）" in bulletin.praised and "闲人" not in bulletin.praised
    assert "鲍勃（4）" in bulletin.urged and "丁丹" not in bulletin.urged
    assert bulletin.drafted_at == NOW


def test_drafting_again_updates_the_same_draft(town_a, small_march, drafted, frozen_clock):
    frozen_clock.move_to(NOW + timedelta(hours=2), tick=False)
    small_march["records"].duty(small_march["idle"], date(2026, 3, 30))
    assessment_compute(township_ids=[town_a.pk], month=MARCH)

    again = bulletin_draft(township=town_a, month=MARCH)

    assert again.pk == drafted.pk and Bulletin.objects.count() == 1
    assert again.figures["duty"]["scheduled"] == 6 and again.figures["duty"]["present"] == 4
    assert "闲人（5）" in again.praised
    assert again.drafted_at == NOW + timedelta(hours=2)


def test_a_month_not_assessed_drafts_no_bulletin(town_a, small_march):
    assert bulletin_draft(township=town_a, month=MARCH) is None
    assert not Bulletin.objects.exists()


def test_publishing_tells_every_deputy_and_leader_of_the_town_once(
    town_a, town_b, alice, bob, carol, leo, dave, erin, drafted
):
    both = UserFactory(username="both")
    MembershipFactory(user=both, township=town_a, role=Role.DEPUTY)
    MembershipFactory(user=both, township=town_a, role=Role.LEADER)
    elsewhere = UserFactory(username="elsewhere")
    MembershipFactory(user=elsewhere, township=town_b, role=Role.DEPUTY)

    published = bulletin_publish(bulletin=drafted, user=alice)

    assert published.status == BulletinStatus.PUBLISHED and published.published_by == alice
    assert published.published_at == NOW
    sent = Notification.objects.filter(key__startswith=f"bulletin:{drafted.pk}:")
    assert sorted(n.recipient.username for n in sent) == ["bob", "both", "leo"]
    assert {(n.subject, n.url, n.township_id) for n in sent} == {
        (drafted.title, reverse("bulletin_detail", args=[drafted.pk]), town_a.pk)
    }
    assert Notification.objects.count() == 3


def test_publishing_twice_is_refused(town_a, alice, bob, drafted):
    bulletin_publish(bulletin=drafted, user=alice)

    with pytest.raises(AssessmentError):
        bulletin_publish(bulletin=drafted, user=alice)

    assert Notification.objects.count() == 1


def test_a_published_bulletin_no_longer_changes(town_a, alice, drafted):
    bulletin_publish(bulletin=drafted, user=alice)
    before = Bulletin.objects.values().get(pk=drafted.pk)

    with pytest.raises(AssessmentError):
        bulletin_update(bulletin=drafted, title="改过的标题", summary="", praised="", urged="")
    assert bulletin_draft(township=town_a, month=MARCH) is None

    assert Bulletin.objects.values().get(pk=drafted.pk) == before


def test_the_office_edits_the_draft_bulletins_text(town_a, drafted):
    bulletin_update(bulletin=drafted, title="  三月通报  ", summary="概况", praised="表扬", urged="督促")

    drafted.refresh_from_db()
    assert (drafted.title, drafted.summary, drafted.praised, drafted.urged) == ("三月通报", "概况", "表扬", "督促")
    with pytest.raises(AssessmentError):
        bulletin_update(bulletin=drafted, title="  ", summary="", praised="", urged="")


# --- The monthly job ---------------------------------------------------------------------------------------


@pytest.fixture
def three_towns(town_a, town_b, bob):
    """Town A with bob, town B with two deputies, and a town with no deputy at all."""
    empty = TownshipFactory(county=town_a.county, name="丙镇", code="bing")
    Records(town_b).duty(DeputyFactory(township=town_b), date(2026, 3, 2))
    DeputyFactory(township=town_b)
    return {"empty": empty}


def test_the_monthly_job_assesses_every_town_and_drafts_their_bulletins(town_a, town_b, three_towns):
    result = month_assess_all(month=date(2026, 3, 15))

    assert result == {"rows": 3, "bulletins": 2}
    assert sorted(Assessment.objects.filter(month=MARCH).values_list("township_id", flat=True)) == sorted(
        [town_a.pk, town_b.pk, town_b.pk]
    )
    assert set(Bulletin.objects.filter(month=MARCH).values_list("township_id", flat=True)) == {town_a.pk, town_b.pk}


def test_the_monthly_job_assesses_last_month_by_default(town_a, three_towns):
    result = assess_last_month.delay().get()

    assert result == {"rows": 3, "bulletins": 2}
    assert set(Assessment.objects.values_list("month", flat=True)) == {MARCH}


def test_the_command_assesses_the_month_given(town_a, town_b, three_towns):
    out = StringIO()

    call_command("assess_month", "--month", "2026-03", stdout=out)

    assert Assessment.objects.filter(month=MARCH).count() == 3
    assert Bulletin.objects.filter(month=MARCH).count() == 2
    assert out.getvalue().strip() == "assessed: 3 deputies; bulletins drafted: 2"


@pytest.mark.parametrize("month", ["nonsense", "2026-13", "2026/03"])
def test_the_command_refuses_a_month_it_cannot_read(town_a, month):
    with pytest.raises(CommandError):
        call_command("assess_month", "--month", month, stdout=StringIO())

    assert not Assessment.objects.exists()


# --- Year end ----------------------------------------------------------------------------------------------


def months_of(deputy, totals: dict[date, int]) -> None:
    standard = standard_ensure(township=deputy.township)
    for month, total in totals.items():
        Assessment.objects.create(
            township=deputy.township,
            deputy=deputy,
            month=month,
            standard=standard,
            total=total,
            breakdown={},
            rank=1,
            computed_at=NOW,
        )


@pytest.fixture
def year_2025(town_a, town_b):
    jan, feb, mar = date(2025, 1, 1), date(2025, 2, 1), date(2025, 3, 1)
    d = {
        "ben": DeputyFactory(township=town_a, name="本"),
        "ana": DeputyFactory(township=town_a, name="安", is_village_cadre=True),
        "cy": DeputyFactory(township=town_a, name="茜"),
        "fay": DeputyFactory(township=town_a, name="菲"),
        "dot": DeputyFactory(township=town_a, name="多"),
        "eli": DeputyFactory(township=town_a, name="伊莱"),
        "gone": DeputyFactory(township=town_a, name="离任", status=DeputyStatus.ENDED),
        "far": DeputyFactory(township=town_b, name="远方"),
    }
    months_of(d["ben"], {jan: 50, feb: 40})
    months_of(d["ana"], {jan: 45, mar: 40})
    months_of(d["cy"], {jan: 30, feb: 30})
    months_of(d["fay"], {mar: 60})
    months_of(d["dot"], {feb: 35, date(2024, 12, 1): 100, date(2026, 1, 1): 100})
    months_of(d["gone"], {jan: 20})
    months_of(d["far"], {jan: 200})
    return d


def _year(town) -> dict[str, tuple]:
    rows = year_ranking(township=town, year=2025, thresholds=thresholds_for(township=town))
    return {r.deputy.name: (r.total, r.months, r.rank, r.grade) for r in rows}


def test_the_year_sums_the_months_ranks_and_grades_the_deputies(town_a, year_2025):
    assert _year(town_a) == {
        "本": (90, 2, 1, Grade.EXCELLENT),
        "安": (85, 2, 2, Grade.EXCELLENT),
        "茜": (60, 2, 3, Grade.COMPETENT),
        "菲": (60, 1, 3, Grade.COMPETENT),
        "多": (35, 1, 5, Grade.BASIC),
        "离任": (20, 1, 6, Grade.NOT),
        "伊莱": (0, 0, 7, Grade.NOT),
    }


def test_only_an_excellent_deputy_who_is_not_a_village_cadre_is_a_cadre_candidate(town_a, year_2025):
    rows = year_ranking(township=town_a, year=2025, thresholds=thresholds_for(township=town_a))

    assert [r.deputy.name for r in rows if r.cadre_candidate] == ["本"]


def test_the_towns_thresholds_change_the_grades(town_a, year_2025):
    thresholds_save(township=town_a, excellent=90, competent=60, basic=40)

    grades = {name: grade for name, (_t, _m, _r, grade) in _year(town_a).items()}
    assert grades == {
        "本": Grade.EXCELLENT,
        "安": Grade.COMPETENT,
        "茜": Grade.COMPETENT,
        "菲": Grade.COMPETENT,
        "多": Grade.NOT,
        "离任": Grade.NOT,
        "伊莱": Grade.NOT,
    }


@pytest.mark.parametrize(("excellent", "competent", "basic"), [(50, 50, 30), (40, 50, 30), (80, 30, 30)])
def test_thresholds_out_of_order_are_refused(town_a, excellent, competent, basic):
    thresholds_save(township=town_a, excellent=90, competent=60, basic=40)

    with pytest.raises(ValidationError):
        thresholds_save(township=town_a, excellent=excellent, competent=competent, basic=basic)

    saved = GradeThresholds.objects.get(township=town_a)
    assert (saved.excellent, saved.competent, saved.basic) == (90, 60, 40)


def test_the_excellent_are_commended_once(town_a, alice, year_2025):
    rows = year_ranking(township=town_a, year=2025, thresholds=thresholds_for(township=town_a))
    excellent = [r.deputy for r in rows if r.grade == Grade.EXCELLENT]

    def commend() -> int:
        return commend_excellent(
            township=town_a,
            year=2025,
            deputies=[*excellent, year_2025["far"]],
            title="2025年度优秀人大代表",
            awarded_on=date(2026, 1, 20),
            user=alice,
        )

    assert commend() == 2
    assert commend() == 0
    assert sorted(Commendation.objects.values_list("deputy__name", "year", "title", "recorded_by__username")) == [
        ("安", 2025, "2025年度优秀人大代表", "alice"),
        ("本", 2025, "2025年度优秀人大代表", "alice"),
    ]


# --- Pages -------------------------------------------------------------------------------------------------


def test_the_office_sees_the_months_ranking(login, alice, drafted):
    response = login(alice).get(reverse("assessment_month"), {"month": "2026-03"})

    assert response.status_code == 200
    assert [(r.deputy.name, r.total, r.rank) for r in response.context["rows"]] == [
        ("丁丹", 5, 1),
        ("鲍勃", 4, 2),
        ("闲人", 0, 3),
    ]
    assert response.context["bulletin"] == drafted
    assert "鲍勃" in response.content.decode()


def test_the_office_sees_the_draft_bulletin_with_its_edit_form(login, alice, drafted):
    response = login(alice).get(reverse("bulletin_detail", args=[drafted.pk]))

    assert response.status_code == 200
    assert response.context["form"].instance == drafted
    assert reverse("bulletin_edit", args=[drafted.pk]) in response.content.decode()
    assert reverse("bulletin_publish", args=[drafted.pk]) in response.content.decode()


def test_the_office_saves_the_draft_bulletins_text_from_its_page(login, alice, drafted):
    data = {"title": "三月通报", "summary": "概况", "praised": "表扬", "urged": "督促"}

    response = login(alice).post(reverse("bulletin_edit", args=[drafted.pk]), data)

    assert response.status_code == 302 and response["Location"] == reverse("bulletin_detail", args=[drafted.pk])
    drafted.refresh_from_db()
    assert (drafted.title, drafted.summary, drafted.praised, drafted.urged) == ("三月通报", "概况", "表扬", "督促")


def test_the_office_publishes_the_bulletin_from_its_page(login, alice, bob, leo, drafted):
    response = login(alice).post(reverse("bulletin_publish", args=[drafted.pk]))

    assert response.status_code == 302
    drafted.refresh_from_db()
    assert drafted.status == BulletinStatus.PUBLISHED and drafted.published_by == alice
    assert set(Notification.objects.values_list("recipient__username", flat=True)) == {"bob", "leo"}


def test_a_deputy_cannot_open_a_draft_bulletin(login, bob, drafted):
    assert login(bob).get(reverse("bulletin_detail", args=[drafted.pk])).status_code == 404


def test_a_deputy_reads_a_published_bulletin(login, alice, bob, drafted):
    bulletin_publish(bulletin=drafted, user=alice)

    response = login(bob).get(reverse("bulletin_detail", args=[drafted.pk]))

    assert response.status_code == 200
    assert "form" not in response.context
    assert [r.deputy.name for r in response.context["ranking"]] == ["丁丹", "鲍勃", "闲人"]


def test_a_deputy_sees_their_own_score_and_rank(login, bob, drafted):
    response = login(bob).get(reverse("my_scores"))

    assert response.status_code == 200
    latest = response.context["months"][0]
    assert (latest.assessment.deputy, latest.assessment.month, latest.assessment.total) == (bob.deputy, MARCH, 4)
    assert (latest.assessment.rank, latest.of) == (2, 3)
    with translation.override("zh-hans"):
        rank = translation.gettext("Rank %(rank)s of %(of)s in the town") % {"rank": 2, "of": 3}
    page = response.content.decode()
    assert rank in page
    assert '<span class="fs-4 fw-semibold">4</span>' in page


def test_a_deputy_is_refused_the_months_ranking(login, bob, drafted):
    assert login(bob).get(reverse("assessment_month"), {"month": "2026-03"}).status_code == 403


def test_another_towns_office_cannot_open_the_bulletin(login, dave, drafted):
    assert login(dave).get(reverse("bulletin_detail", args=[drafted.pk])).status_code == 404


def test_a_leader_sees_the_dashboard(login, leo, drafted):
    response = login(leo).get(reverse("dashboard"))

    assert response.status_code == 200
    assert response.context["d"]["this_month"] == date(2026, 4, 1)


@pytest.fixture
def april_visits(town_a, town_b):
    a, b = Records(town_a), Records(town_b)
    a.visit(at(date(2026, 4, 2)))
    a.visit(at(date(2026, 4, 3)))
    b.visit(at(date(2026, 4, 2)))
    a.visit(at(date(2026, 3, 2)))  # last month: not counted


def test_the_county_sees_every_town_and_sorts_them_by_a_figure(login, erin, town_a, town_b, april_visits):
    client = login(erin)

    by_name = client.get(reverse("county_overview"))
    by_visits = client.get(reverse("county_overview"), {"sort": "visits"})

    assert by_name.status_code == by_visits.status_code == 200
    assert [(r["town"].name, r["visits"]) for r in by_name.context["rows"]] == sorted([("甲镇", 2), ("乙镇", 1)])
    assert [(r["town"].name, r["visits"]) for r in by_visits.context["rows"]] == [("甲镇", 2), ("乙镇", 1)]


def test_the_office_is_refused_the_county_overview(login, alice):
    assert login(alice).get(reverse("county_overview")).status_code == 403


def _standard_form(active_from: str, **points: int) -> dict:
    data = {"active_from": active_from, "note": "缺席加重扣分"}
    for item in Item.values:
        value, cap = DEFAULT_STANDARD[item]
        data[f"points_{item}"] = points.get(item, value)
        data[f"cap_{item}"] = "" if cap is None else cap
    return data


def test_the_office_saves_a_new_version_of_the_standard_from_its_page(login, alice, town_a):
    response = login(alice).post(reverse("standard"), _standard_form("2026-05-01", duty_absent=-8))

    assert response.status_code == 302 and response["Location"] == reverse("standard")
    new = Standard.objects.get(township=town_a, active_from=date(2026, 5, 1))
    assert (new.note, new.created_by) == ("缺席加重扣分", alice)
    rules = {row.item: (row.points, row.monthly_cap) for row in new.items.all()}
    assert rules == default_rules(duty_absent=(-8, None))
    assert standards_in_force(township_ids=[town_a.pk], month=date(2026, 4, 1))[town_a.pk].active_from == EPOCH


def test_the_office_is_told_a_past_month_cannot_take_a_new_standard(login, alice, town_a):
    response = login(alice).post(reverse("standard"), _standard_form("2026-03-01"))

    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert not Standard.objects.filter(active_from=date(2026, 3, 1)).exists()


def test_a_leader_reads_the_standard_but_cannot_change_it(login, leo, town_a):
    client = login(leo)

    assert client.get(reverse("standard")).status_code == 200
    assert client.post(reverse("standard"), _standard_form("2026-05-01")).status_code == 403
    assert not Standard.objects.filter(active_from=date(2026, 5, 1)).exists()


def test_the_bulletin_exports_to_a_workbook(login, alice, small_march, drafted):
    groups = {small_march[key].name: small_march[key].small_group.name for key in ("dan", "me", "idle")}

    response = login(alice).get(reverse("bulletin_export", args=[drafted.pk]))

    assert response.status_code == 200 and response["Content-Type"] == XLSX
    book = load_workbook(BytesIO(response.content))
    ranking = list(book["2026-03"].iter_rows(values_only=True))
    assert [row[:4] for row in ranking[1:]] == [
        (1, "丁丹", groups["丁丹"], 5),
        (2, "鲍勃", groups["鲍勃"], 4),
        (3, "闲人", groups["闲人"], 0),
    ]
    absent = 4 + 2 * Item.values.index(Item.DUTY_ABSENT)
    assert ranking[2][absent : absent + 2] == (1, -5)
    text = dict(book.worksheets[1].iter_rows(min_row=2, values_only=True))
    assert drafted.title in text.values()


# --- Queries -----------------------------------------------------------------------------------------------


def crowd(town, n: int) -> list:
    """n deputies of the town, each with a duty, a suggestion and (every third) a missed duty in March."""
    records = Records(town)
    deputies = [DeputyFactory(township=town) for _ in range(n)]
    for i, deputy in enumerate(deputies):
        records.duty(deputy, date(2026, 3, 2), late=i % 2 == 0)
        records.suggestion(deputy, at(date(2026, 3, 2), 9))
        if i % 3 == 0:
            records.duty(deputy, date(2026, 3, 9), AttendanceStatus.ABSENT)
    return deputies


def test_computing_a_month_costs_the_same_queries_for_five_deputies_or_forty(town_a, town_b):
    crowd(town_a, 5)
    crowd(town_b, 40)
    standard_ensure(township=town_a)
    standard_ensure(township=town_b)

    with CaptureQueriesContext(connection) as few:
        assert assessment_compute(township_ids=[town_a.pk], month=MARCH) == 5
    with CaptureQueriesContext(connection) as many:
        assert assessment_compute(township_ids=[town_b.pk], month=MARCH) == 40

    assert len(many) == len(few), (len(few), len(many))


def test_the_months_page_costs_the_same_queries_for_five_deputies_or_forty(login, alice, town_a):
    crowd(town_a, 5)
    assessment_compute(township_ids=[town_a.pk], month=MARCH)
    bulletin_draft(township=town_a, month=MARCH)
    client = login(alice)
    url = f"{reverse('assessment_month')}?month=2026-03"
    client.get(url)  # the first page of a session may fill caches

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200
        return len(captured)

    few = queries()
    crowd(town_a, 35)
    assessment_compute(township_ids=[town_a.pk], month=MARCH)
    many = queries()

    assert Assessment.objects.filter(township=town_a, month=MARCH).count() == 40
    assert many == few, (few, many)
