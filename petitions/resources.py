"""Spreadsheets of reception duty and visits: the month's subsidy sheet and the visits list as .xlsx workbooks."""

from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from congress.dates import format_month
from congress.models import Township
from congress.spreadsheets import Sheet, rmb_capitals, workbook

SIGNATURE_WIDTH = 18  # units: room for a name written by hand


def subsidy_workbook(*, lines, township: Township, year: int, month: int) -> bytes:
    """The subsidy sheet as offices hand it to the finance office: a signature column wide and high enough to
    sign in, the total once after every row with the amount in capitals (大写) under it, then who prepared and
    who checked the sheet, and the date."""
    headers = [
        _("No."),
        _("Full name"),
        _("Small group"),
        _("Duty days attended"),
        _("Subsidy (yuan)"),
        pgettext("remark beside a row", "Note"),
        _("Signature"),
    ]
    rows = []
    for number, line in enumerate(lines, start=1):
        group = line.deputy.small_group.name if line.deputy.small_group_id else ""
        rows.append([number, line.deputy.name, group, line.days, float(line.amount), line.note, ""])
    total = sum(line.amount for line in lines)
    blank = "_" * 14
    closing = [
        ["", _("Total"), "", sum(line.days for line in lines), float(total), "", ""],
        # The amount in words and the signatures are one row, so a page never comes between them.
        _("Amount in words: %(amount)s") % {"amount": rmb_capitals(total)}
        + "\n\n"
        + "      ".join(f"{label}: {blank}" for label in (_("Prepared by"), _("Checked by"), _("Date"))),
    ]
    sheet = Sheet(
        name=f"{year}-{month:02d}",
        subject=_("Reception duty subsidies"),
        headers=headers,
        rows=rows,
        closing=closing,
        tall={len(headers) - 1: SIGNATURE_WIDTH},
        landscape=False,
    )
    return workbook([sheet], township=township, period=format_month(date(year, month, 1)))


def visit_workbook(*, visits, township: Township, period: str = "") -> bytes:
    """The visits list as it is filtered: who came (name and number of people only: a visitor's phone and address
    never leave in a file), what was raised, who received them, the outcome and the unit it was referred to."""
    headers = [
        _("Received at"),
        _("Station"),
        _("Visitor"),
        _("Number of visitors"),
        _("Category"),
        _("What was raised"),
        _("Leader receiving"),
        _("Deputies present"),
        _("Outcome"),
        _("Solved on the spot"),
        _("Handling unit"),
        _("Answer given"),
    ]
    rows = []
    for visit in visits:
        referral = getattr(visit, "referral", None)
        rows.append(
            [
                f"{timezone.localtime(visit.received_at):%Y-%m-%d %H:%M}",
                visit.station.name,
                visit.visitor_name,
                visit.visitor_count,
                visit.category.name,
                visit.content,
                visit.leader.name if visit.leader_id else "",
                "、".join(d.name for d in visit.deputies.all()),
                str(visit.get_outcome_display()),
                _("yes") if visit.solved_on_spot else "",
                referral.department.name if referral else "",
                visit.answer,
            ]
        )
    sheet = Sheet(name=_("Constituent visits"), headers=headers, rows=rows)
    return workbook([sheet], township=township, period=period)
