"""`bench_triage()`: texts classified per second, and the latency of the duplicate / group / professional
check against a large similarity index.

The index is seeded in bulk into a scratch SQLite database of its own (WEIQUAN_DATA_DIR/bench/, kept and
reused across runs) with the very tables and indexes of `Signature` and `TextBand`; the timed checks run
the production look-ups (`index.find_duplicates`, `group_members`, `professional_signals`) against it
through a second Django database alias. Synthetic rows: one year of cases, ~2,700 a day, 700,000 people
(2,000 of them very active), 100,000 businesses of which 20 large ones take 5 % of all cases, random
MinHash signatures with their real band keys. Half the probes are near-copies of a stored case (same person, same business,
4 of 32 MinHash values changed), half match nothing.
"""

from __future__ import annotations

import csv
import hashlib
import sqlite3
import statistics
import time
from datetime import date, timedelta
from pathlib import Path

import numpy as np
from django.conf import settings
from django.db import connections

from weiquan.lib import similarity

from . import index
from .keys import Keys, bands_for_many
from .models import Signature, TextBand

ALIAS = "triage_bench"
LABELLED = Path(__file__).resolve().parent.parent.parent / "tests" / "data" / "triage_labelled.csv"
SAMPLE_TEXTS = [
    "退货,退赔费用 质量问题 某家具城 市民在该家具城购买实木床和衣柜，放置两个月后柜门开裂，商家拒绝退换。主要诉求：协调退货退款。",
    "退费 预付卡 某健身房 去年在该健身房办理年卡3680元，近日门店突然关闭，老板联系不上。主要诉求：退还剩余费用。",
    "赔偿损失 食品安全 某早餐店 在该店购买包子，食用时发现包子内有沙粒，商家未作处理。主要诉求：核查并赔偿。",
    "不执行政府指导价 某小区物业 市民认为该小区节假日停车收费标准不合理，要求核实收费是否合规。",
    "过期食品能退吗？",
]


def _texts() -> list[str]:
    try:
        with LABELLED.open(encoding="utf-8") as fh:
            return [row["text"] for row in csv.DictReader(fh)]
    except OSError:
        return SAMPLE_TEXTS * 60


def bench_classification(seconds: float = 2.0, *, with_model: bool = True) -> dict:
    """Texts per second through the lexicon alone and through lexicon + a model trained on the labelled
    set, one text per call (the registration path) and in batches of 500 (the import path)."""
    from weiquan.lib import classify_model
    from weiquan.lib.classify import classify, classify_many

    texts = _texts()
    out: dict = {"texts": len(texts)}
    model = None
    try:
        if not with_model:
            raise KeyError("lexicon only")
        with LABELLED.open(encoding="utf-8") as fh:
            rows = list(csv.DictReader(fh))
        model = classify_model.train({f: [(r["text"], r[f]) for r in rows] for f in ("kind", "category", "problem",
                                                                                      "request")})
    except (OSError, KeyError, ValueError):
        pass
    for label, m in (("lexicon", None), ("model", model)):
        if label == "model" and m is None:
            continue
        done, start = 0, time.perf_counter()
        while time.perf_counter() - start < seconds:
            for text in texts[:200]:
                classify(text, m)
            done += min(200, len(texts))
        out[f"{label}_texts_per_s_single"] = round(done / (time.perf_counter() - start))
        batch = (texts * (1 + 2000 // max(1, len(texts))))[:2000]
        start = time.perf_counter()
        for i in range(0, len(batch), 500):
            classify_many(batch[i:i + 500], m)
        out[f"{label}_texts_per_s_batch"] = round(len(batch) / (time.perf_counter() - start))
    return out


# --- the large index -------------------------------------------------------------------------------------

def _db_path(n: int) -> Path:
    # the band scheme is part of the name: a file seeded under another one would find nothing
    scheme = f"b{similarity.BANDS}r{similarity.ROWS}s"
    return Path(settings.DATA_DIR) / "bench" / f"triage-index-{n}-{scheme}.sqlite3"


def _settings(path: Path) -> dict:
    return {"ENGINE": "django.db.backends.sqlite3", "NAME": str(path), "ATOMIC_REQUESTS": False, "AUTOCOMMIT": True,
            "CONN_MAX_AGE": 0, "CONN_HEALTH_CHECKS": False, "OPTIONS": {}, "TIME_ZONE": None, "USER": "",
            "PASSWORD": "", "HOST": "", "PORT": "", "TEST": {}}


def _connect_alias(path: Path) -> None:
    """Make `ALIAS` a connection to the scratch file, for this thread only: the wrapper is placed in the
    connection handler directly, never in the configured databases (so nothing else ever sees it)."""
    from django.db.backends.sqlite3.base import DatabaseWrapper

    _close_alias()
    setattr(connections._connections, ALIAS, DatabaseWrapper(_settings(path), ALIAS))  # noqa: SLF001


def _close_alias() -> None:
    wrapper = getattr(connections._connections, ALIAS, None)  # noqa: SLF001
    if wrapper is not None:
        wrapper.close()
        delattr(connections._connections, ALIAS)  # noqa: SLF001


def _schema_sql() -> tuple[list[str], list[str]]:
    """(CREATE TABLE statements, CREATE INDEX statements) of the two index tables, as Django makes them
    for SQLite."""
    _connect_alias(Path(":memory:"))
    wrapper = connections[ALIAS]
    tables, indexes = [], []
    with wrapper.schema_editor(collect_sql=True) as editor:
        for model in (Signature, TextBand):
            editor.create_model(model)
    for statement in editor.collected_sql:  # indexes are deferred to the editor's exit
        (indexes if statement.lstrip().upper().startswith("CREATE INDEX") or "UNIQUE INDEX" in statement.upper()
         else tables).append(statement)
    _close_alias()
    return tables, indexes


def _seed(path: Path, n: int, today: date) -> float:
    """Create and fill the scratch index with n synthetic cases; seconds taken."""
    started = time.perf_counter()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".building")
    tmp.unlink(missing_ok=True)
    tables, indexes = _schema_sql()
    db = sqlite3.connect(tmp)
    db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA temp_store=MEMORY;"
                     "PRAGMA cache_size=-200000;")
    for statement in tables:
        db.execute(statement)
    rng = np.random.default_rng(7)
    sig_table, band_table = Signature._meta.db_table, TextBand._meta.db_table
    chunk = 50_000
    for first in range(1, n + 1, chunk):
        ids = np.arange(first, min(first + chunk, n + 1))
        m = len(ids)
        days = rng.integers(0, 365, m)
        people = np.where(rng.random(m) < 0.02, rng.integers(0, 2000, m), rng.integers(0, 700_000, m))
        # 5 % of cases go to 20 large businesses (platforms, chains), the rest spread over 100,000
        business = np.where(rng.random(m) < 0.05, rng.integers(0, 20, m), rng.integers(20, 100_000, m))
        problems = rng.choice(["quality", "contract", "after_sales", "safety", "price", "false_advertising"], m)
        sigs = rng.integers(0, 2**32, (m, similarity.NUM_PERM), dtype=np.uint64).astype(np.uint32)
        sig_rows, band_rows = [], []
        business_keys = [_k("b", int(b)) for b in business]
        bands = bands_for_many(sigs, business_keys, [""] * m)
        for i in range(m):
            on = (today - timedelta(days=int(days[i]))).isoformat()
            person = int(people[i])
            sig = sigs[i]
            business_key = business_keys[i]
            sig_rows.append((int(ids[i]), on, _k("p", person), _k("n", person), _k("a", person // 2),
                             business_key, "", str(problems[i]), "", similarity.to_bytes(sig)))
            band_rows.extend((key, int(ids[i]), on) for key in bands[i])
        db.executemany(f'INSERT INTO "{sig_table}" (case_id, received_on, phone_key, person_key, address_key, '
                       f'business_key, uscc, problem, category, minhash) VALUES (?,?,?,?,?,?,?,?,?,?)', sig_rows)
        db.executemany(f'INSERT INTO "{band_table}" (key, case_id, received_on) VALUES (?,?,?)', band_rows)
        db.commit()
    for statement in indexes:
        db.execute(statement)
    db.execute("CREATE TABLE bench_meta (n INTEGER, seeded_on TEXT)")
    db.execute("INSERT INTO bench_meta VALUES (?, ?)", (n, today.isoformat()))
    db.commit()
    db.execute("ANALYZE")
    db.close()
    tmp.replace(path)
    return time.perf_counter() - started


def _k(prefix: str, value: int) -> int:
    return similarity._signed64(hashlib.blake2b(f"{prefix}{value}".encode(), digest_size=8).digest())  # noqa: SLF001


def _existing(path: Path, n: int) -> date | None:
    if not path.exists():
        return None
    try:
        db = sqlite3.connect(path)
        row = db.execute("SELECT n, seeded_on FROM bench_meta").fetchone()
        db.close()
    except sqlite3.Error:
        return None
    return date.fromisoformat(row[1]) if row and row[0] == n else None


def _probes(n: int, count: int, today: date, using: str = ALIAS, first_id: int = 1) -> list[Keys]:
    """Half near-copies of stored cases (read back from the index), half strangers."""
    rng = np.random.default_rng(11)
    probes = []
    rows = Signature.objects.using(using).filter(
        case_id__in=[int(x) for x in rng.integers(first_id, first_id + n, count // 2)]).values(
        "received_on", "phone_key", "person_key", "address_key", "business_key", "problem", "minhash")
    for row in rows:
        sig = similarity.from_bytes(row["minhash"]).copy()
        sig[rng.choice(similarity.NUM_PERM, 4, replace=False)] = rng.integers(0, 2**32, 4, dtype=np.uint64)
        probes.append(Keys(row["received_on"], row["phone_key"], row["person_key"], row["address_key"],
                                 row["business_key"], "", row["problem"], "", sig, _bands(sig, row["business_key"])))
    while len(probes) < count:
        sig = rng.integers(0, 2**32, similarity.NUM_PERM, dtype=np.uint64).astype(np.uint32)
        who = int(rng.integers(10**9, 2 * 10**9))
        probes.append(Keys(today, _k("p", who), _k("n", who), _k("a", who), _k("b", who), "", "quality", "",
                                 sig, _bands(sig, _k("b", who))))
    return probes


def _bands(sig: np.ndarray, business_key: int | None) -> list[int]:
    return bands_for_many(sig[None], [business_key], [""])[0]


def _percentiles(values: list[float]) -> dict:
    ordered = sorted(values)

    def pick(q: float) -> float:
        return round(ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000, 2)

    return {"p50_ms": pick(0.50), "p95_ms": pick(0.95), "p99_ms": pick(0.99), "max_ms": round(ordered[-1] * 1000, 2),
            "mean_ms": round(statistics.fmean(ordered) * 1000, 2)}


def bench_index(n: int = 1_000_000, probes: int = 400) -> dict:
    today = date.today()
    path = _db_path(n)
    seeded_on = _existing(path, n)
    seed_seconds = None
    if seeded_on is None:
        seed_seconds = round(_seed(path, n, today), 1)
        seeded_on = today
    else:
        _read_through(path)
    _connect_alias(path)
    try:
        keys = _probes(n, probes, seeded_on)
        timed = _time_checks(keys, ALIAS)
    finally:
        _close_alias()
    return {"signatures": n, "band_rows": n * similarity.BANDS, "probes": len(keys), "seed_seconds": seed_seconds,
            "database": "sqlite (scratch file)", **timed}


def _read_through(path: Path) -> None:
    """Read a file seeded by an earlier run once, so that the look-ups find it in memory as a running server
    finds its index (the README sizes PostgreSQL's memory for that); by now it may have left the page
    cache, and the first look-ups would then time the disk (measured: p95 44 ms instead of 1.5 ms)."""
    with open(path, "rb") as f:
        while f.read(1 << 22):
            pass


def _time_checks(keys: list[Keys], using: str) -> dict:
    """The look-ups of triage for one new case at a time (a batch of one, as a quiet worker sees them)."""
    probe = 0  # no stored case has this id
    for k in keys[: len(keys) // 4]:  # warm the page cache as a running server would have it
        index.find_duplicates({probe: k}, using=using)
    dup_times, check_times, hits = [], [], 0
    for k in keys:
        start = time.perf_counter()
        found = index.find_duplicates({probe: k}, using=using)
        dup_times.append(time.perf_counter() - start)
        index.group_members({probe: k}, using=using)
        index.professional_signals({probe: k}, using=using)
        check_times.append(time.perf_counter() - start)
        hits += bool(found)
    return {"probes_with_duplicate": hits, "duplicate_check": _percentiles(dup_times),
            "full_check": _percentiles(check_times)}


def bench_live_index(probes: int = 400, at_least: int = 100_000) -> dict | None:
    """The same checks against the configured database's own index (after `weiquan seed --triage`, or a
    real history), when it holds at least `at_least` cases: PostgreSQL is measured this way."""
    from django.db import connection
    from django.db.models import Max, Min

    bounds = Signature.objects.aggregate(lo=Min("case_id"), hi=Max("case_id"))
    count = Signature.objects.count() if bounds["lo"] is not None else 0
    if count < at_least:
        return None
    keys = _probes(bounds["hi"] - bounds["lo"] + 1, probes, date.today(), using="default", first_id=bounds["lo"])
    return {"signatures": count, "probes": len(keys), "database": connection.vendor, **_time_checks(keys, "default")}


def bench_triage(n: int = 1_000_000) -> dict:
    """What `weiquan bench` reports for triage."""
    classification = bench_classification()
    idx = bench_index(n)
    live = bench_live_index()
    return {
        "live_index": live,
        "live_duplicate_check_p95_ms": live["duplicate_check"]["p95_ms"] if live else None,
        "texts_classified_per_s": classification.get("model_texts_per_s_single",
                                                     classification["lexicon_texts_per_s_single"]),
        "classification": classification,
        "duplicate_check_p95_ms": idx["duplicate_check"]["p95_ms"],
        "duplicate_check_cases": n,
        "index": idx,
    }
