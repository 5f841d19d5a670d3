"""Triage of many cases at once: what `compute.triage_case` does for one, with batched queries.

Used by the worker that triages newly registered cases after their commit (`queue`), by imports
(`weiquan.intake.signals.cases_imported`) and by the demo's seeded history. Per batch: one classification
call, one routing call, one bulk write of the similarity index, a handful of `IN` look-ups for
duplicates, professional-claimant signals and groups — instead of a dozen queries per case. The
judgements themselves are the index's (`judge_candidates`, `signals_from`, `members_among`), so a case
triaged here gets what it would get alone, except that the cases of one batch also see each other.

A case already closed when it is triaged — an imported history, mostly — is classified, routed and written
to the similarity index, so that the cases after it find it, but not compared with other cases itself:
duplicates, a group and the professional-claimant signals inform the decision on a case, and that decision
has been taken (`Triage.compared` is False; the case page shows no triage for a closed case, and the panel,
asked for, says so). A historical export is mostly closed cases.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date

from django.db import connection, transaction
from django.utils import timezone

from weiquan.bulkrows import RowWriter
from weiquan.cases.models import Case
from weiquan.lib import workflow
from weiquan.lib.classify import classify_many
from weiquan.lib.classify_text import normalise
from weiquan.lookups import without_parallel_plans
from weiquan.regions.resolver import route_addresses

from . import index
from .classifier import current_model
from .compute import (
    act_on_web_submissions,
    assign_group,
    classification_text,
    log,
    on_platform,
    route_case,
    routing_fields,
    suggestions,
)
from .keys import Keys, keys_for_many
from .models import Triage

BULK_BATCH = 2000  # cases per transaction of triage_bulk


@dataclass(slots=True)
class CaseRow:
    """What triage reads of a case, read as plain values: a batch reads a thousand cases, and building model
    instances for them cost more than the query. Duck-types the `Case` attributes triage uses."""

    id: int
    number: str
    kind: str
    channel: str
    state: str
    received_on: date
    description: str
    business_address: str
    business_name: str
    business_uscc: str
    platform_address: str
    complainant_phone: str
    complainant_name: str
    complainant_address: str
    split_from_id: int | None
    category: str
    problem: str

    @property
    def pk(self) -> int:
        return self.id


CASE_FIELDS = tuple(f.name for f in fields(CaseRow))


def case_rows(queryset) -> list[CaseRow]:
    """The cases of `queryset` as `CaseRow`s."""
    return [CaseRow(*values) for values in queryset.values_list(*CASE_FIELDS)]


def _chunks(values: list, size: int):
    for i in range(0, len(values), size):
        yield values[i:i + size]


def triage_cases(cases: list[Case | CaseRow], *, act: bool, exclusive: bool = False) -> int:
    """Compute and store the triage of these cases (replacing earlier ones); `act`: route web submissions
    whose address gives one bureau, as the inline path does. The caller holds the transaction.

    `exclusive` (the queue's drains, which may run in two processes at once): the pure part —
    classification, routing, signatures — runs freely, then the index is written and searched under a
    transaction-long lock, so every batch sees the index rows of every batch before it."""
    cases = sorted({c.pk: c for c in cases}.values(), key=lambda c: c.pk)
    if not cases:
        return 0
    ids = [c.pk for c in cases]
    descriptions = [normalise(c.description) for c in cases]  # once: classification and MinHash both read it
    results = classify_many([classification_text(c, d) for c, d in zip(cases, descriptions, strict=True)],
                            current_model(), normalised=True)
    addresses = sorted({c.business_address for c in cases if c.business_address.strip() and not on_platform(c)})
    by_address = dict(zip(addresses, route_addresses(addresses), strict=True)) if addresses else {}
    routes = {c.pk: route_case(c) if on_platform(c) else by_address.get(c.business_address) for c in cases}
    keys = dict(zip(ids, keys_for_many([dict(
        received_on=c.received_on, phone=c.complainant_phone, name=c.complainant_name,
        address=c.complainant_address, business_name=c.business_name, uscc=c.business_uscc, text=d,
        problem=r.problem.code, category=r.category.code)
        for c, r, d in zip(cases, results, descriptions, strict=True)], normalised=True), strict=True))
    if exclusive:
        index.lock_for_writing()
    without_parallel_plans(connection)
    earlier = dict(Triage.objects.filter(case_id__any_of=set(ids)).values_list("case_id", "auto_routed"))
    index.store(keys)
    claims = {c.pk: (r.quantities, r.tags) for c, r in zip(cases, results, strict=True)}
    closed = {c.pk for c in cases if c.state == workflow.CLOSED}  # indexed for the others, compared with none
    clusters = _date_clusters({cid: k for cid, k in keys.items() if cid not in closed})
    duplicates, signals = {}, {}
    for cluster in clusters:
        duplicates.update(index.find_duplicates(cluster))
        signals.update(index.professional_signals(cluster, claims))
    numbers = dict(Case.objects.filter(pk__any_of={d["case_id"] for ds in duplicates.values() for d in ds})
                   .values_list("id", "number"))
    rows, now = RowWriter(Triage), timezone.now()
    for case, result in zip(cases, results, strict=True):
        routing = routes[case.pk]
        dups = duplicates.get(case.pk, [])
        for d in dups:
            d["number"] = numbers.get(d["case_id"], "")
        rows.add(dict(
            case_id=case.pk, **suggestions(result), **routing_fields(routing), auto_routed=earlier.get(case.pk, False),
            duplicates=dups, signals=signals.get(case.pk, []), compared=case.pk not in closed,
            created_at=now, updated_at=now))
    if earlier:
        Triage.objects.filter(case_id__any_of=earlier.keys()).delete()
    written = len(rows.rows)
    with connection.cursor() as cursor:
        rows.flush(cursor)
    for cluster in clusters:
        _groups([c for c in cases if c.pk in cluster], cluster)
    if act and any(c.channel == Case.Channel.WEB for c in cases):
        triages = {t.case_id: t for t in Triage.objects.filter(case_id__in=[
            c.pk for c in cases if c.channel == Case.Channel.WEB])}
        act_on_web_submissions([(case, triages[case.pk], result, routes[case.pk])
                                for case, result in zip(cases, results, strict=True) if case.pk in triages])
    return written


def triage_bulk(case_ids: list[int]) -> int:
    """Triage the given registered cases that have no triage yet (imports, the demo history): nothing is
    routed or filled automatically. Returns how many were triaged."""
    total = 0
    for chunk in _chunks(sorted(case_ids), BULK_BATCH):
        cases = case_rows(Case.objects.filter(pk__any_of=set(chunk), triage__isnull=True))
        total += triage_cases(cases, act=False)
    return total


def triage_history(batch: int = 2000, progress=None) -> tuple[int, float]:
    """Triage every case that has none (a seeded or migrated history), oldest first, one transaction per
    batch; safe to interrupt and run again. Returns (cases triaged, cases per second)."""
    import time

    started, done, last_id = time.perf_counter(), 0, 0
    while True:
        ids = list(Case.objects.filter(id__gt=last_id).order_by("id").values_list("id", flat=True)[:batch])
        if not ids:
            break
        last_id = ids[-1]
        with transaction.atomic():
            done += triage_bulk(ids)
        if progress:
            progress(done)
    elapsed = time.perf_counter() - started
    return done, (done / elapsed if elapsed and done else 0.0)


def _date_clusters(keys: dict[int, Keys], span_days: int = 31) -> list[dict[int, Keys]]:
    """The batch cut into stretches of at most `span_days` days received, so that each look-up covers its
    own weeks (live intake: one stretch; a historical export in random order: one per month or so)."""
    clusters: list[dict[int, Keys]] = []
    first = None
    for cid, k in sorted(keys.items(), key=lambda item: (item[1].received_on, item[0])):
        if first is None or (k.received_on - first).days > span_days:
            clusters.append({})
            first = k.received_on
        clusters[-1][cid] = k
    return clusters


def _groups(cases: list[Case], keys: dict[int, Keys]) -> None:
    """Group complaints (Art. 12): a case whose business has enough complainants about the same issue in
    the group window joins (or opens) the group."""
    wanted = {c.pk: c for c in cases if c.kind != workflow.CONSULTATION}
    found = index.group_members({cid: k for cid, k in keys.items() if cid in wanted})
    for cid, (members, complainants) in found.items():
        if complainants >= index.conf("group_min_complainants"):
            assign_group(wanted[cid], keys[cid], wanted[cid].business_name, members, complainants)


def on_cases_imported(sender, case_ids, actor=None, **kwargs):
    try:
        with transaction.atomic():
            triage_bulk(list(case_ids))
    except Exception:  # noqa: BLE001 - suggestions must never undo an import
        log.exception("bulk triage of %d imported cases failed", len(case_ids))
