"""Spreadsheets of proposals: the per-unit table as offices export it, with the four rates of each unit."""

from django.utils.translation import gettext as _

from congress.spreadsheets import Sheet, workbook
from proposals.figures import Figure


def _rate_headers(rates: list[Figure]) -> list[str]:
    headers = []
    for rate in rates:
        headers += [f"{rate.label} (%)", f"{rate.label} · {_('counted')}", f"{rate.label} · {_('out of')}"]
    return headers


def _rate_cells(rates: list[Figure]) -> list:
    cells = []
    for rate in rates:
        cells += ["—" if rate.percent is None else rate.percent, rate.numerator, rate.denominator]
    return cells


def unit_workbook(*, table: list[dict], overall: list[Figure], township, period: str = "") -> bytes:
    """One row per handling unit: its counts and the rates of the items it leads; the town's rates last."""
    counts = ["as_main", "as_assisting", "replied", "overdue", "satisfied", "basic", "not_satisfied"]
    sheet = Sheet(
        name=_("Handling units"),
        subject=_("Proposals by handling unit"),
        rows=[],
        headers=[
            _("Handling unit"),
            _("As main unit"),
            _("As assisting unit"),
            _("Replied"),
            _("Overdue"),
            _("Satisfied"),
            _("Basically satisfied"),
            _("Not satisfied"),
            *_rate_headers(overall),
        ],
    )
    for row in table:
        sheet.rows.append([row["department"].name, *(row[key] for key in counts), *_rate_cells(row["rates"])])
    sheet.rows.append([_("All units"), *[sum(row[key] for row in table) for key in counts], *_rate_cells(overall)])
    return workbook([sheet], township=township, period=period)
