"""12345 hotline transfers: token per integration, idempotent on external_id, returns, field errors."""

import json
import threading

import pytest
from django.db import connection

from weiquan.cases.models import Case
from weiquan.intake.models import HotlineOrder

URL = "/api/v1/integrations/12345/orders"


def order(external_id="GD20260512000123", **over):
    body = {
        "external_id": external_id,
        "request": "退货,退赔费用", "problem": "质量问题",
        "business": {"name": "大同市平城区某家具城", "address": "大同市平城区御河西路168号"},
        "occurred": "3月2日", "amount": "6800",
        "description": "市民在该家具城购买实木床和衣柜，放置两个月后柜门开裂，商家称属正常现象拒绝退换。",
        "demand": "协调退货退款。",
        "caller": {"name": "王五", "phone": "13912345678", "address": "大同市平城区新建南路8号"},
        "limit_working_days": 5, "dispatched_at": "2026-11-20T09:30:00+08:00",
    }
    body.update(over)
    return body


@pytest.fixture
def hotline(db):
    from weiquan.orgs.models import User

    return User.objects.get(username="hotline12345")


def post(client, body):
    return client.post(URL, json.dumps(body), content_type="application/json")


def test_same_order_three_times_is_one_case(api_as, hotline, clerk):
    client = api_as(hotline)
    first = post(client, order())
    assert first.status_code == 201, first.content
    again = [post(client, order()) for _ in range(2)]
    assert [r.status_code for r in again] == [200, 200]
    numbers = {r.json()["case"]["number"] for r in [first, *again]}
    assert len(numbers) == 1
    case = Case.objects.get(number=numbers.pop())
    assert case.channel == "12345" and case.intake_org.code == "140000-12315"
    assert case.kind == "complaint"
    kinds = {c["kind"]: c for c in first.json()["case"]["clocks"]}
    assert kinds["hotline"]["state"] == "running"
    assert first.json()["hotline_due"]
    assert case.events.get(seq=1).payload["external_id"] == "GD20260512000123"
    assert "主要诉求：协调退货退款。" in case.description


def test_hotline_limit_kept_beside_statutory_clock(api_as, hotline, clerk):
    from weiquan.cases.services import ActionInput, apply_action

    body = post(api_as(hotline), order("GD-CLOCKS")).json()
    case = Case.objects.get(number=body["case"]["number"])
    apply_action(clerk, case, ActionInput(action="route", org="140213"))
    kinds = sorted(case.clocks.values_list("kind", flat=True))
    assert kinds == ["acceptance", "hotline"]
    hotline_clock = case.clocks.get(kind="hotline")
    assert hotline_clock.unit == "wd" and hotline_clock.length == 5
    assert hotline_clock.start.isoformat() == "2026-11-20"


def test_no_token_is_401_and_other_roles_403(client, api_as, clerk):
    assert post(client, order()).status_code == 401
    response = post(api_as(clerk), order())
    assert response.status_code == 403
    assert "integration" in response.json()["detail"]
    assert not HotlineOrder.objects.exists()


def test_malformed_order_is_422_with_field_errors(api_as, hotline):
    client = api_as(hotline)
    response = post(client, {"external_id": "bad id with spaces", "amount": "-3", "limit_working_days": 0})
    assert response.status_code == 422
    fields = {e["field"] for e in response.json()["detail"]}
    assert {"external_id", "description", "amount", "limit_working_days"} <= fields
    response = post(client, order("GD-MISSING", caller={"name": "", "phone": "123", "address": ""}))
    assert response.status_code == 422
    fields = {e["field"] for e in response.json()["detail"]}
    assert {"caller.name", "caller.phone", "caller.address"} <= fields
    assert not Case.objects.filter(channel="12345").exists()
    assert not HotlineOrder.objects.exists()  # nothing half-stored: the same order may be sent again fixed


def test_order_with_nul_bytes_is_cleaned_not_500(api_as, hotline):
    response = post(api_as(hotline), order("GD-NUL", description="柜门\u0000开裂，商家拒绝退换"))
    assert response.status_code == 201
    assert "\x00" not in Case.objects.get(number=response.json()["case"]["number"]).description


@pytest.mark.parametrize("text, rule", [
    ("兼职三天不给工资，老板拖欠工资不还", "wages"),
    ("小区物业不修电梯，门禁坏了无人管", "property"),
    ("燃气管道施工把小区道路挖坏了", "gas_works"),
])
def test_orders_outside_market_regulation_are_returned(api_as, hotline, text, rule):
    client = api_as(hotline)
    body = order(f"GD-RET-{rule}", description=text, request="", problem="其他", demand="")
    response = post(client, body)
    assert response.status_code == 201
    data = response.json()
    assert data["returned"] is True and data["reason"] and data["case"] is None
    assert post(client, body).json()["returned"] is True  # idempotent too
    assert HotlineOrder.objects.get(external_id=f"GD-RET-{rule}").returned
    assert not Case.objects.filter(channel="12345").exists()


def test_property_fee_pricing_issue_is_ours(api_as, hotline):
    body = order("GD-PRICE", request="", problem="不执行政府指导价", demand="",
                 description="XX小区物业 市民认为该小区节假日停车收费标准不合理，要求核实收费是否合规。")
    data = post(api_as(hotline), body).json()
    assert data["returned"] is False and data["case"]["kind"] == "report"


def test_concurrent_duplicates_make_one_case(django_db_blocker):
    """Real commits from several threads (no test transaction); the rows are removed afterwards."""
    from django.test import Client

    from weiquan.cases.models import CaseEvent
    from weiquan.deadlines.models import Clock
    from weiquan.orgs.models import ApiToken, User

    with django_db_blocker.unblock():
        if connection.vendor == "sqlite":
            pytest.skip("SQLite serialises writers; the race needs PostgreSQL")
        token, raw = ApiToken.issue(User.objects.get(username="hotline12345"))
        results = []
        barrier = threading.Barrier(6)

        def send():
            from django.db import connections

            try:
                barrier.wait()
                client = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
                results.append(post(client, order("GD-RACE")).status_code)
            finally:
                connections.close_all()

        threads = [threading.Thread(target=send) for _ in range(6)]
        try:
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            assert sorted(results) == [200] * 5 + [201]
            assert HotlineOrder.objects.filter(external_id="GD-RACE").count() == 1
            assert Case.objects.filter(hotline_order__external_id="GD-RACE").count() == 1
        finally:
            ids = list(HotlineOrder.objects.filter(external_id="GD-RACE").values_list("case_id", flat=True))
            HotlineOrder.objects.filter(external_id="GD-RACE").delete()
            Clock.objects.filter(case_id__in=ids).delete()
            CaseEvent.objects.filter(case_id__in=ids)._raw_delete(CaseEvent.objects.db)
            Case.objects.filter(pk__in=ids).delete()
            token.delete()


def test_an_order_about_a_platform_seller_keeps_the_platform_for_routing(api_as, hotline):
    from weiquan.triage.models import Triage

    body = order("GD20260512000999", business={"name": "某电器网店", "platform_name": "晋商优选",
                                               "platform_address": "山西省太原市小店区长治路227号"})
    response = post(api_as(hotline), body)
    assert response.status_code == 201, response.content
    case = Case.objects.get(number=response.json()["case"]["number"])
    assert (case.platform_name, case.platform_address) == ("晋商优选", "山西省太原市小店区长治路227号")
    triage = Triage.objects.get(case=case)
    assert (triage.org_code, triage.routing_basis) == ("140105", "platform_domicile")
