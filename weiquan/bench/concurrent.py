"""Throughput with several clients at once, and with the triage worker running beside them.

`run_writers` forks `processes` client processes (each an in-process `django.test.Client` with its own
database connection: the full Django stack, no HTTP server) and, unless told otherwise, one triage
worker process draining the queue as `weiquan run_huey` does. It reports:

- `accepted_per_s`: requests answered 201 per second of wall-clock time, the rate callers see;
- `triaged_per_s`: cases registered *and* triaged per second — from the start until the worker has
  emptied the queue — the sustained rate of the whole intake, triage included;
- the worker's own rate once the clients are done, and the CPU time per request of the clients.

Forking needs the parent's connections closed first; each child opens its own.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import time
from collections.abc import Callable

from django.db import connections

READY_TIMEOUT = 600  # seconds a child waits for the others at the start line


def _client_main(index: int, payloads: list[dict], url: str, headers: dict, start, results) -> None:
    from django.test import Client

    connections.close_all()
    client = Client(**headers)
    statuses: dict[int, int] = {}
    start.wait(READY_TIMEOUT)
    began, cpu = time.perf_counter(), time.process_time()
    for i, payload in enumerate(payloads):
        # one address per request: the public throttle counts per address and must not refuse the bench
        meta = {"REMOTE_ADDR": f"10.{index}.{(i >> 8) & 255}.{i & 255}"}
        response = client.post(url, payload, content_type="application/json", **meta)
        statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
    results.put(("client", time.perf_counter(), time.process_time() - cpu, began, statuses))
    connections.close_all()


def _worker_main(start, clients_done, results) -> None:
    from weiquan.triage.queue import drain

    connections.close_all()
    start.wait(READY_TIMEOUT)
    cpu = time.process_time()
    triaged = drain(until=clients_done.is_set)  # as the huey task does, until the clients are done
    results.put(("worker", time.perf_counter(), time.process_time() - cpu, triaged, {}))
    connections.close_all()


def run_writers(url: str, payloads: list[dict], *, headers: dict | None = None, processes: int | None = None,
                with_worker: bool = True, progress: Callable[[str], None] = lambda m: None) -> dict:
    """POST every payload to `url`, spread over `processes` client processes (default: one per CPU)."""
    processes = processes or os.cpu_count() or 2
    ctx = mp.get_context("fork")
    start = ctx.Barrier(processes + (1 if with_worker else 0) + 1)
    clients_done, results = ctx.Event(), ctx.Queue()
    shares = [payloads[i::processes] for i in range(processes)]
    connections.close_all()
    children = [ctx.Process(target=_client_main, args=(i, share, url, headers or {}, start, results))
                for i, share in enumerate(shares)]
    if with_worker:
        children.append(ctx.Process(target=_worker_main, args=(start, clients_done, results)))
    for child in children:
        child.start()
    start.wait(READY_TIMEOUT)
    began = time.perf_counter()
    progress(f"  {len(payloads)} requests from {processes} processes{' + triage worker' if with_worker else ''}…")
    clients, worker = [], None
    for _ in range(processes):
        clients.append(results.get())
    clients_finished = max(c[1] for c in clients)
    clients_done.set()
    if with_worker:
        worker = results.get()
    for child in children:
        child.join()
    statuses: dict[int, int] = {}
    for c in clients:
        for code, n in c[4].items():
            statuses[code] = statuses.get(code, 0) + n
    accepted = statuses.get(201, 0)
    wall = clients_finished - began
    out = {
        "requests": len(payloads), "processes": processes, "statuses": {str(k): v for k, v in statuses.items()},
        "accepted_per_s": round(accepted / wall, 1) if wall > 0 else None,
        "client_cpu_ms_per_request": round(sum(c[2] for c in clients) / len(payloads) * 1000, 2),
    }
    if worker is not None:
        total = worker[1] - began
        out.update({
            "triaged": worker[3], "triaged_per_s": round(accepted / total, 1) if total > 0 else None,
            "worker_cpu_ms_per_case": round(worker[2] / worker[3] * 1000, 2) if worker[3] else None,
            "worker_lag_s": round(worker[1] - clients_finished, 2),
        })
    return out
