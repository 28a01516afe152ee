"""The office menu's count of voters' matters waiting (new, or returned by the voter)."""

from django import template

from congress.models import Role
from petitions.selectors.matters import new_matter_count

register = template.Library()


@register.simple_tag(takes_context=True)
def matters_waiting(context) -> int:
    """How many matters wait for the office of the active town; 0 for any other role (no query)."""
    request = context.get("request")
    township = getattr(request, "township", None)
    if getattr(request, "role", None) != Role.OFFICE or township is None:
        return 0
    return new_matter_count(township=township)
