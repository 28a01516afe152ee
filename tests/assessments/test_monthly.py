"""The month's assessment: a month scored by hand, the lock of a published month, the monthly job and
its command, the month's pages, and the queries they cost (assessments/services/assessment.py,
assessments/views/assessment.py)."""

from datetime import date
from io import StringIO

import pytest
from django.contrib import messages
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from activities.models import ActivityKind, Attendance
from assessments.models import Assessment, Bulletin, BulletinStatus, Item
from assessments.services.assessment import EPOCH, assessment_compute, standard_ensure
from assessments.services.bulletin import bulletin_draft, bulletin_publish, month_assess_all
from assessments.tasks import assess_last_month
from congress.dates import format_month
from deputies.models import DeputyStatus
from petitions.models import AttendanceStatus
from proposals.models import Status
from tests.assessments.conftest import MARCH, NOW, Records, at, row_of, snapshot
from tests.factories import DeputyFactory, TownshipFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]


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
    assert len(shown) == 1 and shown[0][0] == messages.ERROR and format_month(date(2026, 3, 1)) in shown[0][1]
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
