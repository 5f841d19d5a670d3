"""`weiquan import` of 100,000 rows with 1 % bad rows, killed with SIGKILL part-way, then run again.

The command runs in a subprocess against a database of its own (a SQLite file, or a scratch PostgreSQL
database when the suite runs on PostgreSQL), so the kill is real and commits are real."""

import csv
import os
import re
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection

from weiquan.intake.importer.sample import write_csv

ROWS = 100_000
ROOT = Path(__file__).resolve().parent.parent
SETUP = (
    "from weiquan.demo.province import build_province;"
    "from weiquan.deadlines.calendar import seed_from_chinesecalendar;"
    "build_province('140000', field_offices_per_county=1); seed_from_chinesecalendar()"
)


class ScratchDb:
    """A database for the subprocess, and a way to count rows in it from here."""

    def __init__(self, tmp: Path):
        self.pg = connection.vendor == "postgresql"
        if self.pg:
            import psycopg

            params = settings.DATABASES["default"]
            self.name = f"{connection.settings_dict['NAME']}_import_kill"[:60]
            self.dsn = dict(host=params["HOST"], port=params["PORT"] or 5432, user=params["USER"],
                            password=params["PASSWORD"] or None)
            with psycopg.connect(dbname="postgres", autocommit=True, **self.dsn) as c:
                c.execute(f'DROP DATABASE IF EXISTS "{self.name}"')
                c.execute(f'CREATE DATABASE "{self.name}"')
            password = f":{params['PASSWORD']}" if params["PASSWORD"] else ""
            host = quote(params["HOST"] or "localhost", safe="")  # a socket directory is percent-encoded
            self.url = f"postgres://{params['USER']}{password}@{host}:{params['PORT'] or 5432}/{self.name}"
        else:
            self.path = tmp / "kill.sqlite3"
            self.url = f"sqlite:///{self.path}"

    def count(self, table: str) -> int:
        if self.pg:
            import psycopg

            with psycopg.connect(dbname=self.name, **self.dsn) as c:
                return c.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        with sqlite3.connect(self.path, timeout=30) as c:
            return c.execute(f"SELECT count(*) FROM {table}").fetchone()[0]

    def drop(self):
        if self.pg:
            import psycopg

            with psycopg.connect(dbname="postgres", autocommit=True, **self.dsn) as c:
                c.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


def weiquan(env, *args, **kwargs):
    return subprocess.Popen([sys.executable, "-m", "weiquan.cli", *args], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kwargs)


@pytest.mark.slow
@pytest.mark.django_db
def test_killed_import_resumes_to_exactly_the_good_rows(tmp_path):
    data = tmp_path / "export.csv"
    info = write_csv(data, ROWS, bad_every=100)
    assert info["good"] == 99_000 and len(info["bad"]) == 1_000
    db = ScratchDb(tmp_path)
    env = {**os.environ, "DATABASE_URL": db.url, "WEIQUAN_DATA_DIR": str(tmp_path / "var")}
    try:
        for args in (["migrate", "-v", "0"], ["shell", "-c", SETUP]):
            done = weiquan(env, *args)
            out, err = done.communicate(timeout=600)
            assert done.returncode == 0, err

        # 1. killed part-way, after some batches are committed
        rejects = tmp_path / "rejects.csv"
        run = weiquan(env, "import", str(data), "--batch", "1000", "--rejects", str(rejects), "--no-triage")
        # follow its progress bar: a batch is committed before the next row is read, so 25,000 rows read
        # means at least 24 batches committed
        seen, shown = "", 0
        while shown < 25_000:
            chunk = os.read(run.stderr.fileno(), 4096).decode("utf-8", "replace")
            if not chunk:  # the import ended (or died) before getting there
                break
            seen = (seen + chunk)[-200:]
            counts = re.findall(r"([\d,]+) rows", seen)
            shown = int(counts[-1].replace(",", "")) if counts else 0
        assert run.poll() is None, "the import finished before it could be killed"
        run.send_signal(signal.SIGKILL)
        run.communicate(timeout=60)
        assert run.returncode == -signal.SIGKILL
        at_kill = db.count("cases_case")
        assert 20_000 <= at_kill < 99_000
        assert db.count("intake_importedrow") == at_kill  # whole batches only: each row with its case

        # 2. run again: the rest, and every bad row reported with its reason
        again = weiquan(env, "import", str(data), "--rejects", str(rejects), "--no-triage", "--no-progress")
        out, err = again.communicate(timeout=1200)
        assert again.returncode == 0, err
        assert db.count("cases_case") == 99_000
        assert db.count("intake_importedrow") == 99_000
        with open(rejects, encoding="utf-8-sig", newline="") as f:
            reported = {int(r["row"]): (r["field"], r["reason"]) for r in csv.DictReader(f)}
        assert set(reported) == set(info["bad"])
        fields = {"kind": "kind", "time": "received_at", "phone": "complainant_phone", "amount": "amount",
                  "org": "handling_org", "future": "received_at"}
        for row, kind in info["bad"].items():
            assert reported[row][0] == fields[kind] and reported[row][1], (row, kind, reported[row])

        # 3. a third run adds nothing; the events of every case verify
        third = weiquan(env, "import", str(data), "--no-triage", "--no-progress")
        out, err = third.communicate(timeout=1200)
        assert third.returncode == 0, err
        assert db.count("cases_case") == 99_000
        check = weiquan(env, "verify-events")
        out, err = check.communicate(timeout=600)
        assert check.returncode == 0, out + err
    finally:
        db.drop()
