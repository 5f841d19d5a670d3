"""The similarity index behind the duplicate, group and professional-claimant checks.

Each case leaves one `Signature` row (hashed identities, business, suggested issue, MinHash) and
`similarity.BANDS` `TextBand` rows. A check is a handful of indexed queries whatever the number of cases:
band keys → cases with similar text; phone / name+address keys → the same person; business key → the
same business — each limited to a date window. Nothing here compares a new case with every other one.

Thresholds are settings (`WEIQUAN_TRIAGE`), defaults in `DEFAULTS`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
from django.conf import settings
from django.db.models import Q

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


def store(case_id: int, keys: Keys, using: str = "default", *, fresh: bool = False) -> None:
    """Index a case (replacing what it had, unless `fresh`: a case indexed for the first time)."""
    values = dict(
        received_on=keys.received_on, phone_key=keys.phone_key, person_key=keys.person_key,
        address_key=keys.address_key, business_key=keys.business_key, uscc=keys.uscc, problem=keys.problem,
        category=keys.category, minhash=similarity.to_bytes(keys.sig))
    if fresh:
        Signature.objects.using(using).create(case_id=case_id, **values)
    else:
        Signature.objects.using(using).update_or_create(case_id=case_id, defaults=values)
        TextBand.objects.using(using).filter(case_id=case_id).delete()
    TextBand.objects.using(using).bulk_create(
        [TextBand(key=k, case_id=case_id, received_on=keys.received_on) for k in keys.bands])


def _window(keys: Keys, days: int) -> tuple[date, date]:
    return keys.received_on - timedelta(days=days), keys.received_on + timedelta(days=days)


def _same_business(keys: Keys, row: dict) -> bool:
    return bool((keys.business_key is not None and row["business_key"] == keys.business_key)
                or (keys.uscc and row["uscc"] == keys.uscc))


_FIELDS = ("case_id", "received_on", "phone_key", "person_key", "business_key", "uscc", "problem", "category",
           "minhash")


def find_duplicates(keys: Keys, case_id: int | None, using: str = "default") -> list[dict]:
    """Earlier or later cases within the window by the same person about the same business with a similar
    text (or a near copy of the text by the same person or against the same business), best first.
    Each: {case_id, similarity, reasons: [same_phone | same_person | same_business | similar_text]}."""
    start, end = _window(keys, conf("duplicate_days"))
    limit = conf("lookup_limit")
    ids: set[int] = set()
    if keys.bands:
        ids.update(TextBand.objects.using(using).filter(key__in=keys.bands, received_on__range=(start, end))
                   .values_list("case_id", flat=True)[:limit])
    person = Q()
    if keys.phone_key is not None:
        person |= Q(phone_key=keys.phone_key)
    if keys.person_key is not None:
        person |= Q(person_key=keys.person_key)
    if person:
        ids.update(Signature.objects.using(using).filter(person, received_on__range=(start, end))
                   .values_list("case_id", flat=True)[:limit])
    ids.discard(case_id)
    if not ids:
        return []
    rows = Signature.objects.using(using).filter(case_id__in=ids).values(*_FIELDS)
    return judge_candidates(keys, rows)


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


def group_members(keys: Keys, case_id: int | None, using: str = "default") -> tuple[list[int], int]:
    """(case ids, distinct complainants) of the cases against the same business about the same issue in the
    group window, this one included. The issue is the same when the suggested problem type is, or the
    texts are similar."""
    if keys.business_key is None and not keys.uscc:
        return [], 0
    start, _end = _window(keys, conf("group_days"))
    business = Q()
    if keys.business_key is not None:
        business |= Q(business_key=keys.business_key)
    if keys.uscc:
        business |= Q(uscc=keys.uscc)
    rows = (Signature.objects.using(using).filter(business, received_on__range=(start, keys.received_on))
            .order_by("-received_on").values(*_FIELDS)[:conf("lookup_limit")])
    return members_among(keys, case_id, rows)


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


def professional_signals(keys: Keys, *, quantities: list[tuple[int, str]], tags: list[str],
                         using: str = "default") -> list[dict]:
    """Art. 17 indicators of a possible professional claimant (职业索赔): a reason to look closer, never to
    refuse. Each: {code, count?|quantity?, unit?, days?}."""
    days = conf("professional_days")
    start = keys.received_on - timedelta(days=days)
    window = Q(received_on__range=(start, keys.received_on))
    sigs = Signature.objects.using(using)
    people, volume, phones = None, 0, 0
    if keys.phone_key is not None:
        people = list(sigs.filter(window, phone_key=keys.phone_key).values_list("person_key", flat=True)[:1000])
    elif keys.person_key is not None:
        volume = sigs.filter(window, person_key=keys.person_key).count()
    if keys.address_key is not None:
        phones = sigs.filter(window, address_key=keys.address_key).exclude(phone_key=None).values(
            "phone_key").distinct()[:50].count()
    return signals_from(people=people, person_volume=volume, address_phones=phones, quantities=quantities,
                        tags=tags)


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
