"""Queuing cases for triage: one statement for any number of cases; a case already waiting keeps its place."""

from weiquan.triage import queue
from weiquan.triage.models import PendingTriage


def test_cases_queued_twice_wait_once_in_their_first_place(make_case):
    first, second = make_case(route_to=""), make_case(route_to="")
    PendingTriage.objects.all().delete()
    queue.request_triage([first.pk], wake=False)
    placed = PendingTriage.objects.get(case_id=first.pk).queued_at
    queue.request_triage([first.pk, second.pk], wake=False)
    assert sorted(PendingTriage.objects.values_list("case_id", flat=True)) == sorted([first.pk, second.pk])
    assert PendingTriage.objects.get(case_id=first.pk).queued_at == placed
    queue.request_triage([], wake=False)
    assert PendingTriage.objects.count() == 2
