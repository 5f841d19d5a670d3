"""An import tunes the garbage collector for its run only: the process that called it (a shell, a worker,
the test runner) finds the collector as it was, whether the import succeeded or the file was unreadable."""

import gc

import pytest

from weiquan.intake.importer.readers import ImportFileError
from weiquan.intake.importer.run import run_import
from weiquan.intake.importer.sample import write_csv


@pytest.fixture
def collector():
    before = gc.get_threshold(), gc.get_freeze_count()
    yield before
    assert (gc.get_threshold(), gc.get_freeze_count()) == before


def test_a_finished_import_leaves_the_collector_as_it_found_it(db, tmp_path, collector):
    path = tmp_path / "export.csv"
    write_csv(path, 20, bad_every=0)
    assert run_import(path, progress=False, triage=False).imported == 20


def test_an_unreadable_file_leaves_the_collector_as_it_found_it(db, tmp_path, collector):
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a workbook")
    with pytest.raises(ImportFileError):
        run_import(path, progress=False)


def test_objects_the_caller_froze_stay_frozen(db, tmp_path):
    path = tmp_path / "export.csv"
    write_csv(path, 5, bad_every=0)
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        assert frozen > 0
        run_import(path, progress=False, triage=False)
        assert gc.get_freeze_count() > frozen // 2  # not unfrozen (a frozen object that dies leaves the count)
    finally:
        gc.unfreeze()
