"""The county overview's figure cells, written in Python: a county of 200 towns is 1,200 cells, and an include a
cell (includes/count.html, includes/figure.html) made the page's drawing cost ten times its SQL. The HTML is
the includes' own, with `brief` (no definition: the table's foot has them once)."""

from django import template
from django.utils.formats import localize
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

register = template.Library()


def _count(count, scope: str) -> SafeString:
    return format_html(
        '<span class="count" data-figure="{}" data-scope="{}" data-value="{}">{}</span>',
        count.key,
        scope,
        count.value,
        localize(count.value),
    )


def _figure(figure, scope: str) -> SafeString:
    percent = "—" if figure.percent is None else f"{localize(figure.percent)}%"
    beside = (
        format_html(
            ' <span class="small text-body-secondary text-nowrap" data-figure-detail="{}-beside">{} {}</span>',
            figure.key,
            figure.beside_label,
            localize(figure.beside),
        )
        if figure.beside_label
        else ""
    )
    return format_html(
        '<span class="figure" data-figure="{}" data-scope="{}" data-numerator="{}" data-denominator="{}">'
        '<span class="text-nowrap"><span class="figure-percent">{}</span> <span class="small text-body-secondary">'
        "({}/{})</span></span>{}</span>",
        figure.key,
        scope,
        figure.numerator,
        figure.denominator,
        percent,
        localize(figure.numerator),
        localize(figure.denominator),
        beside,
    )


@register.simple_tag
def overview_counts(row: dict, keys) -> SafeString:
    """The row's counts named in `keys`, a cell each, overdue ones in red."""
    scope = row["town"].code
    return format_html_join(
        "",
        '<td class="text-end{}" data-label="{}">{}</td>',
        (
            (" text-danger" if count.key == "overdue" and count.value else "", count.label, _count(count, scope))
            for count in row["figures"]
            if count.key in keys
        ),
    )


@register.simple_tag
def overview_figure(figure, scope: str) -> SafeString:
    return _figure(figure, scope)
