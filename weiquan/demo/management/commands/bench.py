"""`weiquan bench [--json] [--cases N]`: API creation rate and page latency with N cases in the database."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand

from weiquan.bench.runner import BenchOptions, run


class Command(BaseCommand):
    help = ("Fill the configured database to at least N cases (demo generator), then measure case creation "
            "through the API and the latency of the 'my work' and case pages (django.test.Client, in-process).")

    def add_arguments(self, parser):
        parser.add_argument("--cases", type=int, default=1_000_000)
        parser.add_argument("--api-requests", type=int, default=2000)
        parser.add_argument("--page-requests", type=int, default=200)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--json", action="store_true", help="print only the JSON result")
        parser.add_argument("--with", dest="sections", action="append", default=[],
                            choices=["addresses", "triage", "intake", "all"],
                            help="add a section: address resolution, triage (classification, duplicate check "
                                 "against a 1,000,000-case index), intake (import rows/s); repeatable")
        parser.add_argument("--explain", action="store_true",
                            help="add the slowest queries of each page with their query plans")

    def handle(self, cases, api_requests, page_requests, seed, json: bool = False, explain: bool = False,
               sections=(), **options):
        if "all" in sections:
            sections = ["addresses", "triage", "intake"]
        quiet = options.get("verbosity", 1) == 0  # progress goes to stderr, the result alone to stdout
        result = run(BenchOptions(cases=cases, api_requests=api_requests, page_requests=page_requests, seed=seed,
                                  explain=explain, sections=tuple(sections),
                                  progress=(lambda m: None) if quiet else (lambda m: self.stderr.write(m))))
        self.stdout.write(_dumps(result, indent=None if json else 1))


def _dumps(value, indent) -> str:
    return json.dumps(value, ensure_ascii=False, indent=indent)
