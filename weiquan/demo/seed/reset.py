"""`seed --reset`: remove every case with its events, clocks and dependants, the day counters and the
businesses no ODR account points at. Raw deletes (no per-row signals): meant for demo and bench databases."""

from __future__ import annotations

from collections import Counter

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F

from weiquan.cases.models import Business, Case, CaseEvent, CaseNumberCounter
from weiquan.deadlines.models import Clock


def _dependants(model):
    """The relations pointing at `model`, those without a reverse accessor (`related_name="+"`, such as
    triage's index rows) included."""
    return [f for f in model._meta.get_fields(include_hidden=True)
            if f.auto_created and not f.concrete and (f.one_to_many or f.one_to_one)]


def _delete_all(model) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)}")


@transaction.atomic
def reset_cases() -> None:
    done = set()
    # rows of other apps that point at cases or businesses go first (supervision orders, follow-ups…)
    for target in (Case, Business):
        for rel in _dependants(target):
            model = rel.related_model
            if model in (Case, Business, CaseEvent, Clock) or model in done:
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


@transaction.atomic
def delete_cases(case_ids: list[int]) -> int:
    """Remove these cases (say, what a benchmark imported) with every row that points at them — the index
    rows without a database constraint included — and give their numbers back when they were the last of
    their day. Raw deletes, as `reset_cases`; returns how many cases were deleted."""
    ids = list(case_ids)
    if not ids:
        return 0
    days = Counter(Case.objects.filter(pk__any_of=ids).values_list("received_on", flat=True))
    for rel in _dependants(Case):
        if rel.related_model is not Case:  # the other half of a split stays
            rel.related_model._base_manager.filter(**{f"{rel.field.name}__any_of": ids})._raw_delete("default")
    deleted = Case.objects.filter(pk__any_of=ids)._raw_delete("default")
    province = settings.WEIQUAN_PROVINCE_CODE
    for day, n in days.items():
        CaseNumberCounter.objects.filter(province=province, day=day, last__gte=n).update(last=F("last") - n)
    return deleted
