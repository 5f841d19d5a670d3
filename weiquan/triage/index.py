"""The similarity index behind the duplicate, group and professional-claimant checks.

Each case leaves one `Signature` row (hashed identities, business, suggested issue, MinHash) and, when it
names a business, `similarity.BANDS` `TextBand` rows per business identity (name, and credit code when
given): the LSH band keys of its text within that business. A check is a handful of indexed queries
whatever the number of cases: band keys → cases with a similar text about the same business; phone /
name+address keys → the same person; business key → the same business — each limited to a date window, for
a whole batch of cases at once (a new case alone is a batch of one). Nothing here compares a new case with
every other one.

Why the bands are scoped by business: a duplicate shares the person or the business (`judge_candidates`).
Every case of the same person is fetched anyway; the bands are there to find, among the many cases against
one business, the few with a near-identical text. Scoped keys find exactly those, where unscoped keys also
returned every similarly worded case against any business (complaint texts are formulaic) only to throw
them away.

Thresholds are settings (`WEIQUAN_TRIAGE`), defaults in `DEFAULTS`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from datetime import timedelta

import numpy as np
from django.conf import settings
from django.core.signals import setting_changed
from django.db import connection
from django.db.models import Q
from django.dispatch import receiver

from weiquan.bulkrows import RowWriter
from weiquan.lib import similarity

from .keys import Keys, bands_for_many
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


_CONF: dict | None = None


def conf(name: str):
    global _CONF
    if _CONF is None:  # read once: a batch asks a dozen times per case
        _CONF = {**DEFAULTS, **getattr(settings, "WEIQUAN_TRIAGE", {})}
    return _CONF[name]


@receiver(setting_changed)
def _forget_conf(setting, **kwargs):
    global _CONF
    if setting == "WEIQUAN_TRIAGE":
        _CONF = None


_WRITE_LOCK = 0x57515452  # "WQTR": the advisory lock of the index's writers


def lock_for_writing() -> None:
    """Until the transaction ends, be the only batch writing and searching the index (PostgreSQL; SQLite
    has one writer at a time anyway). Two batches searching at once would each miss the other's cases."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_WRITE_LOCK])


_SIGNATURE_COLUMNS = ("case_id", "received_on", "phone_key", "person_key", "address_key", "business_key", "uscc",
                      "problem", "category", "minhash")


def store(keys: dict[int, Keys]) -> None:
    """Replace the index rows of these cases: one signature and a few LSH bands each."""
    forget(list(keys))  # a case triaged again (new cases, the usual batch, have nothing to replace)
    signatures = RowWriter(Signature, columns=_SIGNATURE_COLUMNS)
    bands = RowWriter(TextBand, columns=("key", "case_id", "received_on"))
    for cid, k in keys.items():
        signatures.add_values(cid, k.received_on, k.phone_key, k.person_key, k.address_key, k.business_key, k.uscc,
                              k.problem, k.category, similarity.to_bytes(k.sig))
        for b in k.bands:
            bands.add_values(b, cid, k.received_on)
    with connection.cursor() as cursor:
        signatures.flush(cursor)
        bands.flush(cursor)


def forget(case_ids: list[int]) -> int:
    """Remove the index rows of these cases: their signatures, and their bands found through the keys the
    signatures give (the band table has no index by case). Returns how many signatures there were."""
    stored = list(Signature.objects.filter(case_id__any_of=set(case_ids)).values_list(
        "case_id", "business_key", "uscc", "minhash"))
    if not stored:
        return 0
    ids = {row[0] for row in stored}
    sigs = np.frombuffer(b"".join(bytes(row[3]) for row in stored), dtype="<u4").reshape(len(stored), -1)
    bands = {key for keys in bands_for_many(sigs, [row[1] for row in stored], [row[2] for row in stored])
             for key in keys}
    if bands:
        TextBand.objects.filter(key__any_of=bands, case_id__any_of=ids).delete()
    Signature.objects.filter(case_id__any_of=ids).delete()
    return len(ids)


def rebuild_bands(signature_model=Signature, band_model=TextBand, *, chunk: int = 20_000) -> int:
    """Write every band row again from the stored signatures (their MinHash, business key and credit code),
    as the current band scheme makes them — after a change of scheme (migrations 0004, 0009) — and, on
    PostgreSQL, gathers the table's statistics again. Returns the number of signatures read. The models
    may be a migration's historical ones."""
    table = connection.ops.quote_name(band_model._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {table}" if connection.vendor == "postgresql" else f"DELETE FROM {table}")
    done, last = 0, -1
    while True:
        rows = list(signature_model.objects.filter(case_id__gt=last).order_by("case_id").values_list(
            "case_id", "received_on", "business_key", "uscc", "minhash")[:chunk])
        if not rows:
            if connection.vendor == "postgresql":  # TRUNCATE forgot the table's statistics: without them
                with connection.cursor() as cursor:  # the planner reads every band row per look-up
                    cursor.execute(f"ANALYZE {table}")
            return done
        sigs = np.frombuffer(b"".join(bytes(r[4]) for r in rows), dtype="<u4").reshape(len(rows), -1)
        bands = RowWriter(band_model, columns=("key", "case_id", "received_on"))
        for (case_id, received_on, *_rest), keys in zip(rows, bands_for_many(
                sigs, [r[2] for r in rows], [r[3] for r in rows]), strict=True):
            for key in keys:
                bands.add_values(key, case_id, received_on)
        with connection.cursor() as cursor:
            bands.flush(cursor)
        done, last = done + len(rows), rows[-1][0]


def _window(keys: dict[int, Keys], before: int, after: int):
    dates = [k.received_on for k in keys.values()]
    return min(dates) - timedelta(days=before), max(dates) + timedelta(days=after)


def _rows_by(field: str, values: set, start, end, columns: tuple[str, ...], using: str) -> dict:
    """Signature rows (as dicts of `columns`) whose `field` is one of `values`, received in [start, end]."""
    out: dict = defaultdict(list)
    given = {"uscc__gt": ""} if field == "uscc" else {}  # the partial index of the codes given
    if values:
        for row in Signature.objects.using(using).filter(
                **{f"{field}__any_of": values}, **given, received_on__range=(start, end)).values(field, *columns):
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
    through shared LSH bands and the same person, judged by `judge_candidates`. The cases of the batch
    are matched among themselves in memory; the stored ones are found by indexed queries that leave the
    batch out. Nothing compares a case with every other one."""
    days, limit = conf("duplicate_days"), conf("lookup_limit")
    start, end = _window(keys, days, days)
    rows: dict[int, dict] = {}
    by_band: dict[int, list[int]] = defaultdict(list)
    by_person: dict[int, list[int]] = defaultdict(list)
    for cid, k in keys.items():
        rows[cid] = _row_of(cid, k)
        for band in k.bands:
            by_band[band].append(cid)
        for p in {k.phone_key, k.person_key} - {None}:
            by_person[p].append(cid)
    batch = keys.keys()
    for band, row in _band_matches(keys, start, end, using, leaving_out=batch):
        by_band[band].append(row["case_id"])
        rows.setdefault(row["case_id"], row)
    if by_person:
        people = set(by_person)  # a copy: the rows found add people to by_person
        for row in Signature.objects.using(using).filter(
                Q(phone_key__any_of=people) | Q(person_key__any_of=people), received_on__range=(start, end)
                ).exclude(case_id__any_of=batch).values(*_FIELDS):
            rows.setdefault(row["case_id"], row)
            for p in {row["phone_key"], row["person_key"]} - {None}:
                by_person[p].append(row["case_id"])
    candidates: dict[int, list[dict]] = {}
    for cid, k in keys.items():
        lo, hi = k.received_on - timedelta(days=days), k.received_on + timedelta(days=days)
        sharing_a_band = {o for key in k.bands for o in by_band[key]} - {cid}  # once, however many bands
        similar = [o for o in sorted(sharing_a_band, reverse=True)  # the newest first, should the limit bite
                   if lo <= rows[o]["received_on"] <= hi and _shares_someone(k, rows[o])]
        same = [o for p in {k.phone_key, k.person_key} - {None} for o in by_person[p]
                if o != cid and lo <= rows[o]["received_on"] <= hi]
        if found := set(similar[:limit]) | set(same[:limit]):
            candidates[cid] = [rows[o] for o in sorted(found)]
    scores = similarity.similarities_many([(keys[cid].sig, [r["minhash"] for r in found])
                                           for cid, found in candidates.items()])
    out = {}
    for (cid, found), found_scores in zip(candidates.items(), scores, strict=True):
        if judged := judge_candidates(keys[cid], found, found_scores):
            out[cid] = judged
    return out


def _row_of(case_id: int, k: Keys) -> dict:
    """A case of the batch as the signature row the index would return for it."""
    return {"case_id": case_id, "received_on": k.received_on, "phone_key": k.phone_key, "person_key": k.person_key,
            "business_key": k.business_key, "uscc": k.uscc, "problem": k.problem, "category": k.category,
            "minhash": similarity.to_bytes(k.sig)}


def _band_matches(keys: dict[int, Keys], start, end, using: str, leaving_out: Collection[int]):
    """(band key, signature row) of the stored cases in [start, end], other than `leaving_out`, that share
    a band key — a similar text about the same business — with a case of the batch. Two look-ups by
    index, bands then those cases' signatures, rather than a join, which PostgreSQL plans as a scan of
    every signature once the index is large. The exact tests are the caller's, per case."""
    bands = {b for k in keys.values() for b in k.bands}
    if not bands:
        return
    by_case: dict[int, list[int]] = defaultdict(list)
    for band, case_id in TextBand.objects.using(using).filter(
            key__any_of=bands, received_on__range=(start, end)).exclude(case_id__any_of=leaving_out).values_list(
            "key", "case_id"):
        by_case[case_id].append(band)
    if not by_case:
        return
    for row in Signature.objects.using(using).filter(case_id__any_of=by_case).values(*_FIELDS):
        for band in by_case[row["case_id"]]:
            yield band, row


def _shares_someone(k: Keys, row: dict) -> bool:
    return bool((k.phone_key is not None and row["phone_key"] == k.phone_key)
                or (k.person_key is not None and row["person_key"] == k.person_key)
                or (k.business_key is not None and row["business_key"] == k.business_key)
                or (k.uscc and row["uscc"] == k.uscc))


def _within(rows, lo, hi) -> list[dict]:
    return [r for r in rows if lo <= r["received_on"] <= hi]


def judge_candidates(keys: Keys, rows, scores: list[float] | None = None) -> list[dict]:
    """Which of the candidate signature rows are duplicates of `keys`, with reasons, best first; `scores`:
    their similarities to `keys`, when already computed."""
    found = []
    duplicate_at, near_copy_at = conf("duplicate_similarity"), conf("near_copy_similarity")
    rows = list(rows)
    if scores is None:
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
    newest: dict[int, list[dict]] = {}
    for cid, k in keys.items():
        lo = k.received_on - timedelta(days=days)
        rows = {r["case_id"]: r for r in [*by_business.get(k.business_key, ()), *by_uscc.get(k.uscc, ())]
                if lo <= r["received_on"] <= k.received_on}
        newest[cid] = sorted(rows.values(), key=lambda r: r["received_on"], reverse=True)[:conf("lookup_limit")]
    scores = similarity.similarities_many([(keys[cid].sig, [r["minhash"] for r in rows])
                                           for cid, rows in newest.items()])
    return {cid: members_among(keys[cid], cid, rows, row_scores)
            for (cid, rows), row_scores in zip(newest.items(), scores, strict=True)}


def members_among(keys: Keys, case_id: int | None, rows, scores: list[float] | None = None) -> tuple[list[int], int]:
    """The group members among signature rows against the same business in the group window (newest
    first, at most `lookup_limit`): the same suggested problem type, or a similar text. `scores`: their
    similarities to `keys`, when already computed."""
    members: list[int] = []
    people: set = set()
    group_at = conf("group_similarity")
    rows = list(rows)
    if scores is None:
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
