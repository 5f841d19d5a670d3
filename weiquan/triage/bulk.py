"""Triage of imported cases, a batch at a time (listener of `weiquan.intake.signals.cases_imported`).

The same suggestions as for a single case — classification, routing, duplicates, the volume signal —
computed with batched queries: one classification call, one routing call, a few `IN` lookups per
batch instead of per case. Imported cases are never routed or filled automatically, and group
detection (a live-intake concern) is left to the cases registered one by one.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta

from django.db.models import Q

from weiquan.cases.models import Case
from weiquan.lib.classify import classify_many
from weiquan.regions.resolver import route_addresses

from . import index
from .classifier import current_model
from .compute import _suggestions, classification_text
from .models import Signature, TextBand, Triage

CHUNK = 900  # stays under SQLite's limit of bound parameters


def _chunks(values: list, size: int = CHUNK):
    for i in range(0, len(values), size):
        yield values[i:i + size]


def triage_bulk(case_ids: list[int]) -> int:
    """Triage the given cases (already registered); returns how many were triaged."""
    cases = list(Case.objects.filter(pk__in=case_ids).exclude(triage__isnull=False).order_by("id").only(
        "id", "number", "received_on", "description", "business_address", "business_name", "business_uscc",
        "complainant_phone", "complainant_name", "complainant_address"))
    if not cases:
        return 0
    results = classify_many([classification_text(c) for c in cases], current_model())
    addresses = sorted({c.business_address for c in cases if c.business_address.strip()})
    routes = dict(zip(addresses, route_addresses(addresses), strict=True)) if addresses else {}
    keys = {c.pk: index.keys_for(
        received_on=c.received_on, phone=c.complainant_phone, name=c.complainant_name,
        address=c.complainant_address, business_name=c.business_name, uscc=c.business_uscc, text=c.description,
        problem=r.problem.code, category=r.category.code) for c, r in zip(cases, results, strict=True)}
    _store(keys)
    duplicates = _duplicates(keys)
    volumes = _volumes(keys)
    numbers = dict(Case.objects.filter(pk__in={d["case_id"] for ds in duplicates.values() for d in ds})
                   .values_list("id", "number"))
    rows = []
    for case, result in zip(cases, results, strict=True):
        routing = routes.get(case.business_address)
        dups = duplicates.get(case.pk, [])
        for d in dups:
            d["number"] = numbers.get(d["case_id"], "")
        signals = [{"code": "volume", "count": volumes[case.pk], "days": index.conf("professional_days")}] \
            if volumes.get(case.pk, 0) >= index.conf("professional_volume") else []
        big = [(n, u) for n, u in result.quantities if n >= index.conf("quantity_limit")]
        if big:
            n, unit = max(big)
            signals.append({"code": "quantity", "quantity": n, "unit": unit})
        rows.append(Triage(
            case_id=case.pk, **_suggestions(result),
            region_code=routing.region_code if routing else "", org_code=routing.org_code if routing else "",
            zone_code=routing.zone_code if routing else "",
            routing_candidates=routing.candidates if routing else [],
            routing_matched=routing.matched if routing else [], duplicates=dups, signals=signals))
    Triage.objects.bulk_create(rows, batch_size=500)
    return len(rows)


def _store(keys: dict[int, index.Keys]) -> None:
    from weiquan.lib import similarity

    Signature.objects.filter(case_id__in=list(keys)).delete()
    TextBand.objects.filter(case_id__in=list(keys)).delete()
    Signature.objects.bulk_create([Signature(
        case_id=cid, received_on=k.received_on, phone_key=k.phone_key, person_key=k.person_key,
        address_key=k.address_key, business_key=k.business_key, uscc=k.uscc, problem=k.problem,
        category=k.category, minhash=similarity.to_bytes(k.sig)) for cid, k in keys.items()], batch_size=500)
    TextBand.objects.bulk_create([TextBand(key=b, case_id=cid, received_on=k.received_on)
                                  for cid, k in keys.items() for b in k.bands], batch_size=2000)


def _window(keys: dict[int, index.Keys], days: int):
    dates = [k.received_on for k in keys.values()]
    return min(dates) - timedelta(days=days), max(dates) + timedelta(days=days)


def _duplicates(keys: dict[int, index.Keys]) -> dict[int, list[dict]]:
    days = index.conf("duplicate_days")
    start, end = _window(keys, days)
    by_band: dict[int, list[tuple[int, object]]] = defaultdict(list)
    all_bands = sorted({b for k in keys.values() for b in k.bands})
    for chunk in _chunks(all_bands):
        for key, case_id, on in TextBand.objects.filter(key__in=chunk, received_on__range=(start, end)).values_list(
                "key", "case_id", "received_on"):
            by_band[key].append((case_id, on))
    by_person: dict[int, list[tuple[int, object]]] = defaultdict(list)
    people = sorted({p for k in keys.values() for p in (k.phone_key, k.person_key) if p is not None})
    for chunk in _chunks(people, CHUNK // 2):
        for phone, person, case_id, on in Signature.objects.filter(
                Q(phone_key__in=chunk) | Q(person_key__in=chunk), received_on__range=(start, end)).values_list(
                "phone_key", "person_key", "case_id", "received_on"):
            for p in (phone, person):
                if p is not None:
                    by_person[p].append((case_id, on))
    candidates: dict[int, set[int]] = {}
    for cid, k in keys.items():
        lo, hi = k.received_on - timedelta(days=days), k.received_on + timedelta(days=days)
        found = {other for key in k.bands for other, on in by_band.get(key, ()) if lo <= on <= hi}
        found |= {other for p in (k.phone_key, k.person_key) if p is not None
                  for other, on in by_person.get(p, ()) if lo <= on <= hi}
        found.discard(cid)
        if found:
            candidates[cid] = found
    wanted = sorted(set().union(*candidates.values())) if candidates else []
    rows = {}
    for chunk in _chunks(wanted):
        for row in Signature.objects.filter(case_id__in=chunk).values(*index._FIELDS):  # noqa: SLF001
            rows[row["case_id"]] = row
    return {cid: index.judge_candidates(keys[cid], [rows[o] for o in others if o in rows])
            for cid, others in candidates.items()}


def _volumes(keys: dict[int, index.Keys]) -> dict[int, int]:
    """case id → cases from its phone in the professional window ending on its day."""
    days = index.conf("professional_days")
    start, end = _window(keys, 0)
    phones = sorted({k.phone_key for k in keys.values() if k.phone_key is not None})
    seen: dict[int, list] = defaultdict(list)
    for chunk in _chunks(phones):
        for phone, on in Signature.objects.filter(phone_key__in=chunk, received_on__range=(
                start - timedelta(days=days), end)).values_list("phone_key", "received_on"):
            seen[phone].append(on)
    out = {}
    for cid, k in keys.items():
        if k.phone_key is not None:
            lo = k.received_on - timedelta(days=days)
            out[cid] = sum(1 for on in seen.get(k.phone_key, ()) if lo <= on <= k.received_on)
    return out


def on_cases_imported(sender, case_ids, actor=None, **kwargs):
    from .compute import log

    try:
        from django.db import transaction

        with transaction.atomic():
            triage_bulk(list(case_ids))
    except Exception:  # noqa: BLE001 - suggestions must never undo an import
        log.exception("bulk triage of %d imported cases failed", len(case_ids))
