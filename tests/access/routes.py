"""Every URL pattern of the site, walked from the resolver (included ones too: i18n, the admin)."""

import re
from dataclasses import dataclass

from django.apps import apps
from django.db.models import Model
from django.urls import URLPattern, URLResolver, get_resolver

ADMIN_NAMESPACE = "admin"


@dataclass(frozen=True)
class UrlEntry:
    label: str  # the fully qualified name ("inbox", "admin:index"), or "admin:<unnamed>admin/…" without a name
    name: str | None  # what reverse() takes; None for a pattern without a name
    namespace: str
    route: str  # the full route from the site's root, e.g. "inbox/<int:pk>/read/"
    kwargs: tuple[str, ...]
    positional: int  # unnamed regex groups (simple_history's "history of one version" pages take two)

    def __str__(self) -> str:
        return self.label

    @property
    def admin_model(self) -> type[Model] | None:
        """For a URL of a ModelAdmin (admin/<app_label>/<model_name>/…): that model."""
        parts = self.route.split("/")
        if self.namespace != ADMIN_NAMESPACE or len(parts) < 3:
            return None
        try:
            return apps.get_model(parts[1], parts[2])
        except (LookupError, ValueError):
            return None


def walk(patterns, namespace: str = "", prefix: str = "", kwargs: tuple = (), positional: int = 0):
    """Every URLPattern under `patterns`, with its namespaces, full route and arguments gathered on the way."""
    for pattern in patterns:
        regex = pattern.pattern.regex
        names = tuple(regex.groupindex)
        here = (prefix + str(pattern.pattern), kwargs + names, positional + regex.groups - len(names))
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from walk(pattern.url_patterns, inner, *here)
        elif isinstance(pattern, URLPattern):
            route, all_kwargs, all_positional = here
            name = f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name
            label = name or (f"{namespace}:<unnamed>{route}" if namespace else f"<unnamed>{route}")
            yield UrlEntry(label, name, namespace, route, all_kwargs, all_positional)


ENTRIES: list[UrlEntry] = list(walk(get_resolver().url_patterns))
ENTRY_BY_LABEL = {entry.label: entry for entry in ENTRIES}


def is_admin(entry: UrlEntry) -> bool:
    return entry.namespace == ADMIN_NAMESPACE or entry.namespace.startswith(ADMIN_NAMESPACE + ":")


def fill_route(route: str, kwargs: dict) -> str:
    """The address of a pattern without a name, which reverse() cannot build."""

    def value(match: re.Match) -> str:
        return str(kwargs[match.group("name")])

    path = re.sub(r"\(\?P<(?P<name>\w+)>[^)]*\)", value, route)  # re_path()'s named groups
    path = re.sub(r"<(?:\w+:)?(?P<name>\w+)>", value, path)  # path()'s converters
    return "/" + path.replace("^", "").replace("$", "")
