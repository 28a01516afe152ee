"""The county overview's rows, written in Python and kept: a county of 200 towns is 200 rows of 10 cells, and
the template engine (an include a cell at first, then a tag a cell in a template loop) made the page's drawing
cost many times its SQL; drawn in Python it was still three times the SQL, so the rows drawn are kept in the
cache under a key made of everything they show. The figure cells are congress.templatetags.figures' with
`brief` (no definition: the table's foot has them once)."""

import hashlib

from django import template
from django.core.cache import cache
from django.utils.formats import localize
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

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


# A county's rows drawn once are kept, keyed by everything they show: the same figures, the same HTML.
ROWS_KEPT_SECONDS = 24 * 3600


def _shown(row: dict, keys) -> tuple:
    """Everything a row shows, for the key of the rows kept."""
    reply = row["reply"]
    counts = tuple(c.value for c in row["figures"] if c.key in keys)
    town = row["town"]
    shown = (row["deputies"], row["duty_rate"], reply.numerator, reply.denominator, reply.beside, row["average_score"])
    return (town.pk, town.name, town.code, counts, shown)


@register.simple_tag
def overview_rows(rows: list[dict], keys, form_id: str, labels: dict) -> SafeString:
    """Every town's row: its name (a button of the form `form_id`, which switches to the town), its deputies,
    the counts named in `keys`, duty attendance, the reply rate and last month's average score; `labels` the
    cells' labels on a phone (deputies, duty, reply, score), translated once for the page. Drawn once for the
    same figures in the same language and kept in the cache (no token nor anything of the reader's in them)."""
    shown = (get_language(), tuple(keys), form_id, tuple(sorted(labels.items())), [_shown(r, keys) for r in rows])
    key = "overview-rows:" + hashlib.sha256(repr(shown).encode()).hexdigest()
    html = cache.get(key)
    if html is None:
        html = "".join(
            format_html(
                '<tr><th scope="row" class="fw-normal"><button class="btn btn-link p-0 align-baseline" type="submit" '
                'form="{}" name="township" value="{}">{}</button></th>'
                '<td class="text-end" data-label="{}">{}</td>{}'
                '<td class="text-end" data-label="{}">{}</td>'
                '<td class="text-end" data-label="{}">{}</td>'
                '<td class="text-end" data-label="{}">{}</td></tr>',
                form_id,
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
        cache.set(key, html, ROWS_KEPT_SECONDS)
    return mark_safe(html)  # noqa: S308 - every part above is escaped by format_html
