"""Sellers on platforms go to the bureau of the address they show, else to the platform's domicile; a platform
or own-website seller to its own domicile (Art. 13, 31). The set is tests/data/routing/platform_sellers.tsv."""

from __future__ import annotations

import csv
from pathlib import Path

from weiquan.lib.jurisdiction import DOMICILE, PLATFORM_DOMICILE, SELLER_ADDRESS, competent_place
from weiquan.regions.loader import load_regions
from weiquan.regions.resolver import route_business

DATA = Path(__file__).resolve().parent / "data" / "routing" / "platform_sellers.tsv"
with DATA.open(encoding="utf-8", newline="") as _handle:
    ROWS = list(csv.DictReader(_handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def test_the_set_has_at_least_twenty_rows():
    assert len(ROWS) >= 20


def test_platform_sellers_route_to_the_competent_bureau(db):
    load_regions("")  # platforms are domiciled all over China
    wrong = []
    for row in ROWS:
        routing = route_business(row["seller_address"], row["platform_address"] or None,
                                 is_platform=row["is_platform"] == "1",
                                 seller_unreachable=row["seller_unreachable"] == "1")
        got = (routing.region_code, routing.org_code, routing.basis)
        if got != (row["expected_region_code"], row["expected_org_code"], row["expected_basis"]):
            wrong.append((row["note"], got))
    print(f"\nplatform sellers: {len(ROWS) - len(wrong)}/{len(ROWS)} routed as expected")
    assert wrong == []


def test_the_platform_domicile_bureau_is_also_competent_for_a_seller_with_an_address(db):
    routing = route_business("大同市平城区御河西路168号某家具城", "山西省晋中市榆次区某团购平台")
    assert routing.org_code == "140213"
    assert routing.alternative_orgs == ["140702"]


def test_the_rule_alone_needs_no_database():
    def resolves(address):
        return address.startswith("大同")

    assert competent_place("大同市平城区", resolves=resolves, platform_address="杭州").basis == SELLER_ADDRESS
    assert competent_place("", resolves=resolves, platform_address="杭州").address == "杭州"
    assert competent_place("月球", resolves=resolves, platform_address="杭州").basis == PLATFORM_DOMICILE
    assert competent_place("大同市平城区", resolves=resolves, platform_address="杭州",
                           seller_unreachable=True).address == "杭州"
    assert competent_place("杭州", resolves=resolves, is_platform=True).basis == DOMICILE
