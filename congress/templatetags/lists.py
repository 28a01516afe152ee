"""What a list page needs to say when it has no rows: whether the reader narrowed it with filters."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def filters_active(context, *ignored: str) -> bool:
    """Whether the query string narrows the list; the page number and the names in `ignored` (a sort order,
    an export format) do not, so an empty list under them is empty, not filtered away."""
    request = context.get("request")
    if request is None:
        return False
    skip = {"page", *ignored}
    return any(value.strip() for key, values in request.GET.lists() if key not in skip for value in values)
