"""A migration operation for changes that PostgreSQL can make far more cheaply than Django's generic SQL.

Django alters a foreign key's index by dropping and re-adding the constraint (which re-checks every row of
a table of millions) and changes a primary key by building a new index beside an identical unique one.
`OnPostgreSQL` keeps the generated operations for the migration state and for every other database, and
runs hand-written SQL on PostgreSQL instead: drop what goes, build only what is new, reuse what exists.
"""

from __future__ import annotations

from django.db import migrations


class OnPostgreSQL(migrations.operations.base.Operation):
    """`operations` as usual, except on PostgreSQL, where `sql` (statements) runs instead, and `reverse_sql`
    when migrating backwards."""

    reduces_to_sql = True

    def __init__(self, operations: list, sql: list[str], reverse_sql: list[str] | None = None):
        self.operations = operations
        self.sql = sql
        self.reverse_sql = reverse_sql

    @property
    def reversible(self) -> bool:
        return self.reverse_sql is not None

    def deconstruct(self):
        kwargs = {"operations": self.operations, "sql": self.sql}
        if self.reverse_sql is not None:
            kwargs["reverse_sql"] = self.reverse_sql
        return self.__class__.__qualname__, [], kwargs

    def state_forwards(self, app_label, state):
        for operation in self.operations:
            operation.state_forwards(app_label, state)

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            for statement in self.sql:
                schema_editor.execute(statement, params=None)
            return
        for operation in self.operations:  # each from the state the operations before it left
            to_state = from_state.clone()
            operation.state_forwards(app_label, to_state)
            operation.database_forwards(app_label, schema_editor, from_state, to_state)
            from_state = to_state

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if self.reverse_sql is None:
            raise NotImplementedError("this change cannot be reversed")
        if schema_editor.connection.vendor == "postgresql":
            for statement in self.reverse_sql:
                schema_editor.execute(statement, params=None)
            return
        states = [to_state]
        for operation in self.operations[:-1]:
            state = states[-1].clone()
            operation.state_forwards(app_label, state)
            states.append(state)
        for operation, before in zip(reversed(self.operations), reversed(states), strict=True):
            after = before.clone()
            operation.state_forwards(app_label, after)
            operation.database_backwards(app_label, schema_editor, after, before)

    def describe(self):
        return "Database changes, by hand-written SQL on PostgreSQL"
