from django import template

from deputies.resources.cells import mask_address, mask_phone

register = template.Library()


@register.filter
def phone(value: str, visible: bool) -> str:
    """The phone in full for those who may call it, masked (139****5678) for everyone else."""
    return value if visible else mask_phone(value or "")


@register.filter
def home_address(value: str, visible: bool) -> str:
    """A deputy's home address in full for the office, the house hidden (东村3组****) for everyone else."""
    return value if visible else mask_address(value or "")
