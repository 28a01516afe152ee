"""What every page's shell needs: the product name, the active role and town, the unread count."""

from django.conf import settings
from django.http import HttpRequest

from congress.selectors import unread_count


def shell(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    return {
        "product_name": settings.PRODUCT_NAME,
        "active_role": getattr(request, "role", None),
        "active_township": getattr(request, "township", None),
        "unread_notifications": unread_count(user=user) if user is not None and user.is_authenticated else 0,
    }
