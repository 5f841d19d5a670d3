"""`seed --reset`: remove every case with its events, clocks and dependants, the day counters and the
businesses no ODR account points at. Raw deletes (no per-row signals): meant for demo and bench databases."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Max

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
    """Remove these cases (say, what a benchmark made) with every row that points at them — the index rows
    without a database constraint included —, the group complaints only they formed, and give their
    numbers back where no kept case of their day has a higher one, so numbering stays gap-free. Raw deletes, as `reset_cases`; returns how many cases
    were deleted."""
    ids = list(case_ids)
    if not ids:
        return 0
    from weiquan.triage import index
    from weiquan.triage.models import TextBand, Triage, TriageGroup

    numbers = list(Case.objects.filter(pk__any_of=ids).values_list("number", flat=True))
    groups = set(Triage.objects.filter(case_id__any_of=ids, group__isnull=False).values_list("group_id", flat=True))
    index.forget(ids)  # band rows are found through their keys, not by case
    for rel in _dependants(Case):
        if rel.related_model not in (Case, TextBand):  # the other half of a split stays
            rel.related_model._base_manager.filter(**{f"{rel.field.name}__any_of": ids})._raw_delete("default")
    deleted = Case.objects.filter(pk__any_of=ids)._raw_delete("default")
    TriageGroup.objects.filter(pk__any_of=groups, triages__isnull=True).delete()  # groups only they formed
    _give_numbers_back(numbers)
    return deleted


def _give_numbers_back(numbers: list[str]) -> None:
    """Lower the counter of each day touched to the highest number still in use that day
    (`format_number`: 2 province digits, yymmdd, the sequence), so the next case takes the first free one."""
    province = settings.WEIQUAN_PROVINCE_CODE
    days = {datetime.strptime(n[2:8], "%y%m%d").date(): n[:8] for n in numbers}
    for counter in CaseNumberCounter.objects.select_for_update().filter(province=province, day__any_of=list(days)):
        top = Case.objects.filter(number__startswith=days[counter.day]).aggregate(top=Max("number"))["top"]
        kept = int(top[8:]) if top else 0
        if kept < counter.last:
            CaseNumberCounter.objects.filter(pk=counter.pk).update(last=kept)
