"""The same complainant, the same business and a similar text within 30 days → a duplicate candidate,
shown with its reasons; found through the similarity index, not by comparing with every case."""

from datetime import timedelta

from django.utils import timezone

from weiquan.lib import uscc
from weiquan.triage.models import Triage

TEXT = "在红旗家具城购买的实木衣柜两个月后柜门开裂，商家拒绝退换，要求退货退款。"
USCC = uscc.complete("91140213MA0K12345")
AGAIN = "红旗家具城买的实木衣柜两个月柜门就开裂了，商家一直拒绝退换，请求协调退货退款！"


def _triage(case):
    return Triage.objects.get(case=case)


def test_same_person_business_and_text_is_a_duplicate_candidate(make_case):
    first = make_case(route_to="", description=TEXT)
    second = make_case(route_to="", description=AGAIN)
    [dup] = _triage(second).duplicates
    assert dup["number"] == first.number
    assert {"same_phone", "same_business", "similar_text"} <= set(dup["reasons"])


def test_another_complainant_is_not_a_duplicate(make_case):
    make_case(route_to="", description=TEXT)
    other = make_case(route_to="", description=AGAIN, complainant_phone="13900001111", complainant_name="李四",
                      complainant_address="太原市小店区")
    assert _triage(other).duplicates == []


def test_outside_thirty_days_is_not_a_duplicate(make_case):
    long_ago = timezone.now() - timedelta(days=45)
    make_case(route_to="", description=TEXT, received_at=long_ago)
    later = make_case(route_to="", description=AGAIN)
    assert _triage(later).duplicates == []


def test_a_different_dispute_with_the_same_business_is_not_a_duplicate(make_case):
    make_case(route_to="", description=TEXT)
    other = make_case(route_to="", description="上周在该店订购的餐桌迟迟不送货，定金也不退。", category="", problem="")
    assert _triage(other).duplicates == []


def test_a_near_copy_against_the_same_business_by_phone_variant_is_found(make_case):
    first = make_case(route_to="", description=TEXT)
    copy = make_case(route_to="", description=TEXT + "。", complainant_phone="13700002222")
    assert [d["number"] for d in _triage(copy).duplicates] == [first.number]


def test_a_near_copy_against_the_same_credit_code_under_another_name_is_found(make_case):
    first = make_case(route_to="", description=TEXT, business_uscc=USCC)
    copy = make_case(route_to="", description=TEXT + "。", complainant_phone="13700002222",
                     business_name="红旗家具大同分店", business_uscc=USCC)
    assert [d["number"] for d in _triage(copy).duplicates] == [first.number]


def test_a_near_copy_against_another_business_by_someone_else_is_not_a_duplicate(make_case):
    make_case(route_to="", description=TEXT)
    elsewhere = make_case(route_to="", description=TEXT + "。", complainant_phone="13700002222",
                          complainant_name="李四", business_name="太原市迎泽区金福家具城")
    assert _triage(elsewhere).duplicates == []


def test_a_duplicate_handled_by_another_bureau_is_named_but_not_opened(make_case, client, pingcheng, yungang):
    elsewhere = make_case(route_to="140214", description=TEXT)  # 云冈区 has it
    here = make_case(route_to="140213", description=AGAIN)
    client.force_login(pingcheng)
    panel = client.get(f"/staff/triage/{here.number}/").content.decode()
    assert elsewhere.number in panel  # worth knowing: the same complaint is already being handled
    assert f"/staff/cases/{elsewhere.number}/" not in panel  # but 平城区 may not open it
    from weiquan.triage.compute import triage_case

    triage_case(elsewhere, act=False)  # looked at again: now it sees the later one too
    client.force_login(yungang)
    panel = client.get(f"/staff/triage/{elsewhere.number}/").content.decode()
    assert here.number in panel and f"/staff/cases/{here.number}/" not in panel
