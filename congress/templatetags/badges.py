"""A status as a badge coloured by what it means to the reader: waiting, in progress, done, overdue."""

from django import template
from django.utils.html import format_html

register = template.Library()

# Status values of every app's TextChoices, by meaning. The values are plain strings so that this shared kit
# names no other app's enums (imports run one way); a value missing here shows in neutral grey.
MEANINGS = {
    "waiting": {
        "draft",
        "submitted",
        "returned",
        "accepted",
        "replied",
        "pending",
        "expected",
        "remote",
        "invited",
        "asked",
        "open",
    },
    "progress": {"assigned", "in_progress", "adopted"},
    "done": {"closed", "present", "attended", "approved", "published", "resolved", "concluded", "carried_out"},
    "overdue": {"overdue", "absent", "refused", "rejected", "unresolvable", "not_adopted"},
}
MEANING_OF = {value: meaning for meaning, values in MEANINGS.items() for value in values}


@register.simple_tag
def status_badge(value, label, meaning: str = "") -> str:
    """<span class="badge status-…" data-status="value">label</span>; `meaning` overrides the value's own."""
    meaning = meaning or MEANING_OF.get(str(value), "neutral")
    return format_html('<span class="badge status-{}" data-status="{}">{}</span>', meaning, value, label)
