"""Business addresses resolve to today's county code; ambiguity gives candidates, never a guess."""

import pytest

from weiquan.regions.resolver import route_addresses

CASES = [
    ("大同市平城区御河西路168号 某家具城", "140213", "140213"),
    ("大同平城区某家具城", "140213", "140213"),
    ("平城区某家具城", "140213", "140213"),
    ("山西省大同市城区新建路", "140213", "140213"),  # 城区 was abolished in 2018 → 平城区
    ("大同云冈区", "140214", "140214"),
    ("太原市迎泽区长治路5号", "140106", "140106"),  # 长治路 is a street, not 长治市
    ("太原小店区", "140105", "140105"),
    ("晋中市榆次区", "140702", "140702"),
    ("山西省晋中市太谷县", "140703", "140703"),  # 太谷县 became 太谷区
]


@pytest.mark.parametrize(("address", "region", "org"), CASES)
def test_shanxi_addresses_route_to_the_county_bureau(db, address, region, org):
    [routing] = route_addresses([address])
    assert (routing.region_code, routing.org_code) == (region, org)


def test_ambiguous_district_gives_candidates_not_a_guess(db):
    from weiquan.regions.loader import load_regions

    load_regions("11")
    load_regions("22")
    [routing] = route_addresses(["朝阳区建国路88号"])
    assert routing.region_code == ""
    assert set(routing.candidates) >= {"110105", "220104"}
    [routing] = route_addresses(["北京市朝阳区建国路88号"])
    assert routing.region_code == "110105"


def test_development_zone_routes_to_its_own_bureau(db):
    [routing] = route_addresses(["大同经济技术开发区湖东路1号"])
    assert routing.org_code == "140271Z"


def test_unknown_address_is_unresolved(db):
    [routing] = route_addresses(["老板为女性、戴眼镜的门口小店"])
    assert routing.region_code == "" and routing.org_code == ""
    assert routing.candidates == ["140105"]  # 小店 might be 小店区: offered, not chosen
