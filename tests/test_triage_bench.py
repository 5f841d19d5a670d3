"""`bench_triage` (wired into `weiquan bench`) reports classification throughput and duplicate-check
latency against a seeded index; here only its shape is checked, on a small index."""

from weiquan.triage import bench


def test_bench_reports_throughput_and_latency(db, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    result = bench.bench_index(2000, probes=40)
    assert result["signatures"] == 2000 and result["probes"] == 40
    assert result["probes_with_duplicate"] >= 15  # near-copies of stored cases are found
    assert set(result["duplicate_check"]) == {"p50_ms", "p95_ms", "p99_ms", "max_ms", "mean_ms"}
    again = bench.bench_index(2000, probes=40)
    assert again["seed_seconds"] is None  # the seeded index is kept and reused


def test_classification_throughput_is_reported(db):
    result = bench.bench_classification(seconds=0.2, with_model=False)
    assert result["lexicon_texts_per_s_single"] > 0 and result["lexicon_texts_per_s_batch"] > 0
