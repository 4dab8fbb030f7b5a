"""PostgreSQL's COPY for the large seeder (seed_large): rows as tuples, straight into a table.

Django's bulk_create builds a model instance and a parameter list per row: over the ten million
rows of `make bench-scale` that alone is most of the seeding (bench/README.md). Here a row is a
tuple of the named columns; every other column gets its field's default (a fresh UUID, now for
auto_now fields, "" for blank text), computed columns are left to the database, and the text is
streamed to COPY as it is made, so Python and PostgreSQL work at the same time.

`without_triggers` turns off, for one transaction, the triggers and the foreign-key checks, which
cost a seeded row more than its insert; the seeder writes what the triggers would have
(`history_rows`) and its rows are consistent by construction.
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


def _fill(field: models.Field, now: datetime):
    """What a column the seeder does not name gets, as Django would give it on save."""
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return lambda: now
    return field.get_default


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


def copy_rows(model: type[models.Model], columns: list[str], rows: Iterable[tuple], *, now: datetime) -> int:
    """COPY rows (tuples of `columns`, field names or attnames) into the model's table; returns the
    count. A primary key not among the columns comes from its sequence."""
    named = [model._meta.get_field(name) for name in columns]
    others = [
        field
        for field in model._meta.concrete_fields
        if field not in named
        and not field.primary_key
        and not getattr(field, "generated", False)
        and field.db_default is models.NOT_PROVIDED
    ]
    fills = [_fill(field, now) for field in others]
    names = ", ".join(connection.ops.quote_name(field.column) for field in [*named, *others])
    lines = ("\t".join(_text(value) for value in (*row, *(fill() for fill in fills))) + "\n" for row in rows)
    stream = _Stream(lines)
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


def history_rows(event_model, rows: models.QuerySet) -> int:
    """The django-pghistory rows that the insert trigger of event_model's tracked model would have
    written for `rows`, a queryset of that model (its condition aside: pass only rows it applies to)."""
    quote = connection.ops.quote_name
    columns = ", ".join(
        quote(field.column)
        for field in event_model._meta.concrete_fields
        if not field.name.startswith("pgh_")
    )
    select, params = rows.values_list("pk").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {quote(event_model._meta.db_table)} "
            f"(pgh_created_at, pgh_label, pgh_obj_id, {columns}) SELECT now(), 'insert', id, {columns} "
            f"FROM {quote(rows.model._meta.db_table)} WHERE id IN ({select})",
            params,
        )
        return cursor.rowcount
