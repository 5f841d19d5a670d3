"""`weiquan seed --cases N [--seed S] [--anchor YYYY-MM-DD] [--reset]`: demo cases over 24 months."""

from __future__ import annotations

import json
from datetime import date

from django.core.management.base import BaseCommand, CommandError

from weiquan.demo.seed import seed_cases
from weiquan.demo.seed.reset import reset_cases


class Command(BaseCommand):
    help = ("Generate N demo cases (with businesses, events and clocks) over the 24 months before the anchor "
            "day (default: today, local). Same seed, anchor and starting database → same data. Running it "
            "again adds N more cases; --reset deletes all cases first.")

    def add_arguments(self, parser):
        parser.add_argument("--cases", type=int, default=3000)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--anchor", type=date.fromisoformat, default=None,
                            help="the 'today' of the data (YYYY-MM-DD); events happen only before it")
        parser.add_argument("--batch", type=int, default=5000)
        parser.add_argument("--reset", action="store_true", help="delete every case, event, clock and counter first")
        parser.add_argument("--json", action="store_true", help="print the figures as JSON")
        parser.add_argument("--triage", action="store_true",
                            help="then triage every case that has no triage yet (the similarity index that "
                                 "duplicate and group checks search), as `weiquan demo` does")

    def handle(self, cases, seed, anchor, batch, reset, json: bool = False, triage: bool = False, **options):
        if cases < 0:
            raise CommandError("--cases must be zero or more")
        if reset:
            reset_cases()
        verbose = options.get("verbosity", 1) > 0 and not json

        def progress(done, total):
            if verbose:
                self.stdout.write(f"  {done}/{total} cases")

        result = seed_cases(cases, seed, anchor=anchor, batch=batch, progress=progress if cases >= 20000 else None)
        figures = {"cases": result.cases, "events": result.events, "clocks": result.clocks,
                   "businesses": result.businesses, "seconds": round(result.seconds, 2),
                   "cases_per_s": round(result.rate, 1),
                   "cases_per_cpu_s": round(result.cpu_rate, 1), "anchor": result.anchor.isoformat()}
        if triage:
            from weiquan.triage.batch import triage_history

            def triaged(done):
                if verbose and done % 50_000 < 2000:
                    self.stdout.write(f"  {done} cases triaged")

            done, rate = triage_history(progress=triaged)
            if done:
                from weiquan.demo.seed.writer import analyze
                from weiquan.triage.models import Signature, TextBand, Triage

                analyze(Signature, TextBand, Triage)
            figures.update(triaged=done, triaged_per_s=round(rate, 1))
        if json:
            self.stdout.write(_dumps(figures))
        elif verbose:
            self.stdout.write(f"{result.cases} cases, {result.events} events, {result.clocks} clocks, "
                              f"{result.businesses} new businesses in {result.seconds:.1f} s "
                              f"({result.rate:.0f} cases/s), anchor {result.anchor}")


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False)
