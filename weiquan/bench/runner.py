"""`weiquan bench`: how fast the configured database serves the work that matters.

Measured in-process with `django.test.Client` (the full Django stack: middleware, auth, views,
templates, ORM, database; no HTTP server or network in between):

- case creation through the API (POST /api/v1/cases with the clerk's bearer token, routed to 平城区):
  one client in sequence, then one client process per CPU with the triage worker beside them
  (`concurrent.run_writers`);
- public web submissions (POST /api/v1/public/submissions), routed by triage, likewise concurrent;
- latency of the "my work" page (/staff/) as handler `pingcheng`;
- latency of the case page (/staff/cases/<number>/) as `pingcheng`, over cases of 平城区.

The database is first filled to at least N cases with the demo generator (its rate is reported).
Page requests are made one after another (one client, one connection): their figures are latency.
"""

from __future__ import annotations

import os
import random
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection
from django.test import Client

PAGE_USER = "pingcheng"
API_USER = "clerk"
MARK = "压测"  # in the text of every case a benchmark makes (and deletes afterwards)
ROUTE_TO = "140213"


@dataclass
class BenchOptions:
    cases: int = 1_000_000
    api_requests: int = 2000
    page_requests: int = 200
    seed: int = 1
    explain: bool = False
    sections: tuple[str, ...] = ()  # extra sections: "triage", "intake", "addresses"
    progress: Callable[[str], None] = field(default=lambda message: None)


def _p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, max(0, int(round(0.95 * len(ordered))) - 1))]


def _percentiles(samples: list[float], cpu: list[float]) -> dict:
    """Wall-clock latency, and this process's CPU time per request (with SQLite that includes the
    database; it shows the cost when other processes compete for the cores)."""
    return {"median": round(statistics.median(samples), 2), "p95": round(_p95(samples), 2), "n": len(samples),
            "cpu_median": round(statistics.median(cpu), 2), "cpu_p95": round(_p95(cpu), 2)}


def ensure_cases(options: BenchOptions) -> tuple[float | None, float | None, int]:
    from weiquan.cases.models import Case
    from weiquan.demo.seed import seed_cases
    from weiquan.demo.seed.reference import ensure_reference_data

    ensure_reference_data()  # the accounts the API and page measures act as, even with --cases 0
    have = Case.objects.count()
    if have >= options.cases:
        return None, None, 0
    missing = options.cases - have
    options.progress(f"seeding {missing} cases (have {have})…")

    def report(done, total):
        options.progress(f"  seeded {done}/{total}")

    result = seed_cases(missing, seed=options.seed, progress=report if missing >= 50000 else None)
    return result.rate, result.cpu_rate, result.cases


def _intake_payload(rng: random.Random, i: int) -> dict:
    from weiquan.demo.seed import texts

    scenario = rng.choice([s for s in texts.COMPLAINTS if s.kind == "complaint" and not s.out_of_scope])
    name = texts.business_name(rng, scenario.industry, "大同", "平城区")
    return {
        "kind": "complaint", "channel": "phone",
        "description": f"消费者来电反映：在{name}购买{rng.choice(scenario.items)}后出现问题，商家拒绝处理。（{MARK} {i}）",
        "complainant": {"name": texts.person_name(rng), "phone": texts.mobile(rng),
                        "address": texts.street_address(rng, "大同市", "平城区")},
        "business": {"name": name, "address": texts.street_address(rng, "大同市", "平城区"), "region_code": "140213"},
        "request": rng.choice(scenario.requests).split(",")[0], "category": scenario.category,
        "problem": scenario.problem, "amount": str(rng.randint(100, 9000)), "org": ROUTE_TO,
    }


def _public_payload(rng: random.Random, i: int) -> dict:
    """A consumer's web submission as the public API takes it: no bureau chosen, triage routes it."""
    staff = _intake_payload(rng, i)
    return {"kind": "complaint", "complainant": staff["complainant"],
            "business": {"name": staff["business"]["name"], "address": "大同市平城区" + staff["business"]["address"]},
            "description": staff["description"].replace("消费者来电反映：", ""), "request": staff["request"],
            "amount": staff["amount"]}


def _drain_queue() -> int:
    """Triage what an earlier run left waiting, so a measure starts with an empty queue."""
    from weiquan.triage.queue import drain

    return drain()


def bench_api_create(options: BenchOptions) -> dict:
    """Staff intake through the API: one client in sequence (latency per request), then one client
    process per CPU with the triage worker beside them (throughput, triage included)."""
    from weiquan.orgs.models import ApiToken, User

    from .concurrent import run_writers

    user = User.objects.get(username=API_USER)
    token, raw = ApiToken.issue(user, name="bench")
    headers = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    client = Client(**headers)
    rng = random.Random(options.seed)
    _drain_queue()
    payloads = [_intake_payload(rng, i) for i in range(options.api_requests)]
    failures: dict[int, int] = {}
    started, cpu_started = time.perf_counter(), time.process_time()
    for payload in payloads:
        response = client.post("/api/v1/cases", payload, content_type="application/json")
        if response.status_code != 201:
            failures[response.status_code] = failures.get(response.status_code, 0) + 1
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    created = options.api_requests - sum(failures.values())
    sequential = {"cases_per_s": round(created / elapsed, 1) if created else None,
                  "cases_per_cpu_s": round(created / cpu, 1) if created and cpu else None, "failures": failures}
    _drain_queue()
    concurrent = run_writers("/api/v1/cases", [_intake_payload(rng, i) for i in range(options.api_requests)],
                             headers=headers, progress=options.progress)
    token.revoked = True
    token.save(update_fields=["revoked"])
    return {"sequential": sequential, "concurrent": concurrent}


def bench_public_submissions(options: BenchOptions) -> dict:
    """Web submissions through the public API (throttled per address, no login), with the triage worker
    routing them: accepted per second and registered-and-triaged per second."""
    from .concurrent import run_writers

    rng = random.Random(options.seed + 1)
    _drain_queue()
    return run_writers("/api/v1/public/submissions",
                       [_public_payload(rng, i) for i in range(options.api_requests)], progress=options.progress)


def _time_pages(client: Client, urls: list[str]) -> tuple[list[float], list[float], dict[int, int], str | None]:
    samples, cpu, statuses, first_error = [], [], {}, None
    for url in urls[:5]:  # warm-up: templates, caches, connection
        client.get(url)
    for url in urls:
        started, cpu_started = time.perf_counter(), time.process_time()
        response = client.get(url)
        samples.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - cpu_started) * 1000)
        statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
        if response.status_code != 200 and first_error is None:
            first_error = f"GET {url} → {response.status_code}"
    return samples, cpu, statuses, first_error


def bench_page(urls: list[str]) -> tuple[dict | None, str | None]:
    from weiquan.orgs.models import User

    if not urls:
        return None, "no URL to request (no case visible to the user)"
    client = Client()
    client.force_login(User.objects.get(username=PAGE_USER))
    samples, cpu, statuses, error = _time_pages(client, urls)
    if statuses.get(200, 0) != len(urls):
        return None, f"page not available: {error} ({statuses})"
    return _percentiles(samples, cpu), None


def case_numbers_for_page(count: int, seed: int) -> list[str]:
    """Numbers of cases pingcheng handles: a random sample by id, open and closed alike."""
    from django.db.models import Max, Min

    from weiquan.cases.models import Case
    from weiquan.orgs.models import Organisation

    org = Organisation.objects.get(code=ROUTE_TO)
    qs = Case.objects.filter(handling_org__path__startswith=org.path)
    bounds = qs.aggregate(lo=Min("id"), hi=Max("id"))
    if bounds["lo"] is None:
        return []
    rng = random.Random(seed)
    numbers: list[str] = []
    attempts = 0
    while len(numbers) < count and attempts < count * 20:
        attempts += 1
        pivot = rng.randint(bounds["lo"], bounds["hi"])
        number = qs.filter(id__gte=pivot).order_by("id").values_list("number", flat=True).first()
        if number:
            numbers.append(number)
    return numbers


def slow_queries(url: str, top: int = 3) -> list[dict]:
    """The slowest queries of one request to `url` as pingcheng, with the database's plan for each."""
    from django.test.utils import CaptureQueriesContext

    from weiquan.orgs.models import User

    client = Client()
    client.force_login(User.objects.get(username=PAGE_USER))
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    queries = sorted(captured.captured_queries, key=lambda q: float(q["time"]), reverse=True)[:top]
    prefix = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN ANALYZE "
    out = []
    for query in queries:
        try:
            with connection.cursor() as cursor:
                cursor.execute(prefix + query["sql"])
                plan = [" ".join(str(c) for c in row) for row in cursor.fetchall()]
        except Exception as error:  # a query Django interpolated in a way the database will not re-parse
            plan = [f"(no plan: {error})"]
        out.append({"url": url, "ms": round(float(query["time"]) * 1000, 2), "sql": query["sql"], "plan": plan})
    return out


def _delete_bench_cases(before: int) -> None:
    """The cases this run made go again (they all say 压测), so that runs do not pile thousands of cases
    against the same few businesses onto one day's queues and slow each other down."""
    from weiquan.cases.models import Case
    from weiquan.demo.seed.reset import delete_cases

    _drain_queue()
    delete_cases(list(Case.objects.filter(id__gt=before, description__contains=MARK).values_list("id", flat=True)))


def run(options: BenchOptions) -> dict:
    from weiquan.cases.models import Case

    seed_rate, seed_cpu_rate, seeded = ensure_cases(options)
    before = Case.objects.order_by("-id").values_list("id", flat=True).first() or 0
    try:
        options.progress("API creation…")
        api = bench_api_create(options)
        options.progress("public submissions…")
        public = bench_public_submissions(options)
        options.progress("my work page…")  # with the day's new cases in the queues, as on a busy day
        my_work, my_work_reason = bench_page(["/staff/"] * options.page_requests)
        options.progress("case page…")
        numbers = case_numbers_for_page(options.page_requests, options.seed)
        case_page, case_reason = bench_page([f"/staff/cases/{n}/" for n in numbers])
        cases = Case.objects.count()
    finally:
        _delete_bench_cases(before)
    reasons = {k: v for k, v in (("my_work_ms", my_work_reason), ("case_page_ms", case_reason)) if v}
    if not api["concurrent"]["accepted_per_s"]:
        reasons["api_create_cases_per_s"] = f"no case created: {api['concurrent']['statuses']}"
    extra = extra_sections(options)
    if options.explain:
        extra["slow_queries"] = slow_queries("/staff/") + (slow_queries(f"/staff/cases/{numbers[0]}/") if numbers else [])
    return {
        **extra,
        "database": connection.vendor,
        "cases": cases,
        "client": "django.test.Client in-process (no HTTP server); pages and sequential creation one request "
                  "at a time, concurrent creation and submissions from one process per CPU",
        "triage_deferred": bool(getattr(settings, "WEIQUAN_TRIAGE_DEFER", False)),
        "api_create_cases_per_s": api["concurrent"]["accepted_per_s"],
        "api_create_triaged_per_s": api["concurrent"].get("triaged_per_s"),
        "api_create": api,
        "public_submissions_per_s": public["accepted_per_s"],
        "public_submissions_triaged_per_s": public.get("triaged_per_s"),
        "public_submissions": public,
        "api_requests": options.api_requests,
        "my_work_ms": my_work,
        "case_page_ms": case_page,
        "seed_cases_per_s": round(seed_rate, 1) if seed_rate else None,
        "seed_cases_per_cpu_s": round(seed_cpu_rate, 1) if seed_cpu_rate else None,
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "cpu_count": os.cpu_count(),
        "seeded_cases": seeded,
        "debug": settings.DEBUG,
        "reasons": reasons,
    }


def bench_addresses(count: int = 50_000, passes: int = 3) -> dict:
    """Addresses resolved per second (county code and competent bureau), on realistic Shanxi addresses: the
    best of `passes` passes over the list, as timeit does (a shared machine's hiccups only slow a pass)."""
    from weiquan.regions.resolver import route_addresses

    rng = random.Random(7)
    streets = ["御河西路", "迎泽大街", "新建南路", "解放路", "府西街", "长治路", "文化街"]
    places = ["大同市平城区", "大同云冈区", "山西省太原市小店区", "太原市迎泽区", "晋中市榆次区", "长治市潞州区",
              "运城市盐湖区", "山西省忻州市忻府区", "临汾尧都区", "吕梁市离石区", "大同市城区", "平城区"]
    addresses = [f"{rng.choice(places)}{rng.choice(streets)}{rng.randint(1, 400)}号" for _ in range(count)]
    route_addresses(addresses[:100], remember=False)  # build the index outside the timing
    cold = remembered = float("inf")
    for _ in range(passes):
        started = time.perf_counter()
        route_addresses(addresses, remember=False)
        cold = min(cold, time.perf_counter() - started)
        started = time.perf_counter()
        route_addresses(addresses)
        remembered = min(remembered, time.perf_counter() - started)
    # every address resolved afresh; then as triage routes them, remembering routings by the address with
    # its digits masked (these addresses differ only by door number within 84 streets: nearly all hits)
    return {"addresses": count, "addresses_per_s": round(count / cold, 1),
            "addresses_per_s_remembered": round(count / remembered, 1)}


def extra_sections(options: BenchOptions) -> dict:
    out: dict = {}
    if "intake" in options.sections:  # first: `weiquan import` runs in a process of its own, not in one
        from weiquan.intake.bench import bench_intake  # that has just built a million-case index in memory

        options.progress("import…")
        out["intake"] = bench_intake()
    if "addresses" in options.sections:
        options.progress("address resolution…")
        out["addresses"] = bench_addresses()
    if "triage" in options.sections:
        from weiquan.triage.bench import bench_triage

        options.progress("triage: classification and the 1,000,000-case duplicate index…")
        out["triage"] = bench_triage()
    return out
