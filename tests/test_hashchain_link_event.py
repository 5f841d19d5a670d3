"""`hashchain.link_event` (the event hash written out field by field, for bulk writers) is `link` of the
same content, for any text, number and payload; its payload text is the canonical JSON of the payload."""

import json
from datetime import UTC, datetime

from hypothesis import given
from hypothesis import strategies as st

from weiquan.lib import hashchain

texts = st.text(max_size=30)
json_values = st.recursive(st.none() | st.booleans() | st.integers() | texts,
                           lambda inner: st.lists(inner, max_size=3) | st.dictionaries(texts, inner, max_size=3),
                           max_leaves=8)


@given(case=texts, seq=st.integers(1, 10_000), at=st.datetimes(timezones=st.just(UTC)), actor=texts,
       org=st.none() | st.integers(1, 10**9), action=texts, before=texts, after=texts,
       payload=st.dictionaries(texts, json_values, max_size=4), previous=st.sampled_from([hashchain.GENESIS, "ab" * 32]))
def test_link_event_is_link_of_the_content(case, seq, at, actor, org, action, before, after, payload, previous):
    content = {"case": case, "seq": seq, "at": at.isoformat(), "actor": actor, "org": org, "action": action,
               "from": before, "to": after, "payload": payload}
    payload_json, digest = hashchain.link_event(previous, case=case, seq=seq, at=at.isoformat(), actor=actor, org=org,
                                                action=action, from_state=before, to_state=after, payload=payload)
    assert digest == hashchain.link(previous, content)
    assert json.loads(payload_json) == payload


def test_a_payload_with_non_json_values_is_written_as_text_either_way():
    payload = {"amount": __import__("decimal").Decimal("12.50"), "on": datetime(2025, 1, 2, tzinfo=UTC)}
    content = {"case": "14250101000001", "seq": 1, "at": "2025-01-01T00:00:00+00:00", "actor": "system", "org": None,
               "action": "register", "from": "", "to": "received", "payload": payload}
    _json, digest = hashchain.link_event(hashchain.GENESIS, case="14250101000001", seq=1, at="2025-01-01T00:00:00+00:00",
                                         actor="system", org=None, action="register", from_state="", to_state="received",
                                         payload=payload)
    assert digest == hashchain.link(hashchain.GENESIS, content)
