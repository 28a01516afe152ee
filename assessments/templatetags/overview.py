"""The county overview's rows, written in Python: a county of 200 towns is 200 rows of 10 cells, and the
template engine (an include a cell at first, then a tag a cell in a template loop) made the page's drawing
cost many times its SQL. The figure cells are congress.templatetags.figures' with `brief` (no definition: the
table's foot has them once)."""

from django import template
from django.template.defaulttags import CsrfTokenNode
from django.utils.formats import localize
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from congress.templatetags.figures import count, figure

register = template.Library()


def overview_counts(row: dict, keys) -> SafeString:
    """The row's counts named in `keys`, a cell each, overdue ones in red."""
    scope = row["town"].code
    return format_html_join(
        "",
        '<td class="text-end{}" data-label="{}">{}</td>',
        (
            (" text-danger" if c.key == "overdue" and c.value else "", c.label, count(c, scope, brief=True))
            for c in row["figures"]
            if c.key in keys
        ),
    )


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
                figure(row["reply"], row["town"].code, brief=True),
                labels["score"],
                "—" if row["average_score"] is None else localize(row["average_score"]),
            )
            for row in rows
        )
    )
