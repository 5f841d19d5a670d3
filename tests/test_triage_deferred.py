"""Triage after the commit (`WEIQUAN_TRIAGE_DEFER`, the production default): registration answers at once
and leaves the case waiting; the worker woken after the commit triages it exactly as the inline path does —
the web complaint about a cracked wardrobe is routed to 平城区 with furniture and quality filled in."""

import pytest
from django.core.cache import cache
from public_helpers import post_complaint, receipt

from weiquan.cases.models import Case
from weiquan.cases.selectors import open_work
from weiquan.triage import queue
from weiquan.triage.models import PendingTriage, Triage


@pytest.fixture(autouse=True)
def _deferred(settings):
    cache.clear()
    settings.WEIQUAN_SMS_VERIFICATION = False
    settings.WEIQUAN_TRIAGE_DEFER = True
    queue._last_wake = 0.0  # noqa: SLF001 - every test starts with a worker that may be woken


def test_a_web_complaint_waits_then_is_routed_by_the_worker(client, pingcheng, clerk,
                                                             django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as wake:
        assert post_complaint(client, business_address="大同市平城区御河西路168号 某家具城").status_code == 302
    case = Case.objects.get(number=receipt(client)["number"])
    assert case.state == "received" and not Triage.objects.filter(case=case).exists()
    assert PendingTriage.objects.filter(case=case).exists()
    assert wake, "the commit wakes the worker"

    for callback in wake:  # the commit happens: huey runs the drain at once in tests
        callback()
    case.refresh_from_db()
    assert not PendingTriage.objects.exists()
    assert case.state == "routed" and case.handling_org.code == "140213"
    assert (case.category, case.problem) == ("家具", "质量")
    assert open_work(pingcheng).filter(pk=case.pk).exists()
    assert Triage.objects.get(case=case).auto_routed


def test_the_panel_says_the_suggestions_are_coming(client, clerk):
    post_complaint(client)
    number = receipt(client)["number"]
    client.force_login(clerk)
    page = client.get(f"/staff/triage/{number}/").content.decode()
    assert "data-waiting" in page and "hx-trigger" in page
    queue.drain()
    page = client.get(f"/staff/triage/{number}/").content.decode()
    assert "data-waiting" not in page and 'data-field="category"' in page


def test_staff_registration_through_the_api_is_queued_not_triaged(api_as, clerk):
    response = api_as(clerk).post("/api/v1/cases", {
        "kind": "complaint", "channel": "phone", "description": "健身房关门跑路，年卡无法退费。",
        "complainant": {"name": "王强", "phone": "13900001111", "address": "大同市平城区永泰街1号"},
        "business": {"name": "力美健身房", "address": "大同市平城区御河西路9号"}, "request": "退费",
        "org": "140213"},
        content_type="application/json")
    assert response.status_code == 201, response.content
    case = Case.objects.get(number=response.json()["number"])
    assert PendingTriage.objects.filter(case=case).exists() and not Triage.objects.filter(case=case).exists()
    assert queue.drain() == 1
    triage = Triage.objects.get(case=case)
    assert triage.category and not triage.auto_routed  # a phone case is never routed by triage


def test_a_failing_batch_falls_back_to_one_case_at_a_time(client, db, monkeypatch):
    from weiquan.triage import batch

    post_complaint(client)
    case = Case.objects.get(number=receipt(client)["number"])
    post_complaint(client, description="买的沙发一个月就塌陷了，商家不给换。")
    other = Case.objects.get(number=receipt(client)["number"])
    whole_batch = batch.triage_cases

    def broken(cases, **kwargs):  # a batch fails (say, one bad case in it); each case alone succeeds
        if len(cases) > 1:
            raise RuntimeError("index unavailable")
        return whole_batch(cases, **kwargs)

    monkeypatch.setattr(batch, "triage_cases", broken)
    assert queue.drain() == 2
    assert Triage.objects.filter(case=case).exists() and not PendingTriage.objects.exists()
    assert Triage.objects.filter(case=other).exists()


def test_the_drain_command_reports_and_empties_the_queue(client, db):
    from django.core.management import call_command

    post_complaint(client)
    post_complaint(client, description="买的沙发一个月就塌陷了，商家不给换。")
    import io
    import json

    out = io.StringIO()
    call_command("triage-pending", "--drain", "--json", stdout=out)
    assert json.loads(out.getvalue()) == {"waiting": 2, "triaged": 2, "left": 0}


class _Clock:
    def __init__(self):
        self.now = 1000.0

    def monotonic(self):
        return self.now

    def sleep(self, seconds):  # a drain that waits for more moves the clock instead of sleeping
        self.now += seconds


@pytest.fixture
def wakes(monkeypatch):
    from weiquan.triage import tasks

    calls = []
    clock = _Clock()
    monkeypatch.setattr(queue, "time", clock)
    monkeypatch.setattr(tasks, "drain_triage", lambda: calls.append(clock.now))
    return calls, clock


def test_one_wake_up_per_half_second_per_process(wakes):
    calls, clock = wakes
    queue._wake()  # noqa: SLF001
    queue._wake()  # noqa: SLF001 - a burst of registrations: the drain already woken takes them
    clock.now += queue.WAKE_EVERY
    queue._wake()  # noqa: SLF001
    assert calls == [1000.0, 1000.0 + queue.WAKE_EVERY]


def test_no_wake_up_while_a_drain_runs(wakes):
    from huey.contrib.djhuey import HUEY

    from weiquan.triage.tasks import DRAIN_LOCK

    calls, _clock = wakes
    with HUEY.lock_task(DRAIN_LOCK):
        queue._wake()  # noqa: SLF001
    assert calls == []


def test_a_late_wake_up_returns_at_once_and_a_worker_keeps_looking(client, db, wakes):
    _calls, clock = wakes
    assert queue.drain(only_if_waiting=True, idle_seconds=queue.IDLE_SECONDS) == 0
    assert clock.now == 1000.0  # nothing waited for

    post_complaint(client)
    assert queue.drain(idle_seconds=queue.IDLE_SECONDS) == 1
    assert clock.now >= 1000.0 + queue.IDLE_SECONDS  # looked for more before giving up


def test_my_work_warns_when_cases_wait_too_long_for_triage(client, pingcheng):
    from datetime import timedelta

    from django.utils import timezone

    post_complaint(client)
    client.force_login(pingcheng)
    assert "data-triage-stalled" not in client.get("/staff/").content.decode()  # just queued: fine
    PendingTriage.objects.update(queued_at=timezone.now() - timedelta(minutes=5))
    page = client.get("/staff/").content.decode()
    assert "data-triage-stalled" in page and "run_huey" in page
    queue.drain()
    assert "data-triage-stalled" not in client.get("/staff/").content.decode()
