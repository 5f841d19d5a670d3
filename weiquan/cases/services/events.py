"""Appending to a case's hash-chained timeline, and checking the chains."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC

from django.utils import timezone

from weiquan.lib import hashchain

from ..models import Case, CaseEvent
from .deferred import deferred_writes


def append_event(case: Case, actor, action: str, from_state: str, to_state: str,
                 payload: dict | None = None, at=None) -> CaseEvent:
    """Append one event; the caller holds the case row (inside its transaction) and saves the case. Under
    `DeferredWrites` the event is written with the others of the batch."""
    event = sealed_event(case, actor, action, from_state, to_state, payload, at)
    deferred = deferred_writes(case)
    if deferred is None:
        event.save()
    else:
        deferred.event(event)
    return event


def sealed_event(case: Case, actor, action: str, from_state: str, to_state: str,
                 payload: dict | None = None, at=None) -> CaseEvent:
    """The next event of the case, sealed into its chain and counted on the case, but not yet saved:
    registration seals the first event before inserting the case, so the case is written once."""
    # Stored and hashed in UTC: the hash covers `at.isoformat()`, which must read back the same.
    at = (at or timezone.now()).astimezone(UTC)
    event = CaseEvent(
        case=case, seq=case.event_count + 1, at=at, actor=actor if actor and actor.pk else None,
        actor_label=(actor.get_username() if actor and actor.pk else (getattr(actor, "label", "") or "system")),
        org=getattr(actor, "organisation", None) if actor and actor.pk else None,
        action=action, from_state=from_state, to_state=to_state,
        payload={k: v for k, v in (payload or {}).items() if v not in (None, "")},
    )
    event.seal(case.number, case.last_event_hash or hashchain.GENESIS)
    case.event_count = event.seq
    case.last_event_hash = event.hash
    return event


def broken_chains(batch: int = 500) -> Iterator[tuple[str, int, str]]:
    """Yield (case number, event seq, reason) for every case whose chain does not verify."""
    last_id = 0
    while True:
        cases = list(Case.objects.filter(id__gt=last_id).order_by("id").values_list(
            "id", "number", "event_count", "last_event_hash")[:batch])
        if not cases:
            return
        last_id = cases[-1][0]
        ids = [c[0] for c in cases]
        events: dict[int, list[CaseEvent]] = {i: [] for i in ids}
        for event in CaseEvent.objects.filter(case_id__in=ids).order_by("case_id", "seq"):
            events[event.case_id].append(event)
        for case_id, number, count, head in cases:
            chain = events[case_id]
            for expected_seq, event in enumerate(chain, start=1):
                if event.seq != expected_seq:
                    yield number, expected_seq, "event missing"
                    break
            else:
                index = hashchain.first_break((e.content(number), e.prev_hash, e.hash) for e in chain)
                if index is not None:
                    yield number, chain[index].seq, "hash does not match its content or predecessor"
                elif len(chain) != count or (chain and chain[-1].hash != head):
                    yield number, len(chain), "events after the last one recorded on the case are missing"
