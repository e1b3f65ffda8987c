"""Fast inserts for the Excel import: one prepared statement per table.

Django's ``bulk_create`` compiles a multi-row INSERT per batch, and SQLite's variable
limit cuts batches to a few dozen rows, so ten thousand activities cost hundreds of
statements. ``executemany`` with one prepared statement is several times faster on
SQLite and PostgreSQL alike. Dates and datetimes go through the backend's own
adapters; the other columns here are plain ints, strings and booleans, which both
drivers take as they are.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db import DEFAULT_DB_ALIAS, connections


def _converter(field, conn):
    internal_type = field.get_internal_type()
    if internal_type == "DateTimeField":
        return conn.ops.adapt_datetimefield_value
    if internal_type == "DateField":
        return conn.ops.adapt_datefield_value
    return None


def _memo(convert):
    """The backend's adapter, remembered per value: an import stamps every row with the
    same time and repeats a few hundred dates, so each is adapted once."""
    if convert is None:
        return None
    seen: dict = {}

    def adapted(value):
        try:
            return seen[value]
        except KeyError:
            seen[value] = result = convert(value)
            return result

    return adapted


def insert_many(model, rows: Sequence[dict]) -> None:
    """Insert plain dicts (field attname -> Python value). Primary keys are the database's."""
    if not rows:
        return
    fields = [f for f in model._meta.concrete_fields if not f.primary_key or f.attname in rows[0]]
    fields = [f for f in fields if f.attname in rows[0]]
    connection = connections[DEFAULT_DB_ALIAS]
    qn = connection.ops.quote_name
    columns = ", ".join(qn(f.column) for f in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {qn(model._meta.db_table)} ({columns}) VALUES ({placeholders})"
    plan = [(f.attname, _memo(_converter(f, connection))) for f in fields]
    prepared = [[row[name] if convert is None or row[name] is None else convert(row[name]) for name, convert in plan] for row in rows]
    with connection.cursor() as cursor:
        cursor.executemany(sql, prepared)
