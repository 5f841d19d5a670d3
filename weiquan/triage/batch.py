"""Triage of many cases at once: what `compute.triage_case` does for one, with batched queries.

Used by the worker that triages newly registered cases after their commit (`queue`), by imports
(`weiquan.intake.signals.cases_imported`) and by the demo's seeded history. Per batch: one classification
call, one routing call, one bulk write of the similarity index, a handful of `IN` look-ups for
duplicates, professional-claimant signals and groups — instead of a dozen queries per case. The
judgements themselves are the index's (`judge_candidates`, `signals_from`, `members_among`), so a case
triaged here gets what it would get alone, except that the cases of one batch also see each other.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta

from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from weiquan.bulkrows import RowWriter
from weiquan.cases.models import Case
from weiquan.lib import similarity, workflow
from weiquan.lib.classify import classify_many
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
from .models import Signature, TextBand, Triage

CHUNK = 900  # stays under SQLite's limit of bound parameters
CASE_FIELDS = ("id", "number", "kind", "channel", "state", "received_on", "description", "business_address",
               "business_name", "business_uscc", "platform_address", "complainant_phone", "complainant_name",
               "complainant_address")


def _chunks(values: list, size: int = CHUNK):
    for i in range(0, len(values), size):
        yield values[i:i + size]


def triage_cases(cases: list[Case], *, act: bool) -> int:
    """Compute and store the triage of these cases (replacing earlier ones); `act`: route web submissions
    whose address gives one bureau, as the inline path does. The caller holds the transaction."""
    cases = sorted({c.pk: c for c in cases}.values(), key=lambda c: c.pk)
    if not cases:
        return 0
    ids = [c.pk for c in cases]
    results = classify_many([classification_text(c) for c in cases], current_model())
    addresses = sorted({c.business_address for c in cases if c.business_address.strip() and not on_platform(c)})
    by_address = dict(zip(addresses, route_addresses(addresses), strict=True)) if addresses else {}
    routes = {c.pk: route_case(c) if on_platform(c) else by_address.get(c.business_address) for c in cases}
    keys = {c.pk: index.keys_for(
        received_on=c.received_on, phone=c.complainant_phone, name=c.complainant_name,
        address=c.complainant_address, business_name=c.business_name, uscc=c.business_uscc, text=c.description,
        problem=r.problem.code, category=r.category.code) for c, r in zip(cases, results, strict=True)}
    earlier = dict(Triage.objects.filter(case_id__in=ids).values_list("case_id", "auto_routed"))
    _store(keys)
    by_case = {c.pk: r for c, r in zip(cases, results, strict=True)}
    duplicates, signals = {}, {}
    for cluster in _date_clusters(keys):  # an export in no particular order: one look-up per stretch of dates
        duplicates.update(_duplicates(cluster))
        signals.update(_signals(cluster, by_case))
    numbers = dict(Case.objects.filter(pk__in={d["case_id"] for ds in duplicates.values() for d in ds})
                   .values_list("id", "number"))
    rows, now = RowWriter(Triage), timezone.now()
    for case, result in zip(cases, results, strict=True):
        routing = routes[case.pk]
        dups = duplicates.get(case.pk, [])
        for d in dups:
            d["number"] = numbers.get(d["case_id"], "")
        rows.add(dict(
            case_id=case.pk, **suggestions(result), **routing_fields(routing), auto_routed=earlier.get(case.pk, False),
            duplicates=dups, signals=signals[case.pk],
            created_at=now, updated_at=now))
    if earlier:
        Triage.objects.filter(case_id__in=list(earlier)).delete()
    written = len(rows.rows)
    with connection.cursor() as cursor:
        rows.flush(cursor)
    for cluster in _date_clusters(keys):
        _groups([c for c in cases if c.pk in cluster], cluster)
    if act:
        triages = {t.case_id: t for t in Triage.objects.filter(case_id__in=[
            c.pk for c in cases if c.channel == Case.Channel.WEB])}
        act_on_web_submissions([(case, triages[case.pk], result, routes[case.pk])
                                for case, result in zip(cases, results, strict=True) if case.pk in triages])
    return written


def triage_bulk(case_ids: list[int]) -> int:
    """Triage the given registered cases that have no triage yet (imports, the demo history): nothing is
    routed or filled automatically. Returns how many were triaged."""
    total = 0
    for chunk in _chunks(sorted(case_ids), 2000):
        cases = list(Case.objects.filter(pk__in=chunk, triage__isnull=True).only(*CASE_FIELDS))
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


def _store(keys: dict[int, index.Keys]) -> None:
    """Replace the index rows of these cases: one signature and a few LSH bands each."""
    ids = list(keys)
    for chunk in _chunks(ids):
        Signature.objects.filter(case_id__in=chunk).delete()
        TextBand.objects.filter(case_id__in=chunk).delete()
    signatures, bands = RowWriter(Signature), RowWriter(TextBand)
    for cid, k in keys.items():
        signatures.add({"case_id": cid, "received_on": k.received_on, "phone_key": k.phone_key,
                        "person_key": k.person_key, "address_key": k.address_key, "business_key": k.business_key,
                        "uscc": k.uscc, "problem": k.problem, "category": k.category,
                        "minhash": similarity.to_bytes(k.sig)})
        for b in k.bands:
            bands.add({"key": b, "case_id": cid, "received_on": k.received_on})
    with connection.cursor() as cursor:
        signatures.flush(cursor)
        bands.flush(cursor)


def _date_clusters(keys: dict[int, index.Keys], span_days: int = 31) -> list[dict[int, index.Keys]]:
    """The batch cut into stretches of at most `span_days` days received, so that each look-up covers its
    own weeks (live intake: one stretch; a historical export in random order: one per month or so)."""
    clusters: list[dict[int, index.Keys]] = []
    first = None
    for cid, k in sorted(keys.items(), key=lambda item: (item[1].received_on, item[0])):
        if first is None or (k.received_on - first).days > span_days:
            clusters.append({})
            first = k.received_on
        clusters[-1][cid] = k
    return clusters


def _window(keys: dict[int, index.Keys], before: int, after: int):
    dates = [k.received_on for k in keys.values()]
    return min(dates) - timedelta(days=before), max(dates) + timedelta(days=after)


def _rows_by(field: str, values: set, start, end, columns: tuple[str, ...]) -> dict:
    """Signature rows (as dicts of `columns`) whose `field` is one of `values`, received in [start, end]."""
    out: dict = defaultdict(list)
    for chunk in _chunks(sorted(values)):
        for row in Signature.objects.filter(**{f"{field}__in": chunk}, received_on__range=(start, end)).values(
                field, *columns):
            out[row[field]].append(row)
    return out


def _duplicates(keys: dict[int, index.Keys]) -> dict[int, list[dict]]:
    """Per case, as `index.find_duplicates`: similar texts (shared LSH bands) and the same person within
    the window, judged by `index.judge_candidates`."""
    days, limit = index.conf("duplicate_days"), index.conf("lookup_limit")
    start, end = _window(keys, days, days)
    by_band: dict[int, list[tuple[int, object]]] = defaultdict(list)
    for chunk in _chunks(sorted({b for k in keys.values() for b in k.bands})):
        for key, case_id, on in TextBand.objects.filter(key__in=chunk, received_on__range=(start, end)).values_list(
                "key", "case_id", "received_on"):
            by_band[key].append((case_id, on))
    people = {p for k in keys.values() for p in (k.phone_key, k.person_key) if p is not None}
    by_person: dict[int, list[tuple[int, object]]] = defaultdict(list)
    for chunk in _chunks(sorted(people), CHUNK // 2):
        for phone, person, case_id, on in Signature.objects.filter(
                Q(phone_key__in=chunk) | Q(person_key__in=chunk), received_on__range=(start, end)).values_list(
                "phone_key", "person_key", "case_id", "received_on"):
            for p in {phone, person} - {None}:
                by_person[p].append((case_id, on))
    candidates: dict[int, set[int]] = {}
    for cid, k in keys.items():
        lo, hi = k.received_on - timedelta(days=days), k.received_on + timedelta(days=days)
        similar = [other for key in k.bands for other, on in by_band.get(key, ()) if lo <= on <= hi]
        same = [other for p in {k.phone_key, k.person_key} - {None} for other, on in by_person.get(p, ())
                if lo <= on <= hi]
        found = set(similar[:limit]) | set(same[:limit])
        found.discard(cid)
        if found:
            candidates[cid] = found
    # A duplicate shares the person or the business (see `judge_candidates`): look at the light columns
    # of every candidate first, and fetch the MinHash of those that do.
    light = {}
    for chunk in _chunks(sorted(set().union(*candidates.values())) if candidates else []):
        for row in Signature.objects.filter(case_id__in=chunk).values(*_WHO):
            light[row["case_id"]] = row
    candidates = {cid: {o for o in others if o in light and _shares_someone(keys[cid], light[o])}
                  for cid, others in candidates.items()}
    rows = {}
    for chunk in _chunks(sorted(set().union(*candidates.values())) if candidates else []):
        for row in Signature.objects.filter(case_id__in=chunk).values(*index._FIELDS):  # noqa: SLF001
            rows[row["case_id"]] = row
    return {cid: found for cid, others in candidates.items()
            if (found := index.judge_candidates(keys[cid], [rows[o] for o in others if o in rows]))}


_WHO = ("case_id", "phone_key", "person_key", "business_key", "uscc")


def _shares_someone(k: index.Keys, row: dict) -> bool:
    return bool((k.phone_key is not None and row["phone_key"] == k.phone_key)
                or (k.person_key is not None and row["person_key"] == k.person_key)
                or (k.business_key is not None and row["business_key"] == k.business_key)
                or (k.uscc and row["uscc"] == k.uscc))


def _within(rows, lo, hi) -> list[dict]:
    return [r for r in rows if lo <= r["received_on"] <= hi]


def _signals(keys: dict[int, index.Keys], results: dict) -> dict[int, list[dict]]:
    """Per case, as `index.professional_signals`: the phone's cases, the name-and-address's cases and the
    address's phones in the professional window ending on the day received."""
    days = index.conf("professional_days")
    start, end = _window(keys, days, 0)
    phones = _rows_by("phone_key", {k.phone_key for k in keys.values() if k.phone_key is not None}, start, end,
                      ("person_key", "received_on"))
    persons = _rows_by("person_key", {k.person_key for k in keys.values()
                                      if k.phone_key is None and k.person_key is not None}, start, end,
                       ("received_on",))
    addresses = _rows_by("address_key", {k.address_key for k in keys.values() if k.address_key is not None},
                         start, end, ("phone_key", "received_on"))
    out = {}
    for cid, k in keys.items():
        lo, hi = k.received_on - timedelta(days=days), k.received_on
        people = [r["person_key"] for r in _within(phones.get(k.phone_key, ()), lo, hi)][:1000] \
            if k.phone_key is not None else None
        volume = len(_within(persons.get(k.person_key, ()), lo, hi)) \
            if people is None and k.person_key is not None else 0
        phones_at = len({r["phone_key"] for r in _within(addresses.get(k.address_key, ()), lo, hi)
                         if r["phone_key"] is not None}) if k.address_key is not None else 0
        r = results[cid]
        out[cid] = index.signals_from(people=people, person_volume=volume, address_phones=min(phones_at, 50),
                                      quantities=r.quantities, tags=r.tags)
    return out


def _groups(cases: list[Case], keys: dict[int, index.Keys]) -> None:
    """Group complaints (Art. 12), as `compute` assigns them: the business's cases in the group window."""
    wanted = [c for c in cases if c.kind != workflow.CONSULTATION
              and (keys[c.pk].business_key is not None or keys[c.pk].uscc)]
    if not wanted:
        return
    sub = {c.pk: keys[c.pk] for c in wanted}
    start, end = _window(sub, index.conf("group_days"), 0)
    by_business = _rows_by("business_key", {k.business_key for k in sub.values() if k.business_key is not None},
                           start, end, index._FIELDS)  # noqa: SLF001
    by_uscc = _rows_by("uscc", {k.uscc for k in sub.values() if k.uscc}, start, end, index._FIELDS)  # noqa: SLF001
    for case in wanted:
        k = sub[case.pk]
        lo = k.received_on - timedelta(days=index.conf("group_days"))
        rows = {r["case_id"]: r for r in [*by_business.get(k.business_key, ()), *by_uscc.get(k.uscc, ())]
                if lo <= r["received_on"] <= k.received_on}
        newest = sorted(rows.values(), key=lambda r: r["received_on"], reverse=True)[:index.conf("lookup_limit")]
        members, complainants = index.members_among(k, case.pk, newest)
        if complainants >= index.conf("group_min_complainants"):
            assign_group(case, k, case.business_name, members, complainants)


def on_cases_imported(sender, case_ids, actor=None, **kwargs):
    try:
        with transaction.atomic():
            triage_bulk(list(case_ids))
    except Exception:  # noqa: BLE001 - suggestions must never undo an import
        log.exception("bulk triage of %d imported cases failed", len(case_ids))
