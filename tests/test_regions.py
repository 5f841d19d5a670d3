"""Division codes are current (平城区, 云冈区) and abolished codes stay resolvable to their successor."""

from weiquan.regions.models import Region


def test_current_datong_districts_exist(db):
    assert Region.objects.get(code="140213").name == "平城区"
    assert Region.objects.get(code="140214").name == "云冈区"
    assert Region.objects.get(code="140213").is_current


def test_abolished_codes_resolve_to_todays_county(db):
    old_city_district = Region.objects.get(code="140202")  # 大同市城区, abolished 2018
    assert not old_city_district.is_current
    assert old_city_district.current().code == "140213"
    assert Region.objects.get(code="140203").current().code == "140214"  # 矿区
    assert Region.objects.get(code="140211").current().code == "140214"  # 南郊区


def test_all_eleven_shanxi_cities_are_current(db):
    cities = Region.objects.filter(parent_id="140000", level=Region.Level.CITY, valid_to__isnull=True)
    assert sorted(c.name for c in cities) == sorted(
        ["太原市", "大同市", "阳泉市", "长治市", "晋城市", "朔州市", "晋中市", "运城市", "忻州市", "临汾市", "吕梁市"])
