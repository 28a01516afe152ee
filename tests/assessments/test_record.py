"""The performance record (履职档案): a deputy's year in its parts and the township's overview, built from a
hand-made history; its pages cost the same queries however long the history; who sees whose record; and
the commendations the office records."""

from datetime import date, datetime, time, timedelta
from io import BytesIO
from zoneinfo import ZoneInfo

import pytest
from django.contrib import messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from activities.models import Activity, ActivityAttendance, ActivityKind, Attendance, TrainingForm
from assessments.models import Commendation
from assessments.selectors.record import DutySummary, Tally, performance_record, record_overview
from congress.responses import XLSX
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
from proposals.models import CoSigner, Feedback, Proposal, Rating, Reply, Status
from tests.factories import DeputyFactory, LeaderFactory, StationFactory

pytestmark = pytest.mark.django_db

TZ = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 11, 20, 10, 0, tzinfo=TZ)


def at(day: date, hour: int = 10, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=TZ)


@pytest.fixture(autouse=True)
def frozen_clock(time_machine):
    time_machine.move_to(NOW, tick=False)
    return time_machine


class History:
    """Rows of a deputy's history in town A, made directly: what the services would have left behind."""

    def __init__(self, town):
        self.town = town
        self.station = StationFactory(township=town)
        self.category = VisitCategory.objects.create(township=town, name="基础设施")
        self.leader = LeaderFactory(township=town)
        self.count = 0

    def _n(self) -> int:
        self.count += 1
        return self.count

    def activity(self, deputy, kind, day, status, *, training_form="", title=""):
        activity = Activity.objects.create(
            township=self.town,
            kind=kind,
            training_form=training_form,
            title=title or f"{kind}活动{self._n()}",
            date=day,
        )
        return ActivityAttendance.objects.create(township=self.town, activity=activity, deputy=deputy, status=status)

    def duty(self, deputy, day, status, *, late=False):
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

    def visit(self, when, *, present=()):
        visit = Visit.objects.create(
            township=self.town,
            received_at=when,
            station=self.station,
            visitor_name=f"来访人{self._n()}",
            category=self.category,
            content="村道破损",
            outcome="answered",
        )
        visit.deputies.set(present)
        return visit

    def suggestion(self, deputy, when):
        return HandlingSuggestion.objects.create(
            township=self.town, visit=self.visit(when), deputy=deputy, text="建议尽快修复", created_at=when
        )

    def panel(self, month: date, *, present=(), questions=()):
        meeting = PanelMeeting.objects.create(township=self.town, month=month, held_on=month + timedelta(days=27))
        meeting.attendees.set(present)
        for deputy in questions:
            PanelQuestion.objects.create(
                township=self.town, meeting=meeting, asked_by=deputy, to_leader=self.leader, question="进展如何？"
            )
        return meeting

    def case(self, deputy, opened_on, concluded_on=None):
        case = MajorCase.objects.create(
            township=self.town,
            title=f"重大案件{self._n()}",
            lead_leader=self.leader,
            opened_on=opened_on,
            concluded_on=concluded_on,
        )
        case.deputies.add(deputy)
        return case

    def proposal(self, lead, when, status, *, cosigners=(), activity=None):
        proposal = Proposal.objects.create(
            township=self.town,
            title=f"关于第{self._n()}件事的建议",
            content="一、情况；二、理由；三、建议。",
            category="infrastructure",
            lead_deputy=lead,
            status=status,
            created_at=when,
            activity=activity,
        )
        for deputy in cosigners:
            CoSigner.objects.create(township=self.town, proposal=proposal, deputy=deputy)
        return proposal

    def reply(self, proposal, round_, reply_class, overall=None):
        Reply.objects.create(
            township=self.town,
            proposal=proposal,
            round=round_,
            reply_class=reply_class,
            text="经研究，已按建议办理。",
            signer="李正华",
            contact="王志强",
            phone="0873-6100001",
        )
        if overall:
            Feedback.objects.create(
                township=self.town,
                proposal=proposal,
                round=round_,
                **dict.fromkeys(("consultation", "attitude", "reply", "result"), Rating.SATISFIED),
                overall=overall,
                comment="" if overall != Rating.NOT else "措施不具体",
            )

    def commendation(self, deputy, year, title, awarded_on):
        return Commendation.objects.create(
            township=self.town, deputy=deputy, year=year, title=title, awarded_on=awarded_on
        )


@pytest.fixture
def history(town_a):
    return History(town_a)


@pytest.fixture
def year_2026(town_a, bob, history):
    """Bob's 2026 in town A, with rows of 2025 and of other deputies around it that must not count."""
    me = bob.deputy
    lead = DeputyFactory(township=town_a, name="领衔代表")
    h = history
    rows = {
        "session": h.activity(me, ActivityKind.SESSION, date(2026, 2, 20), Attendance.ATTENDED, title="镇人代会"),
        "inspection_in": h.activity(me, ActivityKind.INSPECTION, date(2026, 3, 10), Attendance.ATTENDED),
        "inspection_out": h.activity(me, ActivityKind.INSPECTION, date(2026, 4, 10), Attendance.ABSENT),
        "research": h.activity(me, ActivityKind.RESEARCH, date(2026, 5, 10), Attendance.LEAVE),
        "training": h.activity(
            me, ActivityKind.TRAINING, date(2026, 6, 10), Attendance.ATTENDED, training_form=TrainingForm.FULL
        ),
        "study": h.activity(
            me, ActivityKind.TRAINING, date(2026, 7, 10), Attendance.ATTENDED, training_form=TrainingForm.SELF_STUDY
        ),
        "group": h.activity(me, ActivityKind.GROUP, date(2026, 8, 10), Attendance.ATTENDED),
        "report": h.activity(me, ActivityKind.REPORT, date(2026, 9, 10), Attendance.ATTENDED, title="向选民述职"),
        "last_year": h.activity(me, ActivityKind.INSPECTION, date(2025, 12, 31), Attendance.ATTENDED),
    }
    h.activity(lead, ActivityKind.INSPECTION, date(2026, 3, 11), Attendance.ATTENDED)

    mondays = [date(2026, 3, 2), date(2026, 3, 9), date(2026, 3, 16), date(2026, 3, 23), date(2026, 3, 30)]
    h.duty(me, mondays[0], AttendanceStatus.PRESENT)
    h.duty(me, mondays[1], AttendanceStatus.PRESENT, late=True)
    h.duty(me, mondays[2], AttendanceStatus.PRESENT)
    h.duty(me, mondays[3], AttendanceStatus.LEAVE)
    h.duty(me, mondays[4], AttendanceStatus.ABSENT)
    h.duty(me, date(2025, 12, 29), AttendanceStatus.PRESENT)

    h.suggestion(me, at(date(2026, 1, 1), 0, 30))  # just after midnight in Shanghai: still 2026
    h.suggestion(me, at(date(2026, 3, 2), 9))
    h.suggestion(me, at(date(2025, 12, 31), 23, 30))
    h.suggestion(lead, at(date(2026, 3, 2), 9))
    h.visit(at(date(2026, 3, 9), 9), present=[me])
    h.visit(at(date(2025, 3, 9), 9), present=[me])

    panel = h.panel(date(2026, 3, 1), present=[me], questions=[me])
    h.panel(date(2026, 4, 1), present=[lead], questions=[lead])
    h.panel(date(2025, 3, 1), present=[me], questions=[me])
    case = h.case(me, date(2026, 4, 1))
    h.case(me, date(2025, 1, 5), concluded_on=date(2025, 6, 1))

    closed = h.proposal(me, at(date(2026, 2, 21)), Status.CLOSED, activity=rows["session"].activity)
    h.reply(closed, 1, "C", Rating.NOT)
    h.reply(closed, 2, "A", Rating.SATISFIED)
    submitted = h.proposal(me, at(date(2026, 6, 1)), Status.SUBMITTED)
    h.proposal(me, at(date(2026, 7, 1)), Status.DRAFT)
    h.proposal(me, at(date(2025, 11, 1)), Status.CLOSED)
    cosigned = h.proposal(lead, at(date(2026, 5, 1)), Status.ACCEPTED, cosigners=[me])
    h.proposal(lead, at(date(2026, 5, 2)), Status.DRAFT, cosigners=[me])

    h.commendation(me, 2026, "优秀人大代表", date(2026, 10, 1))
    h.commendation(me, 2025, "履职积极分子", date(2025, 10, 1))
    return {
        "me": me,
        "lead": lead,
        "rows": rows,
        "panel": panel,
        "case": case,
        "closed": closed,
        "submitted": submitted,
        "cosigned": cosigned,
    }


# --- The record's parts ---------------------------------------------------------------------------------


def test_the_record_files_each_activity_of_the_year_under_its_part(year_2026):
    rows = year_2026["rows"]

    record = performance_record(deputy=year_2026["me"], year=2026)

    assert record.parts == {
        "meetings": [rows["session"]],
        "inspections": [rows["inspection_in"], rows["inspection_out"], rows["research"]],
        "training": [rows["training"], rows["study"]],
        "groups": [rows["group"]],
        "reports": [rows["report"]],
    }
    assert record.tallies == {
        "meetings": Tally(attended=1),
        "inspections": Tally(attended=1, leave=1, absent=1),
        "training": Tally(attended=2),
        "groups": Tally(attended=1),
        "reports": Tally(attended=1),
    }


def test_the_record_sums_up_the_reception_duty_of_the_year(year_2026):
    record = performance_record(deputy=year_2026["me"], year=2026)

    assert record.duty == DutySummary(
        scheduled=5, present=3, leave=1, absent=1, late=1, suggestions=2, visits=1, panel_questions=1
    )
    assert record.panel_meetings == [year_2026["panel"]]
    assert record.major_cases == [year_2026["case"]]


def test_the_record_lists_the_items_led_and_co_signed_but_no_drafts(year_2026):
    record = performance_record(deputy=year_2026["me"], year=2026)

    assert record.led == [year_2026["closed"], year_2026["submitted"]]
    assert record.cosigned == [year_2026["cosigned"]]
    assert record.accepted_led == 1
    closed, submitted = record.led
    assert (closed.last_reply.round, closed.last_reply.reply_class) == (2, "A")
    assert closed.last_feedback.overall == Rating.SATISFIED
    assert submitted.last_reply is None and submitted.last_feedback is None
    assert record.cosigned[0].lead_deputy == year_2026["lead"]


def test_the_record_holds_the_commendations_of_its_year_only(year_2026):
    record = performance_record(deputy=year_2026["me"], year=2026)

    assert [(c.year, c.title) for c in record.commendations] == [(2026, "优秀人大代表")]


def test_the_record_of_the_year_before_holds_only_that_years_rows(year_2026):
    record = performance_record(deputy=year_2026["me"], year=2025)

    assert {part: [r.activity.date for r in rows] for part, rows in record.parts.items() if rows} == {
        "inspections": [date(2025, 12, 31)]
    }
    assert record.duty == DutySummary(scheduled=1, present=1, suggestions=1, visits=1, panel_questions=1)
    assert [p.status for p in record.led] == [Status.CLOSED] and record.cosigned == []
    assert [c.title for c in record.commendations] == ["履职积极分子"]
    assert [c.concluded_on for c in record.major_cases] == [date(2025, 6, 1)]


def test_the_overview_row_counts_what_the_record_holds(town_a, year_2026):
    rows = {row.deputy.pk: row for row in record_overview(township=town_a, year=2026)}

    mine = rows[year_2026["me"].pk]
    assert mine.attended == {"meetings": 1, "inspections": 1, "training": 2, "groups": 1, "reports": 1}
    assert (mine.absent, mine.duty_present, mine.duty_absent) == (1, 3, 1)
    assert (mine.led, mine.cosigned, mine.commendations) == (2, 1, 1)
    theirs = rows[year_2026["lead"].pk]
    assert theirs.attended["inspections"] == 1 and (theirs.led, theirs.cosigned) == (1, 0)


def test_a_deputy_with_nothing_recorded_has_zeros_everywhere(town_a, year_2026):
    idle = DeputyFactory(township=town_a, name="无记录代表")

    row = next(r for r in record_overview(township=town_a, year=2026) if r.deputy == idle)
    record = performance_record(deputy=idle, year=2026)

    assert row.attended == dict.fromkeys(("meetings", "inspections", "training", "groups", "reports"), 0)
    assert (row.absent, row.duty_present, row.duty_absent, row.led, row.cosigned, row.commendations) == (0,) * 6
    assert all(rows == [] for rows in record.parts.values())
    assert record.duty == DutySummary()
    assert (record.led, record.cosigned, record.commendations, record.major_cases) == ([], [], [], [])


def test_the_overview_counts_no_other_townships_deputies(town_a, town_b, year_2026):
    elsewhere = DeputyFactory(township=town_b)

    deputies = [row.deputy for row in record_overview(township=town_a, year=2026)]

    assert year_2026["me"] in deputies and elsewhere not in deputies


# --- Queries --------------------------------------------------------------------------------------------


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


def test_the_record_page_costs_the_same_queries_however_long_the_history(login, alice, town_a, history):
    me = DeputyFactory(township=town_a, name="长历史代表")
    other = DeputyFactory(township=town_a)
    kinds = [ActivityKind.SESSION, ActivityKind.INSPECTION, ActivityKind.GROUP, ActivityKind.REPORT]

    def grow(start: int, n: int) -> None:
        for i in range(n):
            day = date(2026, 1, 5) + timedelta(days=start + i)
            row = history.activity(me, kinds[i % len(kinds)], day, Attendance.ATTENDED)
            history.activity(me, ActivityKind.TRAINING, day, Attendance.ATTENDED, training_form=TrainingForm.SELF_STUDY)
            led = history.proposal(me, at(day), Status.REPLIED, activity=row.activity)
            history.reply(led, 1, "B", Rating.BASIC)
            history.proposal(other, at(day), Status.ASSIGNED, cosigners=[me])
            history.duty(me, day, AttendanceStatus.PRESENT, late=i % 2 == 0)
            history.suggestion(me, at(day, 9))
            history.visit(at(day, 9), present=[me])
            history.panel(day, present=[me], questions=[me])
            history.case(me, day)
            history.commendation(me, 2026, f"表彰{start + i}", day)

    grow(0, 1)
    client = login(alice)
    url = f"/records/{me.pk}/?year=2026"
    client.get(url)  # the first page of a session may fill caches
    few = _queries(client, url)

    grow(100, 20)
    many = _queries(client, url)

    record = performance_record(deputy=me, year=2026)
    assert len(record.led) == 21 and sum(len(rows) for rows in record.parts.values()) == 42
    assert many == few, (few, many)


# --- Who sees whose record ------------------------------------------------------------------------------


def test_a_deputy_sees_their_own_record(login, bob, year_2026):
    response = login(bob).get(f"/records/{bob.deputy.pk}/?year=2026")

    assert response.status_code == 200
    assert response.context["record"].deputy == bob.deputy
    assert "镇人代会" in response.content.decode()


def test_a_deputy_is_refused_another_deputys_record(login, bob, town_a):
    other = DeputyFactory(township=town_a)
    client = login(bob)

    assert client.get(f"/records/{other.pk}/").status_code == 403
    assert client.get(f"/records/{other.pk}/print/").status_code == 403
    assert client.get(f"/records/{other.pk}/export/").status_code == 403


def test_my_record_takes_a_deputy_to_their_own(login, bob):
    response = login(bob).get("/records/mine/")

    assert response.status_code == 302 and response.url == f"/records/{bob.deputy.pk}/"


def test_an_office_of_another_township_gets_not_found_for_a_record(login, dave, bob):
    assert login(dave).get(f"/records/{bob.deputy.pk}/").status_code == 404


@pytest.mark.parametrize("reader", ["alice", "leo"])
def test_the_office_and_a_leader_see_any_deputys_record(request, login, town_a, bob, reader):
    other = DeputyFactory(township=town_a, name="另一位代表")
    client = login(request.getfixturevalue(reader))

    for deputy in (bob.deputy, other):
        response = client.get(f"/records/{deputy.pk}/")
        assert response.status_code == 200 and response.context["record"].deputy == deputy


def test_the_print_view_shows_the_deputys_record(login, alice, bob, year_2026):
    response = login(alice).get(f"/records/{bob.deputy.pk}/print/?year=2026")

    page = response.content.decode()
    assert response.status_code == 200
    assert "鲍勃" in page and "向选民述职" in page


def test_the_record_exports_as_a_workbook(login, alice, bob, year_2026):
    response = login(alice).get(f"/records/{bob.deputy.pk}/export/?year=2026")

    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    assert response.content[:2] == b"PK"


def test_the_overview_exports_as_a_workbook_with_the_same_counts(login, alice, bob, year_2026):
    response = login(alice).get("/records/?year=2026&format=xlsx")

    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    sheet = load_workbook(BytesIO(response.content)).active
    rows = {row[0]: list(row[2:]) for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows["鲍勃"] == [1, 1, 2, 1, 1, 1, 3, 1, 2, 1, 1]


def test_a_leaders_export_of_a_record_leaves_the_phone_out(login, alice, leo, bob):
    phone = bob.deputy.phone

    def facts(user) -> dict:
        content = login(user).get(f"/records/{bob.deputy.pk}/export/?year=2026").content
        sheet = load_workbook(BytesIO(content)).worksheets[0]
        return {row[0]: row[1] for row in sheet.iter_rows(min_row=2, values_only=True)}

    assert phone in facts(alice).values()
    assert phone in facts(bob).values()
    assert phone not in facts(leo).values()


# --- Commendations --------------------------------------------------------------------------------------


def commend(client, deputy, **changes):
    data = {"year": "2026", "title": "优秀人大代表", "awarded_by": "县人大常委会", "awarded_on": "2026-10-01"}
    return client.post(f"/records/{deputy.pk}/commendations/", data | changes, follow=True)


def errors_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"] if m.level == messages.ERROR]


def test_the_office_records_a_commendation(login, alice, bob):
    response = commend(login(alice), bob.deputy)

    assert response.redirect_chain[-1][0] == f"/records/{bob.deputy.pk}/?year=2026"
    assert errors_of(response) == []
    commendation = Commendation.objects.get()
    assert (commendation.deputy, commendation.year, commendation.title, commendation.awarded_on) == (
        bob.deputy,
        2026,
        "优秀人大代表",
        date(2026, 10, 1),
    )
    assert (commendation.recorded_by, commendation.township, commendation.awarded_by) == (
        alice,
        bob.deputy.township,
        "县人大常委会",
    )


def test_the_same_commendation_twice_in_a_year_is_refused_with_a_message(login, alice, bob):
    client = login(alice)
    commend(client, bob.deputy)

    response = commend(client, bob.deputy, awarded_on="2026-10-02")

    assert len(errors_of(response)) == 1
    assert Commendation.objects.count() == 1


def test_a_commendation_dated_in_the_future_is_refused(login, alice, bob):
    response = commend(login(alice), bob.deputy, awarded_on="2026-11-21")

    assert len(errors_of(response)) == 1
    assert not Commendation.objects.exists()


def test_a_deputy_cannot_record_a_commendation(login, bob):
    response = login(bob).post(
        f"/records/{bob.deputy.pk}/commendations/",
        {"year": "2026", "title": "自封代表", "awarded_on": "2026-10-01"},
    )

    assert response.status_code == 403
    assert not Commendation.objects.exists()
