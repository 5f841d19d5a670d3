"""`weiquan import` committing batch after batch: every imported case is triaged when the command ends —
on PostgreSQL by a helper process working beside the import (weiquan.triage.importing), and whatever
the helper could not do is done by the import itself. A duplicate across two batches is still found.
(Transactional: the helper is another process and sees only committed batches.)"""

import csv
import os

import pytest
from conftest import build_reference_data
from django.core.management import call_command
from django.db import connection

from weiquan.cases.models import Case
from weiquan.intake.importer.sample import HEADER, write_csv
from weiquan.triage import importing
from weiquan.triage.models import PendingTriage, Triage

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("reference_data_kept")]


@pytest.fixture(autouse=True)
def province():
    """Each transactional test ends by emptying every table: the next one needs the province again."""
    from weiquan.orgs.models import Organisation

    if not Organisation.objects.exists():
        build_reference_data()

DISPUTE = ["2025-03-0{day} 09:00:00", "投诉", "电话", "赵敏", "13912345678", "大同市平城区御河西路9号2单元",
           "大同市平城区红旗家具城", "大同市平城区御河西路168号", "", "退货", "质量", "3000",
           "在红旗家具城购买实木衣柜，柜门开裂，商家拒绝退换，要求退货。", "", "待处理"]


def _export_with_a_repeated_dispute(path, rows: int) -> None:
    """`rows` synthetic rows with the same consumer's dispute early on and again at the end: in batches
    of 500 the two land in different batches, which may be triaged by different processes."""
    write_csv(path, rows, bad_every=0)
    with open(path, encoding="utf-8-sig", newline="") as f:
        lines = list(csv.reader(f))
    repeats = []
    for number, day in (("DUP-1", 1), ("DUP-2", 3)):
        cells = [number, *DISPUTE]
        cells[1] = cells[1].format(day=day)
        assert len(cells) == len(HEADER)
        repeats.append(cells)
    lines = [lines[0], *lines[1:300], repeats[0], *lines[300:], repeats[1]]
    with open(path, "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(lines)


def _import(path) -> None:
    call_command("import", str(path), "--batch", "500", "--no-progress")


def _assert_all_triaged_and_the_repeat_found():
    imported = Case.objects.filter(channel="import")
    assert Triage.objects.filter(case__in=imported).count() == imported.count() > 0
    assert not PendingTriage.objects.exists()
    first = imported.get(description__startswith="在红旗家具城", received_at__day=1)
    second = imported.get(description__startswith="在红旗家具城", received_at__day=3)
    # whichever batch was triaged second names the other case
    found = {(t.case_id, d["case_id"]) for t in Triage.objects.filter(case__in=[first, second]) for d in t.duplicates}
    assert (second.pk, first.pk) in found or (first.pk, second.pk) in found


def test_every_imported_case_is_triaged_when_the_command_ends(tmp_path):
    path = tmp_path / "export.csv"
    _export_with_a_repeated_dispute(path, 1_800)
    _import(path)
    assert Case.objects.filter(channel="import").count() == 1_802
    _assert_all_triaged_and_the_repeat_found()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the helper process runs on PostgreSQL only")
def test_what_a_dead_helper_left_is_triaged_by_the_import_itself(tmp_path, monkeypatch):
    monkeypatch.setattr(importing, "_helper", lambda done, parent: os._exit(3))
    path = tmp_path / "export.csv"
    _export_with_a_repeated_dispute(path, 1_200)
    _import(path)
    _assert_all_triaged_and_the_repeat_found()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the helper process runs on PostgreSQL only")
def test_the_helper_starts_only_when_batches_commit(transactional_db):
    from django.db import transaction

    helper = importing.on_import_started(sender=Case)
    assert helper is not None
    assert helper.finish() == 0 and helper.process.exitcode == 0
    with transaction.atomic():
        assert importing.on_import_started(sender=Case) is None  # nothing would be visible to it
