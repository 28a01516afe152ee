"""Every town's rows at one moment, to prove that a refused request changed nothing (or one town's rows, to prove
that another town's request left them alone)."""

import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache

from django.apps import apps
from django.db import connection, transaction
from django.db.models import Model, Q

from congress.models import Township

Snapshot = dict[str, list[str]]


@cache
def town_models() -> tuple[type[Model], ...]:
    """Township itself and every model with a foreign key to it (their history tables too): all a town owns."""
    found: list[type[Model]] = [Township]
    for model in apps.get_models():
        if any(f.is_relation and f.related_model is Township for f in model._meta.concrete_fields):
            found.append(model)
    return tuple(found)


def owned_by(model: type[Model], township: Township) -> Q:
    """The rows of `model` that belong to `township`: the township itself, or the rows whose foreign key to
    Township (any of them) is its pk."""
    if model is Township:
        return Q(pk=township.pk)
    condition = Q()
    for f in model._meta.concrete_fields:
        if f.is_relation and f.related_model is Township:
            condition |= Q(**{f.attname: township.pk})
    return condition


def snapshot(*, township: Township | None = None, models: Iterable[type[Model]] | None = None) -> Snapshot:
    """Each town model's rows (or only `models`'), every column, in primary key order (as text: JSON columns do
    not hash); only the rows of `township` when it is given."""
    taken = {}
    for model in town_models() if models is None else models:
        columns = [f.attname for f in model._meta.concrete_fields]
        rows = model._base_manager.order_by("pk")
        if township is not None:
            rows = rows.filter(owned_by(model, township))
        taken[model._meta.label] = [repr(r) for r in rows.values_list(*columns)]
    return taken


def changes(before: Snapshot, after: Snapshot, *, limit: int = 5) -> list[str]:
    """The rows added (+) and removed or changed (-) between two snapshots, a few per model."""
    lines = []
    for label, rows in before.items():
        old, new = set(rows), set(after.get(label, []))
        lines += [f"{label} + {row}" for row in sorted(new - old)[:limit]]
        lines += [f"{label} - {row}" for row in sorted(old - new)[:limit]]
    return lines


# --- What one block changed, for the price of the tables it wrote ---------------------------------------

ANY_TABLE = "*"  # a write whose table could not be read from its SQL: every town model is compared
_WRITE = re.compile(r"\s*(INSERT|UPDATE|DELETE|REPLACE|MERGE|TRUNCATE|WITH|ALTER|DROP)\b", re.IGNORECASE)
_WRITTEN_TABLE = re.compile(
    r"\s*(?:INSERT(?:\s+OR\s+\w+)?\s+INTO|REPLACE\s+INTO|UPDATE(?:\s+OR\s+\w+)?|DELETE\s+FROM)\s+\"?([\w.]+)\"?",
    re.IGNORECASE,
)


@dataclass
class Changed:
    """What a block changed: in every town (`everywhere`), and in each watched township (`in_township`, by pk),
    as lines of changes()."""

    everywhere: list[str] = field(default_factory=list)
    in_township: dict[int, list[str]] = field(default_factory=dict)


@contextmanager
def watch_changes(*townships: Township) -> Iterator[Changed]:
    """Run the block in a savepoint, noting the tables its SQL writes (INSERT, UPDATE, DELETE). After it, the town
    models among those tables are snapshot, the savepoint is rolled back (undoing the block's writes) and they
    are snapshot again: the differences are what the block changed, every row of every town compared as a
    snapshot() before and after would, at the price of the tables it wrote rather than of every town model (a
    table no statement wrote has not changed). The block's writes are undone: use it inside a savepoint that is
    rolled back anyway, as the last thing there."""
    changed = Changed(in_township={township.pk: [] for township in townships})
    written: set[str] = set()

    def note_writes(execute, sql, params, many, context):
        if _WRITE.match(sql):
            table = _WRITTEN_TABLE.match(sql)
            written.add(table.group(1) if table else ANY_TABLE)
        return execute(sql, params, many, context)

    savepoint = transaction.savepoint()
    with connection.execute_wrapper(note_writes):
        yield changed
    models = [m for m in town_models() if ANY_TABLE in written or m._meta.db_table in written]
    if not models:
        transaction.savepoint_commit(savepoint)
        return
    after = snapshot(models=models)
    after_town = {township.pk: snapshot(township=township, models=models) for township in townships}
    transaction.savepoint_rollback(savepoint)
    changed.everywhere = changes(snapshot(models=models), after)
    for township in townships:
        changed.in_township[township.pk] = changes(snapshot(township=township, models=models), after_town[township.pk])
