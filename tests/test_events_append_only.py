"""A case's timeline is append-only: an event once written is never changed or removed through the ORM."""

import pytest

from weiquan.cases.models import CaseEvent
from weiquan.cases.models.event import AppendOnlyError
from weiquan.cases.services import ActionInput, apply_action


def test_an_event_cannot_be_saved_again_or_deleted(make_case):
    event = make_case().events.order_by("seq").first()
    event.payload = {"note": "改写"}
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    stored = CaseEvent.objects.get(pk=event.pk)
    assert stored.payload != {"note": "改写"}


def test_events_cannot_be_changed_or_removed_in_bulk(make_case):
    case = make_case()
    count = case.events.count()
    with pytest.raises(AppendOnlyError):
        CaseEvent.objects.filter(case=case).update(action="tampered")
    with pytest.raises(AppendOnlyError):
        CaseEvent.objects.filter(case=case).delete()
    with pytest.raises(AppendOnlyError):
        case.events.all().delete()
    assert case.events.count() == count
    assert not case.events.filter(action="tampered").exists()


def test_each_action_appends_one_event_chained_to_the_previous(make_case, pingcheng):
    case = make_case()
    for name in ("accept", "mediate"):
        case = apply_action(pingcheng, case, ActionInput(name))
    events = list(case.events.order_by("seq"))
    assert [e.seq for e in events] == [1, 2, 3, 4]
    assert [e.action for e in events] == ["register", "route", "accept", "mediate"]
    assert events[0].prev_hash == "0" * 64
    for previous, event in zip(events, events[1:], strict=False):
        assert event.prev_hash == previous.hash
    assert case.last_event_hash == events[-1].hash and case.event_count == 4
    assert events[-1].actor_label == "pingcheng" and events[-1].org.code == "140213"
