"""The services the periodic jobs run leave their history rows too: naming nobody (no one made the change but the
system), from no address; a job run on someone's behalf (a register import they confirmed) names them and their
address. Then the guard: every public function of the apps' services modules has a case here or in
test_history.py, or is named below with the reason it writes no row with history."""

import importlib
import inspect
import pkgutil
from datetime import date

import pytest

from assessments.models import Standard
from assessments.services import assessment, bulletin
from congress.audit import changes_made_by
from congress.models import Notification
from deputies.models import Deputy
from deputies.services import import_jobs, imports
from petitions.models import PanelMeeting, PanelMember
from petitions.services import attendance, panel, reminders, voters
from tests.congress import test_history  # noqa: F401 (importing it declares the cases the guard counts)
from tests.congress.history_world import CASES, FEBRUARY, NOW, World, at, case, changed, check_history, created
from tests.deputies.sheets import deputy_row, upload, workbook
from tests.factories import StationFactory, TownshipFactory, VoterMatterFactory

pytestmark = pytest.mark.django_db

APPS = ["congress", "deputies", "activities", "petitions", "proposals", "assessments"]
JOB_CASES: dict = {}


def job_case(service):
    """Register the case of a service a job runs: no request around it."""
    return case(service, None, JOB_CASES)


@pytest.fixture
def world(town_a, alice, bob, carol, leo, department_a, time_machine) -> World:
    time_machine.move_to(NOW, tick=False)
    world = World(town_a, alice, bob, carol, leo, department_a)
    world.by = (None, None)  # who the history rows name, and from where: nobody
    return world


def standard_made(town) -> list[tuple]:
    """The default standard of a town that had none, and its items: made by the job."""
    standard = Standard.objects.get(township=town)
    return [created(standard), *(created(item) for item in standard.items.all())]


@job_case(attendance.duty_days_close)
def duty_days_close(w):
    assignment = w.on_duty()
    request = w.leave(w.other(), assignment.duty_day)
    w.call(now=at(9))
    return [
        changed(assignment.duty_day, closed_at=at(9)),
        changed(assignment, status="absent"),
        changed(request, status="refused"),
        changed(request.assignment, status="absent"),
    ]


@job_case(reminders.missing_sign_in_alert)
def missing_sign_in_alert(w):
    day = w.on_duty().duty_day
    w.call(now=at(9))
    return [changed(day, missing_alert_at=at(9))]


@job_case(panel.panel_meetings_prepare)
def panel_meetings_prepare(w):
    PanelMember.objects.create(township=w.town, deputy=w.deputy)
    w.call(today=date(2026, 3, 28))  # three days before the last working day of March
    return [changed(PanelMeeting.objects.get(township=w.town), reminded_at=NOW)]


@job_case(assessment.standards_in_force)
def standards_in_force(w):
    w.call(township_ids=[w.town.pk], month=FEBRUARY)
    return standard_made(w.town)


@job_case(assessment.assessment_compute)
def assessment_compute(w):
    w.call(township_ids=[w.town.pk], month=FEBRUARY)
    return standard_made(w.town)


@job_case(bulletin.month_assess_all)
def month_assess_all(w):
    draft, new_town = w.draft_bulletin(), TownshipFactory()
    w.call(month=FEBRUARY)
    return [changed(draft, status="draft"), *standard_made(new_town)]


@job_case(import_jobs.register_import_run)
def register_import_run(w):
    kind = imports.KINDS["deputies"]
    preview = imports.register_import_preview(
        kind=kind, township=w.town, upload=upload(workbook([deputy_row("新代表", w.group.name)]))
    )
    job = import_jobs.register_import_start(
        kind=kind, township=w.town, user=w.alice, token=preview.token, filename=preview.filename, only_valid=False,
        address="10.0.0.5",
    )  # fmt: skip
    w.call(job_id=job.pk)
    w.by = (w.alice, "10.0.0.5")  # the import runs on behalf of who confirmed it, from where they did
    return [created(Deputy.objects.get(name="新代表"), name="新代表")]


# A voter has no login: like a job's, the rows of their matter name no user, but the address they sent it from.
VOTER_ADDRESS = "10.0.0.7"


def _as_voter(w, **kwargs):
    w.by = (None, VOTER_ADDRESS)
    with changes_made_by(user=None, address=VOTER_ADDRESS):
        return w.call(**kwargs)


@job_case(voters.voter_matter_submit)
def voter_matter_submit(w):
    station = StationFactory(township=w.town, name="大莫古村联络点", level="village")
    voters.phone_code_send(township=w.town, phone="13800138000", ip_address=VOTER_ADDRESS)
    code = Notification.objects.get(kind="matter-code").params["code"]
    draft = voters.MatterDraft(station=station, village="大莫古村", content="路灯坏了", phone="13800138000", code=code)
    matter = _as_voter(w, township=w.town, draft=draft, ip_address=VOTER_ADDRESS)
    return [created(matter, status="new", content="路灯坏了")]


@job_case(voters.voter_matter_rate)
def voter_matter_rate(w):
    matter = VoterMatterFactory(township=w.town, station=w.station, status="answered")
    _as_voter(w, token=matter.token, rating="satisfied")
    return [changed(matter, status="closed", rating="satisfied")]


@pytest.mark.parametrize("service", sorted(JOB_CASES))
def test_the_service_a_job_runs_leaves_a_history_row_that_names_no_user(service, world):
    world.service, _actor, run = JOB_CASES[service]
    expected = run(world)
    assert world.calls == 1, "a case runs its service once, through world.call"
    user, address = world.by
    check_history(expected, user=user, address=address)


# --- The guard --------------------------------------------------------------------------------------------

# The service functions that write no row with history, each with the reason.
NO_HISTORY = {
    "congress.services.notifications.notification_create": "the outbox (Notification) keeps no history",
    "assessments.services.town_months.town_months_touch": "kept figures (TownMonth) are counted, not recorded",
    "assessments.services.town_months.town_months_reserve": "kept figures (TownMonth) are counted, not recorded",
    "assessments.services.town_months.town_months_keep": "kept figures (TownMonth) are counted, not recorded",
    "congress.services.notifications.notify_deputy": "a message in the outbox",
    "congress.services.notifications.notify_members": "messages in the outbox",
    "congress.services.notifications.notify_office": "messages in the outbox",
    "congress.services.notifications.notify_person": "a message in the outbox",
    "congress.services.notifications.notify_unit": "messages in the outbox",
    "congress.services.notifications.absolute_url": "a computation",
    "congress.services.delivery.notification_deliver": "a Notification's delivery state",
    "congress.services.delivery.notification_resend": "a Notification's delivery state",
    "congress.services.delivery.notifications_apply_reports": "Notifications' delivery state",
    "congress.services.delivery.sms_reports_pull": "Notifications' delivery state",
    "congress.services.delivery.notifications_deliver_pending": "Notifications' delivery state",
    "congress.services.notifications.notification_mark_read": "Notifications' read state",
    "congress.services.notifications.notification_settle": "Notifications' read state",
    "congress.services.passwords.password_state_record": "PasswordState keeps no history",
    "congress.services.jobs.job_create": "Job keeps no history",
    "congress.services.jobs.job_enqueue": "sends a task to the broker",
    "congress.services.jobs.job_claim": "a Job's state",
    "congress.services.jobs.job_seconds_until_stale": "reads a Job",
    "congress.services.jobs.job_finish": "a Job's state",
    "congress.services.jobs.job_fail": "a Job's state",
    "deputies.services.imports.register_import_preview": "a dry run, rolled back; it keeps the uploaded file",
    "deputies.services.import_jobs.register_import_start": "creates a Job; register_import_run writes the rows",
    "deputies.services.imports.register_export": "reads the register",
    "deputies.services.imports.preview_file_path": "where a preview's upload is kept",
    "deputies.services.imports.preview_sheet": "reads the sheet a preview kept",
    "deputies.services.imports.preview_file_keep": "keeps an uploaded file in the storage",
    "deputies.services.imports.preview_file_delete": "removes an uploaded file from the storage",
    "deputies.services.imports.preview_discard": "removes an uploaded file and its preview Job (no history)",
    "deputies.services.import_previews.register_preview_start": "creates a Job; the preview is a dry run",
    "deputies.services.import_previews.register_preview_run": "a dry run, rolled back; the Job keeps its outcome",
    "deputies.services.import_previews.register_import_cancel": "removes an uploaded file and its preview Job",
    "deputies.services.import_previews.import_files_prune": "removes old uploaded files and preview Jobs",
    "deputies.services.import_previews.preview_dump": "a computation",
    "deputies.services.import_previews.preview_load": "reads a Job's preview",
    "deputies.services.imports.register_import_write": "the import itself: its rows' history is checked through "
    "register_import_confirm and register_import_run, which call it",
    "deputies.services.notices.notice_send": "a Notice is never edited after it is sent; its messages are outbox rows",
    "congress.services.passwords.initial_password": "a computation",
    "congress.services.passwords.password_change": "the login's password and PasswordState, which keep no history",
    "petitions.services.duty.calendar_feed_renew": "CalendarFeed (a secret token) keeps no history",
    "deputies.services.imports.register_template": "an empty workbook",
    "petitions.services.duty.day_start": "a computation",
    "petitions.services.panel.major_case_attach": "a row of the case–visit link table, which keeps no history",
    "petitions.services.panel.month_end_weekday": "a computation",
    "petitions.services.reminders.duty_reminders_send": "messages in the outbox",
    "petitions.services.reminders.leave_pending_remind": "messages in the outbox",
    "petitions.services.visits.referral_reminders_send": "messages in the outbox",
    "proposals.services.reminders.proposal_reminders_send": "messages in the outbox",
    "proposals.services.reminders.proposal_overdue_escalate": "messages in the outbox",
    "proposals.services.rules.require_status": "a check",
    "proposals.services.participation.participants_check": "a check",
    "petitions.services.duty.range_check": "a check",
    "proposals.services.rules.require_proposal_in_session": "a check",
    "proposals.services.rules.require_joint_proposal": "a check",
    "proposals.services.rules.tell": "a message in the outbox",
    "proposals.services.rules.tell_lead": "a message in the outbox",
    "proposals.services.rules.tell_units": "messages in the outbox",
    "proposals.services.rules.tell_office": "a message in the outbox",
    "proposals.services.rules.rate_request_send": "a one-tap link and a message in the outbox",
    "deputies.services.links.link_create": "a one-tap link: DeputyLink keeps no history, it records its own use",
    "deputies.services.links.link_send": "a one-tap link and its message in the outbox",
    "deputies.services.links.link_open": "reads a link",
    "deputies.services.links.link_open_with_target": "reads a link and the row it acts on",
    "deputies.services.links.link_use": "a link's use (used_at, used_action), recorded on the link itself",
    "petitions.services.duty.sign_in_window": "a computation",
    "petitions.services.attendance.sheet_value": "a computation",
    "petitions.services.links.duty_link_expiry": "a computation",
    "petitions.services.links.duty_link_offers": "a computation",
    "petitions.services.links.duty_link_path": "a computation",
    "petitions.services.matter_updates.matter_tell": "a MatterUpdate (no history) and a message in the outbox",
    "petitions.services.voters.code_hash": "a computation",
    "petitions.services.voters.phone_code_send": "a PhoneCode (no history: a hash, spent in minutes) and its text",
    "petitions.services.matters.phone_unblock": "BlockedPhone keeps no history",
}


def service_functions() -> set[str]:
    """Every public function of the apps' services modules (services.py, or each module of services/)."""
    names = set()
    for app in APPS:
        package = importlib.import_module(f"{app}.services")
        modules = [package]
        if hasattr(package, "__path__"):
            found = pkgutil.iter_modules(package.__path__, f"{app}.services.")
            modules += [importlib.import_module(info.name) for info in found]
        for module in modules:
            for name, value in vars(module).items():
                if inspect.isfunction(value) and value.__module__ == module.__name__ and not name.startswith("_"):
                    names.add(f"{module.__name__}.{name}")
    return names


def test_every_service_function_has_a_history_case_or_a_reason_it_writes_no_history():
    covered = set(CASES) | set(JOB_CASES)
    assert not covered & set(NO_HISTORY), "a service both has a case and is said to write no history"
    functions = service_functions()
    missing = sorted(functions - covered - set(NO_HISTORY))
    assert not missing, f"add a case to tests/congress/test_history.py (or a reason to NO_HISTORY) for: {missing}"
    stale = sorted((covered | set(NO_HISTORY)) - functions)
    assert not stale, f"no such service function any more: {stale}"
