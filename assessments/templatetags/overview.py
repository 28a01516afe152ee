"""The county overview's rows, written in Python: a county of 200 towns is 200 rows of 10 cells, and the
template engine (an include a cell at first, then a tag a cell in a template loop) made the page's drawing
cost many times its SQL. The figure cells' HTML is the includes' own (includes/count.html, includes/figure.html)
with `brief` (no definition: the table's foot has them once)."""

from django import template
from django.template.defaulttags import CsrfTokenNode
from django.utils.formats import localize
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

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


@register.simple_tag(takes_context=True)
def overview_rows(context, rows: list[dict], keys, switch_url: str, labels: dict) -> SafeString:
    """Every town's row: its name (a button that switches to the town), its deputies, the counts named in
    `keys`, duty attendance, the reply rate and last month's average score; `labels` the cells' labels on a
    phone (deputies, duty, reply, score), translated once for the page."""
    csrf = CsrfTokenNode().render(context)  # the page's one token, as {% csrf_token %} writes it
    return mark_safe(  # noqa: S308 - every part below is escaped by format_html
        "".join(
            format_html(
                '<tr><th scope="row" class="fw-normal"><form method="post" action="{}" class="d-inline">{}'
                '<input type="hidden" name="township" value="{}"><button class="btn btn-link p-0 align-baseline" '
                'type="submit">{}</button></form></th>'
                '<td class="text-end" data-label="{}">{}</td>{}'
                '<td class="text-end" data-label="{}">{}</td>'
                '<td class="text-end" data-label="{}">{}</td>'
                '<td class="text-end" data-label="{}">{}</td></tr>',
                switch_url,
                csrf,
                row["town"].pk,
                row["town"].name,
                labels["deputies"],
                localize(row["deputies"]),
                overview_counts(row, keys),
                labels["duty"],
                "—" if row["duty_rate"] is None else f"{localize(row['duty_rate'])}%",
                labels["reply"],
                _figure(row["reply"], row["town"].code),
                labels["score"],
                "—" if row["average_score"] is None else localize(row["average_score"]),
            )
            for row in rows
        )
    )
