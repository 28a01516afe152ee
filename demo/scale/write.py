"""How the bulk builder writes its rows: `write` (COPY on PostgreSQL, bulk_create elsewhere), and the secondary
indexes of the big tables set aside while a large run loads them."""

import io
import json
from operator import attrgetter

from django.db import connection
from django.db.models.base import ModelState
from django.db.models.fields import NOT_PROVIDED

BATCH = 5000
# Backslash, tab, newline and carriage return are the characters COPY's text format escapes.
_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


_DEFAULTS: dict[type, tuple[dict, list]] = {}


def new(model, **values):
    """An unsaved instance of `model`, made without Model.__init__ (a fifth of the builder's time): `values` by
    attname (`township_id`, not `township`), every other field at its default. The bulk builder's rows only;
    no signal is sent (as bulk_create sends none on saving)."""
    if model not in _DEFAULTS:
        fixed, called = {}, []
        for field in model._meta.concrete_fields:
            if field.default is NOT_PROVIDED:
                fixed[field.attname] = None if field.null or not field.empty_strings_allowed else ""
            elif callable(field.default):
                called.append((field.attname, field.default))
            else:
                fixed[field.attname] = field.default
        _DEFAULTS[model] = fixed, called
    fixed, called = _DEFAULTS[model]
    row = model.__new__(model)
    row._state = ModelState()
    row.__dict__.update(fixed)
    for name, default in called:
        row.__dict__[name] = default()
    row.__dict__.update(values)
    return row


def write(model, rows: list, built) -> list:
    """Write `rows` (unsaved instances of `model`) and return them with their ids set; counted in `built`.
    On PostgreSQL the ids are taken from the table's sequence in one block and the rows sent with COPY, so
    later parts refer to them without reading them back; elsewhere Django's bulk_create does both."""
    if rows:
        if connection.vendor == "postgresql":
            _copy(model, rows)
        else:
            model.objects.bulk_create(rows, batch_size=BATCH)
        built.add(model._meta.label, len(rows))
    return rows


def _copy(model, rows: list) -> None:
    opts = model._meta
    fields = opts.concrete_fields
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [opts.db_table, opts.pk.column, len(rows)],
        )
        for row, (pk,) in zip(rows, cursor.fetchall(), strict=True):
            row.pk = pk
            row._state.adding, row._state.db = False, connection.alias
        # What bulk_create does too: the fields stamped on saving (auto_now, auto_now_add) take their value.
        stamped = [f for f in fields if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)]
        values = attrgetter(*[f.attname for f in fields])
        buffer = io.StringIO()
        for row in rows:
            for field in stamped:
                field.pre_save(row, True)
            buffer.write("\t".join(map(_text, values(row))))
            buffer.write("\n")
        buffer.seek(0)
        columns = ", ".join(quote(f.column) for f in fields)
        cursor.cursor.copy_expert(f"COPY {quote(opts.db_table)} ({columns}) FROM STDIN", buffer)


def _text(value) -> str:
    """A Python value in COPY's text format."""
    if value is None:
        return r"\N"
    if value is True:
        return "t"
    if value is False:
        return "f"
    if isinstance(value, str):
        return value.translate(_ESCAPES)
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False).translate(_ESCAPES)
    return str(value)  # numbers, dates, aware datetimes (with their offset), times


def indexes_drop(models: list) -> list[str]:
    """Drop the secondary indexes of `models`' tables (neither unique nor backing a constraint) and return their
    definitions as pg_indexes gives them, to run again after loading. PostgreSQL only."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT i.indexname, i.indexdef FROM pg_indexes i
            WHERE i.schemaname = current_schema() AND i.tablename = ANY(%s)
              AND i.indexdef NOT LIKE 'CREATE UNIQUE INDEX%%'
              AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)
            ORDER BY i.tablename, i.indexname
            """,
            [sorted({m._meta.db_table for m in models})],
        )
        found = cursor.fetchall()
        for name, _definition in found:
            cursor.execute(f"DROP INDEX IF EXISTS {connection.ops.quote_name(name)}")
    return [definition for _name, definition in found]


def indexes_create(definitions: list[str]) -> None:
    """Build again the indexes `indexes_drop` dropped (those already there are left alone)."""
    with connection.cursor() as cursor:
        cursor.execute("SET maintenance_work_mem TO '256MB'")
        for definition in definitions:
            cursor.execute(definition.replace("CREATE INDEX ", "CREATE INDEX IF NOT EXISTS ", 1))
