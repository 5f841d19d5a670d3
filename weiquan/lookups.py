"""`field__any_of=[...]`: membership in a list of any length, bound as ONE parameter.

`field__in=[...]` binds one parameter per value: a batch look-up of 40,000 band keys must then be cut
into chunks under SQLite's parameter limit, and the ORM spends more time compiling the placeholders
than the database spends answering. `any_of` binds the whole list once — `= ANY(%s::type[])` on
PostgreSQL, `IN (SELECT value FROM json_each(%s))` on SQLite — and both use the column's index.

For integer, text and date columns holding JSON-representable values (the index keys of triage).
Registered at start-up by the cases app. Pass a set or a dict's keys rather than a list: the ORM walks a
list or a tuple value element by element, in case one is an expression, before any lookup sees it — a
microsecond per value, thousands of values per batch.
"""

from __future__ import annotations

import json
from datetime import date

from django.db.models import Field, ForeignObject, Lookup


def _bound_list(values, db_type: str, connection) -> tuple[str, list]:
    """(placeholder, [parameter]) binding the whole list once: a PostgreSQL array, or a JSON array that
    SQLite's json_each reads."""
    values = list(values)
    if connection.vendor == "postgresql":
        if not values or set(map(type, values)) == {int}:  # a literal is far quicker to send than a list
            return f"%s::{db_type}[]", ["{" + ",".join(map(str, values)) + "}"]
        return f"%s::{db_type}[]", [values]
    return "%s", [json.dumps([v.isoformat() if isinstance(v, date) else v for v in values])]


def any_of_sql(lhs: str, values, db_type: str, connection) -> tuple[str, list]:
    """SQL and parameters for "`lhs` is one of `values`" (a column of type `db_type`), for raw queries."""
    placeholder, params = _bound_list(values, db_type, connection)
    if connection.vendor == "postgresql":
        return f"{lhs} = ANY({placeholder})", params
    return f"{lhs} IN (SELECT value FROM json_each({placeholder}))", params


def any_of_source(values, db_type: str, connection) -> tuple[str, list]:
    """A FROM item with one column, `value`, holding each of `values` (for INSERT … SELECT value FROM …),
    the list bound as one parameter."""
    placeholder, params = _bound_list(values, db_type, connection)
    if connection.vendor == "postgresql":
        return f"unnest({placeholder}) AS value", params
    return f"json_each({placeholder})", params


def without_parallel_plans(connection) -> None:
    """For the rest of the caller's transaction, no parallel plans (PostgreSQL). A batch's `any_of` look-ups
    are thousands of index probes; against a table of middling size the planner may prefer a parallel
    scan instead, whose workers, on a server of two or four cores busy with intake, cost more than they
    save (measured: imports with triage about a tenth quicker without them)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL max_parallel_workers_per_gather = 0")


class AnyOf(Lookup):
    lookup_name = "any_of"
    prepare_rhs = False

    def get_db_prep_lookup(self, value, connection):
        return "%s", [list(value)]

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        sql, params = any_of_sql(lhs, self.rhs, self.lhs.output_field.db_type(connection), connection)
        return sql, [*lhs_params, *params]


def register() -> None:
    """Called once at start-up (`weiquan.cases.apps`)."""
    Field.register_lookup(AnyOf)
    ForeignObject.register_lookup(AnyOf)  # relations keep their own lookups: case_id__any_of
