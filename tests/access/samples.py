"""Who plays each role of the access matrix, and town A's sample rows that fill the URLs' arguments.

Rows are made on first use, so a test that opens one page pays only for the rows that page needs."""

from collections.abc import Callable
from contextlib import contextmanager
from datetime import date, timedelta

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.db.models import Model
from django.utils import timezone
from django_celery_beat.models import (
    ClockedSchedule,
    CrontabSchedule,
    IntervalSchedule,
    PeriodicTask,
    SolarSchedule,
)

from congress.models import CongressSession, Job, JobKind, JobStatus
from deputies.models import LinkPurpose, Term
from deputies.services.links import link_create
from petitions.models import (
    CalendarFeed,
    DutyAssignment,
    DutyDay,
    DutyDayStatus,
    Holiday,
    LeaveRequest,
    MajorCase,
    PanelMeeting,
    ReceptionSettings,
)
from petitions.services.visits import ReferralPlan, suggestion_add, visit_categories_for, visit_record
from petitions.services.visits import extension_request as visit_extension_request
from proposals.models import Attachment, Feedback, Proposal, Reply
from proposals.services.filing import proposal_assign, proposal_review, proposal_save, proposal_submit
from proposals.services.handling import extension_request as proposal_extension_request
from tests.access.samples_activities import activity_rows, assessment_rows, party_report_rows, rule_rows
from tests.factories import DeputyFactory


def _reply_sample(s):
    item = proposal_rows(s)["item"]
    return Reply.objects.create(
        township=item.township,
        proposal=item,
        round=1,
        reply_class="A",
        text="已办",
        signer="甲",
        contact="乙",
        phone="0873-6100001",
    )


def _feedback_sample(s):
    item = proposal_rows(s)["item"]
    return Feedback.objects.create(
        township=item.township,
        proposal=item,
        round=1,
        consultation="satisfied",
        attitude="satisfied",
        reply="satisfied",
        result="satisfied",
        overall="satisfied",
    )


TERM_BEGAN = date(2021, 10, 1)


def _axes_row(model, **fields):
    return model.objects.create(
        username="alice", ip_address="127.0.0.1", user_agent="test", http_accept="*/*", path_info="/login/", **fields
    )


# The roles of the access matrix and the user (a fixture of tests/conftest.py) who plays each one.
ROLE_USERS: dict[str, str | None] = {
    "anonymous": None,
    "office": "alice",
    "leader": "leo",
    "deputy": "bob",
    "unit": "carol",
    "county": "erin",
    "other_office": "dave",
}
ROLES = tuple(ROLE_USERS)


class TownASamples:
    """Town A's rows, through the fixtures of tests/conftest.py, each made on first use."""

    def __init__(self, request: pytest.FixtureRequest) -> None:
        self._request = request
        self._rows: dict[str, Model] = {}
        self.cache: dict[str, object] = {}

    def fixture(self, name: str):
        return self._request.getfixturevalue(name)

    @property
    def objects(self) -> dict[str, Model]:
        return self.fixture("town_a_objects")

    @property
    def notification(self):
        """A notification of town A whose recipient is alice."""
        return self.objects["notification"]

    def row(self, model: type[Model]) -> Model:
        """One row of `model` belonging to town A (or a global row for models without a town)."""
        label = model._meta.label
        if label not in self._rows:
            build = SAMPLE_ROWS.get(label)
            if build is None:
                pytest.fail(
                    f"No sample row for model {label}: add a builder to SAMPLE_ROWS in tests/access/samples.py",
                    pytrace=False,
                )
            self._rows[label] = build(self)
        return self._rows[label]


@contextmanager
def rolled_back():
    """A savepoint undone at the end, whatever happened inside."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def every_user(samples: TownASamples) -> None:
    """Every role's user, made now (outside any savepoint)."""
    for name in ROLE_USERS.values():
        if name:
            samples.fixture(name)


def each_role(samples: TownASamples, one: Callable[[str, str], None], methods=("GET", "POST")) -> None:
    """Run one(role, method) for every role and method, each in a savepoint rolled back after it, and fail
    once at the end with every mismatch. Every role's user exists first: a fixture first made inside a savepoint
    would be undone with it, while pytest keeps handing out the lost row."""
    every_user(samples)
    failures = []
    for role in ROLES:
        for method in methods:
            try:
                with rolled_back():
                    one(role, method)
            except Exception as error:  # noqa: BLE001 - every role's answer is checked, then all are reported
                failures.append(f"{role} {method}: {type(error).__name__}: {error}")
    if failures:
        pytest.fail("\n".join(failures), pytrace=False)


# --- Town A's rows behind the URLs' arguments, each group made once per test ----------------------------


def job_row(s: TownASamples) -> Job:
    """A finished register import of town A, started by alice."""
    if "job" not in s.cache:
        s.cache["job"] = Job.objects.create(
            township=s.fixture("town_a"),
            user=s.fixture("alice"),
            kind=JobKind.REGISTER_IMPORT,
            title="导入代表",
            status=JobStatus.DONE,
            total=2,
            done=2,
            message="导入完成",
        )
    return s.cache["job"]


def duty_rows(s: TownASamples) -> dict:
    """A coming duty day of town A, published: bob on it, and another deputy's leave request asking bob to stand in."""
    if "duty" not in s.cache:
        bob = s.fixture("bob").deputy
        day = DutyDay.objects.create(
            township=bob.township,
            date=timezone.localdate() + timedelta(days=7),
            start_time="08:00",
            station=s.objects["station"],
            small_group=bob.small_group,
            status=DutyDayStatus.PUBLISHED,  # a deputy's own day, leave and stand-in are of a published roster
        )
        mine = DutyAssignment.objects.create(township=bob.township, duty_day=day, deputy=bob)
        other = DutyAssignment.objects.create(
            township=bob.township, duty_day=day, deputy=DeputyFactory(township=bob.township)
        )
        leave = LeaveRequest.objects.create(
            township=bob.township,
            assignment=other,
            reason="外出",
            requested_at=timezone.now(),
            substitute=DeputyFactory(township=bob.township),
        )
        LeaveRequest.objects.filter(pk=leave.pk).update(substitute=bob, substitute_status="asked")
        feed = CalendarFeed.objects.create(township=bob.township, deputy=bob)
        s.cache["duty"] = {"day": day, "mine": mine, "other": other, "leave": leave, "feed": feed}
    return s.cache["duty"]


def link_codes(s: TownASamples) -> dict:
    """Bob's one-tap links, valid for a month: to his coming duty, to the leave asking him to stand in, and to the
    reply to an item of his that waits for his rating."""
    if "links" not in s.cache:
        rows, bob = duty_rows(s), s.fixture("bob").deputy
        item = Proposal.objects.create(
            township=bob.township, title="修桥", content="内容", category="infrastructure", lead_deputy=bob,
            status="replied",
        )  # fmt: skip
        reply = Reply.objects.create(
            township=bob.township, proposal=item, round=1, reply_class="A", text="已办", signer="甲", contact="乙",
            phone="0873-6100001",
        )  # fmt: skip
        until = timezone.now() + timedelta(days=30)
        s.cache["links"] = {
            purpose: link_create(deputy=bob, purpose=purpose, target_id=target, expires_at=until)
            for purpose, target in (
                (LinkPurpose.DUTY, rows["mine"].pk),
                (LinkPurpose.SUBSTITUTE, rows["leave"].pk),
                (LinkPurpose.RATE, reply.pk),
            )
        }
    return s.cache["links"]


def visit_rows(s: TownASamples) -> dict:
    """A visit of town A referred to carol's unit, with an extension waiting for the office."""
    if "visit" not in s.cache:
        town = s.fixture("town_a")
        visit = visit_record(
            township=town,
            user=s.fixture("alice"),
            station=s.objects["station"],
            category=visit_categories_for(township=town)[0],
            visitor_name="王大妈",
            visitor_phone="13911112222",
            content="村道塌方",
            outcome="referred",
            referral=ReferralPlan(department=s.fixture("department_a"), responsible_name="张三"),
        )
        extension = visit_extension_request(
            referral=visit.referral,
            user=s.fixture("carol"),
            new_due=visit.referral.due + timedelta(days=30),
            reason="雨季施工困难",
        )
        s.cache["visit"] = {"visit": visit, "referral": visit.referral, "extension": extension}
    return s.cache["visit"]


def visit_suggestion(s: TownASamples):
    """Bob's handling suggestion on the referred visit of visit_rows, not decided yet."""
    if "suggestion" not in s.cache:
        s.cache["suggestion"] = suggestion_add(
            visit=visit_rows(s)["visit"], deputy=s.fixture("bob").deputy, text="建议先设警示牌"
        )
    return s.cache["suggestion"]


def major_case(s: TownASamples) -> MajorCase:
    """A major case of town A led by leo, and a panel meeting of town A with its report attached (see
    panel_meeting)."""
    if "case" not in s.cache:
        town = s.fixture("town_a")
        s.cache["case"] = MajorCase.objects.create(township=town, title="修路占地", lead_leader=s.fixture("leo").leader)
        s.cache["meeting"] = PanelMeeting.objects.create(
            township=town,
            month="2026-10-01",
            held_on="2026-10-30",
            report_file=SimpleUploadedFile("十月报告.pdf", b"%PDF"),
            report_name="十月报告.pdf",
        )
    return s.cache["case"]


def panel_meeting(s: TownASamples) -> PanelMeeting:
    major_case(s)
    return s.cache["meeting"]


def panel_meeting_now(s: TownASamples, town: str) -> PanelMeeting:
    """The panel meeting of this month of `town` (a fixture's name), once planned."""
    return PanelMeeting.objects.get(township=s.fixture(town), month=timezone.localdate().replace(day=1))


def proposal_rows(s: TownASamples) -> dict:
    """Bob's draft, and bob's public item assigned to carol's unit with an extension asked."""
    if "proposals" not in s.cache:
        town, bob = s.fixture("town_a"), s.fixture("bob").deputy
        draft = proposal_save(
            proposal=Proposal(title="安装路灯", content="内容", category="social", lead_deputy=bob),
            township=town,
            cosigners=[],
            user=s.fixture("alice"),
            by_office=True,
        )
        item = proposal_save(
            proposal=Proposal(title="修路", content="内容", category="infrastructure", lead_deputy=bob),
            township=town,
            cosigners=[],
            user=s.fixture("alice"),
            by_office=True,
        )
        proposal_submit(proposal=item)
        proposal_review(proposal=item, decision="accept")
        proposal_assign(proposal=item, main=s.fixture("department_a"), assisting=[])
        extension = proposal_extension_request(proposal=item, months=1, reason="雨季")
        attachment = Attachment.objects.create(
            township=town, proposal=item, file=SimpleUploadedFile("现场照片.jpg", b"jpeg"), name="现场照片.jpg", size=4
        )
        s.cache["proposals"] = {"draft": draft, "item": item, "extension": extension, "attachment": attachment}
    return s.cache["proposals"]


def every_row(s: TownASamples) -> None:
    """Every group of town A's rows at once, for the tests that look at whole pages."""
    for build in (
        job_row,
        duty_rows,
        visit_rows,
        major_case,
        proposal_rows,
        activity_rows,
        assessment_rows,
        party_report_rows,
        rule_rows,
    ):
        build(s)


def _periodic_task(samples: TownASamples) -> PeriodicTask:
    return PeriodicTask.objects.create(
        name="deliver pending notifications",
        task="congress.tasks.deliver_pending_notifications",
        interval=samples.row(IntervalSchedule),
    )


# One builder per model registered in the admin, keyed by the model's label.
SAMPLE_ROWS: dict[str, Callable[[TownASamples], Model]] = {
    "auth.User": lambda s: s.fixture("alice"),
    "auth.Group": lambda s: Group.objects.create(name="甲镇 editors"),
    "congress.County": lambda s: s.fixture("county"),
    "congress.Township": lambda s: s.fixture("town_a"),
    "congress.Membership": lambda s: s.fixture("alice").memberships.get(),
    "congress.Department": lambda s: s.fixture("department_a"),
    "congress.Leader": lambda s: s.fixture("leo").leader,
    "congress.CongressSession": lambda s: CongressSession.objects.create(
        township=s.fixture("town_a"), term=1, number=1, start_date=date(2026, 1, 5), end_date=date(2026, 1, 7)
    ),
    "congress.Notification": lambda s: s.notification,
    "deputies.Deputy": lambda s: s.objects["deputy"],
    "deputies.Station": lambda s: s.objects["station"],
    "deputies.SmallGroup": lambda s: s.objects["deputy"].small_group,
    "deputies.LargeGroup": lambda s: s.objects["deputy"].small_group.large_group,
    "deputies.Term": lambda s: Term.objects.create(
        township=s.fixture("town_a"), number=18, starts_on=date(2021, 10, 1)
    ),
    "axes.AccessAttempt": lambda s: _axes_row(AccessAttempt, failures_since_start=5, get_data="", post_data=""),
    "axes.AccessLog": lambda s: _axes_row(AccessLog),
    "axes.AccessFailureLog": lambda s: _axes_row(AccessFailureLog, locked_out=False),
    "activities.Activity": lambda s: activity_rows(s)["held"],
    "activities.GroupPlanItem": lambda s: activity_rows(s)["item"],
    "assessments.Commendation": lambda s: activity_rows(s)["commendation"],
    "petitions.ReceptionSettings": lambda s: ReceptionSettings.objects.create(township=s.fixture("town_a")),
    "petitions.Holiday": lambda s: Holiday.objects.create(township=s.fixture("town_a"), date=date(2026, 10, 5)),
    "petitions.DutyDay": lambda s: duty_rows(s)["day"],
    "petitions.DutyAssignment": lambda s: duty_rows(s)["mine"],
    "petitions.LeaveRequest": lambda s: duty_rows(s)["leave"],
    "petitions.Visit": lambda s: visit_rows(s)["visit"],
    "petitions.Referral": lambda s: visit_rows(s)["referral"],
    "petitions.DeadlineExtension": lambda s: visit_rows(s)["extension"],
    "proposals.Proposal": lambda s: proposal_rows(s)["item"],
    "proposals.Reply": lambda s: _reply_sample(s),
    "proposals.Feedback": lambda s: _feedback_sample(s),
    "django_celery_beat.IntervalSchedule": lambda s: IntervalSchedule.objects.create(
        every=1, period=IntervalSchedule.DAYS
    ),
    "django_celery_beat.CrontabSchedule": lambda s: CrontabSchedule.objects.create(minute="0", hour="7"),
    "django_celery_beat.SolarSchedule": lambda s: SolarSchedule.objects.create(
        event="sunrise", latitude=30.6, longitude=104.1
    ),
    "django_celery_beat.ClockedSchedule": lambda s: ClockedSchedule.objects.create(clocked_time=timezone.now()),
    "django_celery_beat.PeriodicTask": _periodic_task,
}
