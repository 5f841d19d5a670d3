"""A hand-built set of real-format Shanxi addresses routes to the right county bureau; ambiguous or unknown
addresses are never silently given a wrong code.

Reproduce the figures: `.venv/bin/pytest -q -s tests/test_routing_accuracy.py` (table on stdout and in
test-artifacts/routing_accuracy.txt)."""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path

import pytest

from weiquan.regions.loader import load_regions
from weiquan.regions.resolver import route_addresses

DATA = Path(__file__).resolve().parent / "data" / "routing"
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"


def read_tsv(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


ROWS = read_tsv("shanxi_addresses.tsv")
COUNTY_CODES = {row["expected_region_code"] for row in ROWS if row["note"].startswith("county:")}


def kind(row: dict[str, str]) -> str:
    return row["note"].split(":", 1)[0]


def test_the_set_covers_every_current_shanxi_county_twice(db):
    from weiquan.regions.models import Region

    current = set(Region.objects.filter(code__startswith="14", level=Region.Level.COUNTY, valid_to__isnull=True)
                  .values_list("code", flat=True))
    per_county = defaultdict(int)
    for row in ROWS:
        if kind(row) == "county":
            per_county[row["expected_region_code"]] += 1
    assert len(ROWS) >= 300
    assert current <= COUNTY_CODES
    assert min(per_county[code] for code in current) >= 2


@pytest.fixture
def results(db):
    load_regions("")  # every division of China, as a deployment loads them: names elsewhere make some ambiguous
    routings = route_addresses([row["address"] for row in ROWS])
    return list(zip(ROWS, routings, strict=True))


def _report(results) -> dict[str, dict[str, int]]:
    stats: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    lines = []
    for row, routing in results:
        for k in (kind(row), "ALL"):
            s = stats[k]
            s["rows"] += 1
            s["region_ok"] += routing.region_code == row["expected_region_code"]
            s["org_ok"] += routing.org_code == row["expected_org_code"]
            s["wrong_code"] += bool(routing.region_code) and routing.region_code != row["expected_region_code"]
        if routing.region_code != row["expected_region_code"] or routing.org_code != row["expected_org_code"]:
            lines.append(f"MISS\t{row['address']}\texpected {row['expected_region_code']}/{row['expected_org_code']}"
                         f"\tgot {routing.region_code}/{routing.org_code}\tcandidates {routing.candidates}"
                         f"\tmatched {routing.matched}\t{row['note']}")
    table = ["class\trows\tregion_acc\torg_acc\twrong_non_empty"]
    for k in sorted(stats, key=lambda k: (k == "ALL", k)):
        s = stats[k]
        table.append(f"{k}\t{s['rows']}\t{s['region_ok'] / s['rows']:.3f}\t{s['org_ok'] / s['rows']:.3f}"
                     f"\t{s['wrong_code']}")
    text = "\n".join(table + lines) + "\n"
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "routing_accuracy.txt").write_text(text, encoding="utf-8")
    print("\n" + text)
    return stats


def test_accuracy_is_at_least_95_percent_and_no_ambiguity_is_guessed(results):
    stats = _report(results)
    assert stats["ALL"]["region_ok"] / stats["ALL"]["rows"] >= 0.95
    assert stats["ALL"]["org_ok"] / stats["ALL"]["rows"] >= 0.95
    for k in ("county", "abolished", "zone"):
        assert stats[k]["region_ok"] / stats[k]["rows"] >= 0.95, k
    assert stats["ambiguous"]["wrong_code"] == 0
    assert stats["unknown"]["wrong_code"] == 0
    silently_guessed = [row["address"] for row, routing in results
                        if not row["expected_region_code"] and routing.region_code]
    assert silently_guessed == []


def test_ambiguous_names_offer_candidates(results):
    for row, routing in results:
        if kind(row) == "ambiguous":
            assert routing.region_code == "" and len(routing.candidates) >= 2, row["address"]


def test_every_current_county_of_china_resolves_from_province_city_and_county(db):
    """Beyond Shanxi: no county is lost to a namesake, an old code, or a municipality's old city; a county
    name alone is never routed to another place (it may be ambiguous with a recently abolished namesake)."""
    from weiquan.regions.models import Region
    from weiquan.regions.resolver import get_resolver

    load_regions("")
    resolver = get_resolver()
    regions = {r.code: r for r in Region.objects.all()}
    counties = [r for r in regions.values() if r.level == Region.Level.COUNTY and r.valid_to is None]
    lost, misrouted = [], []
    for county in counties:
        city = regions.get(county.parent_id or "")
        province = regions.get(city.parent_id or "") if city else None
        prefix = "".join(dict.fromkeys(r.name for r in (province, city) if r and r.level < Region.Level.COUNTY))
        if resolver.resolve(f"{prefix}{county.name}人民路1号").code != county.code:
            lost.append(county.code)
        alone = resolver.resolve(f"{county.name}某商店").code
        if alone and alone != county.code and not any(
                c.name == county.name for c in counties if c.code == alone):
            misrouted.append(county.code)
    assert len(counties) > 2800
    assert lost == []
    assert misrouted == []
