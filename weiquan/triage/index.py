"""The similarity index behind the duplicate, group and professional-claimant checks.

Each case leaves one `Signature` row (hashed identities, business, suggested issue, MinHash) and
`similarity.BANDS` `TextBand` rows. A check is a handful of indexed queries whatever the number of cases:
band keys → cases with similar text; phone / name+address keys → the same person; business key → the
same business — each limited to a date window, for a whole batch of cases at once (a new case alone is a
batch of one). Nothing here compares a new case with every other one.

Thresholds are settings (`WEIQUAN_TRIAGE`), defaults in `DEFAULTS`.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
from django.conf import settings
from django.db import connection
from django.db.models import Q

from weiquan.bulkrows import RowWriter
from weiquan.lib import similarity

from .models import Signature, TextBand

DEFAULTS = {
    "duplicate_days": 30,
    "duplicate_similarity": 0.3,  # with the same person and the same business
    "near_copy_similarity": 0.8,  # with the same person or the same business
    "group_days": 7,
    "group_min_complainants": 5,
    "group_similarity": 0.3,
    "professional_days": 90,
    "professional_volume": 10,  # complaints by one person in professional_days
    "shared_min": 3,  # distinct people on one phone, or distinct phones at one address
    "quantity_limit": 20,  # units of one item bought
    "lookup_limit": 500,
}


_DIGIT = re.compile(r"\d")


def conf(name: str):
    return getattr(settings, "WEIQUAN_TRIAGE", {}).get(name, DEFAULTS[name])


@dataclass
class Keys:
    received_on: date
    phone_key: int | None
    person_key: int | None
    address_key: int | None
    business_key: int | None
    uscc: str
    problem: str
    category: str
    sig: np.ndarray
    bands: list[int]


def keys_for(*, received_on: date, phone: str, name: str, address: str, business_name: str, uscc: str,
             text: str, problem: str, category: str) -> Keys:
    sig = similarity.signature(text)
    phone, name, address = (v if not _masked(v) else "" for v in (phone, name, address))
    return Keys(received_on, similarity.stable_key(phone), similarity.stable_key(name, address) if name else None,
                similarity.stable_key(address) if _precise(address) else None, similarity.stable_key(business_name),
                uscc or "", problem or "", category or "", sig, similarity.band_keys(sig))


def _precise(address: str) -> bool:
    """An address with a number in it (building, door, room) can be shared meaningfully; "某小区" cannot."""
    return bool(_DIGIT.search(unicodedata.normalize("NFKC", address or "")))


def _masked(value: str) -> bool:
    """A masked value (138****5678, 张某某, as imported exports carry them) identifies nobody: two masked
    phones that read the same belong to different people."""
    return "*" in (value or "") or (value or "").endswith("某")


CHUNK = 900  # stays under SQLite's limit of bound parameters


def _chunks(values: list, size: int = CHUNK):
    for i in range(0, len(values), size):
        yield values[i:i + size]


def store(keys: dict[int, Keys]) -> None:
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


def _window(keys: dict[int, Keys], before: int, after: int):
    dates = [k.received_on for k in keys.values()]
    return min(dates) - timedelta(days=before), max(dates) + timedelta(days=after)


def _rows_by(field: str, values: set, start, end, columns: tuple[str, ...], using: str) -> dict:
    """Signature rows (as dicts of `columns`) whose `field` is one of `values`, received in [start, end]."""
    out: dict = defaultdict(list)
    for chunk in _chunks(sorted(values)):
        for row in Signature.objects.using(using).filter(
                **{f"{field}__in": chunk}, received_on__range=(start, end)).values(field, *columns):
            out[row[field]].append(row)
    return out


def _same_business(keys: Keys, row: dict) -> bool:
    return bool((keys.business_key is not None and row["business_key"] == keys.business_key)
                or (keys.uscc and row["uscc"] == keys.uscc))


_FIELDS = ("case_id", "received_on", "phone_key", "person_key", "business_key", "uscc", "problem", "category",
           "minhash")


def find_duplicates(keys: dict[int, Keys], using: str = "default") -> dict[int, list[dict]]:
    """Per case: earlier or later cases within the window by the same person about the same business with
    a similar text (or a near copy by the same person or against the same business), best first — found
    through shared LSH bands and the same person, judged by `judge_candidates`. A handful of indexed
    queries for the whole batch; nothing compares a case with every other one."""
    days, limit = conf("duplicate_days"), conf("lookup_limit")
    start, end = _window(keys, days, days)
    by_band: dict[int, list[tuple[int, object]]] = defaultdict(list)
    for chunk in _chunks(sorted({b for k in keys.values() for b in k.bands})):
        for key, case_id, on in TextBand.objects.using(using).filter(
                key__in=chunk, received_on__range=(start, end)).values_list("key", "case_id", "received_on"):
            by_band[key].append((case_id, on))
    people = {p for k in keys.values() for p in (k.phone_key, k.person_key) if p is not None}
    by_person: dict[int, list[tuple[int, object]]] = defaultdict(list)
    for chunk in _chunks(sorted(people), CHUNK // 2):
        for phone, person, case_id, on in Signature.objects.using(using).filter(
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
        for row in Signature.objects.using(using).filter(case_id__in=chunk).values(*_WHO):
            light[row["case_id"]] = row
    candidates = {cid: {o for o in others if o in light and _shares_someone(keys[cid], light[o])}
                  for cid, others in candidates.items()}
    rows = {}
    for chunk in _chunks(sorted(set().union(*candidates.values())) if candidates else []):
        for row in Signature.objects.using(using).filter(case_id__in=chunk).values(*_FIELDS):
            rows[row["case_id"]] = row
    return {cid: found for cid, others in candidates.items()
            if (found := judge_candidates(keys[cid], [rows[o] for o in others if o in rows]))}


_WHO = ("case_id", "phone_key", "person_key", "business_key", "uscc")


def _shares_someone(k: Keys, row: dict) -> bool:
    return bool((k.phone_key is not None and row["phone_key"] == k.phone_key)
                or (k.person_key is not None and row["person_key"] == k.person_key)
                or (k.business_key is not None and row["business_key"] == k.business_key)
                or (k.uscc and row["uscc"] == k.uscc))


def _within(rows, lo, hi) -> list[dict]:
    return [r for r in rows if lo <= r["received_on"] <= hi]


def judge_candidates(keys: Keys, rows) -> list[dict]:
    """Which of the candidate signature rows are duplicates of `keys`, with reasons, best first."""
    found = []
    duplicate_at, near_copy_at = conf("duplicate_similarity"), conf("near_copy_similarity")
    rows = list(rows)
    scores = similarity.similarities(keys.sig, [row["minhash"] for row in rows])
    for row, sim in zip(rows, scores, strict=True):
        reasons = []
        if keys.phone_key is not None and row["phone_key"] == keys.phone_key:
            reasons.append("same_phone")
        if keys.person_key is not None and row["person_key"] == keys.person_key:
            reasons.append("same_person")
        same_person = bool(reasons)
        same_business = _same_business(keys, row)
        if same_business:
            reasons.append("same_business")
        same_issue = bool(keys.problem and keys.category and row["problem"] == keys.problem
                          and row["category"] == keys.category)
        if sim >= duplicate_at:
            reasons.append("similar_text")
        elif same_issue:
            reasons.append("same_issue")
        near_copy = sim >= near_copy_at and (same_person or same_business)
        if (same_person and same_business and (sim >= duplicate_at or same_issue)) or near_copy:
            found.append({"case_id": row["case_id"], "similarity": round(sim, 2), "reasons": reasons})
    found.sort(key=lambda d: (-len(d["reasons"]), -d["similarity"], -d["case_id"]))
    return found[:10]


def group_members(keys: dict[int, Keys], using: str = "default") -> dict[int, tuple[list[int], int]]:
    """Per case: (case ids, distinct complainants) of the cases against the same business about the same
    issue in the group window, itself included (see `members_among`)."""
    keys = {cid: k for cid, k in keys.items() if k.business_key is not None or k.uscc}
    if not keys:
        return {}
    days = conf("group_days")
    start, end = _window(keys, days, 0)
    by_business = _rows_by("business_key", {k.business_key for k in keys.values() if k.business_key is not None},
                           start, end, _FIELDS, using)
    by_uscc = _rows_by("uscc", {k.uscc for k in keys.values() if k.uscc}, start, end, _FIELDS, using)
    out = {}
    for cid, k in keys.items():
        lo = k.received_on - timedelta(days=days)
        rows = {r["case_id"]: r for r in [*by_business.get(k.business_key, ()), *by_uscc.get(k.uscc, ())]
                if lo <= r["received_on"] <= k.received_on}
        newest = sorted(rows.values(), key=lambda r: r["received_on"], reverse=True)[:conf("lookup_limit")]
        out[cid] = members_among(k, cid, newest)
    return out


def members_among(keys: Keys, case_id: int | None, rows) -> tuple[list[int], int]:
    """The group members among signature rows against the same business in the group window (newest
    first, at most `lookup_limit`): the same suggested problem type, or a similar text."""
    members: list[int] = []
    people: set = set()
    group_at = conf("group_similarity")
    rows = list(rows)
    scores = similarity.similarities(keys.sig, [row["minhash"] for row in rows])
    for row, score in zip(rows, scores, strict=True):
        same = (keys.problem and keys.problem != "other" and row["problem"] == keys.problem) or score >= group_at
        if row["case_id"] == case_id or same:
            members.append(row["case_id"])
            people.add(row["phone_key"] or row["person_key"] or ("case", row["case_id"]))
    return members, len(people)


def professional_signals(keys: dict[int, Keys], claims: dict[int, tuple[list, list]] | None = None,
                         using: str = "default") -> dict[int, list[dict]]:
    """Art. 17 indicators of a possible professional claimant (职业索赔), per case: a reason to look closer,
    never to refuse. From the phone's cases, the name-and-address's cases and the address's phones in the
    professional window ending on the day received; `claims`: case → (quantities, tags) of its text."""
    days = conf("professional_days")
    start, end = _window(keys, days, 0)
    phones = _rows_by("phone_key", {k.phone_key for k in keys.values() if k.phone_key is not None}, start, end,
                      ("person_key", "received_on"), using)
    persons = _rows_by("person_key", {k.person_key for k in keys.values()
                                      if k.phone_key is None and k.person_key is not None}, start, end,
                       ("received_on",), using)
    addresses = _rows_by("address_key", {k.address_key for k in keys.values() if k.address_key is not None},
                         start, end, ("phone_key", "received_on"), using)
    out = {}
    for cid, k in keys.items():
        lo, hi = k.received_on - timedelta(days=days), k.received_on
        people = [r["person_key"] for r in _within(phones.get(k.phone_key, ()), lo, hi)][:1000] \
            if k.phone_key is not None else None
        volume = len(_within(persons.get(k.person_key, ()), lo, hi)) \
            if people is None and k.person_key is not None else 0
        phones_at = len({r["phone_key"] for r in _within(addresses.get(k.address_key, ()), lo, hi)
                         if r["phone_key"] is not None}) if k.address_key is not None else 0
        quantities, tags = (claims or {}).get(cid, ([], []))
        out[cid] = signals_from(people=people, person_volume=volume, address_phones=min(phones_at, 50),
                                quantities=quantities, tags=tags)
    return out


def signals_from(*, people: list | None, person_volume: int, address_phones: int,
                 quantities: list[tuple[int, str]], tags: list[str]) -> list[dict]:
    """The Art. 17 signals from what the index found in the professional window: `people` = the person
    keys of the cases from the case's phone (None without a phone), `person_volume` = cases of the same
    name and address (used without a phone), `address_phones` = distinct phones at the address."""
    days = conf("professional_days")
    out: list[dict] = []
    if people is not None:
        volume = len(people)
        if volume >= conf("professional_volume"):
            out.append({"code": "volume", "count": volume, "days": days})
        names = len({p for p in people if p is not None})
        if names >= conf("shared_min"):
            out.append({"code": "shared_phone", "count": names, "days": days})
    elif person_volume >= conf("professional_volume"):
        out.append({"code": "volume", "count": person_volume, "days": days})
    if address_phones >= conf("shared_min"):
        out.append({"code": "shared_address", "count": address_phones, "days": days})
    big = [(n, unit) for n, unit in quantities if n >= conf("quantity_limit")]
    if big:
        n, unit = max(big)
        out.append({"code": "quantity", "quantity": n, "unit": unit})
        if "punitive" in tags:
            out.append({"code": "punitive_with_quantity"})
    return out
