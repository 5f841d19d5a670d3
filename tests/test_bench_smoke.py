"""`weiquan bench --json` with a tiny database: the figures it promises are there and make sense."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

KEYS = {"database", "cases", "api_create_cases_per_s", "my_work_ms", "case_page_ms", "seed_cases_per_s"}


@pytest.mark.django_db
def test_bench_json_reports_positive_figures():
    out = StringIO()
    call_command("bench", cases=60, api_requests=5, page_requests=3, json=True, stdout=out)
    result = json.loads(out.getvalue())
    assert KEYS <= result.keys()
    assert result["database"] in ("sqlite", "postgresql")
    assert result["cases"] >= 65  # seeded to 60, then 5 created through the API
    assert result["api_create_cases_per_s"] > 0 and result["api_failures"] == {}
    assert result["seed_cases_per_s"] > 0
    for page in ("my_work_ms", "case_page_ms"):
        figures = result[page]
        if figures is None:  # a page that does not exist yet is reported, never faked
            assert result["reasons"][page]
        else:
            assert 0 < figures["median"] <= figures["p95"]
