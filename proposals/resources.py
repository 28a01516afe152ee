"""Spreadsheets of proposals: the per-unit table as offices export it, with the four rates of each unit; the
proposals list with each item's part in the rates."""

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from congress.spreadsheets import Sheet, workbook
from proposals.figures import Facts, Figure, rates_of
from proposals.models import PARTICIPATION, ReplyClass, UnitRole


def _rate_headers(rates: list[Figure]) -> list[str]:
    headers = []
    counted, out_of = _("counted"), _("out of")  # outside the f-strings, where makemessages finds them
    for rate in rates:
        headers += [f"{rate.label} (%)", f"{rate.label} · {counted}", f"{rate.label} · {out_of}"]
    return headers


def _rate_cells(rates: list[Figure]) -> list:
    cells = []
    for rate in rates:
        cells += ["—" if rate.percent is None else rate.percent, rate.numerator, rate.denominator]
    return cells


def unit_workbook(
    *, table: list[dict], overall: list[Figure], township, period: str = "", participation: dict | None = None
) -> bytes:
    """One row per handling unit: its counts and the rates of the items it leads; the town's rates last. With
    the three participations (`selectors.participation_table`), their sheets per unit and per item follow."""
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
    sheets = [sheet, *participation_sheets(participation)] if participation else [sheet]
    return workbook(sheets, township=township, period=period)


def participation_headers() -> list[str]:
    return [
        _("Leaders' participation (领导参与)"),
        _("Departments' participation (部门参与)"),
        _("Congress's participation (人大参与)"),
    ]


def participation_sheets(participation: dict) -> list[Sheet]:
    """The three participations: per main unit (the sum over the items it leads), and per item; totals last.
    Each count is of the meetings with the deputy and special inspections at which one of that kind took part."""
    kinds, total = PARTICIPATION, participation["total"]
    by_unit = Sheet(
        name=_("Participation by unit"),
        subject=_("The three participations by handling unit"),
        headers=[_("Handling unit"), _("Items led"), *participation_headers()],
        rows=[[row["department"].name, row["items"], *(row[k] for k in kinds)] for row in participation["units"]],
    )
    by_unit.rows.append([_("All units"), total["items"], *(total[k] for k in kinds)])
    by_item = Sheet(
        name=_("Participation by item"),
        subject=_("The three participations by item"),
        headers=[_("Number"), pgettext("proposal", "Title"), _("Main unit"), *participation_headers()],
        rows=[
            [
                row["item"].number_label,
                row["item"].title,
                row["department"].name if row["department"] else "",
                *(row[k] for k in kinds),
            ]
            for row in participation["items"]
        ],
    )
    by_item.rows.append([_("All items"), "", "", *(total[k] for k in kinds)])
    return [by_unit, by_item]


def _met(figure: Figure) -> str:
    """One item's part in a rate: counted and met, counted and not met, or not counted (—)."""
    if not figure.denominator:
        return "—"
    return _("yes") if figure.numerator else _("no")


def proposal_list_workbook(*, items, facts: Facts, township, period: str = "") -> bytes:
    """The proposals list as it is filtered: each item with its main unit, status, reply deadline and the class
    of its latest reply, and its part in each of the four rates (counted as the rates page counts it)."""
    by_item = {item.pk: item for item in facts.items}
    classes = dict(ReplyClass.choices)
    rate_labels = [figure.label for figure in rates_of(facts.part([]))]
    headers = [
        _("Number"),
        _("Session"),
        _("Kind"),
        pgettext("proposal", "Title"),
        _("Lead deputy"),
        _("Category"),
        _("Status"),
        _("Main unit"),
        _("Reply due"),
        _("Reply class"),
        *rate_labels,
    ]
    rows = []
    for item in items:
        main = next((u.department.name for u in item.units.all() if u.role == UnitRole.MAIN), "")
        fact = by_item.get(item.pk)
        rates = rates_of(facts.part([fact])) if fact else []
        rows.append(
            [
                item.number_label,
                str(item.session) if item.session_id else "",
                str(item.get_kind_display()),
                item.title,
                item.lead_deputy.name if item.lead_deputy_id else "",
                str(item.get_category_display()),
                str(item.get_status_display()),
                main,
                f"{item.due:%Y-%m-%d}" if item.due else "",
                str(classes.get(fact.latest_class, "")) if fact else "",
                *([_met(figure) for figure in rates] or ["—"] * len(rate_labels)),
            ]
        )
    sheet = Sheet(name=_("Proposals and suggestions"), headers=headers, rows=rows)
    return workbook([sheet], township=township, period=period)
