"""`bench_intake()`: import rows/s on the configured database, without and with triage.

A synthetic 12315 export (Chinese headers, 1 % bad rows) is written to a temporary directory and imported
with the real command path (`run_import`). Without triage the run is rolled back afterwards. With triage
it commits batch by batch as `weiquan import` does — on PostgreSQL a helper process triages each
committed batch meanwhile (`weiquan.triage.importing`) — and the time runs until every case is triaged;
the imported cases are deleted afterwards. Either way the database is left as it was. Figures:
wall-clock rows/s and this process's CPU rows/s (with SQLite the database work is in-process too).
"""

from __future__ import annotations

import tempfile
import time
import uuid
from pathlib import Path

from django.db import DatabaseError, connection, transaction

from .importer.run import run_import
from .importer.sample import write_csv
from .models import ImportedRow


class _Rollback(Exception):
    pass


def _checkpoint() -> None:
    """PostgreSQL: begin from a checkpoint, as pgbench does. After one, the first change to every page
    writes the whole page to WAL; a run that starts with a server's WAL nearly full (a database just copied
    from a template fills it) pays for a checkpoint and those page images in its first seconds, one that
    does not, later or not at all — measured, 4,400 against 5,000–5,900 rows/s on the same file. Needs the
    right to checkpoint (superuser or pg_checkpoint); without it the run starts as it finds the server."""
    if connection.vendor != "postgresql":
        return
    try:
        with transaction.atomic(), connection.cursor() as cursor:  # refused, it spoils no caller's transaction
            cursor.execute("CHECKPOINT")
    except DatabaseError:
        pass


def _measure(path: Path, *, triage: bool, dry_run: bool = False) -> dict:
    _checkpoint()
    wall, cpu = time.perf_counter(), time.process_time()
    result = {}
    if triage:
        try:
            report = run_import(path, progress=False, triage=True, batch=1000)
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            result = {"rows": report.rows, "imported": report.imported, "rejected": report.rejected,
                      "untriaged": _untriaged(path.name)}
        finally:
            _delete_imported(path.name)
    else:
        try:
            with transaction.atomic():
                report = run_import(path, progress=False, triage=False, dry_run=dry_run, batch=1000)
                result = {"rows": report.rows, "imported": report.imported, "rejected": report.rejected}
                raise _Rollback
        except _Rollback:
            pass
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    rows = result.get("rows", 0)
    return {**result, "seconds": round(wall, 2), "rows_per_s": round(rows / wall) if wall else None,
            "cpu_rows_per_s": round(rows / cpu) if cpu else None}


def _imported(source: str) -> list[int]:
    return list(ImportedRow.objects.filter(source=source).values_list("case_id", flat=True))


def _untriaged(source: str) -> int:
    from weiquan.triage.models import Triage

    ids = _imported(source)
    return len(ids) - Triage.objects.filter(case_id__any_of=ids).count()


def _delete_imported(source: str) -> None:
    from weiquan.demo.seed.reset import delete_cases

    delete_cases(_imported(source))


def _triage_installed() -> bool:
    from django.apps import apps

    return apps.is_installed("weiquan.triage")


def bench_intake(rows: int = 20_000, triage_rows: int = 100_000) -> dict:
    """Import rows/s: parsing alone (dry run) and the bulk write without triage on `rows` rows, and with
    triage (when the triage app is installed) on a file of `triage_rows` — the issue's 100,000-row file:
    a run's first batch, before its triage helper has work, and its last, triaged after the import has
    written everything, weigh on a short file far more than on a real export."""
    out: dict = {"rows": rows, "triage_rows": triage_rows}
    with tempfile.TemporaryDirectory() as tmp:
        prefix = "B" + uuid.uuid4().hex[:8]
        # with triage first: the runs rolled back or deleted after it leave dead rows in every table it
        # writes, which a server without autovacuum keeps until a VACUUM
        out["import_with_triage"] = None
        if _triage_installed():
            big = Path(tmp) / "bench-triage.csv"
            write_csv(big, triage_rows, bad_every=100, prefix=prefix + "T")
            out["import_with_triage"] = _measure(big, triage=True)
        path = Path(tmp) / "bench.csv"
        write_csv(path, rows, bad_every=100, prefix=prefix)
        out["dry_run"] = _measure(path, triage=False, dry_run=True)
        out["import_without_triage"] = _measure(path, triage=False)
    out["import_rows_per_s"] = (out["import_with_triage"] or out["import_without_triage"])["rows_per_s"]
    return out
