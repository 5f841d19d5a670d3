"""Art. 17 indicators of a possible professional claimant are shown to the handler with their reasons —
and nothing more: the case is registered, routed and handled like any other."""

from weiquan.triage.models import Triage


def _codes(case):
    return {s["code"] for s in Triage.objects.get(case=case).signals}


def test_many_complaints_from_one_phone_raise_a_volume_signal(make_case):
    for i in range(9):
        make_case(route_to="", description=f"在第{i}家超市买到过期食品，要求退一赔十。",
                  business_name=f"超市{i}", complainant_phone="13655556666")
    case = make_case(description="又买到过期面包，要求十倍赔偿。", business_name="超市X", complainant_phone="13655556666")
    [volume] = [s for s in Triage.objects.get(case=case).signals if s["code"] == "volume"]
    assert volume["count"] == 10 and volume["days"] == 90
    assert case.state == "routed"  # a signal never stops the case


def test_several_names_on_one_phone(make_case):
    for name in ("王一", "王二", "王三"):
        case = make_case(description="买到过期食品", complainant_name=name, complainant_phone="13577778888",
                         business_name="某超市")
    assert "shared_phone" in _codes(case)


def test_several_phones_at_one_address(make_case):
    for phone in ("13511110001", "13511110002", "13511110003"):
        case = make_case(description="买到过期食品", complainant_phone=phone, complainant_name=f"人{phone[-1]}",
                         complainant_address="太原市小店区某公寓1单元101", business_name="某超市")
    assert "shared_address" in _codes(case)


def test_an_out_of_line_quantity_is_flagged_with_the_demand(make_case):
    case = make_case(description="在该超市一次购买过期白酒48瓶，要求退一赔十。", business_name="某超市")
    signals = Triage.objects.get(case=case).signals
    assert {"code": "quantity", "quantity": 48, "unit": "瓶"} in signals
    assert "punitive_with_quantity" in _codes(case)


def test_an_ordinary_complaint_has_no_signal(make_case):
    assert _codes(make_case()) == set()
