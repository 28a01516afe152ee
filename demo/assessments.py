"""Demo data of the assessment: every month of the demo's span assessed under the default standard, the
bulletins published up to the month before last, last month's drafted for the office to publish; the year's
five best deputies commended (优秀人大代表), so that the year-end page and its decision have something to show;
the main town's reports and requests to its party committee over the year, and the committee's assessment of the
year before."""

from datetime import date, timedelta

from django.utils import timezone

from assessments.models import Bulletin, BulletinStatus, Commendation, PartyReport, PartyReportKind, YearReview
from assessments.selectors.year_end import thresholds_for, year_ranking
from assessments.services.assessment import assessment_compute
from assessments.services.bulletin import bulletin_draft
from assessments.services.record import commendation_add
from congress.dates import add_months, last_month
from congress.models import Membership, Role, Township
from demo.period import at, by_now, demo_start


def build_assessments(*, townships: list[Township], today: date | None = None) -> None:
    """Assess the twelve months before this one for the towns (in January, last year's); publish all but last
    month's bulletin, each about five weeks after its month began."""
    today = today or timezone.localdate()
    newest = last_month(today)
    month = demo_start(today)
    while month <= newest:
        assessment_compute(township_ids=[t.pk for t in townships], month=month)
        for town in townships:
            bulletin = bulletin_draft(township=town, month=month)
            if bulletin is not None and month < newest:
                office = Membership.objects.filter(township=town, role=Role.OFFICE).select_related("user").first()
                Bulletin.objects.filter(pk=bulletin.pk).update(
                    status=BulletinStatus.PUBLISHED,
                    published_at=by_now(at(month + timedelta(days=35), 9)),
                    published_by=office.user if office else None,
                )
        month = add_months(month, 1)
    for town in townships:
        _commend(town, year=newest.year, today=today)
    _party_reports(townships[0], today=today)


# (days after the demo's start, kind, subject, text, days to the answer or None, the answer)
PARTY_REPORTS = [
    (
        12,
        PartyReportKind.REQUEST,
        "关于召开镇人民代表大会会议的请示",
        "拟于下月中旬召开镇人民代表大会会议，会期一天，妥否，请批示。",
        4,
        "同意召开，会期一天。",
    ),
    (
        95,
        PartyReportKind.REPORT,
        "关于代表接待选民工作开展情况的报告",
        "本季度各代表小组轮流参加领导接待日，接待选民并提出处理建议。",
        7,
        "报告收悉。接待工作扎实，要继续抓好交办件的督办落实。",
    ),
    (
        180,
        PartyReportKind.REQUEST,
        "关于调整代表小组联系片区的请示",
        "因村（社区）合并，拟调整第三、第四代表小组的联系片区。",
        5,
        "同意调整，请做好代表和选民的告知工作。",
    ),
    (
        270,
        PartyReportKind.REPORT,
        "关于重点建议督办情况的报告",
        "主席团组织代表对重点建议开展专题视察，办理进度见附表。",
        10,
        "报告收悉。请继续跟踪督办，确保年底前办结。",
    ),
    (
        340,
        PartyReportKind.REPORT,
        "关于年度代表履职考核情况的报告",
        "按统一标准逐月考核，拟于年底表彰优秀人大代表。",
        None,
        "",
    ),
]


def _party_reports(town: Township, *, today: date) -> None:
    """What the presidium reported to the town's party committee over the demo's year, and the answers."""
    if PartyReport.objects.filter(township=town).exists():
        return
    start = demo_start(today)
    for days, kind, subject, text, answer_days, answer in PARTY_REPORTS:
        sent = start + timedelta(days=days)
        if sent > today:
            continue
        answered = sent + timedelta(days=answer_days) if answer_days is not None else None
        if answered is not None and answered > today:
            answered, answer = None, ""
        PartyReport.objects.create(
            township=town, kind=kind, subject=subject, text=text, sent_on=sent, answer=answer, answered_on=answered
        )
    assessed = date(today.year, 1, 15) if today >= date(today.year, 1, 15) else date(today.year - 1, 12, 28)
    YearReview.objects.get_or_create(
        township=town,
        year=assessed.year - 1 if assessed.month == 1 else assessed.year,
        defaults={
            "rating": "satisfied",
            "assessment": "主席团认真履行职责，代表接待选民、建议办理和履职考核扎实有效，代表满意、群众满意。",
            "assessed_on": assessed,
        },
    )


def _commend(town: Township, *, year: int, today: date) -> None:
    """The year's five best deputies by their months' scores, commended by the town's own decision."""
    if Commendation.objects.filter(township=town, year=year).exists():
        return
    office = Membership.objects.filter(township=town, role=Role.OFFICE).select_related("user").first()
    for row in year_ranking(township=town, year=year, thresholds=thresholds_for(township=town))[:5]:
        commendation_add(
            deputy=row.deputy, year=year, title="优秀人大代表", awarded_on=today, user=office.user if office else None
        )
