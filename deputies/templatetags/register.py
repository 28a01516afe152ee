from pathlib import PurePosixPath

from django import template
from django.urls import reverse

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


@register.simple_tag
def portrait_url(township, deputy) -> str:
    """The address of a serving deputy's portrait on the public pages; a part of the stored (random) name goes in
    the query, so that a new portrait is a new address and no cache shows the old one."""
    if not deputy.photo:
        return ""
    version = PurePosixPath(deputy.photo.name).stem[:8]
    return reverse("public_deputy_photo", kwargs={"code": township.code, "pk": deputy.pk}) + f"?v={version}"
