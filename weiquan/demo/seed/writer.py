"""Fast bulk writing of generated rows: per table and batch one executemany (SQLite) or COPY (PostgreSQL),
all in one transaction.

Rows are built on a template of the model's defaults (every concrete field, so fields other apps add
with a default are filled); datetimes, dates and JSON are converted as the backend's adapters would.
Primary keys are assigned here (max id + 1), so PostgreSQL sequences are reset at the end.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import UTC

from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.db.models import Max

from weiquan.bulkrows import write_rows
from weiquan.cases.models import Business, Case, CaseEvent, CaseNumberCounter
from weiquan.deadlines.models import Clock

_MISSING = object()
UTC = UTC
POSTGRES = "postgresql"


def _as_is(value):
    return value


def _sqlite_datetime(value):
    """What Django's SQLite adapter makes of an aware datetime: naive UTC text."""
    return None if value is None else value.astimezone(UTC).replace(tzinfo=None).isoformat(" ")


def _sqlite_date(value):
    return None if value is None else value.isoformat()


def converters() -> tuple:
    """(datetime, date) converters for the current database (looked up once: `connection` is slow)."""
    if connection.vendor == POSTGRES:
        return _as_is, _as_is
    return _sqlite_datetime, _sqlite_date


def json_text(value) -> str:
    """JSON is passed as text: SQLite stores it as is, PostgreSQL's COPY parses it into jsonb."""
    return json.dumps(value, ensure_ascii=False)


class Table:
    """Rows of one model as tuples in column order; `template()` gives the defaults to fill in."""

    def __init__(self, model: type[models.Model]):
        self.model = model
        self.fields = list(model._meta.concrete_fields)
        self.columns = [f.column for f in self.fields]
        self.index = {f.attname: i for i, f in enumerate(self.fields)}
        self.converters = [self._converter(f) for f in self.fields]
        defaults = [f.get_default() if f.has_default() or f.null or f.empty_strings_allowed else _MISSING
                    for f in self.fields]
        self._template = [d if d is _MISSING or c is None else c(d)
                          for d, c in zip(defaults, self.converters, strict=True)]
        self.rows: list = []
        self.next_id = (model.objects.aggregate(m=Max("pk"))["m"] or 0) + 1

    @staticmethod
    def _converter(field):
        datetime_value, date_value = converters()
        if isinstance(field, models.DateTimeField):
            return datetime_value
        if isinstance(field, models.DateField):
            return date_value
        if isinstance(field, models.JSONField):
            return json_text
        return None

    def template(self) -> list:
        return self._template.copy()

    def take_id(self) -> int:
        value = self.next_id
        self.next_id += 1
        return value

    def add(self, row: dict) -> None:
        """A row given as {attname: python value} (converted here)."""
        values = self.template()
        for name, value in row.items():
            i = self.index[name]
            convert = self.converters[i]
            values[i] = convert(value) if convert is not None else value
        if _MISSING in values:
            missing = [self.fields[i].attname for i, v in enumerate(values) if v is _MISSING]
            raise KeyError(f"{self.model.__name__} needs values for {missing}")
        self.rows.append(values)

    def write(self, cursor, rows: list) -> None:
        table = connection.ops.quote_name(self.model._meta.db_table)
        columns = ", ".join(connection.ops.quote_name(c) for c in self.columns)
        write_rows(cursor, table, columns, len(self.columns), rows)


class Writer:
    """Buffers businesses, cases, events and clocks; writes them in dependency order."""

    def __init__(self, province: str):
        self.province = province
        self.businesses = Table(Business)
        self.cases = Table(Case)
        self.events = Table(CaseEvent)
        self.clocks = Table(Clock)
        self.counters: dict = {}
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:  # this connection only: a big page cache for index inserts
                cursor.execute("PRAGMA cache_size=-1000000")

    def tables(self) -> dict[str, Table]:
        return {"businesses": self.businesses, "cases": self.cases, "events": self.events, "clocks": self.clocks}

    def take(self) -> dict:
        """The buffered rows (and day counters) as one batch, leaving the buffers empty."""
        batch = {}
        for name, table in self.tables().items():
            batch[name], table.rows = table.rows, []
        batch["counters"], self.counters = self.counters, {}
        return batch

    def write(self, batch: dict) -> None:
        with transaction.atomic():
            with connection.cursor() as cursor:
                for name, table in self.tables().items():
                    table.write(cursor, batch[name])
            # in the same transaction: later registrations continue after the numbers and ids used here,
            # even when seeding is interrupted
            save_counters(self.province, batch["counters"].items())
            if connection.vendor == POSTGRES:
                with connection.cursor() as cursor:
                    for sql in connection.ops.sequence_reset_sql(no_style(), [Business, Case, CaseEvent, Clock]):
                        cursor.execute(sql)

    def flush(self) -> None:
        self.write(self.take())


def analyze(*models) -> None:
    """Refresh the planner's statistics after a bulk load of `models` (default: the seed's own). Without
    them SQLite answers `MIN(due) … WHERE case_id = ? AND state = 'running'` (every action,
    clocks.earliest_due) by scanning the (state, due) index over all running clocks instead of using the
    case_id index — and a PostgreSQL whose autovacuum is off or behind plans as for empty tables."""
    tables = [m._meta.db_table for m in (models or (Business, Case, CaseEvent, Clock, CaseNumberCounter))]
    with connection.cursor() as cursor:
        if connection.vendor == POSTGRES:
            cursor.execute("ANALYZE " + ", ".join(connection.ops.quote_name(t) for t in tables))
        else:
            cursor.execute("PRAGMA analysis_limit=2000")  # sampled: seconds even for millions of rows
            cursor.execute("ANALYZE")


def existing_counters(province: str) -> dict:
    return dict(CaseNumberCounter.objects.filter(province=province).values_list("day", "last"))


def save_counters(province: str, items: Iterable) -> None:
    """Set each day's counter to the last number handed out (never lowering it)."""
    table = connection.ops.quote_name(CaseNumberCounter._meta.db_table)
    rows = [(province, connection.ops.adapt_datefield_value(day), last) for day, last in items]
    if not rows:
        return
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} (province, day, last) VALUES (%s, %s, %s) ON CONFLICT (province, day) "
            f"DO UPDATE SET last = CASE WHEN excluded.last > {table}.last THEN excluded.last ELSE {table}.last END",
            rows,
        )
