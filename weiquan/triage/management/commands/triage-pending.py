"""`weiquan triage-pending`: how many cases wait for triage, and (with --drain) triage them now."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand

from weiquan.triage.models import PendingTriage
from weiquan.triage.queue import drain


class Command(BaseCommand):
    help = "Show the cases waiting for triage; --drain triages them in this process (no worker needed)."

    def add_arguments(self, parser):
        parser.add_argument("--drain", action="store_true", dest="drain_now")
        parser.add_argument("--json", action="store_true", dest="as_json")

    def handle(self, drain_now, as_json, **options):
        waiting = PendingTriage.objects.count()
        done = drain() if drain_now else 0
        result = {"waiting": waiting, "triaged": done, "left": PendingTriage.objects.count()}
        if as_json:
            self.stdout.write(json.dumps(result))
        else:
            self.stdout.write(f"waiting {result['waiting']}, triaged {result['triaged']}, left {result['left']}")
