"""`bench_intake`: the import rates it promises are there — the run with triage triages every case it
imports (a helper process beside it on PostgreSQL) — and the database is left as it was.
(Transactional: the run with triage commits batch by batch, as `weiquan import` does.)"""

import pytest

from weiquan.cases.models import Case
from weiquan.intake.bench import bench_intake
from weiquan.intake.models import ImportedRow


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("reference_data_kept")
def test_import_rates_with_and_without_triage_leave_nothing_behind():
    cases = Case.objects.count()
    result = bench_intake(rows=300, triage_rows=400)
    with_triage = result["import_with_triage"]
    assert (with_triage["rows"], with_triage["imported"], with_triage["rejected"]) == (400, 396, 4)
    assert with_triage["untriaged"] == 0 and with_triage["rows_per_s"] > 0
    for name in ("dry_run", "import_without_triage"):
        assert (result[name]["rows"], result[name]["imported"], result[name]["rejected"]) == (300, 297, 3)
        assert result[name]["rows_per_s"] > 0
    assert result["import_rows_per_s"] == with_triage["rows_per_s"]
    assert Case.objects.count() == cases and not ImportedRow.objects.exists()
