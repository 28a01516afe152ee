"""Filters of the document templates (templates/documents/): users' text kept as text, Chinese numerals."""

from django import template
from django.utils.safestring import mark_safe

from congress.documents import markup, numerals

register = template.Library()


@register.filter
def doc(value) -> str:
    """A user's text as paragraphs of the body, never read as markup."""
    return mark_safe(markup.escape_lines(value))  # noqa: S308 - plain text for the document, never HTML


@register.filter
def inline(value) -> str:
    """A user's text within a line."""
    return mark_safe(markup.inline(value))  # noqa: S308


@register.filter
def cell(value) -> str:
    """A user's text in a table cell."""
    return mark_safe(markup.cell(value))  # noqa: S308


@register.filter
def cn_date(value) -> str:
    """二〇二六年十二月七日."""
    return numerals.chinese_date(value) if value else ""


@register.filter
def cn_number(value) -> str:
    """十二."""
    return numerals.chinese_number(int(value)) if value not in (None, "") else ""
