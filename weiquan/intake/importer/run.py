"""Running an import: read, parse, skip what is already imported, write per batch, report every rejected row.

Each batch is one transaction holding its cases and their ImportedRow keys, so a run killed at any point
(even SIGKILL) has imported whole batches only; the next run skips their keys and goes on.
"""

from __future__ import annotations

import csv
import functools
import gc
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from weiquan.cases.models import Case
from weiquan.cases.signals import case_registered
from weiquan.lookups import without_parallel_plans
from weiquan.orgs.models import Organisation

from .. import bulk
from ..models import ImportedRow
from ..signals import cases_imported, import_started
from . import mapping as mapping_mod
from .readers import RowProblem, open_table
from .rows import Parsed, RowError, parse


@dataclass
class Report:
    imported: int = 0
    skipped: int = 0  # already imported by an earlier run
    rejected: int = 0
    blank: int = 0
    rows: int = 0
    seconds: float = 0.0
    format: str = ""
    encoding: str = ""
    rejects: list = field(default_factory=list)  # first few (row, reason), for messages

    @property
    def rate(self) -> float:
        return self.rows / self.seconds if self.seconds else 0.0


class Progress:
    """A one-line progress bar on stderr, redrawn at most every 0.2 s."""

    def __init__(self, stream, total: int, enabled: bool = True):
        self.stream, self.total, self.enabled = stream, total, enabled
        self.started = self.last = time.monotonic()

    def show(self, position: int, rows: int, final: bool = False) -> None:
        now = time.monotonic()
        if not self.enabled or (not final and now - self.last < 0.2):
            return
        self.last = now
        share = min(position / self.total, 1.0) if self.total else 0.0
        if final:
            share = 1.0
        bar = "#" * int(share * 30)
        rate = rows / max(now - self.started, 1e-6)
        self.stream.write(f"\r[{bar:<30}] {share:4.0%} {rows:,} rows {rate:,.0f}/s")
        if final:
            self.stream.write("\n")
        self.stream.flush()


def _org_lookup() -> tuple[dict[str, str], dict[str, Organisation]]:
    names, by_code = {}, {}
    for org in Organisation.objects.filter(active=True, kind__in=Organisation.HANDLING_KINDS):
        by_code[org.code] = org
        names[org.code] = org.code
        names.setdefault(org.name, org.code)
    return names, by_code


def _triage(case_ids: list[int], actor) -> None:
    """Bulk listeners get the whole batch; otherwise each case is sent as register_case would send it."""
    if cases_imported.has_listeners(Case):
        cases_imported.send(sender=Case, case_ids=case_ids, actor=actor)
    elif case_registered.has_listeners(Case):
        from weiquan.cases.services.registration import IntakeData

        for case in Case.objects.filter(pk__in=case_ids).order_by("id"):
            data = IntakeData(kind=case.kind, channel=case.channel, description=case.description,
                              received_at=case.received_at, business_name=case.business_name,
                              business_address=case.business_address, request=case.request)
            case_registered.send(sender=Case, case=case, actor=actor, data=data)


def _collecting_less(func):
    """Run `func` with the cyclic garbage collector mostly out of the way. An import allocates millions of
    short-lived objects, freed by reference counting as soon as a batch is written; the collector, woken
    every 700 allocations, would traverse every object alive — Django's, the lexicon's, the resolver's —
    hundreds of times a run (a tenth of the import's time, measured). What lives at the start is frozen
    (never traversed; a forked triage helper inherits that), and the young generation is collected every
    50,000 allocations instead. Both are put back afterwards; a caller that froze objects of its own keeps
    them frozen."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        threshold, freeze = gc.get_threshold(), gc.get_freeze_count() == 0
        if freeze:
            gc.collect()
            gc.freeze()
        gc.set_threshold(50_000, 50, 1000)
        try:
            return func(*args, **kwargs)
        finally:
            gc.set_threshold(*threshold)
            if freeze:
                gc.unfreeze()

    return wrapper


@_collecting_less
def run_import(path: str | Path, *, mapping: str | None = None, dry_run: bool = False,
               rejects: str | Path | None = None, batch: int = 1000, encoding: str | None = None,
               sheet: str | None = None, actor=None, progress: bool = True, stderr=None,
               triage: bool = True) -> Report:
    """Import a file; raises ImportFileError (nothing imported from it) when the file cannot be read."""
    stderr = stderr or sys.stderr
    started = time.monotonic()
    aliases, defaults = mapping_mod.load(mapping)
    table = open_table(path, encoding=encoding, sheet=sheet)
    colmap = mapping_mod.build(table.header, aliases, defaults)
    org_names, orgs = _org_lookup()
    intake_org = Organisation.objects.get(code=f"{settings.WEIQUAN_PROVINCE_CODE}-12315")
    ctx = bulk.Context(intake_org, orgs, Path(path).name, actor)
    report = Report(format=table.format, encoding=table.encoding)
    bar = Progress(stderr, table.total, progress)
    now = timezone.now()
    seen: dict[str, int] = {}
    reject_file = open(rejects, "w", encoding="utf-8-sig", newline="") if rejects else None  # noqa: SIM115
    writer = csv.writer(reject_file) if reject_file else None
    if writer:
        writer.writerow(["row", "field", "reason", *table.header])

    def reject(number: int, reason: str, cells, field: str = "") -> None:
        report.rejected += 1
        if len(report.rejects) < 20:
            report.rejects.append((number, reason))
        if writer:
            values = [] if isinstance(cells, RowProblem) else [str(c).replace("\x00", "")[:2000] for c in cells]
            writer.writerow([number, field, reason, *values])

    pending: list[Parsed] = []
    # a triage that takes the committed batches while the next ones are written, if one offers itself
    helpers = [h for _r, h in import_started.send(sender=Case, actor=actor) if h] if triage and not dry_run else []
    # a helper waits for the first commit: let that come sooner
    limit = max(1, batch // 5) if helpers else batch

    def flush() -> None:
        nonlocal limit
        limit = batch
        if not pending:
            return
        keys = [p.key for p in pending]
        with transaction.atomic():
            without_parallel_plans(connection)
            done = set(ImportedRow.objects.filter(key__any_of=set(keys)).values_list("key", flat=True))
            fresh = [p for p in pending if p.key not in done]
            report.skipped += len(pending) - len(fresh)
            if not dry_run and fresh:
                ids = bulk.write_batch(fresh, ctx)
                for helper in helpers:
                    helper.queue(ids)
                if triage and not helpers:
                    _triage(ids, actor)
            report.imported += len(fresh)
        pending.clear()
        if reject_file:
            reject_file.flush()

    try:
        for number, cells in table.rows:
            report.rows += 1
            if isinstance(cells, RowProblem):
                reject(number, cells.reason, cells)
            elif not any(str(c).strip() for c in cells):
                report.blank += 1
                report.rows -= 1
            elif len(cells) > len(table.header) and any(str(c).strip() for c in cells[len(table.header):]):
                reject(number, _("%(n)d cells but the header has %(m)d") % {"n": len(cells),
                                                                          "m": len(table.header)}, cells)
            else:
                try:
                    parsed = parse(number, cells, colmap, org_names, now)
                    region = parsed.data.business_region_code
                    if region and ctx.region(region) is None:
                        raise RowError(_("business_region_code: unknown division code"),
                                       "business_region_code")
                    if parsed.key in seen:
                        raise RowError(_("same record as row %(row)d") % {"row": seen[parsed.key]})
                except RowError as exc:
                    reject(number, str(exc), cells, exc.field)
                else:
                    seen[parsed.key] = number
                    pending.append(parsed)
                    if len(pending) >= limit:
                        flush()
            bar.show(table.position(), report.rows)
        flush()
    finally:
        if reject_file:
            reject_file.close()
        for helper in helpers:
            helper.finish()
    bar.show(table.position(), report.rows, final=True)
    report.seconds = time.monotonic() - started
    return report

