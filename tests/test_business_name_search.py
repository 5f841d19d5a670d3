"""Staff find a case by the part of the business name they remember: the name from its 字号 on, without
the province, city and county it starts with — on the search page and through the API, within their
jurisdiction only, for cases registered, imported or seeded."""

import re

from django.test import Client
from hypothesis import given
from hypothesis import strategies as st

from weiquan.lib.business_names import Divisions, trade_part
from weiquan.regions.names import business_short_name

NAMES = ("山西省", "山西", "大同市", "大同", "平城区", "太原市", "小店区")
DIVISIONS = Divisions(NAMES)


def numbers(html: str) -> list[str]:
    return re.findall(r'class="num" href="/staff/cases/(\d+)/"', html)


def search(user, term: str) -> list[str]:
    client = Client()
    client.force_login(user)
    return numbers(client.get("/staff/cases/", {"q": term}).content.decode())


def test_the_trade_name_finds_the_case_as_the_whole_name_does(make_case, pingcheng):
    car = make_case(business_name="大同市平城区龙城汽车销售服务有限公司")
    shop = make_case(business_name="聚源家居优选店")
    assert search(pingcheng, "龙城") == [car.number]
    assert search(pingcheng, "龙城汽车销售") == [car.number]
    assert search(pingcheng, "大同市平城区龙城") == [car.number]
    assert search(pingcheng, "聚源") == [shop.number]
    assert search(pingcheng, "汽车") == []  # the industry word inside the name is not where names start


def test_the_search_box_says_a_trade_name_will_do(pingcheng):
    client = Client()
    client.force_login(pingcheng)
    assert 'placeholder="案件编号、电话，或经营者全称、字号"' in client.get("/staff/cases/").content.decode()


def test_a_name_without_the_province_suffix_is_found_by_its_trade_name(make_case, pingcheng):
    case = make_case(business_name="山西大同 金源家具城")
    assert search(pingcheng, "金源") == [case.number]


def test_the_trade_name_search_keeps_to_the_jurisdiction(make_case, pingcheng, yungang):
    make_case(business_name="大同市平城区龙城汽车销售服务有限公司", route_to="140213")
    assert search(yungang, "龙城") == []


def test_the_api_finds_cases_by_trade_name(make_case, pingcheng, yungang, api_as):
    case = make_case(business_name="大同市平城区龙城汽车销售服务有限公司")
    found = api_as(pingcheng).get("/api/v1/cases", {"q": "龙城"}).json()["items"]
    assert [c["number"] for c in found] == [case.number]
    assert api_as(yungang).get("/api/v1/cases", {"q": "龙城"}).json()["items"] == []


def test_imported_cases_carry_the_short_name(db, tmp_path, pingcheng):
    from weiquan.cases.models import Case
    from weiquan.intake.importer.run import run_import
    from weiquan.intake.importer.sample import write_csv

    path = tmp_path / "export.csv"
    write_csv(path, 3, bad_every=0)
    assert run_import(path, progress=False, triage=False).imported == 3
    for name, short in Case.objects.values_list("business_name", "business_short_name"):
        assert name.startswith(("大同市", "太原市")) and short and name.endswith(short)
        assert short[:2] not in ("大同", "太原", "平城", "云冈", "小店")


def test_division_names_come_from_the_loaded_regions(db):
    assert business_short_name("大同市平城区龙城汽车销售服务有限公司") == "龙城汽车销售服务有限公司"
    assert business_short_name("山西省太原市小店区小店烧烤") == "小店烧烤"  # 小店 alone is not dropped
    assert business_short_name("聚源家居优选店") == ""
    assert business_short_name("") == ""


@given(st.lists(st.sampled_from([*NAMES, "龙城", "汽车", "店", " ", "（", "有限公司"]), max_size=8).map("".join))
def test_the_trade_part_is_the_end_of_the_name_with_no_division_left_in_front(name):
    part = trade_part(name, DIVISIONS)
    if part:
        assert name.strip().endswith(part) and len(part) >= 2
        assert trade_part(part, DIVISIONS) == ""
        assert not any(part.startswith(d) and len(part) - len(d) >= 2 for d in NAMES)


def test_the_migration_fills_the_short_names_of_the_cases_on_record(make_case):
    from importlib import import_module

    from django.apps import apps

    from weiquan.cases.models import Case

    car = make_case(business_name="大同市平城区龙城汽车销售服务有限公司")
    shop = make_case(business_name="聚源家居优选店")
    Case.objects.update(business_short_name="")  # as before the column existed
    from types import SimpleNamespace

    from django.db import connection

    editor = SimpleNamespace(connection=connection)  # all the step uses of a schema editor
    import_module("weiquan.cases.migrations.0008_business_short_name").fill_short_names(apps, editor)
    assert Case.objects.get(pk=car.pk).business_short_name == "龙城汽车销售服务有限公司"
    assert Case.objects.get(pk=shop.pk).business_short_name == ""


def test_the_api_finds_a_phone_as_people_type_it(make_case, pingcheng, api_as):
    case = make_case(complainant_phone="13900003333")
    for term in ("13900003333", "139 0000 3333", "+86 139-0000-3333"):
        found = api_as(pingcheng).get("/api/v1/cases", {"q": term}).json()["items"]
        assert [c["number"] for c in found] == [case.number], term
