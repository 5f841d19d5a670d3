"""`seed --reset`: remove every case with its events, clocks and dependants, the day counters and the
businesses no ODR account points at. Raw deletes (no per-row signals): meant for demo and bench databases."""

from __future__ import annotations

from django.db import connection, transaction

from weiquan.cases.models import Business, Case, CaseEvent, CaseNumberCounter
from weiquan.deadlines.models import Clock


def _delete_all(model) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)}")


@transaction.atomic
def reset_cases() -> None:
    done = set()
    # rows of other apps that point at cases or businesses go first (supervision orders, follow-ups…)
    for target in (Case, Business):
        for rel in target._meta.related_objects:
            model = rel.related_model
            if model in (Case, Business, CaseEvent, Clock) or model in done or rel.many_to_many:
                continue
            _delete_all(model)
            done.add(model)
    for model in (CaseEvent, Clock):
        _delete_all(model)
    with connection.cursor() as cursor:
        table = connection.ops.quote_name(Case._meta.db_table)
        cursor.execute(f"UPDATE {table} SET split_from_id = NULL, duplicate_of_id = NULL")
    _delete_all(Case)
    _delete_all(CaseNumberCounter)
    Business.objects.filter(odr_org__isnull=True).update(platform=None)
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {connection.ops.quote_name(Business._meta.db_table)} WHERE odr_org_id IS NULL")
