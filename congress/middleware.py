"""Puts the active township and role on every request, so that views scope every query by them."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from congress.access import forbidden, resolve_tenancy
from congress.models import Role

# The only writes a county reader makes (full view names, namespace included): choosing a town,
# the language, logging out, reading its own inbox.
COUNTY_WRITABLE_URL_NAMES = {
    "logout",
    "set_language",
    "township_switch",
    "inbox_read",
    "inbox_read_all",
    "password_change",
}


class TenancyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        resolve_tenancy(request)
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs) -> HttpResponse | None:
        # The county office reads every town of its county and writes nothing: one rule, for every page.
        if request.role == Role.COUNTY and request.method not in ("GET", "HEAD", "OPTIONS"):
            match = request.resolver_match
            if match is None or match.view_name not in COUNTY_WRITABLE_URL_NAMES:
                return forbidden(request)
        return None
