"""A rate and a count as every page shows them (congress.figures): its numbers, its percent, and a tap away
what counts. Written in Python, once: the includes `includes/figure.html` and `includes/count.html` call these
tags, and the pages that show many (the rates by unit and by session, the county overview) call them directly,
without an include a cell."""

from django import template
from django.conf import settings
from django.utils.formats import localize
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

register = template.Library()


def _number(value) -> str:
    """A number as the template engine writes it: localized (an int is its digits unless thousands are
    grouped; said here without asking the locale's formats, which the county overview's 5,000 cells felt)."""
    if type(value) is int and not settings.USE_THOUSAND_SEPARATOR:
        return str(value)
    return localize(value)


def _scope(scope) -> SafeString | str:
    return format_html(' data-scope="{}"', scope) if scope else ""


def _definition(definition: str, brief: bool) -> SafeString | str:
    if not definition or brief:
        return ""
    return format_html(
        '<details class="figure-definition small text-body-secondary"><summary>{}</summary>{}</details>',
        _("What counts"),
        definition,
    )


@register.simple_tag
def figure(figure, scope="", brief=False) -> SafeString:
    """`figure` (congress.figures.Figure); `scope` names whose figure it is (town, a session, a unit) for the
    tests and the scripts; `brief` leaves the definition out where a heading already shows it."""
    percent = "—" if figure.percent is None else f"{localize(figure.percent)}%"
    beside = (
        format_html(
            ' <span class="small text-body-secondary text-nowrap" data-figure-detail="{}-beside">{} {}</span>',
            figure.key,
            figure.beside_label,
            _number(figure.beside),
        )
        if figure.beside_label
        else ""
    )
    return format_html(
        '<span class="figure" data-figure="{}"{} data-numerator="{}" data-denominator="{}"><span class="text-nowrap">'
        '<span class="figure-percent">{}</span> <span class="small text-body-secondary">({}/{})</span></span>{}'
        "</span>{}",
        figure.key,
        _scope(scope),
        _number(figure.numerator),
        _number(figure.denominator),
        percent,
        _number(figure.numerator),
        _number(figure.denominator),
        beside,
        _definition(figure.definition, brief),
    )


@register.simple_tag
def count(count, scope="", brief=False) -> SafeString:
    """`count` (congress.figures.Count); `scope` names whose and which period it is (a town's code, a month
    YYYY-MM); `brief` leaves the definition out."""
    return format_html(
        '<span class="count" data-figure="{}"{} data-value="{}">{}</span>{}',
        count.key,
        _scope(scope),
        _number(count.value),
        _number(count.value),
        _definition(count.definition, brief),
    )
