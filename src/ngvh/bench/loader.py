"""Bulk writing for the synthetic dataset.

The ORM builds one Python object per row, which costs more than the database does at a
million rows; here rows are plain tuples in the table's own column order, taken from the
model's ``_meta`` so that fields added later with a default are filled in without
touching the generator. SQLite gets ``executemany`` inside one transaction per batch;
PostgreSQL gets ``COPY``. Secondary indexes of the big tables are dropped before the load
and rebuilt once after it, which is several times faster than maintaining them row by row.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence

from django.db import connection, models, transaction
from django.utils import timezone


class Table:
    """A model's table as a row template: defaults in column order, values set by name."""

    def __init__(self, model: type[models.Model]):
        self.model = model
        self.name = model._meta.db_table
        self.fields = [f for f in model._meta.concrete_fields]
        self.columns = [f.column for f in self.fields]
        self.position = {}
        for i, f in enumerate(self.fields):
            self.position[f.attname] = i
            self.position[f.name] = i
        self.template = [self._default(f) for f in self.fields]

    @staticmethod
    def _default(field: models.Field):
        if isinstance(field, models.AutoField | models.BigAutoField):
            return None
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            return adapt(timezone.now())
        if field.has_default():
            value = field.get_default()
            if isinstance(field, models.JSONField):
                return json.dumps(value, ensure_ascii=False)
            return adapt(value)
        if field.null:
            return None
        if isinstance(field, models.CharField | models.TextField):
            return ""
        return None

    def row(self, **values) -> tuple:
        out = list(self.template)
        pos = self.position
        for key, value in values.items():
            out[pos[key]] = value
        return tuple(out)

    def setter(self, *keys: str):
        """A fast row builder for the hottest tables: positional values for ``keys``."""
        idx = [self.position[k] for k in keys]
        template = self.template

        def build(*values) -> tuple:
            out = list(template)
            for i, v in zip(idx, values, strict=True):
                out[i] = v
            return tuple(out)

        return build


def adapt(value):
    """A Python value as the database driver wants it for this vendor."""
    if isinstance(value, dt.datetime):
        if timezone.is_naive(value):
            value = timezone.make_aware(value)
        return connection.ops.adapt_datetimefield_value(value)
    if isinstance(value, dt.date):
        return connection.ops.adapt_datefield_value(value)
    return value


def write(table: Table, rows: Sequence[tuple]) -> None:
    """Append rows to a table; the caller holds the transaction."""
    if not rows:
        return
    cols = ", ".join(connection.ops.quote_name(c) for c in table.columns)
    if connection.vendor == "postgresql":
        raw = connection.connection.cursor()
        with raw.copy(f"COPY {connection.ops.quote_name(table.name)} ({cols}) FROM STDIN") as copy:
            for r in rows:
                copy.write_row(r)
        raw.close()
    else:
        marks = ", ".join("?" for _ in table.columns)
        raw = connection.connection.cursor()
        raw.executemany(f"INSERT INTO {connection.ops.quote_name(table.name)} ({cols}) VALUES ({marks})", rows)
        raw.close()


def write_all(table: Table, rows: Iterable[tuple], batch: int = 50_000) -> int:
    count = 0
    buf: list[tuple] = []
    for r in rows:
        buf.append(r)
        if len(buf) >= batch:
            with transaction.atomic():
                write(table, buf)
            count += len(buf)
            buf = []
    if buf:
        with transaction.atomic():
            write(table, buf)
        count += len(buf)
    return count


def next_id(model: type[models.Model]) -> int:
    top = model.objects.aggregate(m=models.Max("pk"))["m"]
    return (top or 0) + 1


# ---- indexes ------------------------------------------------------------------------------


def secondary_indexes(table_name: str) -> list[tuple[str, str]]:
    """(name, CREATE statement) of every index that is not the primary key or a constraint."""
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            cur.execute(
                "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s "
                "AND indexname NOT IN (SELECT conname FROM pg_constraint)",
                [table_name],
            )
        else:
            cur.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = %s AND sql IS NOT NULL",
                [table_name],
            )
        return list(cur.fetchall())


def drop_indexes(indexes: list[tuple[str, str]]) -> None:
    with connection.cursor() as cur:
        for name, _sql in indexes:
            cur.execute(f"DROP INDEX IF EXISTS {connection.ops.quote_name(name)}")


def create_indexes(indexes: list[tuple[str, str]]) -> None:
    with connection.cursor() as cur:
        for _name, sql in indexes:
            cur.execute(sql)


# ---- session settings for a bulk load ------------------------------------------------------


def bulk_session_begin() -> None:
    """Settings that trade durability for speed while the synthetic data goes in.

    Nothing here outlives the loading process: a crash only loses synthetic data that the
    next run regenerates.
    """
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            # Skip the per-row foreign-key triggers: ids are assigned here and consistent.
            cur.execute("SET session_replication_role = replica")
            cur.execute("SET synchronous_commit = off")
            cur.execute("SET maintenance_work_mem = '512MB'")
        else:
            cur.execute("PRAGMA foreign_keys = OFF")
            cur.execute("PRAGMA synchronous = OFF")
            cur.execute("PRAGMA cache_size = -262144")
            cur.execute("PRAGMA temp_store = MEMORY")


def bulk_session_end(models_written: list[type[models.Model]]) -> None:
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            cur.execute("SET session_replication_role = DEFAULT")
            cur.execute("SET synchronous_commit = on")
            from django.core.management.color import no_style

            for sql in connection.ops.sequence_reset_sql(no_style(), models_written):
                cur.execute(sql)
        else:
            cur.execute("PRAGMA foreign_keys = ON")
            cur.execute("PRAGMA synchronous = NORMAL")


def analyze() -> None:
    with connection.cursor() as cur:
        cur.execute("ANALYZE")
