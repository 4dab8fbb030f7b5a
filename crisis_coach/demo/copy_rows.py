"""PostgreSQL's COPY for the large seeder (seed_large): rows as tuples, straight into a table.

Django's bulk_create builds a model instance and a parameter list per row: that was about half of
the old seeder's time (cProfile, 50 clients: 17 of 33 s outside the database), and `make
bench-scale` writes ten million rows. Here a row is a tuple of the named columns; every other
column gets its field's default (a fresh UUID, now for auto_now fields, "" for blank text),
computed columns are left to the database, and the text is streamed to COPY as it is made, so
Python and PostgreSQL work at the same time.

`without_triggers` turns off, for one transaction, the triggers and the foreign-key checks, which
cost a seeded row more than its insert; the seeder writes what the triggers would have (copy_rows'
`history`) and its rows are consistent by construction.
"""

import json
from collections.abc import Iterable, Iterator
from datetime import date, datetime

from django.db import connection, models


def _text(value) -> str:
    """One value in COPY's text format."""
    if value is None:
        return r"\N"
    if value is True or value is False:
        return "t" if value else "f"
    if isinstance(value, str):
        if "\\" in value or "\t" in value or "\n" in value or "\r" in value:
            value = value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
        return value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, dict | list):
        return _text(json.dumps(value))
    return str(value)  # int, Decimal, UUID


def _same_for_every_row(field: models.Field) -> bool:
    """Whether a column the seeder does not name gets one value for every row: now for an auto_now
    field, a plain default, "" or NULL; not a callable default (a fresh UUID, timezone.now)."""
    automatic = getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
    return automatic or not field.has_default() or not callable(field.default)


def _fixed_value(field: models.Field, now: datetime):
    return (
        now
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
        else field.get_default()
    )


class _Stream:
    """A file that psycopg2's copy_expert reads: the rows' COPY text, made as it is asked for."""

    def __init__(self, lines: Iterator[str]):
        self.lines, self.count = lines, 0

    def read(self, size: int = 8192) -> str:
        parts, length = [], 0
        for line in self.lines:
            parts.append(line)
            length += len(line)
            self.count += 1
            if length >= size:
                break
        return "".join(parts)


def copy_rows(
    model: type[models.Model], columns: list[str], rows: Iterable[tuple], *, now: datetime, history=None
) -> int:
    """COPY rows (tuples of `columns`, field names or attnames) into the model's table; returns the
    count. A primary key not among the columns comes from its sequence. With `history`, the
    django-pghistory event model of an insert trigger, also the event rows that trigger would have
    written (its condition aside: pass only rows it applies to); the rows' ids must then be given."""
    named = [model._meta.get_field(name) for name in columns]
    others = [
        field
        for field in model._meta.concrete_fields
        if field not in named
        and not field.primary_key
        and not getattr(field, "generated", False)
        and field.db_default is models.NOT_PROVIDED
    ]
    # What every row shares is made into COPY's text once; a callable default is called per row.
    per_row = [field for field in others if not _same_for_every_row(field)]
    fixed = {field: _fixed_value(field, now) for field in others if _same_for_every_row(field)}
    fixed_text = "".join("\t" + _text(value) for value in fixed.values())
    makers = [field.get_default for field in per_row]
    fields = [*named, *per_row]
    filled = (row + tuple(make() for make in makers) for row in rows)
    if history:
        filled = list(filled)  # read twice: the rows, then their history
    lines = ("\t".join(map(_text, row)) + fixed_text + "\n" for row in filled)
    count = _copy(model, [*fields, *fixed], lines)
    if history:
        tracked = [field for field in history._meta.concrete_fields if not field.name.startswith("pgh_")]
        position = {field.attname: index for index, field in enumerate(fields)}
        shared = {field.attname: _text(value) for field, value in fixed.items()}
        pk = position[model._meta.pk.attname]

        def event(row) -> str:
            values = [_text(now), "insert", _text(row[pk])]
            values += [
                _text(row[position[field.attname]]) if field.attname in position else shared[field.attname]
                for field in tracked
            ]
            return "\t".join(values) + "\n"

        event_fields = [history._meta.get_field(name) for name in ("pgh_created_at", "pgh_label", "pgh_obj")]
        _copy(history, event_fields + tracked, map(event, filled))
    return count


def _copy(model, fields, lines: Iterator[str]) -> int:
    stream = _Stream(lines)
    names = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    with connection.cursor() as cursor:
        cursor.cursor.copy_expert(
            f"COPY {connection.ops.quote_name(model._meta.db_table)} ({names}) FROM STDIN", stream
        )
    return stream.count


def reserve_ids(model: type[models.Model], count: int) -> list[int]:
    """`count` primary keys from the model's sequence, for rows that others point to. Safe beside
    another seeding process: each value is taken once."""
    table, column = model._meta.db_table, model._meta.pk.column
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [table, column, count],
        )
        return [row[0] for row in cursor.fetchall()]


def without_triggers() -> None:
    """For the rest of the transaction: no trigger, no foreign-key check (a superuser's setting,
    which the bench's own database grants)."""
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL session_replication_role = replica")
