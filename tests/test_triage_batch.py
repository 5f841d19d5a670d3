"""The batch triage of the worker and of imports finds what triage of one case at a time finds: the same
suggestions, routing, duplicates, professional-claimant signals and group complaints."""

from weiquan.cases.models import Case
from weiquan.triage.batch import triage_cases
from weiquan.triage.compute import triage_case
from weiquan.triage.models import Triage, TriageGroup

GYM = [
    "去年在力美健身房办理年卡3680元，近日门店突然关闭，老板联系不上，要求退还剩余费用。",
    "力美健身办了私教课还剩20节，门店关门跑路了，退费无门。",
    "我在该健身房充值5000元，现在停业了，要求退卡退费。",
    "健身房突然关闭，年卡才用了两个月，请协调退还未消费金额。",
    "门店贴出停业通知，会员卡里的钱不退，老板电话打不通。",
]


def _scenario(make_case) -> list[Case]:
    cases = [make_case(route_to="", description=text, complainant_name=f"会员{i}",
                       complainant_phone=f"1390000{i:04d}", complainant_address=f"大同市平城区小区{i}号",
                       business_name="大同市平城区力美健身房", business_address="大同市平城区御河西路9号",
                       request="退费") for i, text in enumerate(GYM)]
    for i in range(10):  # one phone, many shops, three names: volume and shared phone
        cases.append(make_case(route_to="", description=f"在第{i}家超市买到过期食品48瓶，要求退一赔十。",
                               business_name=f"超市{i}", complainant_phone="13655556666",
                               complainant_name=("王一", "王二", "王三")[i % 3], business_address="太原市小店区长治路1号"))
    for phone in ("13511110001", "13511110002", "13511110003"):  # several phones at one address
        cases.append(make_case(route_to="", description="买到过期食品", complainant_phone=phone,
                               complainant_name=f"人{phone[-1]}", complainant_address="太原市小店区某公寓1单元101",
                               business_name="某超市"))
    cases.append(make_case(route_to="", business_address="", platform_name="晋商优选",  # a platform seller
                           platform_address="山西省太原市小店区长治路227号", business_name="某电器网店"))
    cases.append(make_case())  # the cracked wardrobe, twice by the same person: a duplicate
    cases.append(make_case(description="在平城区某家具城买的实木衣柜两个月柜门就开裂了，商家拒绝退换。"))
    cases.append(make_case(kind="consultation", route_to="", description="请问网购商品七天无理由退货怎么算？",
                           request=""))
    return cases


def _snapshot(cases):
    out = {}
    for t in Triage.objects.filter(case__in=cases).select_related("group"):
        out[t.case_id] = dict(
            kind=t.kind, category=t.category, problem=t.problem, request=t.request, org=t.org_code,
            region=t.region_code, candidates=t.routing_candidates, basis=t.routing_basis,
            alternatives=t.routing_alternatives,
            duplicates=sorted((d["case_id"], tuple(d["reasons"])) for d in t.duplicates),
            signals=sorted(tuple(sorted(s.items())) for s in t.signals),
            grouped=t.group is not None)
    return out


def test_batch_and_one_at_a_time_agree(make_case):
    cases = _scenario(make_case)
    for case in cases:  # every case indexed: each now sees all the others, as a batch does
        triage_case(case, act=False)
    one_by_one = _snapshot(cases)
    groups = TriageGroup.objects.count()

    assert triage_cases(list(Case.objects.filter(pk__in=[c.pk for c in cases])), act=False) == len(cases)
    assert _snapshot(cases) == one_by_one
    assert TriageGroup.objects.count() == groups == 1


def test_the_scenario_exercises_every_finding(make_case):
    cases = _scenario(make_case)
    triage_cases(cases, act=False)
    found = _snapshot(cases)
    assert sum(f["grouped"] for f in found.values()) == 5
    codes = {s[0][1] for f in found.values() for s in f["signals"]}
    assert {"volume", "shared_phone", "shared_address", "quantity", "punitive_with_quantity"} <= codes
    assert any(f["duplicates"] for f in found.values())
    assert found[cases[0].pk]["org"] == "140213"


def test_a_batch_replaces_earlier_triage_and_keeps_the_auto_routing_mark(make_case):
    case = make_case(route_to="")
    Triage.objects.filter(case=case).update(auto_routed=True, category="")
    triage_cases([case], act=False)
    triage = Triage.objects.get(case=case)
    assert triage.auto_routed and triage.category == "goods.daily.furniture"
    assert Triage.objects.filter(case=case).count() == 1


def test_a_batch_spread_over_months_finds_each_duplicate_in_its_own_weeks(make_case):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    def on(month, day):
        return datetime(2026, month, day, 10, tzinfo=ZoneInfo("Asia/Shanghai"))

    pairs = [(make_case(route_to="", received_at=on(m, 3)),
              make_case(route_to="", received_at=on(m, 9), description="在平城区某家具城买的实木衣柜两个月柜门就开裂了，商家拒绝退换。"))
             for m in (1, 5, 9)]
    everything = [c for pair in pairs for c in pair]
    triage_cases(list(Case.objects.filter(pk__in=[c.pk for c in everything])), act=False)
    for first, second in pairs:
        found = {d["case_id"] for d in Triage.objects.get(case=second).duplicates}
        assert found == {first.pk}  # the same complaint months apart is not a duplicate
