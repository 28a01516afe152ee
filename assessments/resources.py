"""Spreadsheets read across the apps: a deputy's performance record and the township's overview of records."""

from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from assessments.models import Item
from assessments.selectors.record import OverviewRow, PerformanceRecord
from congress.dates import format_month
from congress.spreadsheets import Sheet, workbook


def _sheet(title: str, headers: list[str], rows: list[list]) -> Sheet:
    return Sheet(name=title, headers=headers, rows=[list(row) for row in rows])


def _activities(title: str, rows) -> Sheet:
    return _sheet(
        title,
        [_("Date"), _("Kind"), _("Topic"), _("Places"), _("Attendance"), pgettext("remark beside a row", "Note")],
        [
            [
                f"{r.activity.date:%Y-%m-%d}",
                str(r.activity.kind_label),
                r.activity.title,
                r.activity.places,
                str(r.get_status_display()),
                r.note,
            ]
            for r in rows
        ],
    )


def _facts(record: PerformanceRecord, mask_phone: bool) -> Sheet:
    deputy = record.deputy
    facts = [
        [_("Full name"), deputy.name],
        [_("Year"), record.year],
        [_("Level"), str(deputy.get_level_display())],
        [_("Term"), deputy.term],
        [_("Gender"), str(deputy.get_gender_display())],
        [_("Ethnicity"), deputy.ethnicity],
        [_("Party affiliation"), deputy.party],
        [_("Constituency"), deputy.constituency],
        [_("Village or community"), deputy.village],
        [_("Sector"), deputy.sector],
        [_("Work unit and post"), deputy.work_unit],
        [_("Small group"), deputy.small_group.name if deputy.small_group_id else ""],
        [_("Phone"), "" if mask_phone else deputy.phone],
    ]
    return _sheet(_("Basic facts"), [_("Item"), _("Value")], facts)


def _meetings(record: PerformanceRecord) -> Sheet:
    """The meetings attended, then the supervision panel's meetings."""
    meetings = _activities(_("Meetings attended"), record.parts["meetings"])
    for meeting in record.panel_meetings:
        row = [f"{meeting.held_on:%Y-%m-%d}", _("Supervision panel"), f"{meeting.month:%Y-%m}", meeting.place]
        meetings.rows.append([*row, _("Attended"), ""])
    return meetings


def _proposals(record: PerformanceRecord) -> Sheet:
    """The items the deputy led, with the last reply's class and feedback, then those co-signed."""
    proposals = [
        [
            _("Led"),
            str(p.get_kind_display()),
            p.title,
            str(p.get_status_display()),
            p.last_reply.reply_class if p.last_reply else "",
            str(p.last_feedback.get_overall_display()) if p.last_feedback else "",
        ]
        for p in record.led
    ]
    proposals += [
        [_("Co-signed"), str(p.get_kind_display()), p.title, str(p.get_status_display()), "", ""]
        for p in record.cosigned
    ]
    return _sheet(
        _("Proposals and suggestions"),
        [_("Role"), _("Kind"), pgettext("proposal", "Title"), _("Status"), _("Reply class"), _("Satisfaction")],
        proposals,
    )


def _duty(record: PerformanceRecord) -> Sheet:
    duty = record.duty
    return _sheet(
        _("Reception duty and visits"),
        [_("Item"), _("Count")],
        [
            [_("Duty days scheduled"), duty.scheduled],
            [_("Present"), duty.present],
            [_("Late"), duty.late],
            [_("On leave"), duty.leave],
            [_("Absent"), duty.absent],
            [_("Visits received"), duty.visits],
            [_("Handling suggestions made"), duty.suggestions],
            [_("Handling suggestions adopted"), duty.suggestions_adopted],
            [_("Handling suggestions carried out"), duty.suggestions_carried_out],
            [_("Questions put at the panel"), duty.panel_questions],
            [_("Major cases taken part in"), len(record.major_cases)],
        ],
    )


def _suggestions(record: PerformanceRecord) -> Sheet:
    def state(s) -> str:
        if s.carried_out_at:
            return _("Carried out on %(date)s") % {"date": f"{localtime(s.carried_out_at):%Y-%m-%d}"}
        return {True: _("Adopted"), False: _("Not adopted"), None: _("Not decided yet")}[s.adopted]

    return _sheet(
        _("Handling suggestions"),
        [_("Date"), _("Category"), _("What was raised"), _("Suggestion"), _("State"), _("The unit's response")],
        [
            [
                f"{localtime(s.created_at):%Y-%m-%d}",
                s.visit.category.name,
                s.visit.content,
                s.text,
                str(state(s)),
                s.response,
            ]
            for s in record.suggestions
        ],
    )


def record_workbook(*, record: PerformanceRecord, mask_phone: bool) -> bytes:
    """The record as a workbook: the basic facts, then one sheet for each part."""
    sheets = [
        _facts(record, mask_phone),
        _meetings(record),
        _activities(_("Inspections and research"), record.parts["inspections"]),
        _activities(_("Training"), record.parts["training"]),
        _activities(_("Small-group activities"), record.parts["groups"]),
        _proposals(record),
        _duty(record),
        _suggestions(record),
        _activities(_("Reports to voters"), record.parts["reports"]),
        _sheet(
            _("Commendations"),
            [_("Date"), _("Commendation"), _("Awarded by")],
            [[f"{c.awarded_on:%Y-%m-%d}", c.title, c.awarded_by] for c in record.commendations],
        ),
    ]
    deputy = record.deputy.name
    for sheet in sheets:
        sheet.subject = _("Performance record of %(name)s: %(part)s") % {"name": deputy, "part": sheet.name}
    return workbook(sheets, township=record.deputy.township, period=str(record.year))


def overview_workbook(*, rows: list[OverviewRow], year: int, township) -> bytes:
    """Every deputy's year in one sheet, as the office files it."""
    sheet = _sheet(
        str(year),
        [
            _("Full name"),
            _("Small group"),
            _("Meetings"),
            _("Inspections and research"),
            _("Training"),
            _("Small-group activities"),
            _("Reports to voters"),
            _("Absences from activities"),
            _("Duty days present"),
            _("Duty days absent"),
            _("Proposals led"),
            _("Co-signed"),
            _("Commendations"),
        ],
        [
            [
                r.deputy.name,
                r.deputy.small_group.name if r.deputy.small_group_id else "",
                r.attended["meetings"],
                r.attended["inspections"],
                r.attended["training"],
                r.attended["groups"],
                r.attended["reports"],
                r.absent,
                r.duty_present,
                r.duty_absent,
                r.led,
                r.cosigned,
                r.commendations,
            ]
            for r in rows
        ],
    )
    sheet.subject = _("Deputies' performance records")
    return workbook([sheet], township=township, period=str(year))


def _rate_text(rate) -> str:
    shown = "—" if rate.percent is None else f"{rate.percent}%"
    return f"{shown} ({rate.numerator}/{rate.denominator})"


def bulletin_workbook(*, bulletin, ranking, rates=(), counts=()) -> bytes:
    """The bulletin's ranking with each item's count and points, and its text, visit figures and rates on a
    second sheet."""
    items = Item.choices
    headers = [_("Rank"), _("Full name"), _("Small group"), _("Score")]
    count_label, points_label = _("count"), _("points")
    for _value, label in items:
        headers += [f"{label} · {count_label}", f"{label} · {points_label}"]
    rows = []
    for row in ranking:
        line = [row.rank, row.deputy.name, row.deputy.small_group.name if row.deputy.small_group_id else "", row.total]
        for value, _label in items:
            count, points = row.breakdown.get(value, [0, 0])
            line += [count, points]
        rows.append(line)
    ranking_sheet = _sheet(f"{bulletin.month:%Y-%m}", headers, rows)
    ranking_sheet.subject = _("Monthly ranking of deputies")
    ranking_sheet.fit_height = 1  # posted as one page beside the bulletin
    text = _sheet(
        _("Bulletin"),
        [_("Item"), _("Text")],
        [
            [pgettext("bulletin", "Title"), bulletin.title],
            [_("Summary"), bulletin.summary],
            [_("Praised"), bulletin.praised],
            [_("Urged"), bulletin.urged],
            *[[count.label, count.value] for count in counts],
            *[[rate.label, _rate_text(rate)] for rate in rates],
        ],
    )
    return workbook([ranking_sheet, text], township=bulletin.township, period=format_month(bulletin.month))
