"""Spreadsheets of reception duty: the month's subsidy sheet as an .xlsx workbook."""

import tablib
from django.utils.translation import gettext as _

from congress.models import Township
from deputies.resources.cells import escape_formula


def subsidy_workbook(*, lines, township: Township, year: int, month: int) -> bytes:
    """The subsidy sheet with a signature column, as offices hand it to the finance office."""
    dataset = tablib.Dataset(
        headers=[
            _("No."),
            _("Full name"),
            _("Small group"),
            _("Duty days attended"),
            _("Subsidy (yuan)"),
            _("Note"),
            _("Signature"),
        ],
        title=f"{year}-{month:02d}",
    )
    for number, line in enumerate(lines, start=1):
        group = line.deputy.small_group.name if line.deputy.small_group_id else ""
        dataset.append(
            [
                number,
                escape_formula(line.deputy.name),
                escape_formula(group),
                line.days,
                float(line.amount),
                line.note,
                "",
            ]
        )
    dataset.append(
        ["", _("Total"), "", sum(line.days for line in lines), float(sum(line.amount for line in lines)), "", ""]
    )
    return dataset.export("xlsx")
