"""Writing many rows of a model at once, past the ORM's per-object work: values adapted as the ORM would,
defaults for fields not given, then one COPY (PostgreSQL) or one executemany (SQLite) per flush.

For the hot bulk paths only — imports and the similarity index of batch triage — where building model
instances costs more than the database does. Nothing here sends signals or calls `save()`.
"""

from __future__ import annotations

import json
from datetime import UTC

from django.db import connection, models

_MISSING = object()


def _json(value) -> str:
    """`json.dumps`, without its machinery for the empty lists and objects most JSON columns hold."""
    if not value and isinstance(value, list | dict):
        return "[]" if isinstance(value, list) else "{}"
    return json.dumps(value)


def _datetime_text():
    """PostgreSQL: a datetime column's values as ISO text, which COPY parses — formatting a datetime costs
    about a microsecond, psycopg's way or `isoformat`, and a batch stamps every row with the same `now`,
    so the last value's text is kept; text given (`RowWriter.text_datetimes`) is written as it is."""
    last: list = [None, ""]

    def convert(value):
        if type(value) is str:
            return value
        if value is not last[0]:
            last[0], last[1] = value, value.isoformat()
        return last[1]

    return convert


def _bytea_text(value) -> str:
    """PostgreSQL: bytes as bytea's hex text (a MinHash signature: a tenth of what psycopg's escaping costs)."""
    return "\\x" + bytes(value).hex()


class RowWriter:
    """Rows of `model` to write at once: `add(dict)` takes a row by field name with defaults for the rest;
    with `columns` (attribute names in order) `add_values(*values)` takes the values alone, in that order —
    the quicker way for narrow rows added by the thousand."""

    def __init__(self, model: type[models.Model], *, with_id: bool = False, columns: tuple[str, ...] = (),
                 encoded: tuple[str, ...] = ()):
        """`encoded`: JSON columns whose values are given as JSON text already (written as they are)."""
        ops = connection.ops
        if columns:
            by_name = {f.attname: f for f in model._meta.concrete_fields}
            self.fields = [by_name[name] for name in columns]
        else:
            self.fields = [f for f in model._meta.concrete_fields
                           if with_id or not isinstance(f, models.fields.AutoFieldMixin)]  # given unless generated
        self.table = ops.quote_name(model._meta.db_table)
        self.columns = ", ".join(ops.quote_name(f.column) for f in self.fields)
        self.plan = [(f.attname, self._default(f), None if f.attname in encoded else self._converter(f))
                     for f in self.fields]
        converters = [convert for _name, _default, convert in self.plan]
        # for `add`: every value by name (its default when not given), then the few that need converting
        self._named = [(name, None if default is _MISSING else default) for name, default, _c in self.plan]
        self._required = [name for name, default, _c in self.plan if default is _MISSING]
        self._convert_at = [(i, convert) for i, convert in enumerate(converters) if convert is not None]
        self.plain = all(_is_plain(f) for f in self.fields)
        # a datetime may be given as its ISO text (a caller that formatted it already, for a hash)
        self.text_datetimes = connection.vendor == "postgresql"
        self.rows: list = []  # value sequences in column order

    @staticmethod
    def _default(field):
        if field.has_default() or field.null or (field.empty_strings_allowed and field.blank):
            return field.get_default()
        return _MISSING

    @staticmethod
    def _converter(field):
        """The backend's adaptation, as the ORM applies it (None values are passed through by `add`)."""
        ops = connection.ops
        if isinstance(field, models.JSONField) and field.encoder is None:
            return _json  # text into json/jsonb: both databases parse it
        if isinstance(field, models.JSONField):
            return lambda v: json.dumps(v, cls=field.encoder)
        if connection.vendor != "sqlite":
            if isinstance(field, models.DateTimeField):
                return _datetime_text()
            if isinstance(field, models.BinaryField):
                return _bytea_text
            return None  # psycopg adapts dates and decimals itself
        if isinstance(field, models.DateTimeField):  # what adapt_datetimefield_value does with USE_TZ
            return lambda v: str(v.astimezone(UTC).replace(tzinfo=None))
        if isinstance(field, models.DateField):
            return ops.adapt_datefield_value
        if isinstance(field, models.DecimalField):
            return lambda v: ops.adapt_decimalfield_value(v, field.max_digits, field.decimal_places)
        return None

    def add(self, row: dict) -> None:
        for name in self._required:
            if name not in row:
                raise KeyError(f"{name} needs a value")
        values = [row.get(name, default) for name, default in self._named]
        for i, convert in self._convert_at:
            if values[i] is not None:
                values[i] = convert(values[i])
        self.rows.append(values)

    def add_object(self, obj: models.Model) -> None:
        """One row from a model instance's attributes (a foreign key by its id)."""
        self.add({name: getattr(obj, name) for name, _default, _convert in self.plan})

    def add_values(self, *values) -> None:
        """One row given as values in the order of `columns`."""
        if len(values) != len(self.fields):
            raise ValueError(f"{len(self.fields)} values expected, {len(values)} given")
        if self._convert_at:
            values = list(values)
            for i, convert in self._convert_at:
                if values[i] is not None:
                    values[i] = convert(values[i])
        self.rows.append(values)

    def flush(self, cursor) -> None:
        """Write the rows added so far through `cursor` (a Django cursor), in the caller's transaction."""
        write_rows(cursor, self.table, self.columns, len(self.fields), self.rows, plain=self.plain)
        self.rows = []


_PLAIN_TYPES = {"AutoField", "BigAutoField", "BigIntegerField", "IntegerField", "PositiveIntegerField",
                "PositiveSmallIntegerField", "SmallIntegerField", "DateField"}


def _is_plain(field) -> bool:
    """A column whose values (integers, dates, NULL) are written as COPY text without any escaping."""
    if field.is_relation:
        field = field.target_field
    return field.get_internal_type() in _PLAIN_TYPES


def _copy_text(rows: list) -> str:
    """Plain rows (see `_is_plain`) in COPY's text format."""
    return "".join(["\t".join(["\\N" if v is None else str(v) for v in row]) + "\n" for row in rows])


SMALL = 20  # rows up to which an INSERT run beats a COPY


def write_rows(cursor, table: str, columns: str, width: int, rows: list, *, plain: bool = False) -> None:
    """Rows (value sequences in column order, adapted) into `table` (quoted) through a Django cursor: one
    COPY on PostgreSQL (for a few rows an executemany, which psycopg pipelines: COPY costs two round trips
    before the first row), one executemany elsewhere. `plain`: every value is an integer, a date or None,
    formatted here in one pass rather than adapted row by row (the index rows of triage, by the thousand)."""
    if not rows:
        return
    if connection.vendor == "postgresql" and len(rows) > SMALL:
        with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
            if plain:
                copy.write(_copy_text(rows))
            else:
                for row in rows:
                    copy.write_row(row)
    else:
        marks = ", ".join(["%s"] * width)
        cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", rows)


def update_rows(model: type[models.Model], objects: list, attnames: list[str]) -> None:
    """Write these attributes of these instances back to their rows: one UPDATE by primary key, run for all
    of them at once (executemany — psycopg sends the lot in one pipeline), in the caller's transaction.
    The values are adapted as `Model.save` adapts them."""
    if not objects or not attnames:
        return
    by_attname = {f.attname: f for f in model._meta.concrete_fields}
    fields = [by_attname[name] for name in attnames]
    q, pk = connection.ops.quote_name, model._meta.pk
    sets = ", ".join(f"{q(f.column)} = %s" for f in fields)
    rows = [[f.get_db_prep_save(getattr(obj, f.attname), connection) for f in fields] + [obj.pk] for obj in objects]
    with connection.cursor() as cursor:
        cursor.executemany(f"UPDATE {q(model._meta.db_table)} SET {sets} WHERE {q(pk.column)} = %s", rows)
