"""Routings are remembered by the address with its digits masked: the remembered answer must be exactly what
resolving the address afresh gives, whatever the numbers in it, and must be forgotten when the bureaus
change."""

from __future__ import annotations

import csv
from dataclasses import asdict
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from weiquan.regions import resolver
from weiquan.regions.resolver import route_addresses

ROWS = list(csv.DictReader((Path(__file__).resolve().parent / "data" / "routing" / "shanxi_addresses.tsv")
                           .open(encoding="utf-8", newline=""), delimiter="\t", quoting=csv.QUOTE_NONE))
DIGITS = "0123456789０１２３４５６７８９"


def _fresh(address: str) -> dict:
    by_region, zones = resolver._competent_orgs_cached()
    return asdict(resolver._route_one(resolver.get_resolver(), by_region, zones, address))


def _renumbered(address: str, digits: str) -> str:
    it = iter(digits * (1 + len(address)))
    return "".join(next(it) if ch.isdigit() else ch for ch in address)


@given(st.sampled_from(ROWS), st.text(alphabet=DIGITS, min_size=1, max_size=6))
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_a_remembered_routing_is_the_one_computed_afresh(db, row, digits):
    address = row["address"]
    route_addresses([address])  # remembered under its masked digits
    other = _renumbered(address, digits)
    assert asdict(route_addresses([other])[0]) == _fresh(other)


def test_callers_may_complete_their_routing_without_touching_the_remembered_one(db):
    address = "大同市平城区御河西路168号"
    first = route_addresses([address])[0]
    first.basis, first.alternative_orgs = "seller", ["140214"]
    first.candidates.append("999999")
    assert asdict(route_addresses([address])[0]) == _fresh(address)


def test_routings_are_forgotten_when_the_bureaus_change(db):
    from weiquan.orgs.models import Organisation

    address = "大同市平城区御河西路168号"
    assert route_addresses([address])[0].org_code == "140213"
    bureau = Organisation.objects.get(code="140213")
    bureau.active = False  # the bureau is merged away: its county now falls to the city's
    bureau.save()
    assert route_addresses([address])[0].org_code != "140213"
    assert asdict(route_addresses([address])[0]) == _fresh(address)
