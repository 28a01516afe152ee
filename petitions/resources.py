"""Spreadsheets of reception duty: the month's subsidy sheet as an .xlsx workbook."""

from django.utils.translation import gettext as _

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
        _("Note"),
        _("Signature"),
    ]
    rows = []
    for number, line in enumerate(lines, start=1):
        group = line.deputy.small_group.name if line.deputy.small_group_id else ""
        rows.append([number, line.deputy.name, group, line.days, float(line.amount), line.note, ""])
    total = sum(line.amount for line in lines)
    blank = "_" * 12
    closing = [
        ["", _("Total"), "", sum(line.days for line in lines), float(total), "", ""],
        ["", _("Amount in words"), rmb_capitals(total)],
        [],
        ["", f"{_('Prepared by')}: {blank}", "", f"{_('Checked by')}: {blank}", "", f"{_('Date')}: {blank}"],
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
    return workbook([sheet], township=township, period=f"{year}-{month:02d}")
