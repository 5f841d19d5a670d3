"""`weiquan demo` seeds the province on the first run (cases triaged) and reuses the data on the next."""

import io

from django.core.management import call_command

from weiquan.cases.models import Case


def test_first_run_seeds_and_second_run_reuses(db, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    out = io.StringIO()
    call_command("demo", no_serve=True, cases=40, stdout=out)
    first = out.getvalue()
    assert "first run" in first and "pingcheng" in first
    assert Case.objects.count() == 40
    assert Case.objects.filter(triage__isnull=False).count() == 40
    password = next(line.split()[1] for line in first.splitlines() if line.strip().startswith("pingcheng"))

    out = io.StringIO()
    call_command("demo", no_serve=True, cases=40, stdout=out)
    second = out.getvalue()
    assert "first run" not in second
    assert Case.objects.count() == 40
    assert password in second  # the same password is printed again
    assert (tmp_path / "demo-accounts.json").exists()
