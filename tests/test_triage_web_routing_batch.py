"""The triage worker routes the web submissions of a batch together (`DeferredWrites`): each case ends as
routing it alone leaves it — filled category and problem type, routed, its decision clock running, its
events chained — and the batch costs the same few statements however many cases it holds."""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from weiquan.cases.models import Case
from weiquan.cases.services import ActionInput, IntakeData, apply_action, register_case
from weiquan.cases.services.deferred import DeferredWrites
from weiquan.cases.services.events import broken_chains
from weiquan.deadlines.models import Clock
from weiquan.public.services import intake_org
from weiquan.triage import queue
from weiquan.triage.models import PendingTriage, Triage

TEXTS = [
    "在御河西路的家具城买的实木衣柜两个月柜门就开裂了，商家拒绝退换，要求退货。",
    "买的沙发坐了一个月就塌陷，家具城不给换，要求退货。",
    "在商场买的空调不制冷，售后一直不上门维修。",
    "理发店办的会员卡店铺关门了，余额不退。",
]


@pytest.fixture
def web_cases(db, clerk, settings):
    """Web submissions (no bureau chosen, nothing classified) waiting in the triage queue."""
    settings.WEIQUAN_TRIAGE_DEFER = True

    def make(n: int, start: int = 0) -> list[Case]:
        return [register_case(None, IntakeData(
            kind="complaint", channel="web", description=TEXTS[i % len(TEXTS)], complainant_name=f"顾客{i}",
            complainant_phone=f"1380000{i:04d}", complainant_address=f"大同市平城区新建南路{i}号",
            business_name=f"大同市平城区第{i}商店", business_address=f"大同市平城区御河西路{100 + i}号",
            request="退货"),
            intake_org=intake_org()) for i in range(start, start + n)]

    return make


def _outcome(case: Case) -> dict:
    case.refresh_from_db()
    return dict(
        state=case.state, org=case.handling_org.code, category=case.category, problem=case.problem,
        next_due=case.next_due, events=list(case.events.order_by("seq").values_list("action", "from_state", "to_state")),
        clocks=list(Clock.objects.filter(case=case).values_list("kind", "unit", "length", "start", "due", "state")),
        auto_routed=Triage.objects.get(case=case).auto_routed)


def test_a_batch_of_web_submissions_ends_as_each_alone(web_cases):
    alone = web_cases(4)
    while queue.drain_once(1):  # one case per batch
        pass
    together = web_cases(4, start=12)
    assert queue.drain_once(50) == 4

    for one, other in zip(alone, together, strict=True):
        assert _outcome(one) == _outcome(other)
    first = _outcome(together[0])
    assert first["state"] == "routed" and first["org"] == "140213" and first["auto_routed"]
    assert (first["category"], first["problem"]) == ("家具", "质量")
    assert [e[0] for e in first["events"]] == ["register", "classify", "route"]
    assert [c[0] for c in first["clocks"]] == ["acceptance"] and first["next_due"] == first["clocks"][0][4]
    assert not list(broken_chains())
    assert not PendingTriage.objects.exists()


def test_a_batch_costs_the_same_statements_however_many_cases(web_cases):
    web_cases(1, start=40)
    queue.drain_once(50)  # the caches of routing and classification filled
    web_cases(2)
    with CaptureQueriesContext(connection) as few:
        assert queue.drain_once(50) == 2
    web_cases(12, start=20)
    with CaptureQueriesContext(connection) as many:
        assert queue.drain_once(50) == 12
    assert Case.objects.filter(state="routed").count() == 15
    assert len(many.captured_queries) <= len(few.captured_queries)


def test_a_failed_action_writes_nothing_of_the_batch(web_cases):
    case = web_cases(1)[0]
    with pytest.raises(ValueError), transaction.atomic():
        locked = Case.objects.select_for_update().get(pk=case.pk)
        DeferredWrites().track(locked)
        apply_action(None, locked, ActionInput(action="route", org="140213"), check_scope=False, locked=True)
        # an action whose effects change rows by query cannot wait for the batch
        apply_action(None, locked, ActionInput(action="accept"), check_scope=False, locked=True)
    case.refresh_from_db()
    assert case.state == "received" and case.event_count == 1
    assert not Clock.objects.filter(case=case).exists()
