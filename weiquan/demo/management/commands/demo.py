"""`weiquan demo`: migrate, seed the demo province on first run, print the accounts, serve."""

from __future__ import annotations

import json
import os

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from weiquan.cases.models import Case
from weiquan.deadlines.calendar import seed_from_chinesecalendar
from weiquan.demo.province import DEMO_ACCOUNTS, build_province, create_demo_accounts
from weiquan.intake.setup import ACCOUNTS as INTAKE_ACCOUNTS
from weiquan.intake.setup import ensure_intake_demo


class Command(BaseCommand):
    help = "Set up (first run) or reuse the demo database and serve it on 127.0.0.1."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", 8000)))
        parser.add_argument("--cases", type=int, default=3000)
        parser.add_argument("--no-serve", action="store_true")

    def handle(self, port, cases, no_serve, **options):
        settings.DATA_DIR.mkdir(parents=True, exist_ok=True)
        call_command("migrate", interactive=False, verbosity=0)
        accounts_file = settings.DATA_DIR / "demo-accounts.json"
        first_run = not Case.objects.exists()
        if first_run:
            self.stdout.write("Seeding the demo province (first run)…")
            call_command("load-regions", verbosity=0)
            build_province(settings.WEIQUAN_PROVINCE_CODE)
            seed_from_chinesecalendar()
        passwords = create_demo_accounts()
        passwords.update(ensure_intake_demo())
        stored = json.loads(accounts_file.read_text()) if accounts_file.exists() else {}
        stored.update({k: v for k, v in passwords.items() if v})
        accounts_file.write_text(json.dumps(stored, indent=1))
        accounts_file.chmod(0o600)
        if first_run:
            call_command("seed", cases=cases, seed=1)
            self._triage_seeded_cases()
        self.stdout.write("\nDemo accounts (username / password):")
        intake = [(u, r, c or f"{settings.WEIQUAN_PROVINCE_CODE}-D01") for u, r, c in INTAKE_ACCOUNTS]
        for username, role, org in [*DEMO_ACCOUNTS, *intake]:
            self.stdout.write(f"  {username:<13} {stored.get(username, '(unchanged)'):<14} {role:<11} {org}")
        self.stdout.write(f"\nStaff workbench: http://127.0.0.1:{port}/staff/   public site: http://127.0.0.1:{port}/\n")
        if not no_serve:
            worker = self._start_worker()
            try:
                call_command("runserver", f"127.0.0.1:{port}", use_reloader=False)
            finally:
                worker.terminate()
                worker.wait(timeout=10)

    def _start_worker(self):
        """The task worker beside the server, as in production: triage after registration, the 12345
        outbox. It polls the queue at least once a second, so suggestions appear a moment after saving."""
        import subprocess
        import sys

        self.stdout.write("Task worker: weiquan run_huey (triage, outbox)\n")
        return subprocess.Popen([sys.executable, "-m", "weiquan.cli", "run_huey", "--workers", "1",
                                 "--max-delay", "1", "--flush-locks"], env=os.environ.copy())

    def _triage_seeded_cases(self) -> None:
        """Give the seeded history triage rows, so that duplicates and groups see it (the generator
        writes in bulk, past the signal receivers)."""
        from weiquan.triage.batch import triage_history

        done, _rate = triage_history()
        self.stdout.write(f"{done} seeded cases triaged")
