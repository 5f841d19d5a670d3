"""The database after the migrations has the indexes the models declare and no other, on SQLite and on
PostgreSQL alike — where migrations write their own SQL for PostgreSQL (`weiquan.migration_ops`) too:
each hot table has one index per look-up that reads it, and the rows known by their case have it as key."""

import pytest
from django.db import connection

from weiquan.cases.models import Case, CaseEvent
from weiquan.intake.models import ImportedRow
from weiquan.triage.models import PendingTriage, Signature, Triage

pytestmark = pytest.mark.django_db


def _indexes(model) -> dict[str, dict]:
    with connection.cursor() as cursor:
        return connection.introspection.get_constraints(cursor, model._meta.db_table)


def _index_columns(model) -> list[tuple[str, ...]]:
    return [tuple(c["columns"]) for c in _indexes(model).values() if c["index"] or c["unique"] or c["primary_key"]]


@pytest.mark.parametrize("model", [Case, CaseEvent, ImportedRow, Triage, Signature, PendingTriage])
def test_every_index_is_one_the_model_declares(model):
    declared = {tuple(model._meta.get_field(f).column for f in index.fields) for index in model._meta.indexes}
    declared |= {tuple(model._meta.get_field(f).column for f in c.fields) for c in model._meta.constraints}
    declared |= {(f.column,) for f in model._meta.concrete_fields if f.primary_key or f.unique or f.db_index}
    declared |= {tuple(model._meta.get_field(f).column for f in fields) for fields in model._meta.unique_together}
    found = _index_columns(model)
    assert set(found) <= declared
    assert len(found) == len(set(found)), "two indexes on the same columns"


@pytest.mark.parametrize("model", [ImportedRow, Triage, Signature, PendingTriage])
def test_a_row_known_by_its_case_has_the_case_as_its_key(model):
    keys = [c["columns"] for c in _indexes(model).values() if c["primary_key"]]
    assert keys == [["case_id"]]


def test_the_case_number_has_a_single_index():
    on_number = [name for name, c in _indexes(Case).items() if c["columns"] == ["number"] and (c["index"] or c["unique"])]
    assert len(on_number) == 1


def test_system_events_leave_the_actor_and_organisation_indexes_alone():
    partial = {i.name: i.condition for i in CaseEvent._meta.indexes}
    assert set(partial) >= {"case_event_actor", "case_event_org"} and all(partial.values())
    names = set(_indexes(CaseEvent))
    assert {"case_event_actor", "case_event_org"} <= names
