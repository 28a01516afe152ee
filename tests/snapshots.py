"""Every town's rows at one moment, to prove that a refused request changed nothing."""

from django.apps import apps
from django.db.models import Model

from congress.models import Township

Snapshot = dict[str, list[str]]


def town_models() -> list[type[Model]]:
    """Township itself and every model with a foreign key to it (their history tables too): all a town owns."""
    found: list[type[Model]] = [Township]
    for model in apps.get_models():
        if any(f.is_relation and f.related_model is Township for f in model._meta.concrete_fields):
            found.append(model)
    return found


def snapshot() -> Snapshot:
    """Each town model's rows, every column, in primary key order (as text: JSON columns do not hash)."""
    taken = {}
    for model in town_models():
        columns = [f.attname for f in model._meta.concrete_fields]
        taken[model._meta.label] = [repr(r) for r in model._base_manager.order_by("pk").values_list(*columns)]
    return taken


def changes(before: Snapshot, after: Snapshot, *, limit: int = 5) -> list[str]:
    """The rows added (+) and removed or changed (-) between two snapshots, a few per model."""
    lines = []
    for label, rows in before.items():
        old, new = set(rows), set(after.get(label, []))
        lines += [f"{label} + {row}" for row in sorted(new - old)[:limit]]
        lines += [f"{label} - {row}" for row in sorted(old - new)[:limit]]
    return lines
