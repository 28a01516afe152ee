"""The periodic jobs, declared once here and loaded into django-celery-beat by `manage.py beat_sync`.

Each entry: a stable name, the task's dotted name, a crontab (minute, hour, day_of_month, month_of_year,
day_of_week) and the management command that runs the same job where no broker is configured.
"""

from typing import NamedTuple


class PeriodicJob(NamedTuple):
    name: str
    task: str
    crontab: dict[str, str]
    command: str
    description: str


PERIODIC_JOBS: list[PeriodicJob] = [
    PeriodicJob(
        name="deliver-pending-notifications",
        task="congress.tasks.deliver_pending_notifications",
        crontab={"minute": "*", "hour": "*", "day_of_month": "*", "month_of_year": "*", "day_of_week": "*"},
        command="deliver_notifications",
        description="Deliver messages still waiting in the outbox (after a broker outage, a failed send).",
    ),
    PeriodicJob(
        name="sms-delivery-reports",
        task="congress.tasks.pull_sms_reports",
        crontab={"minute": "*/10", "hour": "*", "day_of_month": "*", "month_of_year": "*", "day_of_week": "*"},
        command="sms_reports",
        description="Record the SMS provider's delivery reports: delivered, or failed with the reason.",
    ),
    PeriodicJob(
        name="close-duty-days",
        task="petitions.tasks.close_duty_days",
        crontab={"minute": "*/10", "hour": "*", "day_of_month": "*", "month_of_year": "*", "day_of_week": "*"},
        command="duty_jobs close",
        description="After the sign-in window, mark who neither signed in nor had leave as absent (once a day).",
    ),
    PeriodicJob(
        name="missing-sign-in-alerts",
        task="petitions.tasks.alert_missing_sign_ins",
        crontab={"minute": "*/5", "hour": "6-12", "day_of_month": "*", "month_of_year": "*", "day_of_week": "*"},
        command="duty_jobs missing",
        description="15 minutes after a duty starts, tell the office who has not signed in.",
    ),
    PeriodicJob(
        name="duty-reminders",
        task="petitions.tasks.send_duty_reminders",
        crontab={"minute": "0", "hour": "*", "day_of_month": "*", "month_of_year": "*", "day_of_week": "*"},
        command="duty_jobs remind",
        description="Remind deputies of tomorrow's duty from each town's reminder time (hourly; once each).",
    ),
    PeriodicJob(
        name="pending-leave-reminders",
        task="petitions.tasks.remind_pending_leave",
        crontab={"minute": "0", "hour": "9", "day_of_month": "*", "month_of_year": "*", "day_of_week": "*"},
        command="duty_jobs leave",
        description="Tell each office, once a day, how many leave requests wait for a decision.",
    ),
    PeriodicJob(
        name="referral-deadline-reminders",
        task="petitions.tasks.remind_referral_deadlines",
        crontab={"minute": "30", "hour": "8", "day_of_month": "*", "month_of_year": "*", "day_of_week": "*"},
        command="duty_jobs referrals",
        description="Referred cases: deadline in 3 days (once), overdue (once a week), to the unit and the office.",
    ),
    PeriodicJob(
        name="panel-meetings",
        task="petitions.tasks.prepare_panel_meetings",
        crontab={"minute": "0", "hour": "8", "day_of_month": "*", "month_of_year": "*", "day_of_week": "*"},
        command="duty_jobs panel",
        description="Plan each month's supervision panel meeting (last working day); remind 3 days before.",
    ),
    PeriodicJob(
        name="proposal-reminders",
        task="proposals.tasks.send_proposal_reminders",
        crontab={"minute": "45", "hour": "8", "day_of_month": "*", "month_of_year": "*", "day_of_week": "*"},
        command="proposal_reminders",
        description="Proposals: reply due in 14 and 3 days, overdue weekly, a missing meeting, feedback awaited.",
    ),
    PeriodicJob(
        name="monthly-assessment",
        task="assessments.tasks.assess_last_month",
        crontab={"minute": "0", "hour": "2", "day_of_month": "1", "month_of_year": "*", "day_of_week": "*"},
        command="assess_month",
        description="On the 1st at 02:00: assess last month for every town and draft each town's bulletin.",
    ),
    PeriodicJob(
        name="town-months",
        task="assessments.tasks.count_town_months",
        crontab={"minute": "10", "hour": "0", "day_of_month": "*", "month_of_year": "*", "day_of_week": "*"},
        command="town_months",
        description="Just after midnight: count each town's figures of this month and last, as they stand today.",
    ),
    PeriodicJob(
        name="import-files-cleanup",
        task="deputies.tasks.prune_import_files",
        crontab={"minute": "15", "hour": "*", "day_of_month": "*", "month_of_year": "*", "day_of_week": "*"},
        command="import_prune",
        description="Remove uploaded register sheets (and their previews) left unconfirmed for a day.",
    ),
    PeriodicJob(
        name="audit-retention",
        task="congress.tasks.prune_audit",
        crontab={"minute": "30", "hour": "3", "day_of_month": "*", "month_of_year": "*", "day_of_week": "*"},
        command="audit_prune",
        description="Remove audit records (logins, record histories) older than the retention period.",
    ),
]
