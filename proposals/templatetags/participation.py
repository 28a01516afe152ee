"""The rates page's table of the three participations by item, written in Python: a town's five years are 300
items, and the template engine drawing them a row at a time (a link, five cells, their phone labels) cost the
page more than its SQL. The HTML is the one the template wrote."""

from django import template
from django.urls import reverse
from django.utils.formats import localize
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.simple_tag
def participation_item_rows(rows: list[dict], labels: dict) -> SafeString:
    """A row an item: its number and title (a link to it), its main unit, and how many meetings and inspections
    a town leader, a department, a deputy took part in; `labels` the cells' labels on a phone (main unit,
    leaders, departments, deputies), translated once for the page."""
    return mark_safe(  # noqa: S308 - every part below is escaped by format_html
        "".join(
            format_html(
                '<tr data-item="{}"><th scope="row" class="fw-normal"><a href="{}">{}{}</a></th>'
                '<td class="text-nowrap pair-wide" data-label="{}">{}</td>'
                '<td class="text-end" data-label="{}" data-kind="leaders">{}</td>'
                '<td class="text-end" data-label="{}" data-kind="departments">{}</td>'
                '<td class="text-end" data-label="{}" data-kind="deputies">{}</td></tr>',
                row["item"].pk,
                reverse("proposal_detail", args=[row["item"].pk]),
                f"{row['item'].number_label} " if row["item"].number else "",
                row["item"].title,
                labels["unit"],
                row["department"].name if row["department"] else "—",
                labels["leaders"],
                localize(row["leaders"]),
                labels["departments"],
                localize(row["departments"]),
                labels["deputies"],
                localize(row["deputies"]),
            )
            for row in rows
        )
    )
