"""`weiquan bench --json` with a tiny database: the figures it promises are there and make sense.
(Transactional: the concurrent measures fork client processes, which see only committed data.)"""

import json
from io import StringIO

import pytest
from django.core.management import call_command

KEYS = {"database", "cases", "api_create_cases_per_s", "api_create_triaged_per_s", "public_submissions_per_s",
        "public_submissions_triaged_per_s", "my_work_ms", "case_page_ms", "seed_cases_per_s"}


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("reference_data_kept")
def test_bench_json_reports_positive_figures(settings):
    settings.WEIQUAN_TRIAGE_DEFER = True  # as in production: the worker process triages
    out = StringIO()
    call_command("bench", cases=60, api_requests=6, page_requests=3, json=True, stdout=out)
    result = json.loads(out.getvalue())
    assert KEYS <= result.keys()
    assert result["database"] in ("sqlite", "postgresql") and result["triage_deferred"] is True
    assert result["cases"] >= 60 + 6 + 6 + 6  # seeded, then sequential and concurrent creation, submissions
    assert result["api_create"]["sequential"]["failures"] == {}
    for measure in (result["api_create"]["concurrent"], result["public_submissions"]):
        assert measure["statuses"] == {"201": 6}
        assert measure["accepted_per_s"] > 0 and measure["triaged_per_s"] > 0
    assert result["seed_cases_per_s"] > 0
    from weiquan.cases.models import Case

    assert not Case.objects.filter(description__contains="压测").exists()  # a run leaves the database as it was
    for page in ("my_work_ms", "case_page_ms"):
        figures = result[page]
        if figures is None:  # a page that does not exist yet is reported, never faked
            assert result["reasons"][page]
        else:
            assert 0 < figures["median"] <= figures["p95"]


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("reference_data_kept")
def test_concurrent_submissions_are_all_registered_triaged_and_routed(settings):
    from weiquan.bench.concurrent import run_writers
    from weiquan.bench.runner import _public_payload
    from weiquan.cases.models import Case
    from weiquan.demo.seed.reference import ensure_reference_data
    from weiquan.triage.models import PendingTriage, Triage

    ensure_reference_data()  # the test before flushed the database
    settings.WEIQUAN_TRIAGE_DEFER = True
    import random

    rng = random.Random(3)
    result = run_writers("/api/v1/public/submissions", [_public_payload(rng, i) for i in range(8)], processes=2)
    assert result["statuses"] == {"201": 8}  # (huey runs tasks at once in tests: clients drain too)
    web = Case.objects.filter(channel="web")
    assert web.count() == 8 and Triage.objects.filter(case__in=web).count() == 8
    assert not PendingTriage.objects.exists()
    assert set(web.values_list("handling_org__code", flat=True)) == {"140213"}
