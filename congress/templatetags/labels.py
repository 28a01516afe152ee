"""A label's colon as each language writes it: the full-width one after Chinese, a colon and a space in English."""

from django import template
from django.utils.translation import get_language

register = template.Library()


@register.simple_tag
def colon() -> str:
    """ "：" in Chinese, ": " in English (after a translated label, before its value)."""
    return "：" if (get_language() or "").startswith("zh") else ": "
