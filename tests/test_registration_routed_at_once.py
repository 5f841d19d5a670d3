"""A case registered with its bureau named (staff intake, 12345 orders) is routed before it is first
written: it is inserted once, as routed, with its two chained events and its decision clock — and the
routing is announced as any routing is."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from weiquan.cases.models import Case
from weiquan.cases.services.events import broken_chains
from weiquan.cases.signals import case_transitioned
from weiquan.deadlines.models import Clock


def test_a_case_registered_with_its_bureau_is_routed_and_chained(make_case, pingcheng):
    heard = []

    def listener(sender, case, action, from_state, **kwargs):
        heard.append((case.pk, action, from_state, Case.objects.get(pk=case.pk).state))

    case_transitioned.connect(listener, dispatch_uid="test-routed-at-once")
    try:
        case = make_case(route_to="140213")
    finally:
        case_transitioned.disconnect(dispatch_uid="test-routed-at-once")

    stored = Case.objects.get(pk=case.pk)
    assert (stored.state, stored.handling_org.code, stored.event_count) == ("routed", "140213", 2)
    assert list(stored.events.order_by("seq").values_list("action", "to_state")) == [
        ("register", "received"), ("route", "routed")]
    assert stored.last_event_hash == stored.events.get(seq=2).hash
    assert not list(broken_chains())
    clock = Clock.objects.get(case=stored)
    assert (clock.kind, clock.state, clock.org_id) == ("acceptance", "running", stored.handling_org_id)
    assert stored.next_due == clock.due
    assert heard == [(case.pk, "route", "received", "routed")]  # announced once the rows are written


def test_the_routed_case_is_written_once_with_its_events_and_clock(make_case):
    make_case(route_to="")  # caches warmed
    with CaptureQueriesContext(connection) as routed:
        make_case(route_to="140213")
    tables = [q["sql"].split('"')[1] if '"' in q["sql"] else q["sql"].split()[0] for q in routed.captured_queries]
    start = tables.index("cases_case")
    # the case, then its two events in one statement, then its clock: no savepoint, no update of the case
    assert tables[start:start + 3] == ["cases_case", "cases_caseevent", "deadlines_clock"]
    assert not any(q["sql"].startswith('UPDATE "cases_case"') for q in routed.captured_queries)
